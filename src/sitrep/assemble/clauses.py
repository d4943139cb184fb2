"""Clauses: the triggers of one sentence that are close in its tree, with the findings
(times, places, actors, tolls, victims) attached to the nearest of them."""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Token

from sitrep.assemble.actor_vote import actor_role, is_speaker, speaker_is_subject
from sitrep.assemble.records import Clause, Findings, Tree
from sitrep.events import STRONG, EventMention
from sitrep.model import DatePrecision, Span, TimeExpression, Toponym
from sitrep.nlp import doc_text


def find_clauses(findings: Findings, tree: Tree) -> list[Clause]:
    groups = _group_mentions(findings.mentions, tree)
    clauses = [Clause(mentions=g) for g in groups]
    owner = _Owner(clauses, tree)
    published = findings.article.published
    text = doc_text(findings.doc)
    for t in findings.times:
        if _story_relative(t) or said_on(text, tree, t):
            continue
        if t.start_date is not None and t.start_date > published:
            continue  # "talks frozen until the end of 2028": a report codes what has happened
        c, distance = owner.nearest(t.span)
        if c is not None:
            c.times.append(t)
            c.time_distance[t.span.start] = distance
    for topo in findings.toponyms:
        if _NOT_THE_SCENE.search(text, max(0, topo.span.start - 60), topo.span.start):
            continue  # "fled across the border into the DRC", "told a press conference in Maputo"
        if _BEARING.search(text, max(0, topo.span.start - 40), topo.span.start) and _other_town(
            topo, findings
        ):
            continue  # "south of the capital Mogadishu ... the town of Jilib": a landmark, not the scene
        root = tree.root(topo.span)
        if (_is_locative(root) or _named_among(root, text)) and (c := owner.of(topo.span)) is not None:
            c.toponyms.append(topo)
    for fat in findings.fatalities:
        if fat.span is not None and (c := owner.of(fat.span)) is not None:
            c.fatalities.append(fat)
    for victim in findings.victims:
        if (c := owner.of(victim)) is not None:
            c.victims.append(victim)
    for actor in findings.actors:
        if (c := owner.of(actor.span)) is None:
            continue
        if actor.actor.type == "Government" and "Agreement" not in c.strong_subs:
            continue  # governments sign agreements; they do not fire shells
        if is_speaker(doc_text(findings.doc), actor, tree):
            if speaker_is_subject(c, tree):  # "the FSB said it had arrested three men"
                c.actors.append((actor, "actor1", 1.0))
            continue
        role, weight = actor_role(actor, c, tree)
        c.actors.append((actor, role, weight))
    # Context clauses ("a series of strikes since October") took their own findings
    # away from the event's clauses above; now they go.
    return [c for c in clauses if not all(m.aggregate for m in c.mentions) and not _only_context(c)]


_LOCATIVE_PREPS = {
    "in",
    "near",
    "at",
    "outside",
    "on",
    "into",
    "across",
    "around",
    "inside",
    "within",
    "of",
    "from",
    "between",
    "towards",
    "toward",
    "through",  # "marched through London", "rampaged through the town"
    "throughout",
}


# Where people went afterwards, or where a statement was made, is not where the event happened.
_BEARING = re.compile(
    r"(?<!the )\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of\s+"
    r"(?:the\s+)?(?:(?:capital|city|town|port),?\s+)?$",
    re.I,
)


def _other_town(landmark: Toponym, findings: Findings) -> bool:
    """Another town named in the landmark's sentence or the next, which is then the scene."""
    end = landmark.span.end + 400
    return any(
        t is not landmark
        and t.location is not None
        and t.location.feature not in ("country", "admin1", "admin2", "region")
        and landmark.span.end < t.span.start < end
        for t in findings.toponyms
    )


