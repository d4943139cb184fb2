"""The embedded DuckDB engine: one file (or memory), the portable store on top."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from sitrep.store.base import MIGRATIONS_DIR, Store


class DuckDBStore(Store):
    """The portable store, with bulk inserts sent column-wise.

    DuckDB binds one list per column ~20x faster than a multi-row VALUES list; the SQL
    (``INSERT ... SELECT unnest(?) ... ON CONFLICT DO NOTHING RETURNING``) is the only
    DuckDB-specific statement, and it stays out of the migrations.
    """

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple], key: str = "") -> set[str]:
        if not rows:
            return set()
        values = [list(column) for column in zip(*rows, strict=True)]
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(['unnest(?)'] * len(columns))}"
            " ON CONFLICT DO NOTHING" + (f" RETURNING {key}" if key else "")
        )
        found = self._conn.execute(sql, values).fetchall()
        return {r[0] for r in found} if key else set()


def open_duckdb(path: str | Path, *, migrations_dir: Path = MIGRATIONS_DIR) -> DuckDBStore:
    """Open (creating it and its folder if missing) a DuckDB store and bring its schema up to date."""
    target = str(path)
    if target != ":memory:":
        Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
        target = str(Path(target).expanduser())
    return DuckDBStore.migrated(duckdb.connect(target), migrations_dir=migrations_dir)
