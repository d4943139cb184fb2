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

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.config import FusionSettings
from sitrep.contest import contest
from sitrep.fusion import CONTEXT_CHARS, Decisions, Report, components, fuse, trigger_sentence, window_of
from sitrep.model import (
    Actor,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    FieldVoices,
    Incident,
    Link,
    Span,
    Voice,
)
from sitrep.store.base import EventRow, Store, _location, actor_id, country_code, location_id
from sitrep.store.review import add_versions, join_partners, link_rows, load_decisions

_CHUNK = 500
_CONTEXT = CONTEXT_CHARS  # characters of article text loaded on each side of the trigger


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
    confidence: float
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
            "confidence": round(self.confidence, 3),
            "published": self.published.isoformat(),
            "source": self.source,
            "url": self.url,
            "title": self.title,
        }


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """A stored incident and its sources, oldest report first, with what each source says per field."""

    incident: Incident
    sources: tuple[IncidentSource, ...]
    history: tuple = ()  # IncidentVersion, oldest first (read for one incident, not for lists)
    fields: tuple[FieldVoices, ...] = ()  # what each source says per field (sitrep.contest)

    @property
    def contested(self) -> list[str]:
        return [f.field for f in self.fields if f.contested]

    def to_json(self) -> dict:
        data = {
            **self.incident.to_json(),
            "sources": [s.to_json() for s in self.sources],
            "claims_by_field": {f.field: f.to_json() for f in self.fields},
            "contested": self.contested,
        }
        return data | ({"history": [v.to_json() for v in self.history]} if self.history else {})


# -- fusing what is stored ------------------------------------------------------------------------


def refresh_incidents(
    store: Store, event_ids: Iterable[str] | None = None, settings: FusionSettings | None = None
) -> FusionSummary:
    """Link the given stored events (all events if ``None``) into incidents and store the result."""
    settings = settings or FusionSettings()
    decisions = load_decisions(store)
    if event_ids is None:
        group = load_reports(store)
    else:
        group = _joined_group(store, set(event_ids), settings, decisions)
    if not group:
        return FusionSummary()
    summary = write_incidents(store, fuse(group, settings, decisions), [r.event.id for r in group])
    return FusionSummary(len(group), summary.added, summary.updated, summary.removed)


def _joined_group(store: Store, ids: set[str], settings: FusionSettings, decisions: Decisions) -> list[Report]:
    """The closed group of the events, grown by the events a person joined to its members."""
    group: list[Report] = []
    while True:
        seeds = reports_by_id(store, ids)
        group = closed_group(store, seeds, settings, decisions) if seeds else []
        more = join_partners(decisions, [r.event.id for r in group]) - ids
        if not more:
            return group
        ids |= more | {r.event.id for r in group}


def closed_group(
    store: Store, seeds: Sequence[Report], settings: FusionSettings, decisions: Decisions | None = None
) -> list[Report]:
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
            for comp in components(reports, settings, [tuple(p) for p in (decisions or Decisions()).joins])
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
    rows = store._query(f"WITH page AS ({page}) {_REPORT_SELECT}", params)
    return [_report(r, tuple(assoc.get(r[0], ())), tuple(victims.get(r[0], ()))) for r in rows]


