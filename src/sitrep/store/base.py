"""The engine-neutral store: migrations, idempotent batch writes and the event queries.

All SQL here is portable (standard types, ``?`` placeholders rewritten per engine,
``ON CONFLICT DO NOTHING ... RETURNING``), so DuckDB and PostgreSQL share it.
An engine module only supplies a connection with ``execute(sql, params).fetchall()``.
SQL text never contains a literal ``%`` (psycopg would read it as a placeholder): LIKE
patterns are parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, Self

from sitrep.model import Actor, ArticleResult, Claim, Event, Span
from sitrep.store.filters import EventFilter, merge_filters
from sitrep.store.incidents import IncidentStore
from sitrep.store.rows import (
    EVENT_JOINS,
    EVENT_SELECT,
    LOCATION_SELECT,
    EventRow,
    actor_id,
    event_from_row,
    location_id,
    now,
    paged,
)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "ROLLBACK"})
TABLES = (
    "articles",
    "actors",
    "locations",
    "events",
    "event_actors",
    "victims",
    "claims",
    "evidence",
)
MODEL_VERSION_KEYS = frozenset({"sitrep", "spacy_model", "model"})  # code and model; the rest is data
_ROWS_PER_INSERT = 200  # keeps statements far below PostgreSQL's 65,535-parameter limit


class StoreError(Exception):
    """A store that cannot be used as asked (missing, locked by another process); one line, with the way out."""


class Cursor(Protocol):
    description: Sequence[Sequence[Any]]  # DB-API: the first item of each is the column name

    def fetchall(self) -> list[tuple[Any, ...]]: ...


class Connection(Protocol):
    """The slice of DB-API that the store needs (duckdb and psycopg 3 both fit)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class WriteSummary:
    articles_added: int = 0
    articles_skipped: int = 0
    events_added: int = 0


def _location_join(where: list[str]) -> str:
    """The join to locations, only when a condition needs it (a page of all events is 2x faster)."""
    return " LEFT JOIN locations l ON l.id = e.location_id" if any("l." in w for w in where) else ""


def split_versions(versions: dict[str, str]) -> tuple[str, str]:
    """(model_version, data_version) columns from a versions dict such as ``Pipeline.versions``.

    Explicit ``model_version`` / ``data_version`` keys are taken as they are; other keys are
    folded in as sorted ``key=value`` pairs, code and model keys to the first, the rest to data.
    """
    model = {k: v for k, v in versions.items() if k in MODEL_VERSION_KEYS}
    data = {
        k: v for k, v in versions.items() if k not in MODEL_VERSION_KEYS | {"model_version", "data_version"}
    }

    def fold(explicit: str | None, parts: dict[str, str]) -> str:
        folded = ";".join(f"{k}={v}" for k, v in sorted(parts.items()))
        return ";".join(p for p in (explicit, folded) if p)

    return fold(versions.get("model_version"), model), fold(versions.get("data_version"), data)


def migration_files(directory: Path = MIGRATIONS_DIR) -> list[Path]:
    """Named migrations (``NNNN_name.sql``) in the order they must run."""
    return sorted(p for p in directory.glob("*.sql") if re.match(r"^\d{4}_\w+\.sql$", p.name))


