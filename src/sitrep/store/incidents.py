"""Incidents in the store: load the events fusion needs, fuse, and write incidents atomically.

``IncidentStore`` is part of every :class:`~sitrep.store.base.Store` (any engine; the SQL is
portable), so incidents are read and written through the store's own interface:

- :meth:`IncidentStore.refresh_incidents` is what ``sitrep ingest`` calls after each batch: it
  loads the stored events that could be linked with the given ones (same country, nearby
  dates, grown until the group is closed under the fusion gates), fuses that group again
  and rewrites only the incidents that changed. Since fusion is a pure function of a closed
  group, ingesting in several batches gives the same incidents as ingesting everything at
  once, and re-running on the same data changes nothing.
- :meth:`~IncidentStore.incidents` / :meth:`~IncidentStore.incident` read them back with
  their sources (for the CLI and the API); :meth:`~IncidentStore.incident_rows` flattens them
  to ``EventRow`` for the exporters.
- A person's split / join decisions (``sitrep.store.review``) are read on every refresh and
  passed to fusion; each incident's links (why each report joined) and versions are written
  with it and read back in its record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitrep.config import FusionSettings
from sitrep.contest import contest
from sitrep.fusion import CONTEXT_CHARS, Decisions, Report, components, fuse, trigger_sentence, window_of
from sitrep.model import Actor, EventRole, FieldVoices, Incident, Link, Span, Voice
from sitrep.store.filters import EventFilter
from sitrep.store.review import add_versions, history, join_partners, link_rows, load_decisions
from sitrep.store.rows import (
    EVENT_JOINS,
    EVENT_SELECT,
    LOCATION_SELECT,
    EventRow,
    actor_from,
    actor_id,
    country_code,
    event_date_from,
    event_from_row,
    fatalities_from,
    location_from,
    location_id,
    paged,
)

_CHUNK = 500
_CONTEXT = CONTEXT_CHARS  # characters of article text loaded on each side of the trigger


@dataclass(frozen=True, slots=True)
class FusionSummary:
    """What a refresh did to the incidents table."""

    events: int = 0  # events fused again (the new ones and everything linked to them)
    added: int = 0
    updated: int = 0
    removed: int = 0
    incident_ids: tuple[str, ...] = ()  # the incidents written or removed (a server drops their cached JSON)


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


class IncidentStore:
    """The incident half of the store's interface (mixed into ``Store``, whose plumbing
    ``_query``, ``_named``, ``_insert`` and ``_transaction`` it uses)."""

    # -- fusing what is stored ----------------------------------------------------------------

    def refresh_incidents(
        self, event_ids: Iterable[str] | None = None, settings: FusionSettings | None = None
    ) -> FusionSummary:
        """Link the given stored events (all events if ``None``) into incidents and store the result."""
        settings = settings or FusionSettings()
        decisions = load_decisions(self)
        if event_ids is None:
            group = self.fusion_reports()
        else:
            group = self._joined_group(set(event_ids), settings, decisions)
        if not group:
            return FusionSummary()
        summary = self.write_incidents(fuse(group, settings, decisions), [r.event.id for r in group])
        return replace(summary, events=len(group))

    def _joined_group(self, ids: set[str], settings: FusionSettings, decisions: Decisions) -> list[Report]:
        """The closed group of the events, grown by the events a person joined to its members."""
        group: list[Report] = []
        while True:
            seeds = self.fusion_reports_by_id(ids)
            group = self._closed_group(seeds, settings, decisions) if seeds else []
            more = join_partners(decisions, [r.event.id for r in group]) - ids
            if not more:
                return group
            ids |= more | {r.event.id for r in group}

    def _closed_group(
        self, seeds: Sequence[Report], settings: FusionSettings, decisions: Decisions | None = None
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
            for report in self.fusion_reports(countries=countries, since=lo, until=hi):
                loaded.setdefault(report.event.id, report)
            reports = list(loaded.values())
            group = [
                reports[i]
                for comp in components(
                    reports, settings, [tuple(p) for p in (decisions or Decisions()).joins]
                )
                if any(reports[i].event.id in seed_ids for i in comp)
                for i in comp
            ]
            new_lo, new_hi = window_of([r for r in group if r.event.location is not None], settings)
            if new_lo >= lo and new_hi <= hi:
                return group
            lo, hi = min(lo, new_lo), max(hi, new_hi)

    def fusion_reports(
        self,
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
        return self._reports(" AND ".join(where) or "TRUE", params)

    def fusion_reports_by_id(self, event_ids: Iterable[str]) -> list[Report]:
        """Stored events with these ids, as fusion reports (unknown ids are skipped)."""
        found: list[Report] = []
        for part in _chunks(sorted(set(event_ids))):
            found += self._reports("e.id IN (" + ", ".join("?" * len(part)) + ")", part)
        return found

    def _reports(self, where: str, params: Sequence[Any]) -> list[Report]:
        page = f"SELECT e.id FROM events e LEFT JOIN locations l ON l.id = e.location_id WHERE {where}"
        assoc: dict[str, list[Actor]] = {}
        for event_id, name, type_, country in self._query(
            f"WITH page AS ({page}) SELECT ea.event_id, a.name, a.type, a.country FROM page p "
            "JOIN event_actors ea ON ea.event_id = p.id JOIN actors a ON a.id = ea.actor_id "
            "WHERE ea.role = 'assoc' ORDER BY ea.event_id, ea.ordinal",
            params,
        ):
            assoc.setdefault(event_id, []).append(Actor(name, type_, country))
        victims: dict[str, list[str]] = {}
        for event_id, name in self._query(
            f"WITH page AS ({page}) SELECT v.event_id, v.name FROM page p "
            "JOIN victims v ON v.event_id = p.id ORDER BY v.event_id, v.ordinal",
            params,
        ):
            victims.setdefault(event_id, []).append(name)
        rows = self._named(f"WITH page AS ({page}) {_REPORT_SELECT}", params)
        return [_report(r, tuple(assoc.get(r["id"], ())), tuple(victims.get(r["id"], ()))) for r in rows]

    # -- writing ------------------------------------------------------------------------------

    def write_incidents(self, incidents: Sequence[Incident], event_ids: Sequence[str]) -> FusionSummary:
        """Replace the incidents of ``event_ids`` by ``incidents`` in one transaction, touching only changes."""
        old = self._stored_incidents(event_ids)
        new = {inc.id: (incident_row(inc), frozenset(inc.event_ids)) for inc in incidents}
        changed = [i for i in new if old.get(i) != new[i]]
        gone = [i for i in old if i not in new]
        if not changed and not gone:
            return FusionSummary()
        with self._transaction():
            for ids in _chunks([*gone, *changed]):
                marks = ", ".join("?" * len(ids))
                self._run(f"DELETE FROM incident_events WHERE incident_id IN ({marks})", ids)
                self._run(f"DELETE FROM incidents WHERE id IN ({marks})", ids)
                self._run(f"DELETE FROM incident_links WHERE incident_id IN ({marks})", ids)
            self._insert("incidents", _INCIDENT_COLUMNS, [new[i][0] for i in changed])
            members = [(i, e) for i in changed for e in sorted(new[i][1])]
            self._insert("incident_events", ("incident_id", "event_id"), members)
            by_id = {inc.id: inc for inc in incidents}
            self._insert("incident_links", _LINK_COLUMNS, link_rows([by_id[i] for i in changed]))
            add_versions(self, [(by_id[i], _changed_by(old.get(i), new[i][1])) for i in changed])
        added = sum(1 for i in changed if i not in old)
        return FusionSummary(0, added, len(changed) - added, len(gone), tuple(sorted([*changed, *gone])))

    def incident_members(self, incident_id: str) -> list[str]:
        """The event ids of an incident."""
        rows = self._query(
            "SELECT event_id FROM incident_events WHERE incident_id = ? ORDER BY event_id", [incident_id]
        )
        return [r[0] for r in rows]

    def _first_column_in(self, select: str, values: Iterable[str]) -> set[str]:
        """The first column of ``select``, a query ending in ``IN``, over the distinct ``values`` in chunks."""
        found: set[str] = set()
        for part in _chunks(sorted(set(values))):
            marks = ", ".join("?" * len(part))
            found |= {r[0] for r in self._query(f"{select} ({marks})", part)}
        return found

    def _stored_incidents(self, event_ids: Sequence[str]) -> dict[str, tuple[tuple, frozenset[str]]]:
        ids = self._first_column_in("SELECT incident_id FROM incident_events WHERE event_id IN", event_ids)
        stored: dict[str, tuple[tuple, frozenset[str]]] = {}
        for part in _chunks(sorted(ids)):
            marks = ", ".join("?" * len(part))
            members: dict[str, set[str]] = {}
            for inc, ev in self._query(
                f"SELECT incident_id, event_id FROM incident_events WHERE incident_id IN ({marks})", part
            ):
                members.setdefault(inc, set()).add(ev)
            cols = ", ".join(_INCIDENT_COLUMNS)
            for row in self._query(f"SELECT {cols} FROM incidents WHERE id IN ({marks})", part):
                stored[row[0]] = (tuple(row), frozenset(members.get(row[0], ())))
        return stored

    # -- reading ------------------------------------------------------------------------------

    def incidents(
        self,
        filters: EventFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        after: tuple[date, str] | None = None,
    ) -> list[IncidentRecord]:
        """Incidents ordered by date then id, with their sources; ``filters`` as for ``Store.events``
        (country, dates, type and sub-type apply to the incident's reconciled fields); ``after`` as
        for ``incident_keys``."""
        where, params = _incident_where(filters or EventFilter(), after)
        select = "SELECT i.id, i.date_start FROM incidents i LEFT JOIN locations l ON l.id = i.location_id"
        page, paging = paged(select, where, "i.date_start, i.id", limit, offset)
        return self._records(page, params + paging)

    def incident_keys(
        self,
        filters: EventFilter | None = None,
        *,
        limit: int,
        offset: int = 0,
        after: tuple[date, str] | None = None,
    ) -> list[str]:
        """The ids of one page of ``incidents`` (a server keeps each incident rendered until it changes).

        ``after`` = (date_start, id) of the last incident seen pages by key instead of by offset.
        """
        where, params = _incident_where(filters or EventFilter(), after)
        select = "SELECT i.id FROM incidents i" + (
            " LEFT JOIN locations l ON l.id = i.location_id" if any("l." in w for w in where) else ""
        )
        page, paging = paged(select, where, "i.date_start, i.id", limit, offset)
        return [r[0] for r in self._query(page, params + paging)]

    def incidents_by_id(self, incident_ids: Sequence[str]) -> list[IncidentRecord]:
        """These incidents with their sources, in the order given (unknown ids are left out)."""
        found: dict[str, IncidentRecord] = {}
        for part in _chunks(list(dict.fromkeys(incident_ids))):
            marks = ", ".join("?" * len(part))
            page = f"SELECT i.id, i.date_start FROM incidents i WHERE i.id IN ({marks})"
            found.update((r.incident.id, r) for r in self._records(page, part))
        return [found[i] for i in incident_ids if i in found]

    def incident(self, incident_id: str) -> IncidentRecord | None:
        """One stored incident with its sources and its version history, or ``None``."""
        found = self._records("SELECT i.id, i.date_start FROM incidents i WHERE i.id = ?", [incident_id])
        return replace(found[0], history=tuple(history(self, incident_id))) if found else None

    def incident_of_event(self, event_id: str) -> str | None:
        """The id of the incident an event belongs to (``None`` for an unlinked background mention)."""
        found = self._query("SELECT incident_id FROM incident_events WHERE event_id = ?", [event_id])
        return found[0][0] if found else None

    def incident_rows(self, filters: EventFilter | None = None) -> list[EventRow]:
        """Incidents flattened to ``EventRow`` (one row per incident) so every exporter takes them."""
        return [_incident_event_row(rec) for rec in self.incidents(filters)]

    def _records(self, page: str, params: Sequence[Any]) -> list[IncidentRecord]:
        sources: dict[str, list[IncidentSource]] = {}
        for r in self._named(f"WITH page AS ({page}) {_SOURCE_SELECT}", params):
            sources.setdefault(r["incident_id"], []).append(IncidentSource(*(r[f] for f in _SOURCE_FIELDS)))
        named: dict[str, set[Actor]] = {}
        for inc, name, type_, country in self._query(f"WITH page AS ({page}) {_ACTORS_SELECT}", params):
            named.setdefault(inc, set()).add(Actor(name, type_, country))
        victims: dict[str, set[str]] = {}
        for inc, name in self._query(f"WITH page AS ({page}) {_VICTIMS_SELECT}", params):
            victims.setdefault(inc, set()).add(name)
        links: dict[str, list[Link]] = {}
        for r in self._named(f"WITH page AS ({page}) {_LINKS_SELECT}", params):
            links.setdefault(r["incident_id"], []).append(
                Link(
                    r["event_id"],
                    r["linked_to"],
                    float(r["probability"]),
                    tuple(json.loads(r["evidence"])),
                    r["decided_by"],
                )
            )
        voices: dict[str, list[Voice]] = {}
        for r in self._query(f"WITH page AS ({page}) {_CLAIMS_SELECT}", params):
            voices.setdefault(r[0], []).append(Voice(*r[1:]))
        rows = self._named(f"WITH page AS ({page}) {_INCIDENT_SELECT}", params)
        records = [
            _record(
                r,
                sources.get(r["id"], []),
                named.get(r["id"], set()),
                victims.get(r["id"], set()),
                links.get(r["id"], []),
            )
            for r in rows
        ]
        return [_with_voices(rec, voices.get(rec.incident.id, [])) for rec in records]


def _incident_where(f: EventFilter, after: tuple[date, str] | None = None) -> tuple[list[str], list[Any]]:
    """Conditions over ``incidents i LEFT JOIN locations l`` for the filters incidents take
    and the key of the last incident seen."""
    where: list[str] = []
    params: list[Any] = []
    for condition, value in (
        ("l.country = ?", country_code(f.country) if f.country else None),
        ("i.date_end >= ?", f.since),
        ("i.date_start <= ?", f.until),
        ("i.event_type = ?", f.event_type),
        ("i.sub_event_type = ?", f.sub_event_type),
    ):
        if value:
            where.append(condition)
            params.append(value)
    if after is not None:
        where.append("(i.date_start > ? OR (i.date_start = ? AND i.id > ?))")
        params += [after[0], after[0], after[1]]
    return where, params


def _with_voices(rec: IncidentRecord, claimed: list[Voice]) -> IncidentRecord:
    """Each outlet's own toll and every source's claims, field by field (``sitrep.contest``)."""
    told = [
        Voice("fatalities", str(s.fatalities_best), "asserts", s.source or s.article_id, "media", s.source,
              s.article_id, s.event_id)
        for s in rec.sources
        if s.role == EventRole.MAIN.value and s.fatalities_best is not None
    ]  # fmt: skip
    return replace(rec, fields=contest([*told, *claimed]))


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i : i + _CHUNK])


# -- rows and records -----------------------------------------------------------------------------

_REPORT_SELECT = f"""
SELECT {EVENT_SELECT},
       a1.name AS a1_name, a1.type AS a1_type, a1.country AS a1_country,
       a2.name AS a2_name, a2.type AS a2_type, a2.country AS a2_country,
       {LOCATION_SELECT},
       ar.published, ev.start_char, ev.end_char,
       GREATEST(ev.start_char - {_CONTEXT}, 0) AS excerpt_start,
       substr(ar.text, GREATEST(ev.start_char - {_CONTEXT}, 0) + 1, ev.end_char - ev.start_char + {2 * _CONTEXT})
           AS excerpt
{EVENT_JOINS}LEFT JOIN evidence ev ON ev.event_id = e.id AND ev.field = 'event_type'
ORDER BY e.id
"""


def _report(r: dict[str, Any], assoc: tuple[Actor, ...], victims: tuple[str, ...]) -> Report:
    """A fusion report: the stored event, its trigger and the sentence around it."""
    evidence, sentence, excerpt = {}, "", ""
    if r["start_char"] is not None:
        start, end = r["start_char"] - r["excerpt_start"], r["end_char"] - r["excerpt_start"]
        excerpt = r["excerpt"] or ""
        evidence = {"event_type": Span(r["start_char"], r["end_char"], excerpt[start:end])}
        sentence = trigger_sentence(excerpt, Span(start, end))
    event = event_from_row(
        r,
        actor1=actor_from(r, "a1"),
        actor2=actor_from(r, "a2"),
        assoc_actors=assoc,
        victims=victims,
        evidence=evidence,
    )
    return Report.of(event, r["published"], sentence, excerpt)


_INCIDENT_COLUMNS = (
    "id", "event_date", "date_start", "date_end", "date_precision", "date_source", "event_type",
    "sub_event_type", "actor1_id", "actor2_id", "location_id", "geo_precision", "fatalities_best", "fatalities_low",
    "fatalities_high", "n_events", "n_articles", "first_reported",
)  # fmt: skip


_LINK_COLUMNS = ("incident_id", "event_id", "linked_to", "probability", "evidence", "decided_by")


def _changed_by(old: tuple[tuple, frozenset[str]] | None, members: frozenset[str]) -> list[str]:
    """The events whose arrival (or, failing that, departure) changed an incident."""
    before = old[1] if old else frozenset()
    return sorted(members - before) or sorted(before - members)


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


def _record(
    r: dict[str, Any], sources: list[IncidentSource], named: set[Actor], victims: set[str], links: list[Link]
) -> IncidentRecord:
    actor1, actor2 = actor_from(r, "a1"), actor_from(r, "a2")
    incident = Incident(
        id=r["id"],
        event_date=event_date_from(r),
        event_type=r["event_type"],
        sub_event_type=r["sub_event_type"],
        location=location_from(r, precision=r["geo_precision"]),
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities_from(r),
        event_ids=tuple(sorted(s.event_id for s in sources)),
        article_ids=tuple(sorted({s.article_id for s in sources})),
        background_ids=tuple(sorted(s.event_id for s in sources if s.role != EventRole.MAIN.value)),
        assoc_actors=tuple(sorted(named - {actor1, actor2}, key=lambda a: a.name)),
        victims=tuple(sorted(victims)),
        first_reported=r["first_reported"],
        links=tuple(sorted(links)),
    )
    return IncidentRecord(incident, tuple(sources))


def _incident_event_row(rec: IncidentRecord) -> EventRow:
    """An incident as one ``EventRow``: reconciled fields, its first report's article, all outlets."""
    inc, first = rec.incident, rec.sources[0] if rec.sources else None
    loc, fat = inc.location, inc.fatalities
    outlets = list(dict.fromkeys(s.source for s in rec.sources if s.source))
    return EventRow(
        event_id=inc.id,
        article_id=first.article_id if first else "",
        event_date=inc.event_date.iso,
        date_start=inc.event_date.start,
        date_end=inc.event_date.end,
        date_precision=inc.event_date.precision.value,
        date_source=inc.event_date.source.value,
        event_type=inc.event_type,
        sub_event_type=inc.sub_event_type,
        plover="",
        cameo="",
        role=EventRole.MAIN.value,
        **_actor_cells("actor1", inc.actor1),
        **_actor_cells("actor2", inc.actor2),
        assoc_actors=tuple(a.name for a in inc.assoc_actors),
        location=loc.name if loc else "",
        country=loc.country if loc else "",
        admin1=loc.admin1 if loc else "",
        latitude=loc.latitude if loc else None,
        longitude=loc.longitude if loc else None,
        geo_precision=int(loc.geo_precision) if loc else None,
        geonameid=loc.geonameid if loc else None,
        fatalities_best=fat.best if fat else None,
        fatalities_low=fat.low if fat else None,
        fatalities_high=fat.high if fat else None,
        confidence=max((s.confidence for s in rec.sources), default=0.0),
        trigger="",
        source="; ".join(outlets),
        url=first.url if first else "",
        title=first.title if first else "",
        published=inc.first_reported or inc.event_date.start,
        ingested_at=None,
        model_version="",
        data_version="",
    )


def _actor_cells(role: str, actor: Actor | None) -> dict[str, str]:
    name, type_, country = ("", "", "") if actor is None else (actor.name, actor.type, actor.country)
    return {role: name, f"{role}_type": type_, f"{role}_country": country}


_SOURCE_FIELDS = (
    "event_id", "article_id", "role", "event_date", "sub_event_type", "location", "fatalities_best",
    "confidence", "published", "source", "url", "title",
)  # fmt: skip
_SOURCE_SELECT = """
SELECT ie.incident_id, e.id AS event_id, e.article_id, e.role, e.event_date, e.sub_event_type,
       COALESCE(l.name, '') AS location, e.fatalities_best, e.confidence, ar.published, ar.source, ar.url,
       ar.title
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

_INCIDENT_SELECT = f"""
SELECT i.id, i.date_start, i.date_precision, i.date_source, i.event_type, i.sub_event_type,
       i.fatalities_best, i.fatalities_low, i.fatalities_high, i.first_reported, i.geo_precision,
       a1.name AS a1_name, a1.type AS a1_type, a1.country AS a1_country,
       a2.name AS a2_name, a2.type AS a2_type, a2.country AS a2_country,
       {LOCATION_SELECT}
FROM page p
JOIN incidents i ON i.id = p.id
LEFT JOIN actors a1 ON a1.id = i.actor1_id
LEFT JOIN actors a2 ON a2.id = i.actor2_id
LEFT JOIN locations l ON l.id = i.location_id
ORDER BY p.date_start, p.id
"""
