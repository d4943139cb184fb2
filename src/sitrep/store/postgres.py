"""The shared PostgreSQL engine: the same migrations and queries as DuckDB, through psycopg 3.

The portable ``Store`` does all the work; this module only opens the connection. It runs in
autocommit mode because the store issues its own ``BEGIN`` / ``COMMIT`` per write, and the
``?`` placeholders of the portable SQL are rewritten to psycopg's ``%s``.
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from sitrep.store.base import MIGRATIONS_DIR, Store

URL_PREFIXES = ("postgres://", "postgresql://")
_MIGRATION_LOCK = 0x5172E9  # any constant key shared by every sitrep process


class PostgresStore(Store):
    """The portable store on a psycopg connection (row-wise multi-row INSERTs)."""

    placeholder = "%s"
    url = ""

    def reader(self) -> PostgresStore:
        """A new connection to the same database, for one reading thread."""
        reader = PostgresStore(
            psycopg.connect(self.url, autocommit=True), migrations_dir=self._migrations_dir
        )
        reader.url = self.url
        return reader

    def migrate(self) -> list[str]:
        """Migrate under a session advisory lock, so servers starting together migrate once."""
        self._run("SELECT pg_advisory_lock(?)", [_MIGRATION_LOCK])
        try:
            return super().migrate()
        finally:
            self._run("SELECT pg_advisory_unlock(?)", [_MIGRATION_LOCK])


def open_postgres(
    url: str, *, migrations_dir: Path = MIGRATIONS_DIR, connect_timeout: int = 10
) -> PostgresStore:
    """Connect to the PostgreSQL database at ``url`` and bring its schema up to date."""
    conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
    store = PostgresStore.migrated(conn, migrations_dir=migrations_dir)
    store.url = url
    return store
