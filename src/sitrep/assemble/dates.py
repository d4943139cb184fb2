"""Which day an event happened: its own date, the story's for a main event, read as an analyst
reads a report (ACLED: the day the event happened; when only the report's day is known, that day).

A report's relative words ("today", "overnight") and its date stamp belong to the report, not
always to its publication date: "sources said on Friday" in a page dated Saturday makes Friday the
day its "overnight" names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Token

from sitrep.assemble.clauses import opens_a_period, said_on
from sitrep.assemble.merge import story_date
from sitrep.assemble.records import Draft, Findings, Tree, clock_only, date_stamp, report_day_word
from sitrep.assemble.stated import past_the_statement
from sitrep.model import DatePrecision, EventRole, TimeExpression
from sitrep.nlp import doc_text

STALE_DAYS = 30  # a main event dated this long before its report took a recalled date
OWN_DAY_DAYS = 7  # a report's news is at most a week old when it names only a weekday
REPORT_DAY_CHARS = 1500  # the lead paragraphs, where a report says on which day it was told
REPORT_DAY_LAG = 2  # a page dated a day or two after its statements were made (a wire's next-day page)


def event_day(findings: Findings, draft: Draft, role: EventRole) -> TimeExpression | None:
    """The time expression that dates one event, or None for the publication date.

    A main event is news: a recalled date months old gives way to the story's recent day, a
    report's date stamp to the earlier day its sentences name, and the report's own relative
    words are read on the day the report gives for its statements."""
    published = findings.article.published
    when = draft.date
    if role is not EventRole.MAIN:
        return when
    tree = Tree(findings.doc)
    if when is None or stale(when, published) or _period_begun(findings, draft, when):
        when = story_date(findings, draft, tree)  # the news is recent; a recall or a period's start is not
    elif _coarse(when, draft):  # the news has a day: the story's, else the report's, unless its own
        when = story_date(findings, draft, tree) or (when if _told_first(when, draft) else None)
    when = _own_day(findings, draft, when)
    when = past_the_statement(findings, draft, when, tree)
    when = _after_what_it_followed(draft, when, tree)
    when = before_the_response(draft, when, tree)
    return on_report_day(findings, _counted_from(draft, when), tree)


def lead_day(findings: Findings, draft: Draft) -> date | None:
    """The day a lead with no day of its own will be coded on as the main event (the story's
    recent day), so that roles weigh the other events against it, not the page's date."""
    when = event_day(findings, draft, EventRole.MAIN)
    return when.start_date if when is not None and when.precision is DatePrecision.DAY else None


# Verbs of a response to what happened before it: a search or rescue, a visit to the bereaved, a
# decree of emergency. Their day is the response's; the deed they answer came first.
RESPONSES = frozenset("hunt search comb rescue free visit travel console declare impose".split())


def before_the_response(draft: Draft, when: TimeExpression | None, tree: Tree) -> TimeExpression | None:
    """ "Police were hunting on Saturday for gunmen who abducted nine people", "on Saturday freed eight
    passengers kidnapped on the road", "declared a state of emergency on Thursday, after 15 people were
    killed": the day dates the response, and the event, told only in a clause under it and after the
    day, came before it; the report gives no other day, and the deed is dated the day before."""
    if when is None or when.start_date is None or when.precision is not DatePrecision.DAY:
        return when
    tok = tree.parsed(when.span)
    if tok is None:
        return when
    verb = _verb_of(tok)
    if verb.lemma_ not in RESPONSES:
        return when
    told = [
        tree.parsed(m.trigger) for m in draft.mentions if m.sentence.start <= when.span.start < m.sentence.end
    ]
    clauses = [_clause_under(t, verb) for t in told if t is not None]
    if not clauses or any(c is None or tok.i >= c.left_edge.i for c in clauses):
        return when  # an event word outside such a clause, or the day told with the event, not before it
    return shifted(when, -1)


