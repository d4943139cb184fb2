"""A person reviews fusion: split a wrong link, join a missed one; read why reports were linked
and how an incident changed.

Decisions are pairs of events in ``fusion_decisions`` (``split``: never one incident, ``join``:
always one incident). ``Store.refresh_incidents`` (:mod:`sitrep.store.incidents`) reads them
every time it fuses, so they survive ``sitrep incidents --rebuild`` and later ingests. Links
(with the shared evidence) and versions are written by ``Store.write_incidents``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.config import FusionSettings
from sitrep.fusion import Decisions
from sitrep.model import Incident, Link
from sitrep.store.rows import now

if TYPE_CHECKING:  # the store mixes in sitrep.store.incidents, which imports this module
    from sitrep.store.base import Store


@dataclass(frozen=True, slots=True)
class IncidentVersion:
    """One version of an incident: its fields then and the events whose arrival made it."""

    version: int
    changed_by: tuple[str, ...]
    fields: dict
    recorded_at: str

    def to_json(self) -> dict:
        return {
            "version": self.version, "changed_by": list(self.changed_by),
            "fields": self.fields, "recorded_at": self.recorded_at,
        }  # fmt: skip


def load_decisions(store: Store) -> Decisions:
    """Every split and join a person made (a small table: read whole)."""
    rows = store._query("SELECT kind, event_a, event_b FROM fusion_decisions")
    return Decisions(
        splits=frozenset(frozenset((a, b)) for kind, a, b in rows if kind == "split"),
        joins=frozenset(frozenset((a, b)) for kind, a, b in rows if kind == "join"),
    )


def decide(store: Store, kind: str, pairs: Iterable[tuple[str, str]], note: str = "") -> int:
    """Record ``split`` or ``join`` for event pairs (a later decision on a pair replaces the earlier)."""
    if kind not in ("split", "join"):
        raise ValueError(f"a decision is 'split' or 'join', not {kind!r}")
    rows = sorted({tuple(sorted(p)) for p in pairs if p[0] != p[1]})
    for a, b in rows:
        store._run("DELETE FROM fusion_decisions WHERE event_a = ? AND event_b = ?", [a, b])
        store._run(
            "INSERT INTO fusion_decisions (kind, event_a, event_b, note, decided_at) VALUES (?, ?, ?, ?, ?)",
            [kind, a, b, note, now()],
        )
    return len(rows)


def split_event(
    store: Store, event_id: str, settings: FusionSettings | None = None, note: str = ""
) -> str | None:
    """Take an event out of its incident for good; returns the id of the incident it is in now."""
    current = store.incident_of_event(event_id)
    if current is None:
        raise KeyError(f"event {event_id!r} is in no incident")
    others = [e for e in store.incident_members(current) if e != event_id]
    decide(store, "split", [(event_id, e) for e in others], note)
    store.refresh_incidents([event_id, *others], settings)
    return store.incident_of_event(event_id)


def join_events(
    store: Store, event_a: str, event_b: str, settings: FusionSettings | None = None, note: str = ""
) -> str | None:
    """Put two events in one incident for good; returns the id of that incident."""
    decide(store, "join", [(event_a, event_b)], note)
    store.refresh_incidents([event_a, event_b], settings)
    return store.incident_of_event(event_a)


def join_partners(decisions: Decisions, event_ids: Iterable[str]) -> set[str]:
    """Events a person joined to any of ``event_ids`` (they must be fused in the same group)."""
    ids = set(event_ids)
    return {e for pair in decisions.joins if pair & ids for e in pair} - ids


# -- links and versions ---------------------------------------------------------------------------


def link_rows(incidents: Sequence[Incident]) -> list[tuple]:
    """The ``incident_links`` rows of incidents."""
    return [
        (inc.id, link.event_id, link.linked_to, link.probability, json.dumps(list(link.evidence)), link.by)
        for inc in incidents
        for link in inc.links
    ]


def links_of(store: Store, incident_id: str) -> tuple[Link, ...]:
    """Why each event joined the incident (the founding report has no link)."""
    rows = store._query(
        "SELECT event_id, linked_to, probability, evidence, decided_by FROM incident_links "
        "WHERE incident_id = ? ORDER BY event_id",
        [incident_id],
    )
    return tuple(Link(r[0], r[1], float(r[2]), tuple(json.loads(r[3])), r[4]) for r in rows)


def version_fields(inc: Incident) -> dict:
    """What a version records: the reconciled fields a reader cares about."""
    data = inc.to_json()
    keep = ("event_date", "date_precision", "event_type", "sub_event_type", "location", "fatalities",
            "actor1", "actor2", "event_ids")  # fmt: skip
    return {k: data[k] for k in keep}


def add_versions(store: Store, changed: Sequence[tuple[Incident, Sequence[str]]]) -> None:
    """Append a version to each changed incident, naming the events that changed it."""
    for inc, changed_by in changed:
        found = store._query("SELECT MAX(version) FROM incident_versions WHERE incident_id = ?", [inc.id])
        version = (found[0][0] or 0) + 1
        store._run(
            "INSERT INTO incident_versions (incident_id, version, changed_by, fields, recorded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [inc.id, version, json.dumps(sorted(changed_by)), json.dumps(version_fields(inc)), now()],
        )


def history(store: Store, incident_id: str) -> list[IncidentVersion]:
    """The versions of an incident, oldest first."""
    rows = store._query(
        "SELECT version, changed_by, fields, recorded_at FROM incident_versions WHERE incident_id = ? "
        "ORDER BY version",
        [incident_id],
    )
    return [IncidentVersion(r[0], tuple(json.loads(r[1])), json.loads(r[2]), str(r[3])) for r in rows]