_REPORT_SELECT = f"""
SELECT e.id, e.article_id, e.date_start, e.date_precision, e.date_source, e.event_type,
       e.sub_event_type, e.plover, e.cameo, e.role, e.fatalities_best, e.fatalities_low,
       e.fatalities_high, e.confidence, e.trigger,
       a1.name, a1.type, a1.country, a2.name, a2.type, a2.country,
       l.name, l.country, l.admin1, l.latitude, l.longitude, l.geo_precision, l.geonameid, l.feature,
       ar.published, ev.start_char, ev.end_char,
       GREATEST(ev.start_char - {_CONTEXT}, 0),
       substr(ar.text, GREATEST(ev.start_char - {_CONTEXT}, 0) + 1, ev.end_char - ev.start_char + {2 * _CONTEXT})
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
    else:
        excerpt = ""
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
    return Report.of(event, r[29], sentence, excerpt)


# -- writing --------------------------------------------------------------------------------------

_INCIDENT_COLUMNS = (
    "id", "event_date", "date_start", "date_end", "date_precision", "date_source", "event_type",
    "sub_event_type", "actor1_id", "actor2_id", "location_id", "geo_precision", "fatalities_best", "fatalities_low",
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
        None if inc.location is None else int(inc.location.geo_precision),
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
            store._run(f"DELETE FROM incident_links WHERE incident_id IN ({marks})", ids)
        store._insert("incidents", _INCIDENT_COLUMNS, [new[i][0] for i in changed])
        members = [(i, e) for i in changed for e in sorted(new[i][1])]
        store._insert("incident_events", ("incident_id", "event_id"), members)
        by_id = {inc.id: inc for inc in incidents}
        store._insert("incident_links", _LINK_COLUMNS, link_rows([by_id[i] for i in changed]))
        add_versions(store, [(by_id[i], _changed_by(old.get(i), new[i][1])) for i in changed])
        store._run("COMMIT")
    except Exception:
        store._run("ROLLBACK")
        raise
    added = sum(1 for i in changed if i not in old)
    return FusionSummary(0, added, len(changed) - added, len(gone))


_LINK_COLUMNS = ("incident_id", "event_id", "linked_to", "probability", "evidence", "decided_by")


def _changed_by(old: tuple[tuple, frozenset[str]] | None, members: frozenset[str]) -> list[str]:
    """The events whose arrival (or, failing that, departure) changed an incident."""
    before = old[1] if old else frozenset()
    return sorted(members - before) or sorted(before - members)


def members_of(store: Store, incident_id: str) -> list[str]:
    """The event ids of an incident."""
    rows = store._query("SELECT event_id FROM incident_events WHERE incident_id = ? ORDER BY event_id", [incident_id])
    return [r[0] for r in rows]


def _stored_incidents(store: Store, event_ids: Sequence[str]) -> dict[str, tuple[tuple, frozenset[str]]]:
    ids: set[str] = set()
    for part in _chunks(sorted(set(event_ids))):
        marks = ", ".join("?" * len(part))
        ids |= {
            r[0]
            for r in store._query(
                f"SELECT incident_id FROM incident_events WHERE event_id IN ({marks})", part
            )
        }
    found: dict[str, tuple[tuple, frozenset[str]]] = {}
    for part in _chunks(sorted(ids)):
        marks = ", ".join("?" * len(part))
        members: dict[str, set[str]] = {}
        for inc, ev in store._query(
            f"SELECT incident_id, event_id FROM incident_events WHERE incident_id IN ({marks})", part
        ):
            members.setdefault(inc, set()).add(ev)
        cols = ", ".join(_INCIDENT_COLUMNS)
        for row in store._query(f"SELECT {cols} FROM incidents WHERE id IN ({marks})", part):
            found[row[0]] = (tuple(row), frozenset(members.get(row[0], ())))
    return found


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i : i + _CHUNK])


# -- reading --------------------------------------------------------------------------------------


def list_incidents(
    store: Store,
    *,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[IncidentRecord]:
    """Incidents ordered by date then id, with their sources; filters as ``Store.events``."""
    where, params = [], []
    if country:
        where.append("l.country = ?")
        params.append(country_code(country))
    if since is not None:
        where.append("i.date_end >= ?")
        params.append(since)
    if until is not None:
        where.append("i.date_start <= ?")
        params.append(until)
    if event_type:
        where.append("i.event_type = ?")
        params.append(event_type)
    if sub_event_type:
        where.append("i.sub_event_type = ?")
        params.append(sub_event_type)
    page = (
        "SELECT i.id, i.date_start FROM incidents i LEFT JOIN locations l ON l.id = i.location_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY i.date_start, i.id"
        + (" LIMIT ?" if limit is not None else "")
        + " OFFSET ?"
    )
    params += ([limit] if limit is not None else []) + [offset]
    return _records(store, page, params)


def get_incident(store: Store, incident_id: str) -> IncidentRecord | None:
    """One stored incident with its sources, or ``None``."""
    from dataclasses import replace

    from sitrep.store.review import history

    found = _records(store, "SELECT i.id, i.date_start FROM incidents i WHERE i.id = ?", [incident_id])
    return replace(found[0], history=tuple(history(store, incident_id))) if found else None


def incident_of_event(store: Store, event_id: str) -> str | None:
    """The id of the incident an event belongs to (``None`` for an unlinked background mention)."""
    found = store._query("SELECT incident_id FROM incident_events WHERE event_id = ?", [event_id])
    return found[0][0] if found else None


def incident_rows(store: Store, **filters: Any) -> list[EventRow]:
    """Incidents flattened to ``EventRow`` (one row per incident) so every exporter takes them."""
    return [_incident_event_row(rec) for rec in list_incidents(store, **filters)]


def _records(store: Store, page: str, params: Sequence[Any]) -> list[IncidentRecord]:
    sources: dict[str, list[IncidentSource]] = {}
    for r in store._query(f"WITH page AS ({page}) {_SOURCE_SELECT}", params):
        sources.setdefault(r[0], []).append(IncidentSource(*r[1:]))
    named: dict[str, set[Actor]] = {}
    for inc, name, type_, country in store._query(f"WITH page AS ({page}) {_ACTORS_SELECT}", params):
        named.setdefault(inc, set()).add(Actor(name, type_, country))
    victims: dict[str, set[str]] = {}
    for inc, name in store._query(f"WITH page AS ({page}) {_VICTIMS_SELECT}", params):
        victims.setdefault(inc, set()).add(name)
    links: dict[str, list[Link]] = {}
    for inc, *link in store._query(f"WITH page AS ({page}) {_LINKS_SELECT}", params):
        links.setdefault(inc, []).append(Link(link[0], link[1], float(link[2]), tuple(json.loads(link[3])), link[4]))
    voices: dict[str, list[Voice]] = {}
    for r in store._query(f"WITH page AS ({page}) {_CLAIMS_SELECT}", params):
        voices.setdefault(r[0], []).append(Voice(*r[1:]))
    rows = store._query(f"WITH page AS ({page}) {_INCIDENT_SELECT}", params)
    records = [
        _record(r, sources.get(r[0], []), named.get(r[0], set()), victims.get(r[0], set()), links.get(r[0], []))
        for r in rows
    ]
    return [_with_voices(rec, voices.get(rec.incident.id, [])) for rec in records]


def _with_voices(rec: IncidentRecord, claimed: list[Voice]) -> IncidentRecord:
    """Each outlet's own toll and every source's claims, field by field (``sitrep.contest``)."""
    told = [
        Voice("fatalities", str(s.fatalities_best), "asserts", s.source or s.article_id, "media", s.source,
              s.article_id, s.event_id)
        for s in rec.sources
        if s.role == EventRole.MAIN.value and s.fatalities_best is not None
    ]  # fmt: skip
    return dataclasses.replace(rec, fields=contest([*told, *claimed]))


def _record(
    r: Sequence[Any], sources: list[IncidentSource], named: set[Actor], victims: set[str], links: list[Link]
) -> IncidentRecord:
    actor1 = None if r[8] is None else Actor(r[8], r[9], r[10])
    actor2 = None if r[11] is None else Actor(r[11], r[12], r[13])
    incident = Incident(
        id=r[0],
        event_date=EventDate(r[1], DatePrecision(r[2]), DateSource(r[3])),
        event_type=r[4],
        sub_event_type=r[5],
        location=_location((*r[14:19], r[24] or r[19], *r[20:22])),
        actor1=actor1,
        actor2=actor2,
        fatalities=None if r[6] is None else Fatalities(r[6], r[7], r[22]),
        event_ids=tuple(sorted(s.event_id for s in sources)),
        article_ids=tuple(sorted({s.article_id for s in sources})),
        background_ids=tuple(sorted(s.event_id for s in sources if s.role != EventRole.MAIN.value)),
        assoc_actors=tuple(sorted(named - {actor1, actor2}, key=lambda a: a.name)),
        victims=tuple(sorted(victims)),
        first_reported=r[23],
        links=tuple(sorted(links)),
    )
    return IncidentRecord(incident, tuple(sources))


def _incident_event_row(rec: IncidentRecord) -> EventRow:
    inc, first = rec.incident, rec.sources[0] if rec.sources else None
    loc, fat = inc.location, inc.fatalities
    outlets = list(dict.fromkeys(s.source for s in rec.sources if s.source))
    return EventRow(
        inc.id, first.article_id if first else "", inc.event_date.iso, inc.event_date.start,
        inc.event_date.end, inc.event_date.precision.value, inc.event_date.source.value,
        inc.event_type, inc.sub_event_type, "", "", EventRole.MAIN.value,
        *_actor_cells(inc.actor1), *_actor_cells(inc.actor2), tuple(a.name for a in inc.assoc_actors),
        loc.name if loc else "", loc.country if loc else "", loc.admin1 if loc else "",
        loc.latitude if loc else None, loc.longitude if loc else None,
        int(loc.geo_precision) if loc else None, loc.geonameid if loc else None,
        fat.best if fat else None, fat.low if fat else None, fat.high if fat else None,
        max((s.confidence for s in rec.sources), default=0.0), "",
        "; ".join(outlets), first.url if first else "", first.title if first else "",
        inc.first_reported or inc.event_date.start, None, "", "",
    )  # fmt: skip


def _actor_cells(actor: Actor | None) -> tuple[str, str, str]:
    return ("", "", "") if actor is None else (actor.name, actor.type, actor.country)


_SOURCE_SELECT = """
SELECT ie.incident_id, e.id, e.article_id, e.role, e.event_date, e.sub_event_type,
       COALESCE(l.name, ''), e.fatalities_best, e.confidence, ar.published, ar.source, ar.url, ar.title
