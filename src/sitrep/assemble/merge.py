"""Which clauses are one event: dated clauses first, then each undated clause joins the
nearest compatible event (date windows, types, countries and distance agree)."""

from __future__ import annotations

from sitrep.assemble.records import Clause, Draft
from sitrep.codebook import codebook, distance_km
from sitrep.config import AssembleSettings
from sitrep.events import ACCESSORY_SUBS, ARMED_TYPES, GENERIC, Lexicon
from sitrep.model import DatePrecision, DateSource, EventDate, TimeExpression

_PRECISION_RANK = codebook().date_ranks


def merge_clauses(clauses: list[Clause], lexicon: Lexicon, settings: AssembleSettings) -> list[Draft]:
    """Dated clauses first, in text order; then each undated clause joins the event
    nearest to it (same sentence, else the closest before it) or starts its own."""
    drafts: list[Draft] = []
    for clause in (c for c in clauses if c.date is not None):
        home = next((d for d in drafts if _compatible(d, clause, lexicon, settings)), None)
        if home is not None:
            home.clauses.append(clause)
        elif _can_start_event(clause):
            drafts.append(Draft(clauses=[clause]))
    for clause in (c for c in clauses if c.date is None):
        fits = [d for d in drafts if _compatible(d, clause, lexicon, settings) and _recent_or_undated(d)]
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


def _compatible(draft: Draft, clause: Clause, lexicon: Lexicon, settings: AssembleSettings) -> bool:
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
        return min(distance_km(a, b) for a in local1 for b in local2) <= settings.same_event_km
    return True


def _draft_subs(draft: Draft) -> list[str]:
    return [s for c in draft.clauses for s in c.strong_subs]


def _dates_overlap(a: TimeExpression, b: TimeExpression) -> bool:
    ea, eb = event_date_of(a), event_date_of(b)
    return ea.start <= eb.end and eb.start <= ea.end


def event_date_of(t: TimeExpression) -> EventDate:
    return EventDate(start=t.start_date, precision=t.precision, source=DateSource.TEXT)
