"""Incidents in the store: load the events fusion needs, fuse, and write incidents atomically.

Functions take an open :class:`~sitrep.store.base.Store` (any engine; the SQL is portable).

- :func:`refresh_incidents` is what ``sitrep ingest`` calls after each batch: it loads the
  stored events that could be linked with the given ones (same country, nearby dates,
  grown until the group is closed under the fusion gates), fuses that group again and
  rewrites only the incidents that changed. Since fusion is a pure function of a closed
  group, ingesting in several batches gives the same incidents as ingesting everything at
  once, and re-running on the same data changes nothing.
- :func:`list_incidents` / :func:`get_incident` read them back with their sources (for the
  CLI and the API); :func:`incident_rows` flattens them to ``EventRow`` for the exporters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.config import FusionSettings
from sitrep.fusion import Report, components, fuse, trigger_sentence, window_of
from sitrep.model import (
    Actor,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    Incident,
    Span,
)
from sitrep.store.base import EventRow, Store, _location, actor_id, country_code, location_id

_CHUNK = 500
_CONTEXT = 400  # characters of article text loaded on each side of the trigger


@dataclass(frozen=True, slots=True)
class FusionSummary:
    """What a refresh did to the incidents table."""

    events: int = 0  # events fused again (the new ones and everything linked to them)
    added: int = 0
    updated: int = 0
    removed: int = 0


@dataclass(frozen=True, slots=True)
class IncidentSource:
    """One contributing event of an incident and the article it came from."""

    event_id: str
    article_id: str
    role: str
    event_date: str
    sub_event_type: str
    location: str
    fatalities_best: int | None
    published: date
    source: str
    url: str
    title: str

    def to_json(self) -> dict:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "role": self.role,
            "event_date": self.event_date,
            "sub_event_type": self.sub_event_type,
            "location": self.location,
            "fatalities": self.fatalities_best,
            "published": self.published.isoformat(),
            "source": self.source,
            "url": self.url,
            "title": self.title,
        }


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """A stored incident and its sources, oldest report first."""

    incident: Incident
    sources: tuple[IncidentSource, ...]

    def to_json(self) -> dict:
        return {**self.incident.to_json(), "sources": [s.to_json() for s in self.sources]}


# -- fusing what is stored ------------------------------------------------------------------------


def refresh_incidents(
    store: Store, event_ids: Iterable[str] | None = None, settings: FusionSettings | None = None
) -> FusionSummary:
    """Link the given stored events (all events if ``None``) into incidents and store the result."""
    settings = settings or FusionSettings()
    if event_ids is None:
        group = load_reports(store)
    else:
        seeds = reports_by_id(store, event_ids)
        group = closed_group(store, seeds, settings) if seeds else []
    if not group:
        return FusionSummary()
    summary = write_incidents(store, fuse(group, settings), [r.event.id for r in group])
    return FusionSummary(len(group), summary.added, summary.updated, summary.removed)


def closed_group(store: Store, seeds: Sequence[Report], settings: FusionSettings) -> list[Report]:
    """The seeds and every stored event connected to them through candidate pairs.

    The load window starts around the seeds and grows until the connected group no longer
    reaches its edge, so events linked through a chain of reports are all fused together.
    """
    seed_ids = {r.event.id for r in seeds}
    located = [r for r in seeds if r.event.location is not None]
    if not located:
        return list(seeds)
    countries = sorted({r.event.location.country for r in located if r.event.location})
    lo, hi = window_of(located, settings)
    loaded = {r.event.id: r for r in seeds}
    while True:
        for report in load_reports(store, countries=countries, since=lo, until=hi):
            loaded.setdefault(report.event.id, report)
        reports = list(loaded.values())
        group = [
            reports[i]
            for comp in components(reports, settings)
            if any(reports[i].event.id in seed_ids for i in comp)
            for i in comp
        ]
        new_lo, new_hi = window_of([r for r in group if r.event.location is not None], settings)
        if new_lo >= lo and new_hi <= hi:
            return group
        lo, hi = min(lo, new_lo), max(hi, new_hi)


def load_reports(
    store: Store,
    *,
    countries: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Report]:
    """Stored events as fusion reports: those of ``countries`` whose date window meets [since, until]."""
    where, params = [], []
    if countries:
        where.append("l.country IN (" + ", ".join("?" * len(countries)) + ")")
        params += list(countries)
    if since is not None:
        where.append("e.date_end >= ?")
        params.append(since)
    if until is not None:
        where.append("e.date_start <= ?")
        params.append(until)
    return _reports(store, " AND ".join(where) or "TRUE", params)


def reports_by_id(store: Store, event_ids: Iterable[str]) -> list[Report]:
    """Stored events with these ids, as fusion reports (unknown ids are skipped)."""
    ids = sorted(set(event_ids))
    found: list[Report] = []
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        found += _reports(store, "e.id IN (" + ", ".join("?" * len(part)) + ")", part)
    return found


def _reports(store: Store, where: str, params: Sequence[Any]) -> list[Report]:
    page = f"SELECT e.id FROM events e LEFT JOIN locations l ON l.id = e.location_id WHERE {where}"
    assoc: dict[str, list[Actor]] = {}
    for event_id, name, type_, country in store._query(
        f"WITH page AS ({page}) SELECT ea.event_id, a.name, a.type, a.country FROM page p "
        "JOIN event_actors ea ON ea.event_id = p.id JOIN actors a ON a.id = ea.actor_id "
        "WHERE ea.role = 'assoc' ORDER BY ea.event_id, ea.ordinal",
        params,
    ):
        assoc.setdefault(event_id, []).append(Actor(name, type_, country))
    victims: dict[str, list[str]] = {}
    for event_id, name in store._query(
        f"WITH page AS ({page}) SELECT v.event_id, v.name FROM page p "
        "JOIN victims v ON v.event_id = p.id ORDER BY v.event_id, v.ordinal",
        params,
    ):
        victims.setdefault(event_id, []).append(name)
    rows = store._query(f"WITH page AS ({page}) {_REPORT_SELECT}", [_CONTEXT, _CONTEXT, *params])
    return [_report(r, tuple(assoc.get(r[0], ())), tuple(victims.get(r[0], ()))) for r in rows]


_REPORT_SELECT = """
SELECT e.id, e.article_id, e.date_start, e.date_precision, e.date_source, e.event_type,
       e.sub_event_type, e.plover, e.cameo, e.role, e.fatalities_best, e.fatalities_low,
       e.fatalities_high, e.confidence, e.trigger,
       a1.name, a1.type, a1.country, a2.name, a2.type, a2.country,
       l.name, l.country, l.admin1, l.latitude, l.longitude, l.geo_precision, l.geonameid, l.feature,
       ar.published, ev.start_char, ev.end_char,
       GREATEST(ev.start_char - ?, 0),
       substr(ar.text, GREATEST(ev.start_char - ?, 0) + 1, ev.end_char - ev.start_char + 800)
