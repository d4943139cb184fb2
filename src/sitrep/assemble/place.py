"""Where an event happened: its own clauses' place, checked against what the story is about.

Real pages name many places that are not the event's: a ship's flag state, the country an
armed group comes from, a namesake town abroad, a continent in the navigation. A main event
placed in a country the story barely names goes back to the story's country; a country or a
province is refined to the town the story keeps coming back to (ACLED precision 2 when that
town is not in the event's own sentences).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sitrep.assemble.records import Draft, Findings
from sitrep.codebook import codebook
from sitrep.geo.gazetteer import normalise_name
from sitrep.geo.resolve import locate_event
from sitrep.model import EventRole, GeoPrecision, Location, Span, Toponym
from sitrep.nlp import doc_text

WIDE = frozenset({"country", "admin1", "region", "continent", "admin2"})
DOMINANCE = 2  # a story's country has at least twice the place mentions of another


def event_location(findings: Findings, draft: Draft, role: EventRole) -> tuple[Location | None, Span | None]:
    """The event's place and the span that named it."""
    text = doc_text(findings.doc)
    own = [t for c in draft.clauses for t in c.toponyms if t.location is not None]
    if own:
        best = min(own, key=lambda t: codebook().place_rank(t.location.feature))
        picked = locate_event([best], best.span, text)
    else:
        picked = locate_event([t for t in findings.toponyms if t.location], draft.mentions[0].trigger, text)
    location, span = picked if picked is not None else (None, None)
    if role is not EventRole.MAIN:
        return location, span  # "last month's strike on Jordan" is where it says
    counts = story_countries(findings)
    story = max(counts, key=counts.get, default="")
    foreign = (
        location is not None
        and story
        and location.country != story
        and (counts[story] >= DOMINANCE * counts.get(location.country, 0))
    )
    if location is None or foreign or location.feature == "continent":
        fallback = (
            _story_place(findings.toponyms, story, "")
            or _story_place(findings.filed_toponyms, story, "")
            or _story_place(findings.page_toponyms, story, "")
        )
        if fallback is None:
            return (None, None) if foreign else (location, span)
        return replace(fallback.location, geo_precision=_fallback_precision(fallback)), fallback.span
    if location.feature in WIDE:
        admin1 = location.admin1 if location.feature != "country" else ""
        inner = _story_place(findings.toponyms, location.country, admin1)
        if admin1 and (inner is None or inner.location.feature in WIDE):  # "KADUNA –" for a village in Kaduna
            inner = _story_place(findings.filed_toponyms, location.country, admin1) or inner
        if inner is not None and inner.location.feature not in WIDE:
            return replace(inner.location, geo_precision=GeoPrecision.NEAR), inner.span
    return location, span


def country_counts(toponyms: list[Toponym]) -> dict[str, int]:
    """Place mentions per country: what the story is about."""
    return dict(Counter(t.location.country for t in toponyms if t.location is not None))


def story_countries(findings: Findings) -> dict[str, int]:
    """What the story is about: its place mentions per country, and its actors' countries
    ("the Malian army" says Mali where no Malian town is in the gazetteer)."""
    counts = Counter(country_counts([*findings.toponyms, *findings.filed_toponyms]))
    counts.update(m.actor.country for m in findings.actors if m.actor.country)
    return dict(counts) or country_counts(findings.page_toponyms)  # "World | Europe | Greece"


def _story_place(toponyms: list[Toponym], country: str, admin1: str) -> Toponym | None:
    """The most specific place of ``country`` (and ``admin1``) the story names most often."""
    places = [
        t for t in toponyms
        if t.location is not None and t.location.country == country and (not admin1 or t.location.admin1 == admin1)
    ]  # fmt: skip
    if not places:
        return None
    rank = codebook().place_rank
    names = Counter(normalise_name(t.location.name) for t in places)
    return min(
        places,
        key=lambda t: (rank(t.location.feature), -names[normalise_name(t.location.name)], t.span.start),
    )


def _fallback_precision(t: Toponym) -> GeoPrecision:
    return GeoPrecision.REGION if t.location.feature in WIDE else GeoPrecision.NEAR
