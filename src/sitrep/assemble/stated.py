"""The day a statement was made is not the day of what it tells: "the army confirmed on Tuesday
that two civilians were killed", "described on Friday as a trap", "in a statement on Monday",
"as of Tuesday, the toll stood at 14". Nor is the day of a deed told in the past perfect, which
a report recalls from before its news ("A day earlier, on Monday, Ukraine had charged him", "On
Wednesday, Thailand had pulled its ambassador"). When such a day dates a main event and its
sentences or lead name another recent day, the event happened then (ACLED: the day of the event,
the report's only when no other is told).

Only the choice of the date reads these words; clauses keep them, so what is grouped with what
does not change ("said on", read at attachment, stays in ``clauses.when_said``)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from sitrep.assemble.merge import story_date
from sitrep.assemble.records import Draft, Findings, Tree, clock_only, date_stamp
from sitrep.model import DatePrecision, TimeExpression
from sitrep.nlp import doc_text

RECENT_DAYS = 7  # the other day a statement points back to is at most a week before the page

# The words right before a day that make it a telling's or a tally's: "confirmed on Tuesday that",
# "described on Friday as", "in a statement issued late Sunday", "in a post on X on Monday", "As of
# Tuesday, the toll stood at 14". Verbs of telling that ``clauses.when_said`` leaves to the clauses
# (they may name the event: "announced an offensive"), read only right before their day.
_STATED_BEFORE = re.compile(
    r"(?:\b(?:(?:announced|confirmed|disclosed|revealed)(?:\s+(?:this|it|the\s+\w+))?|described|reported|tweeted"
    r"|posted|published|issued|acknowledged|admitted|alleged|explained|noted|claimed|speaking|spoke)"
    r"|\b(?:statement|post(?:\s+on\s+\w+)?|briefing|communiqu[eé]|press\s+conference|interview)"
    r"(?:\s+(?:issued|released|posted|published|made))?)"
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?$|\b[Aa]s\s+of\s+$"
)
_POSSESSIVE = re.compile(r"['’]s\b")  # "no statement on Tuesday's incident": the day of the deed


def stated_on(text: str, when: TimeExpression) -> bool:
    """Whether a day dates a statement or a tally, not a deed."""
    start, end = when.span.start, when.span.end
    return bool(_STATED_BEFORE.search(text, max(0, start - 60), start)) and not _POSSESSIVE.match(text, end)


# Verbs whose that-clause tells the news in the past perfect ("police said gunmen had stormed the
# village on Sunday"): there the tense is reported speech, not a recall.
_TELLING = frozenset("say tell report add state confirm announce claim allege explain write".split())


def recalled(tree: Tree, when: TimeExpression) -> bool:
    """Whether a day dates a deed a sentence's main clause tells in the past perfect ("had pulled",
    "had been killed"), not in a speaker's words nor in a relative clause that retells the news."""
    tok = tree.parsed(when.span)
    if tok is None:
        return False  # the day lies in text the parse left blank (a sentence far from any event word)
    for _ in range(3):  # "on Monday" -> "on" -> the verb
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    main = tok.dep_ == "ROOT" or (
        tok.dep_ == "conj" and tok.head.dep_ == "ROOT"
    )  # not "the men they had kidnapped"
    return main and tok.tag_ == "VBN" and _had(tok) and not any(a.lemma_ in _TELLING for a in tok.ancestors)


def _had(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def told_on(tree: Tree, when: TimeExpression) -> bool:
    """ "On Tuesday, Libya's government said it had regained Abu Salim": a day that opens a
    sentence whose subject then tells something dates the telling."""
    tok = tree.parsed(when.span)
    if tok is None:
        return False
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.lemma_ not in _TELLING | {"speak"} or tok.idx <= when.span.end:
        return False
    return any(c.dep_ == "nsubj" and when.span.end <= c.idx < tok.idx for c in tok.children)


def _other_act(text: str, tree: Tree, when: TimeExpression) -> bool:
    return stated_on(text, when) or told_on(tree, when) or recalled(tree, when)


def past_the_statement(
    findings: Findings, draft: Draft, when: TimeExpression | None, tree: Tree
) -> TimeExpression | None:
    """A main event dated by a statement's day, or a recalled deed's, takes the first other recent day its sentences name
    ("confirmed on Tuesday that ... the raid on December 12"), else the lead's (as ``dates._own_day``
    reads it, with no calendar stamp); else the statement's day stands (what was told had happened by then)."""
    if when is None or when.precision is not DatePrecision.DAY or when.start_date is None:
        return when
    text = doc_text(findings.doc)
    if not _other_act(text, tree, when):
        return when
    published = findings.article.published

    def deed_day(t: TimeExpression) -> bool:
        return (
            t.precision is DatePrecision.DAY
            and t.start_date is not None
            and 0 <= (published - t.start_date).days <= RECENT_DAYS
            and not clock_only(t.span.text)
            and not _other_act(text, tree, t)
            and not (t.start_date == published and date_stamp(t.span.text))  # the page's own stamp
        )

    own = [t for c in draft.clauses for t in c.times if deed_day(t)]
    if own:
        return min(own, key=lambda t: t.span.start)
    told = [t for t in findings.times if not _other_act(text, tree, t) and not date_stamp(t.span.text)]
    lead = story_date(replace(findings, times=told), draft, tree)
    return lead if lead is not None and deed_day(lead) and not _PAGE_AGE.match(lead.span.text) else when


_PAGE_AGE = re.compile(
    r"\d+\s+\w+\s+ago$"
)  # "The Associated Press 2 days ago": the page's age, not a day told
