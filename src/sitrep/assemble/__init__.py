"""Merges the mentions of one article into coded ``Event`` records with evidence.

Each finding of the earlier stages (time expressions, toponyms, actors,
fatality counts, victims, claims) is attached to the nearest trigger of its
sentence in the dependency tree. Triggers close in the tree form a clause; the
clauses of an article merge into events when their dates, types and countries
agree. The article's main event is its lead; events dated clearly before it are
background ("last month's strike on Jordan").

One module per decision: ``clauses`` (what attaches to which trigger), ``merge`` (which
clauses are one event), ``roles`` (main or background), ``actor_vote`` (who did it to
whom), ``confidence`` (the score, weights in ``AssembleSettings``); this module builds the
``Event`` from them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from sitrep.assemble.actor_vote import default_actors, vote_actors
from sitrep.assemble.clauses import find_clauses
from sitrep.assemble.confidence import confidence
from sitrep.assemble.merge import consolidate_main, event_date_of, merge_clauses
from sitrep.assemble.records import Draft, Findings, Tree
from sitrep.assemble.roles import assign_roles, attach_orphans, claims_by_draft
from sitrep.codebook import codebook
from sitrep.config import AssembleSettings
from sitrep.events import Lexicon, choose_sub_event_type
from sitrep.geo.resolve import locate_event
from sitrep.model import (
    Claim,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    Location,
    Span,
)
from sitrep.nlp import doc_text

__all__ = ["Findings", "assemble_events"]


def assemble_events(
    findings: Findings, lexicon: Lexicon, settings: AssembleSettings | None = None
) -> list[Event]:
    """The coded events of one article, main event first."""
    settings = settings or AssembleSettings()
    tree = Tree(findings.doc)
    clauses = find_clauses(findings, tree)
    drafts = merge_clauses(clauses, lexicon, settings)
    if not drafts:
        return []
    roles = assign_roles(drafts, findings.article.published)
    drafts, roles = consolidate_main(drafts, roles, lexicon, settings)
    attach_orphans(findings, drafts, roles)
    claims = claims_by_draft(findings, drafts, roles)
    events = [
        _build_event(findings, draft, role, claims[index], lexicon, index, settings)
        for index, (draft, role) in enumerate(zip(drafts, roles, strict=True))
    ]
    return sorted(events, key=lambda e: e.role is not EventRole.MAIN)


def _build_event(
    findings: Findings,
    draft: Draft,
    role: EventRole,
    claims: tuple[Claim, ...],
    lexicon: Lexicon,
    index: int,
    settings: AssembleSettings,
) -> Event:
    article = findings.article
    lead = draft.mentions[0]
    location, location_span = _location(findings, draft)
    country = location.country if location else _article_country(findings)
    actor1, actor2, actor_spans = vote_actors(draft, country)
    sub = choose_sub_event_type(draft.mentions, actor1, actor2, lexicon)
    codes = lexicon.codes_for(sub)
    actor1, actor2 = default_actors(codes.event_type, sub, actor1, actor2, country)
    when = draft.date
    event_date = (
        event_date_of(when)
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
        confidence=confidence(
            draft, dated=when is not None, located=location is not None, actor1=actor1, actor2=actor2, settings=settings
        ),
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
