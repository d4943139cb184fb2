"""Rows of the store and the records they stand for: keys, the flat ``EventRow`` and the
model records rebuilt from columns read by name (events and incidents share these)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pycountry

from sitrep import model
from sitrep.model import Actor, Event, Location

# The columns of ``locations l`` as a select list; ``location_from`` reads them back by name.
LOCATION_SELECT = (
    "l.name AS l_name, l.country AS l_country, l.admin1 AS l_admin1, l.latitude AS l_latitude, "
    "l.longitude AS l_longitude, l.geo_precision AS l_geo_precision, l.geonameid AS l_geonameid, "
    "l.feature AS l_feature"
)
# An events page (``page p`` of event ids) joined to its article, actors and place.
EVENT_JOINS = """
FROM page p
JOIN events e ON e.id = p.id
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN actors a1 ON a1.id = e.actor1_id
LEFT JOIN actors a2 ON a2.id = e.actor2_id
LEFT JOIN locations l ON l.id = e.location_id
"""
# The columns of ``events e`` that ``event_from_row`` reads.
EVENT_SELECT = (
    "e.id, e.article_id, e.date_start, e.date_precision, e.date_source, e.event_type, e.sub_event_type, "
    "e.plover, e.cameo, e.role, e.fatalities_best, e.fatalities_low, e.fatalities_high, e.confidence, e.trigger"
)


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event flattened for tables, maps and exports (claims and evidence: ``event_detail``)."""

    event_id: str
    article_id: str
    event_date: str
    date_start: date
    date_end: date
    date_precision: str
    date_source: str
    event_type: str
    sub_event_type: str
    plover: str
    cameo: str
    role: str
    actor1: str
    actor1_type: str
    actor1_country: str
    actor2: str
    actor2_type: str
    actor2_country: str
    assoc_actors: tuple[str, ...]
    location: str
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    geonameid: int | None
    fatalities_best: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    confidence: float
    trigger: str
    source: str
    url: str
    title: str
    published: date
    ingested_at: datetime | None
    model_version: str
    data_version: str


def content_id(*parts: object) -> str:
    """A short stable hash, so the same actor or place always gets the same key."""
    return hashlib.sha256("\n".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def actor_id(actor: Actor) -> str:
    return content_id("actor", actor.name)


def location_id(loc: Location) -> str:
    """Keyed with the geo precision too: "in Beledweyne" (1) and "near Beledweyne" (2) differ."""
    precision = "" if loc.geo_precision is model.GeoPrecision.EXACT else str(int(loc.geo_precision))
    coords = (f"{loc.latitude:.5f}", f"{loc.longitude:.5f}")
    return content_id("location", loc.name, loc.country, *coords, *([precision] if precision else []))


def country_code(country: str) -> str:
    """ISO alpha-2 for a filter given as alpha-2, alpha-3 or a country name."""
    value = country.strip()
    if len(value) == 2:
        return value.upper()
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return value.upper()


def location_from(r: Mapping[str, Any], precision: int | None = None) -> Location | None:
    """The place of a row with the ``LOCATION_SELECT`` columns (``None`` when it has none);
    ``precision`` replaces the place's own geo precision (an incident's)."""
    if r["l_name"] is None:
        return None
    return Location(
        r["l_name"],
        r["l_country"],
        r["l_admin1"],
        r["l_latitude"],
        r["l_longitude"],
        model.GeoPrecision(precision or r["l_geo_precision"]),
        r["l_geonameid"],
        r["l_feature"],
    )


def actor_from(r: Mapping[str, Any], prefix: str) -> Actor | None:
    """The actor in columns ``{prefix}_name``, ``{prefix}_type``, ``{prefix}_country``."""
    name = r[f"{prefix}_name"]
    return None if name is None else Actor(name, r[f"{prefix}_type"], r[f"{prefix}_country"])


def fatalities_from(r: Mapping[str, Any]) -> model.Fatalities | None:
    best = r["fatalities_best"]
    return None if best is None else model.Fatalities(best, r["fatalities_low"], r["fatalities_high"])


def event_date_from(r: Mapping[str, Any]) -> model.EventDate:
    """The date of an event or incident row (``date_start``, ``date_precision``, ``date_source``)."""
    precision, source = model.DatePrecision(r["date_precision"]), model.DateSource(r["date_source"])
    return model.EventDate(r["date_start"], precision, source)


def event_from_row(r: Mapping[str, Any], **parts: Any) -> Event:
    """An event from the ``EVENT_SELECT`` and ``LOCATION_SELECT`` columns; what other tables
    hold (actors, victims, claims, evidence) comes in ``parts``."""
    return Event(
        id=r["id"],
        article_id=r["article_id"],
        event_date=event_date_from(r),
        event_type=r["event_type"],
        sub_event_type=r["sub_event_type"],
        plover=r["plover"],
        cameo=r["cameo"],
        role=model.EventRole(r["role"]),
        location=location_from(r),
        fatalities=fatalities_from(r),
        confidence=float(r["confidence"]),
        trigger=r["trigger"],
        **{"actor1": None, "actor2": None, **parts},
    )


def paged(select_from: str, where: list[str], order: str, limit: int | None, offset: int) -> tuple[str, list]:
    """A page of keys: ``select_from`` filtered by ``where``, in ``order``, with the limit and
    offset parameters (to append to the filters' own) that it takes."""
    sql = (
        select_from
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {order}"
        + (" LIMIT ?" if limit is not None else "")
        + " OFFSET ?"
    )
    return sql, [*([limit] if limit is not None else []), offset]


def now() -> datetime:
    """Naive UTC: TIMESTAMP (without time zone) means the same on every engine."""
    return datetime.now(UTC).replace(tzinfo=None)