FROM page p
JOIN incident_events ie ON ie.incident_id = p.id
JOIN events e ON e.id = ie.event_id
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN locations l ON l.id = e.location_id
ORDER BY ie.incident_id, ar.published, e.id
"""

_ACTORS_SELECT = """
SELECT DISTINCT ie.incident_id, a.name, a.type, a.country
FROM page p
JOIN incident_events ie ON ie.incident_id = p.id
JOIN events e ON e.id = ie.event_id AND e.role = 'main'
JOIN event_actors ea ON ea.event_id = e.id
JOIN actors a ON a.id = ea.actor_id
"""

_VICTIMS_SELECT = """
SELECT DISTINCT ie.incident_id, v.name
FROM page p
JOIN incident_events ie ON ie.incident_id = p.id
JOIN events e ON e.id = ie.event_id AND e.role = 'main'
JOIN victims v ON v.event_id = e.id
"""

_CLAIMS_SELECT = """
SELECT ie.incident_id, c.field, COALESCE(c.value, ''), c.stance, c.speaker, COALESCE(c.speaker_type, ''),
       COALESCE(ar.source, ''), e.article_id, e.id, c.text
FROM page p
JOIN incident_events ie ON ie.incident_id = p.id
JOIN events e ON e.id = ie.event_id AND e.role = 'main'
JOIN articles ar ON ar.id = e.article_id
JOIN claims c ON c.event_id = e.id
WHERE c.field IS NOT NULL AND c.field NOT IN ('', 'none')
ORDER BY ie.incident_id, ar.published, e.id, c.ordinal
"""

_LINKS_SELECT = """
SELECT k.incident_id, k.event_id, k.linked_to, k.probability, k.evidence, k.decided_by
FROM page p
JOIN incident_links k ON k.incident_id = p.id
"""

_INCIDENT_SELECT = """
SELECT i.id, i.date_start, i.date_precision, i.date_source, i.event_type, i.sub_event_type,
       i.fatalities_best, i.fatalities_low,
       a1.name, a1.type, a1.country, a2.name, a2.type, a2.country,
       l.name, l.country, l.admin1, l.latitude, l.longitude, l.geo_precision, l.geonameid, l.feature,
       i.fatalities_high, i.first_reported, i.geo_precision
FROM page p
JOIN incidents i ON i.id = p.id
LEFT JOIN actors a1 ON a1.id = i.actor1_id
LEFT JOIN actors a2 ON a2.id = i.actor2_id
LEFT JOIN locations l ON l.id = i.location_id
ORDER BY p.date_start, p.id
"""