def _verb_of(tok: Token) -> Token:
    """The verb a day hangs on ("on Saturday" -> "on" -> "freed")."""
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _circumstance(clause: Token) -> bool:
    """ "When crowds stormed", "a gunfight in which five were killed", "the riots during which crowds
    looted": a relative clause that tells the moment or the course of its noun, not a deed before."""
    return any(
        (c.dep_ == "advmod" and c.lower_ in ("when", "where", "as"))
        or (c.dep_ == "prep" and any(g.lower_ in ("which", "whom") for g in c.children))
        for c in clause.children
    )


def _clause_under(trigger: Token, verb: Token) -> Token | None:
    """The past clause under the day's verb that holds an event word: a relative clause ("gunmen who
    abducted"), a past participle ("passengers kidnapped"), an "after" clause ("after 15 people were
    killed"); None when the event word is the verb's own or hangs on it otherwise."""
    for tok in [trigger, *trigger.ancestors]:
        if tok.i == verb.i:
            return None
        after = tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("after", "following") for c in tok.children
        )
        relative = tok.dep_ == "relcl" and not _circumstance(tok)
        if (after or relative or tok.dep_ == "acl") and tok.tag_ in ("VBD", "VBN"):
            return tok if verb in tok.ancestors else None
    return None


def _after_what_it_followed(draft: Draft, when: TimeExpression | None, tree: Tree) -> TimeExpression | None:
    """ "The clashes followed the arrest a day earlier of two mayors", "in revenge for the killing of
    four Israelis a day earlier": a day counted back that closes the noun of what the event followed
    dates that happening; the event, told by another word, is on the day it was counted from."""
    if when is None or when.start_date is None or (back := _COUNTED_BACK.fullmatch(when.span.text)) is None:
        return when
    tok = tree.parsed(when.span)
    before = None if tok is None else _what_came_before(tok.head)
    if before is None:
        return when
    told = next((m for m in draft.mentions if m.sub_event_type), draft.mentions[0]).trigger
    if told.start <= before.idx < told.end:
        return when  # the arrest itself is the event: the day counted back is its own
    return shifted(when, _GAP_DAYS[(back.group("n") or "a").lower()])


def _what_came_before(word: Token) -> Token | None:
    """The noun of what an event followed: "followed the arrest", "it follows a bombing", "in revenge
    for the killing", "after the raid"."""
    if word.lemma_ == "follow":
        return next((c for c in word.children if c.dep_ == "dobj"), None)
    if word.pos_ != "NOUN":
        return None
    if word.dep_ == "dobj" and word.head.lemma_ == "follow":
        return word
    return word if word.dep_ == "pobj" and word.head.lower_ in ("after", "for", "following") else None


_COUNTED_BACK = re.compile(
    r"(?:(?P<n>a|one|two|three)\s+days?\s+(?:earlier|before)|the\s+(?:day|night|evening)\s+before"
    r"|the\s+previous\s+(?:day|night|evening))",
    re.I,
)


def _counted_from(draft: Draft, when: TimeExpression | None) -> TimeExpression | None:
    """ "The attack came a day after the RSF announced on Thursday a truce": the day a sentence
    names is the other happening's, and the event's is counted from it (Friday); "tense on
    Wednesday, a day after five men were abducted": the abduction was on Tuesday."""
    if when is None or when.start_date is None or when.precision is not DatePrecision.DAY:
        return when
    for mention in draft.mentions:
        sentence = mention.sentence
        if not sentence.start <= when.span.start < sentence.end:
            continue
        for gap in _DAYS_APART.finditer(sentence.text):
            at = sentence.start + gap.start()
            days = _GAP_DAYS[gap.group("n").lower()] * (1 if gap.group("dir").lower() == "after" else -1)
            if mention.trigger.start < at < when.span.start:  # the event, then "a day after", then the day
                return shifted(when, days)
            if when.span.start < at < mention.trigger.start:  # the day, then "a day after", then the event
                return shifted(when, -days)
    return when


