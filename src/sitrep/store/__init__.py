"""Where coded events live: DuckDB by default, PostgreSQL when shared, through the same migrations."""

from __future__ import annotations

from sitrep.store.base import EventFilter, Store, StoreError, WriteSummary
from sitrep.store.rows import EventRow, content_id

__all__ = ["EventFilter", "EventRow", "Store", "StoreError", "WriteSummary", "content_id", "open_store"]

_POSTGRES_PREFIXES = ("postgres://", "postgresql://")


def open_store(url: str, *, create: bool = True) -> Store:
    """Open the store at ``url``, migrated.

    ``url`` is a DuckDB file path, ``duckdb:///path`` or ``:memory:``, or a PostgreSQL URL
    (``postgresql://user:password@host:5432/dbname``). ``create=False`` refuses a DuckDB file
    that does not exist (commands that only read).
    """
    if url.startswith(_POSTGRES_PREFIXES):
        from sitrep.store.postgres import open_postgres

        return open_postgres(url)
    from sitrep.store.duckdb import open_duckdb

    if url.startswith("duckdb://"):
        url = url.removeprefix("duckdb://") or ":memory:"
    return open_duckdb(url, create=create)
