"""Merges the mentions of one article into coded ``Event`` records with evidence.

Each finding of the earlier stages (time expressions, toponyms, actors,
fatality counts, victims, claims) is attached to the nearest trigger of its
sentence in the dependency tree. Triggers close in the tree form a clause; the
clauses of an article merge into events when their dates, types and countries
agree. The article's main event is its lead; events dated clearly before it are
background ("last month's strike on Jordan").
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from sitrep.actors import with_country
from sitrep.codebook import codebook, distance_km
from sitrep.events import (
    ACCESSORY_SUBS,
    ARMED_TYPES,
    GENERIC,
    STRONG,
    EventMention,
    Lexicon,
    choose_sub_event_type,
)
from sitrep.geo.resolve import locate_event
from sitrep.model import (
    Actor,
    ActorMention,
    Article,
    Claim,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    Location,
    Span,
    TimeExpression,
    Toponym,
)
from sitrep.nlp import doc_text

_PRECISION_RANK = codebook().date_ranks
_AGENT_DEPS = {"nsubj", "agent", "poss", "csubj"}
_PATIENT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
_TARGET_PREPS = {"on", "against", "at", "targeting", "in", "into", "upon"}
_SPEAKER_WORDS = ("spokes", "official", "statement", "said", "minister", "ministry", "authorities", "government")


@dataclass(frozen=True)
class Findings:
    """What the stages found in one article, before events are assembled."""

    article: Article
    doc: Doc
    mentions: list[EventMention]
    times: list[TimeExpression]
    toponyms: list[Toponym]
    actors: list[ActorMention]
    fatalities: list[Fatalities]
    victims: list[Span]
    claims: list[Claim]


@dataclass
class Clause:
    """Triggers of one sentence that are close in its tree, with what attaches to them."""

    mentions: list[EventMention]
    times: list[TimeExpression] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    actors: list[tuple[ActorMention, str, float]] = field(default_factory=list)  # mention, role, weight
    fatalities: list[Fatalities] = field(default_factory=list)
    victims: list[Span] = field(default_factory=list)
    time_distance: dict[int, float] = field(default_factory=dict)  # span start -> tree distance

    @property
    def start(self) -> int:
        return self.mentions[0].trigger.start

    @property
    def strong_subs(self) -> list[str]:
        return [m.sub_event_type for m in self.mentions if m.strength == STRONG]

    @property
    def date(self) -> TimeExpression | None:
        dated = [
            t
            for t in self.times
            if t.start_date is not None and t.precision is not None and not _CLOCK_ONLY.match(t.span.text)
        ]
        return min(
            dated,
            key=lambda t: (_PRECISION_RANK[t.precision], self.time_distance.get(t.span.start, 0.0)),
            default=None,
        )


# "at about 2 p.m.": a time of day says nothing of the day, which the story gives elsewhere.
_CLOCK_ONLY = re.compile(
    r"^(?:[Aa]t |[Aa]bout |[Aa]round |[Ss]hortly (?:before|after) )*\d{1,2}(?:[:.]\d\d)?\s*(?:[aApP]\.?[mM]\.?)?"
    r"(?: local time| \(?[A-Z]{2,4}\)?)?$"
)


@dataclass
class Draft:
    clauses: list[Clause]

    @property
    def mentions(self) -> list[EventMention]:
        return [m for c in self.clauses for m in c.mentions]

    @property
    def date(self) -> TimeExpression | None:
        dated = [c.date for c in self.clauses if c.date is not None]
        return min(dated, key=lambda t: _PRECISION_RANK[t.precision], default=None)


def assemble_events(findings: Findings, lexicon: Lexicon) -> list[Event]:
    """The coded events of one article, main event first."""
    tree = _Tree(findings.doc)
    clauses = _clauses(findings, tree)
    drafts = _merge(clauses, lexicon)
    if not drafts:
        return []
    roles = _roles(drafts, findings.article.published)
    _attach_orphans(findings, drafts, roles)
    claims = _claims_by_draft(findings, drafts, roles)
    events = [
        _build_event(findings, draft, role, claims[index], lexicon, index)
        for index, (draft, role) in enumerate(zip(drafts, roles, strict=True))
    ]
    return sorted(events, key=lambda e: e.role is not EventRole.MAIN)


class _Tree:
    """Token look-ups and tree distances over one parsed doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._cache: dict[tuple[int, int], Token] = {}

    def root(self, span: Span) -> Token:
        key = (span.start, span.end)
        if key not in self._cache:
            chars = self.doc.char_span(span.start, span.end, alignment_mode="expand")
            if chars is None or len(chars) == 0:
                chars = self.doc[self._token_at(span.start) : self._token_at(span.start) + 1]
            self._cache[key] = chars.root
        return self._cache[key]

    def _token_at(self, char: int) -> int:
        for tok in self.doc:
            if tok.idx + len(tok) > char:
                return tok.i
        return len(self.doc) - 1

    @staticmethod
    def distance(a: Token, b: Token) -> int:
        if a.sent.start != b.sent.start:
            return 99
        up_a = [a, *a.ancestors]
        depth = {t.i: d for d, t in enumerate(up_a)}
        for d_b, t in enumerate([b, *b.ancestors]):
            if t.i in depth:
                return depth[t.i] + d_b
        return 99

    def path_deps(self, child: Token, top: Token) -> list[Token]:
        """Tokens from child up to (not including) top, if top is an ancestor."""
        path, tok = [], child
        while tok.i != top.i:
            path.append(tok)
            if tok.head.i == tok.i:
                return []
            tok = tok.head
        return path


