"""Where coded events live: DuckDB by default, PostgreSQL later, through the same migrations."""

from __future__ import annotations

from sitrep.store.base import EventRow, Store, WriteSummary, content_id

__all__ = ["EventRow", "Store", "WriteSummary", "content_id", "open_store"]

_POSTGRES_PREFIXES = ("postgres://", "postgresql://")


def open_store(url: str) -> Store:
    """Open the store at ``url`` (a file path, ``duckdb:///path`` or ``:memory:``), migrated."""
    if url.startswith(_POSTGRES_PREFIXES):
        raise NotImplementedError("the PostgreSQL store is not available yet; use a DuckDB path")
    from sitrep.store.duckdb import open_duckdb

    if url.startswith("duckdb://"):
        url = url.removeprefix("duckdb://") or ":memory:"
    return open_duckdb(url)