def split_statements(script: str) -> list[str]:
    """Statements of a migration file, comments dropped (drivers differ on multi-statement strings)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _chunks(rows: Sequence[tuple], size: int) -> Iterator[Sequence[tuple]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


class Store(IncidentStore):
    """Events and their articles (and, from ``IncidentStore``, the incidents fused from them)
    in a SQL database; every public call is one transaction."""

    placeholder = "?"
    single_writer = False  # True where no other process can write (DuckDB): caches stay exact

    def __init__(self, conn: Connection, *, migrations_dir: Path = MIGRATIONS_DIR) -> None:
        self._conn = conn
        self._migrations_dir = migrations_dir
        self._depth = 0  # open transaction() blocks

    @classmethod
    def migrated(cls, conn: Connection, *, migrations_dir: Path = MIGRATIONS_DIR) -> Self:
        """A store on ``conn`` with its schema brought up to date (closed again if that fails)."""
        store = cls(conn, migrations_dir=migrations_dir)
        try:
            store.migrate()
        except Exception:
            store.close()
            raise
        return store

    # -- plumbing -------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(self._sql(sql), list(params)).fetchall()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        if self._depth and sql in _TRANSACTION_CONTROL:
            return  # a write inside transaction() joins it; the outer block commits or rolls back
        self._conn.execute(self._sql(sql), list(params))

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One transaction around several writes (a batch and its fusion): all of them or none.

        The writes inside keep their own BEGIN / COMMIT, which then join this transaction.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._conn.execute("COMMIT")

    def tune_for_serving(self) -> None:
        """Settings for many small concurrent queries (a server's reads); engines override it."""

    def reader(self) -> Store:
        """Another connection to the same database, for one reading thread (see ``sitrep.api``)."""
        raise NotImplementedError(f"{type(self).__name__} has no reader connections")

    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored: a resumed ingest skips them before extraction."""
        ids = sorted(set(article_ids))
        found: set[str] = set()
        for part in _chunks([(i,) for i in ids], _ROWS_PER_INSERT):
            marks = ", ".join("?" * len(part))
            found |= {
                r[0]
                for r in self._query(f"SELECT id FROM articles WHERE id IN ({marks})", [p[0] for p in part])
            }
        return found

    def _named(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name, so readers never count columns."""
        cursor = self._conn.execute(self._sql(sql), list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        self._run("BEGIN")
        try:
            yield
            self._run("COMMIT")
        except Exception:
            self._run("ROLLBACK")
            raise

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple], key: str = "") -> set[str]:
        """Insert rows, skipping existing keys; returns the ``key`` values actually added."""
        added: set[str] = set()
        one = "(" + ", ".join("?" * len(columns)) + ")"
        head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        tail = " ON CONFLICT DO NOTHING" + (f" RETURNING {key}" if key else "")
        for part in _chunks(rows, _ROWS_PER_INSERT):
            sql = head + ", ".join([one] * len(part)) + tail
            params = [value for row in part for value in row]
            if key:
                added.update(r[0] for r in self._query(sql, params))
            else:
                self._run(sql, params)
        return added

    # -- lifecycle --------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded in ``schema_migrations``; returns their names."""
        self._run(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
        )
        done = {r[0] for r in self._query("SELECT name FROM schema_migrations")}
        applied = []
        for path in migration_files(self._migrations_dir):
            if path.stem in done:
                continue
            with self._transaction():
                for statement in split_statements(path.read_text(encoding="utf-8")):
                    self._run(statement)
                self._run(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", [path.stem, now()]
                )
            applied.append(path.stem)
        return applied

    def migrations(self) -> list[tuple[str, datetime]]:
        """Applied migrations, oldest first."""
        return [
            (r[0], r[1]) for r in self._query("SELECT name, applied_at FROM schema_migrations ORDER BY name")
        ]

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes -----------------------------------------------------------------------------

    def write_batch(
        self, results: Sequence[ArticleResult], *, versions: dict[str, str] | None = None
    ) -> WriteSummary:
        """Write articles and their events in one transaction: all or nothing, and idempotent."""
        rows = _BatchRows.build(results, split_versions(versions or {}), now())
        with self._transaction():
            return self._write_rows(rows)

    def _write_rows(self, rows: _BatchRows) -> WriteSummary:
        added = self._insert("articles", _ARTICLE_COLUMNS, rows.articles, key="id")
        self._insert("actors", ("id", "name", "type", "country"), list(rows.actors.values()))
        self._insert("locations", _LOCATION_COLUMNS, list(rows.locations.values()))
        new_events = self._insert("events", _EVENT_COLUMNS, rows.events, key="id")

        def fresh(children: list[tuple]) -> list[tuple]:
            return [c for c in children if c[0] in new_events]

        self._insert("event_actors", ("event_id", "role", "ordinal", "actor_id"), fresh(rows.event_actors))
        self._insert("victims", ("event_id", "ordinal", "name"), fresh(rows.victims))
        self._insert("claims", _CLAIM_COLUMNS, fresh(rows.claims))
        self._insert("evidence", ("event_id", "field", "start_char", "end_char"), fresh(rows.evidence))
        return WriteSummary(
            articles_added=len(added),
            articles_skipped=len(rows.articles) - len(added) + rows.duplicate_articles,
            events_added=len(new_events),
        )

    # -- reads ------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, for status lines and tests."""
        return {t: int(self._query(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in TABLES}

    def events(
        self,
        filters: EventFilter | None = None,
        *,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        after: tuple[date, str] | None = None,
    ) -> list[EventRow]:
        """Events ordered by date then id; dates filter on overlap with the event's date window.

        ``filters`` carries every filter; the keyword filters are shorthands merged into it.
        ``after`` = (date_start, id) of the last row seen pages by key instead of by offset.
        """
        where, params = merge_filters(filters, country, since, until, event_type, sub_event_type).sql()
        if after is not None:
            where.append("(e.date_start > ? OR (e.date_start = ? AND e.id > ?))")
            params += [after[0], after[0], after[1]]
        select = "SELECT e.id, e.date_start FROM events e" + _location_join(where)
        page, paging = paged(select, where, "e.date_start, e.id", limit, offset)
        params += paging
        found = self._named(f"WITH page AS ({page}) {_ROW_SELECT} ORDER BY p.date_start, p.id", params)
        return [_event_row(r, tuple(r.pop("assoc") or ())) for r in found]

    def event_keys(
        self,
        filters: EventFilter | None = None,
        *,
        limit: int,
        offset: int = 0,
        after: tuple[date, str] | None = None,
    ) -> tuple[int, list[str]]:
        """The number of events matching ``filters`` and the ids of one page of them, in one query.

        A server renders each event once and keeps it (stored events never change), so a page
        costs this query and not the joins behind every row. ``after`` pages by key, as in ``events``.
        """
        where, params = (filters or EventFilter()).sql()
        matching = "SELECT e.id, e.date_start FROM events e" + _location_join(where)
        if where:
            matching += " WHERE " + " AND ".join(where)
        keyset = ""
        if after is not None:
            keyset = " WHERE m.date_start > ? OR (m.date_start = ? AND m.id > ?)"
            params += [after[0], after[0], after[1]]
        found = self._query(
            f"WITH m AS ({matching}) SELECT m.id, (SELECT COUNT(*) FROM m) FROM m{keyset} "
            "ORDER BY m.date_start, m.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        total = int(found[0][1]) if found else self.count_events(filters)
        return total, [r[0] for r in found]

    def any_event_matches(self, filters: EventFilter, event_ids: Sequence[str]) -> bool:
        """Whether any of these events matches ``filters`` (a kept page of them can stay)."""
        where, params = filters.sql()
        for part in _chunks([(i,) for i in event_ids], _ROWS_PER_INSERT):
            ids = "e.id IN (" + ", ".join("?" * len(part)) + ")"
            sql = "SELECT 1 FROM events e" + _location_join(where) + " WHERE " + " AND ".join([*where, ids])
            if self._query(sql + " LIMIT 1", [*params, *(p[0] for p in part)]):
                return True
        return False

    def event_order(self, limit: int) -> list[tuple[date, str]]:
        """The keys (date_start, id) of the first ``limit`` events in list order."""
        found = self._query("SELECT date_start, id FROM events ORDER BY date_start, id LIMIT ?", [limit])
        return [(r[0], r[1]) for r in found]

    def events_by_id(self, event_ids: Sequence[str]) -> list[EventRow]:
        """The rows of these events, in the order given (unknown ids are left out)."""
        found: dict[str, EventRow] = {}
        for part in _chunks([(i,) for i in dict.fromkeys(event_ids)], _ROWS_PER_INSERT):
            marks = ", ".join("?" * len(part))
            page = f"SELECT e.id, e.date_start FROM events e WHERE e.id IN ({marks})"
            for r in self._named(f"WITH page AS ({page}) {_ROW_SELECT}", [p[0] for p in part]):
                found[r["event_id"]] = _event_row(r, tuple(r.pop("assoc") or ()))
        return [found[i] for i in event_ids if i in found]

    def count_events(self, filters: EventFilter | None = None) -> int:
        """How many events match ``filters`` (the total behind a page of ``events``)."""
        where, params = (filters or EventFilter()).sql()
        sql = (
            "SELECT COUNT(*) FROM events e"
            + _location_join(where)
            + (" WHERE " + " AND ".join(where) if where else "")
        )
        return int(self._query(sql, params)[0][0])

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Countries, event types and sub-types present, with counts, for filter menus."""
        queries = {
            "countries": "SELECT l.country, COUNT(*) FROM events e JOIN locations l ON l.id = e.location_id "
            "GROUP BY l.country ORDER BY l.country",
            "event_types": "SELECT event_type, COUNT(*) FROM events GROUP BY event_type ORDER BY event_type",
            "sub_event_types": "SELECT sub_event_type, COUNT(*) FROM events "
            "GROUP BY sub_event_type ORDER BY sub_event_type",
        }
        return {name: [(r[0], int(r[1])) for r in self._query(sql)] for name, sql in queries.items()}

    def article(self, article_id: str) -> dict | None:
        """One stored article with its text and its events' JSON (evidence and claim offsets)."""
        found = self._query(
            "SELECT id, published, title, source, url, origin, lang, text, error, ingested_at "
            "FROM articles WHERE id = ?",
            [article_id],
        )
        if not found:
            return None
        record = dict(zip(_ARTICLE_COLUMNS, found[0], strict=True))
        record["published"] = record["published"].isoformat()
        record["ingested_at"] = record["ingested_at"].isoformat() if record["ingested_at"] else None
        ids = self._query("SELECT id FROM events WHERE article_id = ? ORDER BY date_start, id", [article_id])
        events = (self.get_event(r[0]) for r in ids)
        record["events"] = [e.to_json() for e in events if e is not None]
        return record

    def get_event(self, event_id: str) -> Event | None:
        """The stored event rebuilt as the model record (span texts cut from the article)."""
        found = self._named(_EVENT_SELECT, [event_id])
        if not found:
            return None
        text = found[0]["text"] or ""
        actors = {
            (role, ordinal): Actor(name, type_, country)
            for role, ordinal, name, type_, country in self._query(
                "SELECT ea.role, ea.ordinal, a.name, a.type, a.country FROM event_actors ea "
                "JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = ? ORDER BY ea.role, ea.ordinal",
                [event_id],
            )
        }
        victims = self._query("SELECT name FROM victims WHERE event_id = ? ORDER BY ordinal", [event_id])
        claims = self._query(
            "SELECT speaker, text, stance, start_char, end_char, speaker_role, speaker_type, field, value, "
            "text_start, text_end FROM claims WHERE event_id = ? ORDER BY ordinal",
            [event_id],
        )
        evidence = self._query(
            "SELECT field, start_char, end_char FROM evidence WHERE event_id = ? ORDER BY field", [event_id]
        )
        return event_from_row(
            found[0],
            actor1=actors.get(("actor1", 0)),
            actor2=actors.get(("actor2", 0)),
            assoc_actors=tuple(a for (role, _), a in sorted(actors.items()) if role == "assoc"),
            victims=tuple(v[0] for v in victims),
            claims=tuple(_claim(c, text) for c in claims),
            evidence={f: Span(s, e, text[s:e]) for f, s, e in evidence},
        )

    def event_detail(self, event_id: str) -> dict | None:
        """The JSON contract of one event (``Event.to_json``) plus its article and versions."""
        event = self.get_event(event_id)
        if event is None:
            return None
        art = self._query(
            "SELECT a.id, a.title, a.url, a.source, a.published, e.model_version, e.data_version "
            "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
            [event_id],
        )[0]
        detail = event.to_json()
        detail["article_id"] = art[0]
        detail["article"] = {
            "id": art[0],
            "title": art[1],
            "url": art[2],
            "source": art[3],
            "published": art[4].isoformat(),
        }
        detail["model_version"], detail["data_version"] = art[5], art[6]
        return detail


# -- row building ----------------------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "id", "published", "title", "source", "url", "origin", "lang", "text", "error", "ingested_at",
)  # fmt: skip
_LOCATION_COLUMNS = (
    "id", "name", "country", "admin1", "latitude", "longitude", "geo_precision", "geonameid", "feature",
)  # fmt: skip
_EVENT_COLUMNS = (
    "id", "article_id", "event_date", "date_start", "date_end", "date_precision", "date_source",
    "event_type", "sub_event_type", "plover", "cameo", "role", "actor1_id", "actor2_id", "location_id",
    "fatalities_best", "fatalities_low", "fatalities_high", "confidence", "trigger",
    "model_version", "data_version",
)  # fmt: skip
_CLAIM_COLUMNS = (
    "event_id", "ordinal", "speaker", "text", "stance", "start_char", "end_char",
    "speaker_role", "speaker_type", "field", "value", "text_start", "text_end",
)  # fmt: skip


@dataclass
class _BatchRows:
    """A batch turned into table rows, deduplicated by key before it reaches the database."""

    articles: list[tuple]
    actors: dict[str, tuple]
    locations: dict[str, tuple]
    events: list[tuple]
    event_actors: list[tuple]
    victims: list[tuple]
    claims: list[tuple]
    evidence: list[tuple]
    duplicate_articles: int = 0

    @classmethod
    def build(cls, results: Iterable[ArticleResult], versions: tuple[str, str], now: datetime) -> _BatchRows:
        rows = cls([], {}, {}, [], [], [], [], [])
        seen_articles: set[str] = set()
        seen_events: set[str] = set()
        for result in results:
            a = result.article
            if a.id in seen_articles:
                rows.duplicate_articles += 1
            else:
                seen_articles.add(a.id)
                rows.articles.append(
                    (a.id, a.published, a.title, a.source, a.url, a.origin, a.lang, a.text, result.error, now)
                )
            for event in result.events:
                if event.id not in seen_events:
                    seen_events.add(event.id)
                    rows.add_event(event, versions)
        return rows

    def _actor(self, actor: Actor | None) -> str | None:
        if actor is None:
            return None
        key = actor_id(actor)
        self.actors.setdefault(key, (key, actor.name, actor.type, actor.country))
        return key

    def add_event(self, e: Event, versions: tuple[str, str]) -> None:
        loc_id = None
        if e.location is not None:
            loc = e.location
            loc_id = location_id(loc)
            self.locations.setdefault(
                loc_id,
                (loc_id, loc.name, loc.country, loc.admin1, loc.latitude, loc.longitude,
                 int(loc.geo_precision), loc.geonameid, loc.feature),
            )  # fmt: skip
        fat = e.fatalities
        self.events.append(
            (e.id, e.article_id, e.event_date.iso, e.event_date.start, e.event_date.end,
             e.event_date.precision.value, e.event_date.source.value, e.event_type, e.sub_event_type,
             e.plover, e.cameo, e.role.value, self._actor(e.actor1), self._actor(e.actor2), loc_id,
             fat.best if fat else None, fat.low if fat else None, fat.high if fat else None,
             float(e.confidence), e.trigger,
             *versions)
        )  # fmt: skip
        for role, actor in (("actor1", e.actor1), ("actor2", e.actor2)):
            if actor is not None:
                self.event_actors.append((e.id, role, 0, self._actor(actor)))
        for i, actor in enumerate(e.assoc_actors):
            self.event_actors.append((e.id, "assoc", i, self._actor(actor)))
        self.victims.extend((e.id, i, name) for i, name in enumerate(e.victims))
        self.claims.extend(
            (
                e.id, i, c.speaker, c.text, c.stance, c.span.start, c.span.end, c.speaker_role, c.speaker_type,
                c.field, c.value, c.content.start if c.content else None, c.content.end if c.content else None,
            )
            for i, c in enumerate(e.claims)
        )  # fmt: skip
        self.evidence.extend((e.id, f, s.start, s.end) for f, s in e.evidence.items())


# -- row reading -----------------------------------------------------------------------------


def _claim(c: Sequence[Any], text: str) -> Claim:
    """A stored claim row back as the record (rows of an older store have empty new fields)."""
    content = None if c[9] is None else Span(c[9], c[10], text[c[9] : c[10]])
    return Claim(c[0], c[1], Span(c[3], c[4], text[c[3] : c[4]]), c[2], c[5] or "", c[6] or "", c[7] or "",
                 c[8] or "", content)  # fmt: skip


_ROW_SELECT = (
    """
SELECT e.id AS event_id, e.article_id, e.event_date, e.date_start, e.date_end, e.date_precision,
       e.date_source, e.event_type, e.sub_event_type, e.plover, e.cameo, e.role,
       a1.name AS actor1, a1.type AS actor1_type, a1.country AS actor1_country,
       a2.name AS actor2, a2.type AS actor2_type, a2.country AS actor2_country,
       l.name AS location, l.country, l.admin1, l.latitude, l.longitude, l.geo_precision, l.geonameid,
       e.fatalities_best, e.fatalities_low, e.fatalities_high, e.confidence, e.trigger,
       ar.source, ar.url, ar.title, ar.published, ar.ingested_at, e.model_version, e.data_version,
       (SELECT array_agg(aa.name ORDER BY ea.ordinal) FROM event_actors ea JOIN actors aa ON aa.id = ea.actor_id
        WHERE ea.event_id = e.id AND ea.role = 'assoc') AS assoc
"""
    + EVENT_JOINS
)
# Text columns that are empty, not NULL, in an EventRow when the event has no such actor or place.
_ROW_TEXT = (
    "actor1", "actor1_type", "actor1_country", "actor2", "actor2_type", "actor2_country",
    "location", "country", "admin1",
)  # fmt: skip

_EVENT_SELECT = f"""
SELECT {EVENT_SELECT}, ar.text, {LOCATION_SELECT}
FROM events e
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN locations l ON l.id = e.location_id
WHERE e.id = ?
"""


def _event_row(r: dict[str, Any], assoc: tuple[str, ...]) -> EventRow:
    return EventRow(**{**r, **{k: r[k] or "" for k in _ROW_TEXT}}, assoc_actors=assoc)