def _clauses(findings: Findings, tree: _Tree) -> list[Clause]:
    groups = _group_mentions(findings.mentions, tree)
    clauses = [Clause(mentions=g) for g in groups]
    owner = _Owner(clauses, tree)
    for t in findings.times:
        if _story_relative(t) or _when_said(tree.root(t.span)):
            continue
        c, distance = owner.nearest(t.span)
        if c is not None:
            c.times.append(t)
            c.time_distance[t.span.start] = distance
    for topo in findings.toponyms:
        if _is_locative(tree.root(topo.span)) and (c := owner.of(topo.span)) is not None:
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
        if _is_speaker(doc_text(findings.doc), actor, tree):
            if _speaker_is_subject(c, tree):  # "the FSB said it had arrested three men"
                c.actors.append((actor, "actor1", 1.0))
            continue
        role, weight = _actor_role(actor, c, tree)
        c.actors.append((actor, role, weight))
    # Context clauses ("a series of strikes since October") took their own findings
    # away from the event's clauses above; now they go.
    return [c for c in clauses if not all(m.aggregate for m in c.mentions) and not _only_context(c)]


_LOCATIVE_PREPS = {"in", "near", "at", "outside", "on", "into", "across", "around", "inside", "within", "of", "from", "between", "towards", "toward"}


