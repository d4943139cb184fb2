"""Incremental fusion whose cost per batch does not grow with the store.

:meth:`~sitrep.store.incidents.IncidentStore.refresh_incidents` fuses a batch with the *closed* group of
stored events it connects to, and on a busy country that group chains through months of
reports: each batch then reloads and re-fuses thousands of events, and ingest slows down as
the store grows. :func:`link_incidents` bounds the work instead:

1. the new events' date windows, per country, are merged into a few intervals (padded by the
   fusion slack) - the only places a candidate of a new event can be;
2. the stored events inside those intervals are loaded, then every member of the incidents
   they belong to, so that each loaded incident is whole (one hop, never more);
3. that local group and the new events are fused again with :func:`sitrep.fusion.fuse`, and
   only the incidents that changed are rewritten.

The work per batch is the density of reports around the batch, not the size of the store.
The price: an incident of the local group can no longer pull in a report that lies beyond
its members (the exact closed-group refresh can); ``sitrep incidents --rebuild`` re-fuses
the whole store when wanted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from sitrep.config import FusionSettings
from sitrep.fusion import Report, fuse, max_gap, report_windows
from sitrep.store.base import Store
from sitrep.store.incidents import FusionSummary
from sitrep.store.review import join_partners, load_decisions

_MERGE_GAP_DAYS = 7  # nearby windows are loaded by one query


def link_incidents(
    store: Store, event_ids: Iterable[str], settings: FusionSettings | None = None
) -> FusionSummary:
    """Fuse the given stored events with the incidents around them and store the result."""
    settings = settings or FusionSettings()
    seeds = store.fusion_reports_by_id(event_ids)
    if not seeds:
        return FusionSummary()
    decisions = load_decisions(store)  # a person's splits and joins hold here too
    group = local_group(store, seeds, settings)
    joined = join_partners(decisions, [r.event.id for r in group]) - {r.event.id for r in group}
    group += store.fusion_reports_by_id(joined)
    summary = store.write_incidents(fuse(group, settings, decisions), [r.event.id for r in group])
    return replace(summary, events=len(group))


def local_group(store: Store, seeds: Sequence[Report], settings: FusionSettings) -> list[Report]:
    """The seeds, the stored events in their windows and the rest of those events' incidents."""
    loaded = {r.event.id: r for r in seeds}
    for country, (lo, hi) in windows(seeds, settings):
        for report in store.fusion_reports(countries=[country], since=lo, until=hi):
            loaded.setdefault(report.event.id, report)
    members = incident_members(store, list(loaded))
    missing = [e for e in members if e not in loaded]
    for report in store.fusion_reports_by_id(missing):
        loaded[report.event.id] = report
    return list(loaded.values())


def windows(reports: Sequence[Report], settings: FusionSettings) -> list[tuple[str, tuple[date, date]]]:
    """Per country, the merged date intervals where a candidate of any report can lie."""
    pad = settings.date_slack_days + settings.publication_slack_days + max_gap(settings)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in reports:
        if r.event.location is not None:
            for lo, hi in report_windows(r, settings):
                spans[r.event.location.country].append((lo - pad, hi + pad))
    merged: list[tuple[str, tuple[date, date]]] = []
    for country in sorted(spans):
        current: list[int] | None = None
        for lo, hi in sorted(spans[country]):
            if current is not None and lo <= current[1] + _MERGE_GAP_DAYS:
                current[1] = max(current[1], hi)
                continue
            if current is not None:
                merged.append((country, _dates(current)))
            current = [lo, hi]
        if current is not None:
            merged.append((country, _dates(current)))
    return merged


def _dates(span: list[int]) -> tuple[date, date]:
    return date.fromordinal(span[0]), date.fromordinal(span[1])


def incident_members(store: Store, event_ids: Sequence[str]) -> set[str]:
    """Every event of the incidents that any of ``event_ids`` belongs to."""
    incidents = store._first_column_in("SELECT incident_id FROM incident_events WHERE event_id IN", event_ids)
    return store._first_column_in("SELECT event_id FROM incident_events WHERE incident_id IN", incidents)