_GAP_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3}
_DAYS_APART = re.compile(
    r"\b(?:(?:just|only|barely|exactly)\s+)?(?P<n>a|one|two|three)\s+days?\s+(?P<dir>after|before)\b", re.I
)


def shifted(when: TimeExpression, days: int) -> TimeExpression:
    """The same expression ``days`` later (earlier when negative), its TIMEX value moved with it."""
    assert when.start_date is not None
    day = when.start_date + timedelta(days=days)
    return replace(when, start_date=day, value=day.isoformat() + when.value[10:])


def _coarse(when: TimeExpression, draft: Draft) -> bool:
    """ "Last week", "earlier in December": a main event so dated may have taken a recalled
    event's period, unless the period names the event."""
    return when.precision in (DatePrecision.WEEK, DatePrecision.MONTH) and draft.named_date is None


def _period_begun(findings: Findings, draft: Draft, when: TimeExpression) -> bool:
    """ "50 people have been killed in fighting since August 9": a period's start told beside the
    news, unless in the sentence that first tells it ("Since Thursday, the offensive has killed
    60 people": the offensive began then)."""
    return opens_a_period(doc_text(findings.doc), when) and not _told_first(when, draft)


def _told_first(when: TimeExpression, draft: Draft) -> bool:
    """The period is in the sentence that first tells the event ("looted shops ... last week,
    residents said"): the report gives no day, and the week is the event's (ACLED: week precision)."""
    first = min(draft.mentions, key=lambda m: m.trigger.start).sentence
    return first.start <= when.span.start < first.end


def stale(when: TimeExpression, published: date) -> bool:
    return when.start_date is not None and (published - when.start_date).days > STALE_DAYS


def named_long_ago(draft: Draft, published: date) -> bool:
    return (named := draft.named_date) is not None and stale(named, published)


def _own_day(findings: Findings, draft: Draft, when: TimeExpression | None) -> TimeExpression | None:
    """A report's own date stamp ("Yaounde, November 11 (Xinhua):", "Sept. 3, 2024") dates the
    report: when the event's sentences, or else the lead, name an earlier recent day ("on Monday
    (September 2)", "on Tuesday evening", "the raid happened on Sunday"), the event happened then."""
    published = findings.article.published
    if when is None or when.start_date != published or not date_stamp(when.span.text):
        return when
    days = [
        t
        for c in draft.clauses
        for t in c.times
        if t.precision is DatePrecision.DAY
        and t.start_date is not None
        and 0 < (published - t.start_date).days <= OWN_DAY_DAYS
        and not clock_only(t.span.text)
    ]
    if days:
        return min(days, key=lambda t: t.span.start)
    unstamped = [t for t in findings.times if not date_stamp(t.span.text)]
    lead = story_date(replace(findings, times=unstamped), draft, Tree(findings.doc))
    earlier = lead is not None and lead.start_date is not None and lead.start_date < published
    return lead if earlier and not clock_only(lead.span.text) else when


def report_day(findings: Findings, tree: Tree) -> date | None:
    """The day a report's statements were made, when its lead gives one a day or two before the
    page's date ("Russia's Defence Ministry said on Friday" on a Saturday page); else None."""
    published, text = findings.article.published, doc_text(findings.doc)
    for t in findings.times:
        if t.span.start > REPORT_DAY_CHARS:
            break
        if t.precision is not DatePrecision.DAY or t.start_date is None or not said_on(text, tree, t):
            continue
        lag = (published - t.start_date).days
        return t.start_date if 0 < lag <= REPORT_DAY_LAG else None  # the first statement's day
    return None


def on_report_day(findings: Findings, when: TimeExpression | None, tree: Tree) -> TimeExpression | None:
    """ "Overnight", "today", "this morning" name the report's day, which a page dated later is not:
    in a Saturday page whose sources "said on Friday", "the overnight air raid" is Friday's."""
    if when is None or when.start_date != findings.article.published or not report_day_word(when):
        return when
    day = report_day(findings, tree)
    if day is None:
        return when
    return shifted(when, (day - findings.article.published).days)