_NOT_THE_SCENE = re.compile(
    r"(?:(?:across|over) the border (?:in)?to|(?:fled|withdrew|retreated|escaped|returned|headed|heading) "
    r"(?:back )?(?:in)?to(?:wards?)?|(?:taken|moved|rushed|referred|transferred|evacuated|airlifted|flown) "
    r"(?:\w+ ){0,3}to|press conferences? in|told (?:reporters|journalists) in|(?:speaking|briefing) (?:reporters )?in)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)


def _is_locative(tok: Token) -> bool:
    """Where something happened ("in the Mashtal neighbourhood", "a strike on Jordan",
    "the town of Azaz"), not a country as an actor ("Washington said", "Iran-backed")."""
    while tok.dep_ in ("compound", "appos", "conj", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _LOCATIVE_PREPS or _over_the_place(tok.head)
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in _TARGET_VERBS:
        return True  # "insurgents took over Mocimboa da Praia", whatever the tagger called it
    return tok.dep_ in ("npadvmod", "dobj", "nsubjpass") and tok.ent_type_ in ("GPE", "LOC", "FAC")


# "in several cities, among them Nassiriya, Kerbala and Amara", "in three towns, including Kotli"
_AMONG_PLACES = re.compile(
    r"\b(?:cities|towns|villages|provinces|districts|regions|areas|localities|communities|"
    r"neighbou?rhoods|states|governorates|counties|municipalities|places),?\s+"
    r"(?:among them|including|such as|notably|namely|in particular)\s+(?:the\s+)?$",
    re.I,
)


def _named_among(tok: Token, text: str) -> bool:
    """A place named as one of the towns the sentence says the event reached: the list's
    first item follows "among them" or "including" after a plural noun of places."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return bool(_AMONG_PLACES.search(text, max(0, tok.idx - 80), tok.idx))


def _over_the_place(prep: Token) -> bool:
    """ "shot down over the Kursk Region", "nine over the Bryansk Region": where drones fell,
    where "talks over Kashmir" or "clashed over Kashmir" name a cause."""
    head = prep.head
    return prep.lower_ == "over" and (
        head.pos_ == "NUM" or (head.pos_ == "VERB" and head.lemma_.lower() not in _OVER_A_CAUSE)
    )


_OVER_A_CAUSE = frozenset(
    "clash fight argue dispute protest quarrel row split feud battle rally march worry".split()
)

_TARGET_VERBS = frozenset(
    "take seize capture recapture retake overrun overran storm attack raid hit strike shell bomb target "
    "besiege occupy enter pound ambush".split()
)


def _group_mentions(mentions: list[EventMention], tree: Tree) -> list[list[EventMention]]:
    """Triggers of one sentence that belong together: strong ones within two edges of
    each other, a weak or generic one with its nearest trigger within four."""
    groups: list[list[EventMention]] = []
    for m in mentions:
        tok = tree.root(m.trigger)
        reach = 2 if m.strength == STRONG else 4
        home, best = None, reach + 1
        for g in groups:
            if g[-1].sentence.start != m.sentence.start:
                continue
            for other in g:
                limit = 2 if other.strength == STRONG and m.strength == STRONG else 4
                dist = tree.distance(tok, tree.root(other.trigger))
                if dist <= limit and dist < best:
                    home, best = g, dist
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    return groups


class _Owner:
    """Finds the clause whose trigger is nearest to a span in the same sentence."""

    def __init__(self, clauses: list[Clause], tree: Tree):
        self.tree = tree
        self.by_sentence: dict[int, list[tuple[EventMention, Clause]]] = defaultdict(list)
        for c in clauses:
            for m in c.mentions:
                self.by_sentence[m.sentence.start].append((m, c))

    def of(self, span: Span) -> Clause | None:
        return self.nearest(span)[0]

    def nearest(self, span: Span) -> tuple[Clause | None, float]:
        """The clause and its distance (tree edges, then characters / 1000)."""
        tok = self.tree.root(span)
        best, best_score = None, float("inf")
        for m, c in self.by_sentence.get(tok.sent.start_char, []):
            if m.trigger.start <= span.start < m.trigger.end:
                return c, 0.0
            gap = max(m.trigger.start - span.end, span.start - m.trigger.end, 0)
            score = self.tree.distance(tok, self.tree.root(m.trigger)) + gap / 1000
            if score < best_score:
                best, best_score = c, score
        return best, best_score


# "fighting since August 9", "since the war broke out on Oct. 7": the start of a period up to the
# report, which dates the period, not the news the clause tells beside it
_SINCE = re.compile(r"\b[Ss]ince\s+(?:[A-Za-z'’.-]+\s+){0,7}?(?:(?:on|in)\s+)?$")  # no date between


def opens_a_period(text: str, t: TimeExpression) -> bool:
    """ "50 killed in fighting since August 9", "protesting since a student was raped on Tuesday":
    the day a period began, up to the report; not the day of the news told beside it."""
    return bool(_SINCE.search(text, max(0, t.span.start - 80), t.span.start))


_RELATIVE_TO_STORY = re.compile(r"\b(?:later|after|afterwards|before|following|previous|prior)\b", re.I)


def _story_relative(t: TimeExpression) -> bool:
    """ "An hour later", "the previous day": anchored in the story, not the article date."""
    return bool(_RELATIVE_TO_STORY.search(t.span.text)) and not re.search(
        r"\b(?:this|last|next)\b", t.span.text, re.I
    )


def said_on(text: str, tree: Tree, t: TimeExpression) -> bool:
    """Whether a day dates a report's words ("officials said on Tuesday"), read in the tree; in a
    sentence focus left unparsed, whose tree token is blank, read in the words right before it."""
    tok = tree.parsed(t.span)
    if tok is None:
        return _SAID_BEFORE.search(text, max(0, t.span.start - 60), t.span.start) is not None
    return when_said(tok)


def when_said(tok: Token) -> bool:
    """ "Officials said on Tuesday": the date of the report, not of the event."""
    if _said_just_before(tok):
        return True  # "said on Wednesday it was behind": the parser may hang the date on "was"
    for _ in range(3):
        if tok.dep_ in ("pobj", "npadvmod", "tmod", "nmod", "compound", "amod") or tok.pos_ == "ADP":
            if tok.head.i == tok.i:
                return False
            tok = tok.head
            continue
        break
    return tok.lemma_ in _REPORT_LEMMAS and tok.pos_ in ("VERB", "AUX")


_REPORT_LEMMAS = {
    "say", "tell", "add", "report", "state", "write", "accuse", "pledge", "vow", "deny", "warn", "condemn",
}  # fmt: skip  # speech acts; not "announce" (that may be the event) nor "confirm" (an arrest)
_REPORT_NOUNS = {"reports", "report"}  # "according to reports on Monday"
_DATE_LEAD = {"on", "late", "early", "earlier", "later", "this", "last", "in", "the", "by"}
# The words of ``_said_just_before`` as text, for a day the parse left out: a report verb's forms
# ("said", "told Reuters", "warned"), or "reports", then at most three of ``_DATE_LEAD``.
_SAID_BEFORE = re.compile(
    r"\b(?:sa(?:id|ys|ying)|t(?:old|ells|elling)(?:\s+[A-Z][\w.&-]*){0,2}|wr(?:ote|ites|iting)|reports?"
    r"|(?:add|report|stat|accus|pledg|vow|deni|warn|condemn)(?:ed|es|s|ing))"
    r"\s+(?:(?:" + "|".join(sorted(_DATE_LEAD)) + r")\s+){0,3}$"
)


def _said_just_before(tok: Token) -> bool:
    """The words right before the date are a report verb and its preposition: "said on", "told
    AFP late on"."""
    first = tok.left_edge.i if tok.i - tok.left_edge.i <= 2 else tok.i  # "Monday evening"
    i = first - 1
    while i >= 0 and tok.doc[i].lower_ in _DATE_LEAD and first - i <= 3:
        i -= 1
    if i < 0 or i == first - 1:
        return False
    prev = tok.doc[i]
    return (prev.lemma_ in _REPORT_LEMMAS and prev.pos_ in ("VERB", "AUX")) or prev.lower_ in _REPORT_NOUNS


_COUNTABLE_SUBS = {
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "",
}


_PLACES_LISTED = frozenset({"city", "town", "admin1", "admin2"})


def _only_context(clause: Clause) -> bool:
    """Plural references without a day or a toll of their own ("the attacks", "air
    strikes have hit the region") are context, not events; plural blasts or strikes in towns
    the sentence names ("Further strikes were reported in Ahmedpur East, Muridke and Kotli")
    are one event in each."""
    if clause.fatalities or any(m.sub_event_type not in _COUNTABLE_SUBS for m in clause.mentions):
        return False
    if any(m.sub_event_type for m in clause.mentions) and len(_named_places(clause)) >= 2:
        return False  # a weapon's own word ("blasts", "strikes"), not "raids" or "the attacks"
    date = clause.date
    plural = all(m.plural for m in clause.mentions)
    return plural and (date is None or date.precision is not DatePrecision.DAY)


def _named_places(clause: Clause) -> set[str]:
    """The towns and provinces of the clause the gazetteer located, by name."""
    return {t.location.name for t in clause.toponyms if t.location and t.location.feature in _PLACES_LISTED}