FROM page p
JOIN events e ON e.id = p.id
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN actors a1 ON a1.id = e.actor1_id
LEFT JOIN actors a2 ON a2.id = e.actor2_id
LEFT JOIN locations l ON l.id = e.location_id
LEFT JOIN evidence ev ON ev.event_id = e.id AND ev.field = 'event_type'
ORDER BY e.id
"""


def _report(r: Sequence[Any], assoc: tuple[Actor, ...], victims: tuple[str, ...]) -> Report:
    span, sentence = None, ""
    if r[30] is not None:
        offset, excerpt = r[32], r[33] or ""
        span = Span(r[30], r[31], excerpt[r[30] - offset : r[31] - offset])
        sentence = trigger_sentence(excerpt, Span(r[30] - offset, r[31] - offset))
    event = Event(
        id=r[0],
        article_id=r[1],
        event_date=EventDate(r[2], DatePrecision(r[3]), DateSource(r[4])),
        event_type=r[5],
        sub_event_type=r[6],
        plover=r[7],
        cameo=r[8],
        role=EventRole(r[9]),
        actor1=None if r[15] is None else Actor(r[15], r[16], r[17]),
        actor2=None if r[18] is None else Actor(r[18], r[19], r[20]),
        location=_location(r[21:29]),
        fatalities=None if r[10] is None else Fatalities(r[10], r[11], r[12]),
        assoc_actors=assoc,
        victims=victims,
        evidence={} if span is None else {"event_type": span},
        confidence=float(r[13]),
        trigger=r[14],
    )
    return Report.of(event, r[29], sentence)


# -- writing --------------------------------------------------------------------------------------

_INCIDENT_COLUMNS = (
    "id", "event_date", "date_start", "date_end", "date_precision", "date_source", "event_type",
    "sub_event_type", "actor1_id", "actor2_id", "location_id", "fatalities_best", "fatalities_low",
    "fatalities_high", "n_events", "n_articles", "first_reported",
)  # fmt: skip


def incident_row(inc: Incident) -> tuple:
    """The ``incidents`` table row of an incident."""
    fat = inc.fatalities
    return (
        inc.id, inc.event_date.iso, inc.event_date.start, inc.event_date.end,
        inc.event_date.precision.value, inc.event_date.source.value, inc.event_type, inc.sub_event_type,
        None if inc.actor1 is None else actor_id(inc.actor1),
        None if inc.actor2 is None else actor_id(inc.actor2),
        None if inc.location is None else location_id(inc.location),
        fat.best if fat else None, fat.low if fat else None, fat.high if fat else None,
        len(inc.event_ids), len(inc.article_ids), inc.first_reported,
    )  # fmt: skip


def write_incidents(store: Store, incidents: Sequence[Incident], event_ids: Sequence[str]) -> FusionSummary:
    """Replace the incidents of ``event_ids`` by ``incidents`` in one transaction, touching only changes."""
    old = _stored_incidents(store, event_ids)
    new = {inc.id: (incident_row(inc), frozenset(inc.event_ids)) for inc in incidents}
    changed = [i for i in new if old.get(i) != new[i]]
    gone = [i for i in old if i not in new]
    if not changed and not gone:
        return FusionSummary()
    store._run("BEGIN")
    try:
        for ids in _chunks([*gone, *changed]):
            marks = ", ".join("?" * len(ids))
            store._run(f"DELETE FROM incident_events WHERE incident_id IN ({marks})", ids)
            store._run(f"DELETE FROM incidents WHERE id IN ({marks})", ids)
        store._insert("incidents", _INCIDENT_COLUMNS, [new[i][0] for i in changed])
        links = [(i, e) for i in changed for e in sorted(new[i][1])]
        store._insert("incident_events", ("incident_id", "event_id"), links)
        store._run("COMMIT")
    except Exception:
        store._run("ROLLBACK")
        raise
    added = sum(1 for i in changed if i not in old)
    return FusionSummary(0, added, len(changed) - added, len(gone))


def _stored_incidents(store: Store, event_ids: Sequence[str]) -> dict[str, tuple[tuple, frozenset[str]]]:
    ids: set[str] = set()
    for part in _chunks(sorted(set(event_ids))):
        marks = ", ".join("?" * len(part))
        ids |= {r[0] for r in store._query(f"SELECT incident_id FROM incident_events WHERE event_id IN ({marks})", part)}
    found: dict[str, tuple[tuple, frozenset[str]]] = {}
    for part in _chunks(sorted(ids)):
        marks = ", ".join("?" * len(part))
        members: dict[str, set[str]] = {}
        for inc, ev in store._query(f"SELECT incident_id, event_id FROM incident_events WHERE incident_id IN ({marks})", part):
            members.setdefault(inc, set()).add(ev)
        cols = ", ".join(_INCIDENT_COLUMNS)
        for row in store._query(f"SELECT {cols} FROM incidents WHERE id IN ({marks})", part):
            found[row[0]] = (tuple(row), frozenset(members.get(row[0], ())))
    return found


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i : i + _CHUNK])
