"""Reconciliation: one incident's fields from the reports fusion linked (``sitrep.fusion``).

Main reports decide the fields, background mentions only count as sources; tolls are kept as
UCDP keeps them (best / low / high across sources), not as ACLED's single figure.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from statistics import median_low
from typing import TYPE_CHECKING

from sitrep.codebook import codebook
from sitrep.model import (
    Actor,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Incident,
    Location,
)

if TYPE_CHECKING:
    from sitrep.fusion import Report

DATE_RANK = codebook().date_ranks  # a date of finer precision ranks first
# Actors every report of a kind names (an unknown armed group, the crowd, the victims): they do
# not tell one incident from another, and two outlets may call one crowd rioters or protesters.
GENERIC_ACTOR = re.compile(r"^(?:unidentified|civilians|rioters|protesters)\b", re.IGNORECASE)


def is_wide(loc: Location) -> bool:
    """A place that stands for an area (a region or a country), not a point."""
    return loc.geo_precision is GeoPrecision.REGION or loc.feature in {"country", "admin1", "region"}


def incident_id(event_id: str) -> str:
    """The incident's key: a hash of its first-reported event, stable while that event stays in it."""
    return hashlib.sha256(f"incident\n{event_id}".encode()).hexdigest()[:16]


def reconcile(reports: Sequence[Report]) -> Incident:
    """The incident's fields from its reports (main reports decide; background ones only count as sources).

    date: the most precise date (text before publication-date fall-backs), the most reported of
    those, then the earliest; place: the most precise, the most reported, then the first;
    type: the majority type, then its majority sub-type (ties: the most confident report);
    actors: the majority actor 1 and actor 2, everyone else named as associated;
    fatalities: see :func:`combine_fatalities`.
    """
    mains = [r for r in reports if r.event.role is EventRole.MAIN] or list(reports)
    founder = min(mains, key=lambda r: (r.published, r.event.id))
    events = [r.event for r in mains]
    event_type = _majority([e.event_type for e in events], events)
    sub_type = _majority([e.sub_event_type for e in events if e.event_type == event_type], events)
    actor1 = _majority_actor([e.actor1 for e in events], events)
    actor2 = _majority_actor([e.actor2 for e in events if e.actor2 != actor1], events)
    named = {a for e in events for a in (e.actor1, e.actor2, *e.assoc_actors) if a is not None}
    return Incident(
        id=incident_id(founder.event.id),
        event_date=pick_date([e.event_date for e in events]),
        event_type=event_type,
        sub_event_type=sub_type,
        location=pick_location([e.location for e in events]),
        actor1=actor1,
        actor2=actor2,
        fatalities=combine_fatalities([e.fatalities for e in events]),
        event_ids=tuple(sorted(r.event.id for r in reports)),
        article_ids=tuple(sorted({r.event.article_id for r in reports})),
        background_ids=tuple(sorted(r.event.id for r in reports if r.event.role is not EventRole.MAIN)),
        assoc_actors=tuple(sorted(named - {actor1, actor2}, key=lambda a: a.name)),
        victims=tuple(sorted({v for e in events for v in e.victims})),
        first_reported=min(r.published for r in reports),
    )


def pick_date(dates: Sequence[EventDate]) -> EventDate:
    """The most precise date read in the text, the most reported of those, then the earliest."""

    def rank(d: EventDate) -> tuple[int, bool]:
        return DATE_RANK[d.precision], d.source is DateSource.PUBLICATION_DATE

    best = min(rank(d) for d in dates)
    finest = [d for d in dates if rank(d) == best]
    counts = Counter(d.start for d in finest)
    start = min(counts, key=lambda s: (-counts[s], s))
    return next(d for d in finest if d.start == start)


def pick_location(locations: Sequence[Location | None]) -> Location | None:
    """The most precise place (exact town over "near" over region or country), the most reported."""
    known = [loc for loc in locations if loc is not None]
    if not known:
        return None
    best = min(int(loc.geo_precision) + is_wide(loc) for loc in known)
    finest = [loc for loc in known if int(loc.geo_precision) + is_wide(loc) == best]
    counts = Counter((loc.name, loc.geonameid) for loc in finest)
    top = max(counts.values())
    return next(loc for loc in finest if counts[(loc.name, loc.geonameid)] == top)


def combine_fatalities(reports: Sequence[Fatalities | None]) -> Fatalities | None:
    """Best / low / high across sources, UCDP-style: best is the median report rounded down
    (the lower middle one: conservative, and one outlier cannot move it), low the lowest
    report's low, high the highest report's high. Sources that give no count are left out;
    an explicit "no one was killed" counts as 0.
    """
    counts = [f for f in reports if f is not None]
    if not counts:
        return None
    return Fatalities(
        best=median_low(sorted(f.best for f in counts)),
        low=min(f.low for f in counts),
        high=max(f.high for f in counts),
    )


def _majority(values: Sequence[str], events: Sequence[Event]) -> str:
    """The most frequent value; ties go to the value of the most confident event, then by name."""
    counts = Counter(values)
    if not counts:
        return ""
    confidence = defaultdict(float)
    for e in events:
        for v in (e.event_type, e.sub_event_type):
            confidence[v] = max(confidence[v], e.confidence)
    return min(counts, key=lambda v: (-counts[v], -confidence[v], v))


def _majority_actor(actors: Sequence[Actor | None], events: Sequence[Event]) -> Actor | None:
    named = [a for a in actors if a is not None]
    if not named:
        return None
    counts = Counter(named)
    generic = {a: bool(GENERIC_ACTOR.match(a.name)) for a in counts}
    return min(counts, key=lambda a: (generic[a], -counts[a], a.name))
