"""Fusion as the second stage of ``sitrep run``: partitioned by country and time, with overlap.

Each event goes to the partitions (country, period of ``partition_days``) that its date
window, widened by ``overlap_days``, touches: an event near a period's edge is in both
neighbours. Every partition is fused on its own (in parallel under Ray), and keeps the
incidents whose reconciled date falls inside its own period, so an incident on the edge is
fused whole by the partition that owns it and dropped by the other. Where two kept incidents
still claim one event (a chain longer than the overlap), or a main event is left in none,
their events are fused once more together: the result is a partition of the events, equal
to fusing everything at once whenever no incident spans more than the overlap.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from sitrep.config import Settings
from sitrep.engine.records import event_of, incident_row
from sitrep.fusion import Report, date_window, fuse
from sitrep.model import EventRole, Incident

PARTITION_DAYS = 28
OVERLAP_DAYS = 14
Key = tuple[str, int]


def partitions(
    reports: Sequence[Report], settings: Settings, *, days: int = PARTITION_DAYS, overlap: int = OVERLAP_DAYS
) -> dict[Key, list[Report]]:
    """Reports by (country, period), each in every period its widened date window touches."""
    parts: dict[Key, list[Report]] = defaultdict(list)
    for r in reports:
        country = r.event.location.country if r.event.location else ""
        lo, hi = date_window(r.event.event_date, settings.fusion)
        for period in range((lo - overlap) // days, (hi + overlap) // days + 1):
            parts[(country, period)].append(r)
    return dict(parts)


def fuse_partition(
    key: Key, reports: Sequence[Report], settings: Settings, days: int = PARTITION_DAYS
) -> list[Incident]:
    """The incidents of one partition that it owns (their date lies in its own period)."""
    return [
        inc for inc in fuse(reports, settings.fusion) if inc.event_date.start.toordinal() // days == key[1]
    ]


def fuse_partitioned(
    reports: Sequence[Report], settings: Settings, *, engine: str = "local", workers: int = 2
) -> list[Incident]:
    """Every partition fused (under Ray when ``engine`` is ``ray``), then the seams mended."""
    parts = partitions(reports, settings)
    keys = sorted(parts)
    if engine == "ray" and len(keys) > 1:
        import ray

        from sitrep.engine.cluster import ray_session

        with ray_session(workers):
            task = ray.remote(fuse_partition)
            kept = [
                inc for found in ray.get([task.remote(k, parts[k], settings) for k in keys]) for inc in found
            ]
    else:
        kept = [inc for k in keys for inc in fuse_partition(k, parts[k], settings)]
    return mend_seams(kept, reports, settings)


def mend_seams(kept: list[Incident], reports: Sequence[Report], settings: Settings) -> list[Incident]:
    """Fuse again the events that two kept incidents claim, or that no incident took."""
    claimed = Counter(e for inc in kept for e in inc.event_ids)
    twice = {e for e, n in claimed.items() if n > 1}
    orphans = {r.event.id for r in reports if r.event.role is EventRole.MAIN and r.event.id not in claimed}
    if not twice and not orphans:
        return sorted(kept, key=lambda inc: (inc.event_date.start, inc.id))
    broken = [inc for inc in kept if twice.intersection(inc.event_ids)]
    redo = orphans | {e for inc in broken for e in inc.event_ids}
    by_id = {r.event.id: r for r in reports}
    whole = [inc for inc in kept if not twice.intersection(inc.event_ids)]
    mended = fuse([by_id[e] for e in sorted(redo)], settings.fusion)
    return sorted(whole + mended, key=lambda inc: (inc.event_date.start, inc.id))


def read_reports(out: Path) -> list[Report]:
    """Every event of the run's Parquet files as a fusion report."""
    import pyarrow.parquet as pq

    reports: list[Report] = []
    for path in sorted((out / "events").glob("month=*/*.parquet")):
        for row in pq.read_table(path, columns=["record", "published", "sentence"]).to_pylist():
            reports.append(Report.of(event_of(row), row["published"], row["sentence"]))
    return reports


def fuse_stage(out: Path, settings: Settings, *, engine: str = "local", workers: int = 2) -> int:
    """Fuse the run's events into ``incidents/`` unless the same shards were fused already."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from sitrep.engine.run import read_manifest, write_manifest

    manifest = read_manifest(out)
    key = hashlib.sha256("\n".join(sorted(manifest["shards"])).encode()).hexdigest()[:16]
    if (manifest.get("fusion") or {}).get("shards") == key:
        return manifest["fusion"]["incidents"]
    incidents = fuse_partitioned(read_reports(out), settings, engine=engine, workers=workers)
    shutil.rmtree(out / "incidents", ignore_errors=True)
    by_month: dict[str, list[dict]] = defaultdict(list)
    for inc in incidents:
        row = incident_row(inc)
        by_month[row.pop("month")].append(row)
    for month, rows in sorted(by_month.items()):
        folder = out / "incidents" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows), folder / "incidents.parquet")
    manifest["fusion"] = {"shards": key, "incidents": len(incidents)}
    write_manifest(out, manifest)
    return len(incidents)
