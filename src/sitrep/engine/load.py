"""``sitrep load``: bulk-load a ``sitrep run`` output folder into DuckDB or PostgreSQL.

Articles and events go in through the store's idempotent batch writes (a shard's month file
per transaction), then the run's incidents replace those of the same events. Loading the
same folder twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitrep.engine.records import incident_of, result_of
from sitrep.engine.run import read_manifest
from sitrep.store.base import Store


@dataclass(frozen=True, slots=True)
class LoadSummary:
    articles_added: int = 0
    articles_skipped: int = 0
    events_added: int = 0
    incidents_added: int = 0
    incidents_updated: int = 0


def load(out: Path, store: Store) -> LoadSummary:
    """Write every article, event and incident of the run in ``out`` to ``store``."""
    import pyarrow.parquet as pq

    manifest = read_manifest(out)
    if not manifest["shards"]:
        raise ValueError(f"{out} holds no finished shard (no {out / 'manifest.json'} or an empty one)")
    versions = manifest.get("versions") or {}
    added = skipped = events = 0
    for path in sorted((out / "articles").glob("month=*/*.parquet")):
        rows = pq.read_table(path, columns=["record", "error"]).to_pylist()
        results = [result_of(r) for r in rows if not r["error"]]
        summary = store.write_batch(results, versions=versions)
        added += summary.articles_added
        skipped += summary.articles_skipped
        events += summary.events_added
    incidents = [
        incident_of(row)
        for path in sorted((out / "incidents").glob("month=*/*.parquet"))
        for row in pq.read_table(path, columns=["record"]).to_pylist()
    ]
    fused = store.write_incidents(incidents, [e for inc in incidents for e in inc.event_ids])
    return LoadSummary(added, skipped, events, fused.added, fused.updated)