def _is_locative(tok: Token) -> bool:
    """Where something happened ("in the Mashtal neighbourhood", "a strike on Jordan",
    "the town of Azaz"), not a country as an actor ("Washington said", "Iran-backed")."""
    while tok.dep_ in ("compound", "appos", "conj", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _LOCATIVE_PREPS
    return tok.dep_ in ("npadvmod", "dobj", "nsubjpass") and tok.ent_type_ in ("GPE", "LOC", "FAC")


def _group_mentions(mentions: list[EventMention], tree: _Tree) -> list[list[EventMention]]:
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

    def __init__(self, clauses: list[Clause], tree: _Tree):
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


_SPEECH_LEMMAS = {"say", "tell", "state", "claim", "report", "add", "announce", "confirm", "deny", "accuse", "warn", "write"}


def _is_speaker(text: str, actor: ActorMention, tree: _Tree) -> bool:
    """Who reports an event is not a party to it: "residents said", "according to X"."""
    after = text[actor.span.end : actor.span.end + 18].lower()
    if any(w in after for w in _SPEAKER_WORDS):
        return True
    tok = tree.root(actor.span)
    while tok.dep_ in ("conj", "compound", "poss") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in _SPEECH_LEMMAS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


_RELATIVE_TO_STORY = re.compile(r"\b(?:later|after|afterwards|before|following|previous|prior)\b", re.I)


def _story_relative(t: TimeExpression) -> bool:
    """"An hour later", "the previous day": anchored in the story, not the article date."""
    return bool(_RELATIVE_TO_STORY.search(t.span.text)) and not re.search(r"\b(?:this|last|next)\b", t.span.text, re.I)


def _when_said(tok: Token) -> bool:
    """"Officials said on Tuesday": the date of the report, not of the event."""
    for _ in range(3):
        if tok.dep_ in ("pobj", "npadvmod", "tmod", "nmod", "compound", "amod") or tok.pos_ == "ADP":
            if tok.head.i == tok.i:
                return False
            tok = tok.head
            continue
        break
    return tok.lemma_ in _REPORT_LEMMAS and tok.pos_ in ("VERB", "AUX")


_REPORT_LEMMAS = {"say", "tell", "add", "report", "state", "write"}  # not "announce": that may be the event


def _speaker_is_subject(clause: Clause, tree: _Tree) -> bool:
    """The event's own subject is a pronoun standing for the speaker of its sentence."""
    for m in clause.mentions:
        trig = tree.root(m.trigger)
        head = trig if trig.pos_ in ("VERB", "AUX") else trig.head
        if any(ch.dep_ == "nsubj" and ch.lower_ in ("it", "they", "we") for ch in head.children):
            return True
    return False


_VICTIM_WORDS = re.compile(r"^(?:dead|died|wounded|injured|casualties|bodies|slain|death toll)$", re.I)


def _actor_role(actor: ActorMention, clause: Clause, tree: _Tree) -> tuple[str, float]:
    """actor1 (who did it) or actor2 (to whom), read off the dependency path."""
    tok = tree.root(actor.span)
    best = min(clause.mentions, key=lambda m: tree.distance(tok, tree.root(m.trigger)))
    trig = tree.root(best.trigger)
    weight = 1.0 / (1.0 + 0.25 * tree.distance(tok, trig))
    if best.strength == STRONG:
        weight *= 2
    path = tree.path_deps(tok, trig)
    if _VICTIM_WORDS.match(best.trigger.text) and not any(t.dep_ == "agent" for t in path):
        return "actor2", weight  # "eight police officers were among the dead"
    if not path:  # the trigger is not above the actor: look from their common head
        path = tree.path_deps(tok, trig.head) if trig.dep_ not in ("ROOT",) else []
        if path and trig.dep_ in _PATIENT_DEPS | {"pobj"} and path[-1].dep_ in _AGENT_DEPS:
            return "actor1", weight
    for t in reversed(path):
        if t.dep_ in ("agent",) or (t.dep_ == "pobj" and t.head.lower_ == "by"):
            return "actor1", weight
        if t.dep_ == "pobj" and t.head.lower_ == "between":
            return "both", weight
        if t.dep_ == "pobj" and t.head.lower_ in _TARGET_PREPS:
            return "actor2", weight
    if path:
        top = path[-1].dep_
        if top in _AGENT_DEPS:
            return "actor1", weight
        if top in _PATIENT_DEPS:
            return "actor2", weight
    return ("actor1" if actor.span.start < best.trigger.start else "actor2"), weight * 0.8


_COUNTABLE_SUBS = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", ""}


def _only_context(clause: Clause) -> bool:
    """Plural references without a day or a toll of their own ("the attacks", "air
    strikes have hit the region") are context, not events."""
    if clause.fatalities or any(m.sub_event_type not in _COUNTABLE_SUBS for m in clause.mentions):
        return False
    date = clause.date
    plural = all(m.plural for m in clause.mentions)
    return plural and (date is None or date.precision is not DatePrecision.DAY)


def _merge(clauses: list[Clause], lexicon: Lexicon) -> list[Draft]:
    """Dated clauses first, in text order; then each undated clause joins the event
    nearest to it (same sentence, else the closest before it) or starts its own."""
    drafts: list[Draft] = []
    for clause in (c for c in clauses if c.date is not None):
        home = next((d for d in drafts if _compatible(d, clause, lexicon)), None)
        if home is not None:
            home.clauses.append(clause)
        elif _can_start_event(clause):
            drafts.append(Draft(clauses=[clause]))
    for clause in (c for c in clauses if c.date is None):
        fits = [d for d in drafts if _compatible(d, clause, lexicon) and _recent_or_undated(d)]
        if fits:
            min(fits, key=lambda d: _text_distance(d, clause)).clauses.append(clause)
        elif _can_start_event(clause) and (clause.toponyms or clause.actors or clause.fatalities):
            drafts.append(Draft(clauses=[clause]))  # undated: only with a place, actor or toll
    for d in drafts:
        d.clauses.sort(key=lambda c: c.start)
    return sorted(drafts, key=lambda d: d.clauses[0].start)


def _recent_or_undated(draft: Draft) -> bool:
    """An undated mention is not taken for an event recalled by month or year."""
    return draft.date is None or _PRECISION_RANK[draft.date.precision] <= _PRECISION_RANK[DatePrecision.WEEK]


def _text_distance(draft: Draft, clause: Clause) -> tuple[int, int]:
    """Same sentence first; then the draft mentioned closest before (or after) the clause."""
    same = any(m.sentence.start == clause.mentions[0].sentence.start for m in draft.mentions)
    before = [clause.start - m.trigger.start for m in draft.mentions if m.trigger.start <= clause.start]
    after = [m.trigger.start - clause.start for m in draft.mentions if m.trigger.start > clause.start]
    gap = min(before) if before else 10**6 + min(after)
    return (0 if same else 1, gap)


def _can_start_event(clause: Clause) -> bool:
    if any(s not in ACCESSORY_SUBS for s in clause.strong_subs):
        return True
    if clause.strong_subs:
        return True
    if any(m.sub_event_type for m in clause.mentions) and (clause.date or clause.toponyms):
        return True
    armed = any(a.actor.type in ARMED_TYPES | {"Protesters", "Rioters"} for a, _, _ in clause.actors)
    killed = any(f.best > 0 for f in clause.fatalities)
    return armed or killed


def _compatible(draft: Draft, clause: Clause, lexicon: Lexicon) -> bool:
    d1, d2 = draft.date, clause.date
    if d1 is not None and d2 is not None and not _dates_overlap(d1, d2):
        return False
    types1 = {lexicon.codes_for(s).event_type for s in _draft_subs(draft) if s not in ACCESSORY_SUBS}
    types2 = {lexicon.codes_for(s).event_type for s in clause.strong_subs if s not in ACCESSORY_SUBS}
    if types1 and types2 and not types1 & types2:
        return False
    if all(m.strength == GENERIC for m in clause.mentions):
        return True  # "last night's attack" refers back, whatever else its sentence names
    places1 = [t.location for c in draft.clauses for t in c.toponyms if t.location]
    places2 = [t.location for t in clause.toponyms if t.location]
    countries1, countries2 = {p.country for p in places1}, {p.country for p in places2}
    if countries1 and countries2 and not countries1 & countries2:
        return False
    local1 = [p for p in places1 if p.feature != "country"]
    local2 = [p for p in places2 if p.feature != "country"]
    if local1 and local2:  # two towns of one country, far apart: two events
        return min(distance_km(a, b) for a in local1 for b in local2) <= _SAME_PLACE_KM
    return True


_SAME_PLACE_KM = 150.0


def _draft_subs(draft: Draft) -> list[str]:
    return [s for c in draft.clauses for s in c.strong_subs]


def _dates_overlap(a: TimeExpression, b: TimeExpression) -> bool:
    ea, eb = _event_date(a), _event_date(b)
    return ea.start <= eb.end and eb.start <= ea.end


def _event_date(t: TimeExpression) -> EventDate:
    return EventDate(start=t.start_date, precision=t.precision, source=DateSource.TEXT)


def _roles(drafts: list[Draft], published: date) -> list[EventRole]:
    """Main: the lead event among the latest-dated; background: clearly earlier ones."""
    dates = [_event_date(d.date) if d.date is not None else None for d in drafts]
    known = [d for d in dates if d is not None]
    if not known:
        return [EventRole.MAIN] * len(drafts)
    latest = max(d.start for d in known)
    main_index = next(
        (i for i, d in enumerate(dates) if d is None or d.end >= latest - timedelta(days=3)),
        0,
    )
    main = dates[main_index]
    main_start = main.start if main else published  # an undated lead is coded on the report date
    main_rank = _PRECISION_RANK[main.precision] if main else 0

    def recalled(d: EventDate | None) -> bool:
        if d is None:
            return False
        coarser = _PRECISION_RANK[d.precision] > main_rank and d.start < main_start
        return d.end < main_start - timedelta(days=1) or coarser

    return [
        EventRole.MAIN if i == main_index or not recalled(d) else EventRole.BACKGROUND
        for i, d in enumerate(dates)
    ]


def _attach_orphans(findings: Findings, drafts: list[Draft], roles: list[EventRole]) -> None:
    """Victims named outside any event sentence belong to the main event, and so does
    a "no casualties were reported" when the main event has no count of its own."""
    main = drafts[roles.index(EventRole.MAIN)] if EventRole.MAIN in roles else drafts[0]
    attached = {(v.start, v.end) for d in drafts for c in d.clauses for v in c.victims}
    for victim in findings.victims:
        if (victim.start, victim.end) not in attached:
            main.clauses[0].victims.append(victim)
    if not any(c.fatalities for c in main.clauses):
        zero = next((f for f in findings.fatalities if f.best == 0), None)
        if zero is not None:
            main.clauses[0].fatalities.append(zero)


def _build_event(
    findings: Findings, draft: Draft, role: EventRole, claims: tuple[Claim, ...], lexicon: Lexicon, index: int
) -> Event:
    article = findings.article
    lead = draft.mentions[0]
    location, location_span = _location(findings, draft)
    country = location.country if location else _article_country(findings)
    actor1, actor2, actor_spans = _actors(draft, country)
    sub = choose_sub_event_type(draft.mentions, actor1, actor2, lexicon)
    codes = lexicon.codes_for(sub)
    actor1, actor2 = _default_actors(codes.event_type, sub, actor1, actor2, country)
    when = draft.date
    event_date = (
        _event_date(when)
        if when is not None
        else EventDate(article.published, DatePrecision.DAY, DateSource.PUBLICATION_DATE)
    )
    fatalities = _fatalities(doc_text(findings.doc), draft)
    victims = tuple(dict.fromkeys(v.text for c in draft.clauses for v in c.victims))
    decisive = next((m for m in draft.mentions if m.sub_event_type == sub), lead)  # what named the type
    evidence = {"event_type": decisive.trigger, "sentence": decisive.sentence}
    if when is not None:
        evidence["event_date"] = when.span
    if location_span is not None:
        evidence["location"] = location_span
    evidence.update(actor_spans)
    if fatalities is not None and fatalities.span is not None:
        evidence["fatalities"] = fatalities.span
    strong = any(m.strength == STRONG for m in draft.mentions)
    confidence = 0.3 + 0.2 * strong + 0.1 * (when is not None) + 0.1 * (location is not None)
    confidence += 0.1 * (actor1 is not None) + 0.05 * (actor2 is not None) + 0.05 * (len(draft.clauses) > 1)
    event_id = hashlib.sha256(f"{article.id}|{index}|{sub}|{event_date.iso}".encode()).hexdigest()[:16]
    return Event(
        id=event_id,
        article_id=article.id,
        event_date=event_date,
        event_type=codes.event_type,
        sub_event_type=sub,
        plover=codes.plover,
        cameo=codes.cameo,
        role=role,
        actor1=actor1,
        actor2=actor2,
        location=location,
        fatalities=fatalities,
        victims=victims,
        claims=claims,
        evidence=evidence,
        confidence=min(confidence, 0.95),
        trigger=decisive.trigger.text,
    )


def _fatalities(text: str, draft: Draft) -> Fatalities | None:
    """The largest count reported for the event, leaving out counts inside quotes
    (a group's own boast, "killed 'seven apostate soldiers'") when others exist."""
    counts = [f for c in draft.clauses for f in c.fatalities]
    plain = [f for f in counts if f.span is None or not _in_quotes(text, f.span)]
    return max(plain or counts, key=lambda f: f.best, default=None)


def _in_quotes(text: str, span: Span) -> bool:
    paragraph_start = text.rfind("\n", 0, span.start) + 1
    return any(text.count('"', paragraph_start, edge) % 2 == 1 for edge in (span.start, span.end))


def _location(findings: Findings, draft: Draft) -> tuple[Location | None, Span | None]:
    """The most specific place named in the event's clauses, else the nearest before it."""
    own = [t for c in draft.clauses for t in c.toponyms if t.location is not None]
    text = doc_text(findings.doc)
    if own:
        best = min(own, key=lambda t: codebook().place_rank(t.location.feature))
        picked = locate_event([best], best.span, text)
    else:
        picked = locate_event([t for t in findings.toponyms if t.location], draft.mentions[0].trigger, text)
    return picked if picked is not None else (None, None)


def _article_country(findings: Findings) -> str:
    counts: dict[str, int] = defaultdict(int)
    for t in findings.toponyms:
        if t.location is not None:
            counts[t.location.country] += 1
    return max(counts, key=counts.get, default="")


_NON_STATE = codebook().non_state_types()


def _actors(draft: Draft, country: str) -> tuple[Actor | None, Actor | None, dict[str, Span]]:
    """Vote over the clauses: weighted by tree distance, named groups over generic ones.

    "Militants" or "gunmen" in an event that names an armed group are that group; clauses
    that only add an arrest or looting to the event do not vote.
    """
    votes: dict[str, dict[str, float]] = {"actor1": defaultdict(float), "actor2": defaultdict(float)}
    spans: dict[tuple[str, str], Span] = {}
    actors: dict[str, Actor] = {}
    primary = [c for c in draft.clauses if not c.strong_subs or set(c.strong_subs) - ACCESSORY_SUBS]
    voting = [(m, r, w) for c in (primary or draft.clauses) for m, r, w in c.actors]
    named_votes: dict[Actor, float] = defaultdict(float)
    for m, _, weight in voting:
        if m.actor.type in _NON_STATE and not _is_generic(m.actor):
            named_votes[m.actor] += weight
    named_group = max(named_votes, key=named_votes.get, default=None)
    for mention, role, weight in voting:
        actor = mention.actor
        if named_group is not None and actor.type in _NON_STATE and _is_generic(actor):
            actor = named_group
        generic = _is_generic(actor)
        actor = with_country(actor, country) if country else actor
        bonus = 1.0 if not generic and actor.type != "Civilians" else 0.0
        for r in ("actor1", "actor2") if role == "both" else (role,):
            votes[r][actor.name] += weight + bonus
            spans.setdefault((r, actor.name), mention.span)
        actors[actor.name] = actor
    actor1 = max(votes["actor1"], key=votes["actor1"].get, default=None)
    rest = {k: v for k, v in votes["actor2"].items() if k != actor1}
    if not rest:  # "Russian and Ukrainian troops fought": both sides stand as subjects
        rest = {k: v for k, v in votes["actor1"].items() if k != actor1 and actors[k].type in ARMED_TYPES}
        spans.update({("actor2", k): spans[("actor1", k)] for k in rest})
    actor2 = max(rest, key=rest.get, default=None)
    actor1, actor2 = _lead_order(draft, country, actor1, actor2)
    evidence = {}
    for role, name in (("actor1", actor1), ("actor2", actor2)):
        span = spans.get((role, name)) or spans.get(("actor2" if role == "actor1" else "actor1", name))
        if name and span is not None:
            evidence[role] = span
    return actors.get(actor1), actors.get(actor2), evidence


def _lead_order(draft: Draft, country: str, actor1: str | None, actor2: str | None) -> tuple:
    """When the lead clause names both sides as subjects ("Russian and Ukrainian troops
    fought"), its order decides who is actor 1, not the later paragraphs' mentions."""
    if actor1 is None or actor2 is None:
        return actor1, actor2
    lead = draft.clauses[0]
    subjects = [
        (with_country(m.actor, country) if country else m.actor).name
        for m, role, _ in sorted(lead.actors, key=lambda a: a[0].span.start)
        if role in ("actor1", "both")
    ]
    if actor1 in subjects and actor2 in subjects and subjects.index(actor2) < subjects.index(actor1):
        return actor2, actor1
    return actor1, actor2


def _is_generic(actor: Actor) -> bool:
    """A template actor ("gunmen", "troops") whose country comes from the event."""
    return "{" in actor.name


def _default_actors(
    event_type: str, sub: str, actor1: Actor | None, actor2: Actor | None, country: str
) -> tuple[Actor | None, Actor | None]:
    """ACLED's convention: protests have protesters, attacks on civilians have civilians."""
    if not country:
        return actor1, actor2
    if sub == "Excessive force against protesters":  # ACLED: the force is actor 1
        protesters = with_country(Actor("Protesters ({country})", "Protesters"), country)
        force = actor1 if actor1 is not None and actor1.type != "Protesters" else actor2
        return force, protesters
    if event_type == "Protests" and (actor1 is None or actor1.type != "Protesters"):
        protesters = with_country(Actor("Protesters ({country})", "Protesters"), country)
        actor1, actor2 = protesters, actor2 if actor2 is not None else actor1
    if event_type == "Riots" and (actor1 is None or actor1.type == "Protesters"):  # ACLED: rioters
        actor1 = with_country(Actor("Rioters ({country})", "Rioters"), country)
    if sub in ("Attack", "Abduction/forced disappearance", "Sexual violence") and actor2 is None:
        actor2 = with_country(Actor("Civilians ({country})", "Civilians"), country)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None
    return actor1, actor2


def _claims_by_draft(findings: Findings, drafts: list[Draft], roles: list[EventRole]) -> list[tuple[Claim, ...]]:
    """Each claim goes to the event whose trigger its sentences hold, else to the main event."""
    owned: list[list[Claim]] = [[] for _ in drafts]
    main = roles.index(EventRole.MAIN) if EventRole.MAIN in roles else 0
    for claim in findings.claims:
        owner = next(
            (
                i
                for i, d in enumerate(drafts)
                if any(claim.span.start <= m.trigger.start < claim.span.end for m in d.mentions)
            ),
            main,
        )
        owned[owner].append(claim)
    return [tuple(sorted(c, key=lambda c: c.span.start)) for c in owned]
