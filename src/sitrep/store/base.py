"""The engine-neutral store: migrations, idempotent batch writes and the event queries.

All SQL here is portable (standard types, ``?`` placeholders rewritten per engine,
``ON CONFLICT DO NOTHING ... RETURNING``), so DuckDB and PostgreSQL share it.
An engine module only supplies a connection with ``execute(sql, params).fetchall()``.
SQL text never contains a literal ``%`` (psycopg would read it as a placeholder): LIKE
patterns are parameters.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

import pycountry

from sitrep.model import (
    Actor,
    ArticleResult,
    Claim,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Location,
    Span,
)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
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


class Cursor(Protocol):
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


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event flattened for tables, maps and exports (claims and evidence: ``event_detail``)."""

    event_id: str
    article_id: str
    event_date: str
    date_start: date
    date_end: date
    date_precision: str
    date_source: str
    event_type: str
    sub_event_type: str
    plover: str
    cameo: str
    role: str
    actor1: str
    actor1_type: str
    actor1_country: str
    actor2: str
    actor2_type: str
    actor2_country: str
    assoc_actors: tuple[str, ...]
    location: str
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    geonameid: int | None
    fatalities_best: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    confidence: float
    trigger: str
    source: str
    url: str
    title: str
    published: date
    ingested_at: datetime | None
    model_version: str
    data_version: str


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a read wants; every value reaches the SQL as a parameter, never as text.

    Text filters (admin1, types, actor, q) ignore case; ``actor`` and ``q`` match substrings.
    ``q`` is split on spaces and every word must occur in the notes, an actor or the place.
    ``bbox`` is (min lon, min lat, max lon, max lat); min lon > max lon crosses the antimeridian.
    """

    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    q: str | None = None
    article_id: str | None = None

    def sql(self) -> tuple[list[str], list[Any]]:
        """WHERE conditions over ``events e LEFT JOIN locations l`` and their parameters."""
        where: list[str] = []
        params: list[Any] = []

        def add(condition: str, *values: Any) -> None:
            where.append(condition)
            params.extend(values)

        if self.country:
            add("l.country = ?", country_code(self.country))
        if self.admin1:
            add("LOWER(l.admin1) = ?", self.admin1.strip().lower())
        if self.event_type:
            add("LOWER(e.event_type) = ?", self.event_type.strip().lower())
        if self.sub_event_type:
            add("LOWER(e.sub_event_type) = ?", self.sub_event_type.strip().lower())
        if self.since is not None:
            add("e.date_end >= ?", self.since)
        if self.until is not None:
            add("e.date_start <= ?", self.until)
        if self.min_fatalities is not None:
            add("e.fatalities_best >= ?", self.min_fatalities)
        if self.article_id:
            add("e.article_id = ?", self.article_id)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            add("l.latitude BETWEEN ? AND ?", min_lat, max_lat)
            if min_lon <= max_lon:
                add("l.longitude BETWEEN ? AND ?", min_lon, max_lon)
            else:
                add("(l.longitude >= ? OR l.longitude <= ?)", min_lon, max_lon)
        if self.actor:
            add(_ACTOR_LIKE, _like(self.actor))
        for word in (self.q or "").split()[:_MAX_QUERY_WORDS]:
            pattern = _like(word)
            add(
                "(LOWER(e.trigger) LIKE ? ESCAPE '\\' OR LOWER(l.name) LIKE ? ESCAPE '\\' "
                f"OR LOWER(l.admin1) LIKE ? ESCAPE '\\' OR {_ACTOR_LIKE})",
                pattern,
                pattern,
                pattern,
                pattern,
            )
        return where, params


_MAX_QUERY_WORDS = 8
_ACTOR_LIKE = (
    "EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
    "WHERE ea.event_id = e.id AND LOWER(a.name) LIKE ? ESCAPE '\\')"
)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _merge(
    filters: EventFilter | None,
    country: str | None,
    since: date | None,
    until: date | None,
    event_type: str | None,
    sub_event_type: str | None = None,
) -> EventFilter:
    """The keyword shorthands of ``Store.events`` folded into one filter (they win when given)."""
    given = {
        "country": country,
        "since": since,
        "until": until,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
    }
    return replace(filters or EventFilter(), **{k: v for k, v in given.items() if v is not None})


def content_id(*parts: object) -> str:
    """A short stable hash, so the same actor or place always gets the same key."""
    return hashlib.sha256("\n".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def actor_id(actor: Actor) -> str:
    return content_id("actor", actor.name)


def location_id(loc: Location) -> str:
    """Keyed with the geo precision too: "in Beledweyne" (1) and "near Beledweyne" (2) differ."""
    precision = "" if loc.geo_precision is GeoPrecision.EXACT else str(int(loc.geo_precision))
    coords = (f"{loc.latitude:.5f}", f"{loc.longitude:.5f}")
    return content_id("location", loc.name, loc.country, *coords, *([precision] if precision else []))


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


class Store:
    """Events and their articles in a SQL database; every public call is one transaction."""

    placeholder = "?"

    def __init__(self, conn: Connection, *, migrations_dir: Path = MIGRATIONS_DIR) -> None:
        self._conn = conn
        self._migrations_dir = migrations_dir

    # -- plumbing -------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(self._sql(sql), list(params)).fetchall()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(self._sql(sql), list(params))

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
            self._run("BEGIN")
            try:
                for statement in split_statements(path.read_text(encoding="utf-8")):
                    self._run(statement)
                self._run(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", [path.stem, _now()]
                )
                self._run("COMMIT")
            except Exception:
                self._run("ROLLBACK")
                raise
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
        rows = _BatchRows.build(results, split_versions(versions or {}), _now())
        self._run("BEGIN")
        try:
            summary = self._write_rows(rows)
            self._run("COMMIT")
        except Exception:
            self._run("ROLLBACK")
            raise
        return summary

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
        where, params = _merge(filters, country, since, until, event_type, sub_event_type).sql()
        if after is not None:
            where.append("(e.date_start > ? OR (e.date_start = ? AND e.id > ?))")
            params += [after[0], after[0], after[1]]
        page = (
            "SELECT e.id, e.date_start FROM events e LEFT JOIN locations l ON l.id = e.location_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY e.date_start, e.id"
            + (" LIMIT ?" if limit is not None else "")
            + " OFFSET ?"
        )
        params += ([limit] if limit is not None else []) + [offset]
        assoc: dict[str, list[str]] = {}
        assoc_sql = (
            f"WITH page AS ({page}) SELECT ea.event_id, a.name FROM page p "
            "JOIN event_actors ea ON ea.event_id = p.id JOIN actors a ON a.id = ea.actor_id "
            "WHERE ea.role = 'assoc' ORDER BY ea.event_id, ea.ordinal"
        )
        for event_id, name in self._query(assoc_sql, params):
            assoc.setdefault(event_id, []).append(name)
        found = self._query(f"WITH page AS ({page}) {_ROW_SELECT} ORDER BY p.date_start, p.id", params)
        return [_event_row(r, tuple(assoc.get(r[0], ()))) for r in found]

    def count_events(self, filters: EventFilter | None = None) -> int:
        """How many events match ``filters`` (the total behind a page of ``events``)."""
        where, params = (filters or EventFilter()).sql()
        sql = "SELECT COUNT(*) FROM events e LEFT JOIN locations l ON l.id = e.location_id" + (
            " WHERE " + " AND ".join(where) if where else ""
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
        ids = self._query(
            "SELECT id FROM events WHERE article_id = ? ORDER BY date_start, id", [article_id]
        )
        events = (self.get_event(r[0]) for r in ids)
        record["events"] = [e.to_json() for e in events if e is not None]
        return record

    def get_event(self, event_id: str) -> Event | None:
        """The stored event rebuilt as the model record (span texts cut from the article)."""
        found = self._query(_EVENT_SELECT, [event_id])
        if not found:
            return None
        r = found[0]
        text = r[20] or ""
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
        return Event(
            id=r[0],
            article_id=r[1],
            event_date=EventDate(r[2], DatePrecision(r[3]), DateSource(r[4])),
            event_type=r[5],
            sub_event_type=r[6],
            plover=r[7],
            cameo=r[8],
            role=EventRole(r[9]),
            actor1=actors.get(("actor1", 0)),
            actor2=actors.get(("actor2", 0)),
            location=_location(r[21:29]),
            fatalities=None if r[10] is None else Fatalities(r[10], r[11], r[12]),
            assoc_actors=tuple(a for (role, _), a in sorted(actors.items()) if role == "assoc"),
            victims=tuple(v[0] for v in victims),
            claims=tuple(_claim(c, text) for c in claims),
            evidence={f: Span(s, e, text[s:e]) for f, s, e in evidence},
            confidence=float(r[13]),
            trigger=r[14],
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

_ROW_SELECT = """
SELECT e.id, e.article_id, e.event_date, e.date_start, e.date_end, e.date_precision, e.date_source,
       e.event_type, e.sub_event_type, e.plover, e.cameo, e.role,
       a1.name, a1.type, a1.country, a2.name, a2.type, a2.country,
       l.name, l.country, l.admin1, l.latitude, l.longitude, l.geo_precision, l.geonameid,
       e.fatalities_best, e.fatalities_low, e.fatalities_high, e.confidence, e.trigger,
       ar.source, ar.url, ar.title, ar.published, ar.ingested_at, e.model_version, e.data_version
FROM page p
JOIN events e ON e.id = p.id
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN actors a1 ON a1.id = e.actor1_id
LEFT JOIN actors a2 ON a2.id = e.actor2_id
LEFT JOIN locations l ON l.id = e.location_id
"""

_EVENT_SELECT = """
SELECT e.id, e.article_id, e.date_start, e.date_precision, e.date_source, e.event_type,
       e.sub_event_type, e.plover, e.cameo, e.role, e.fatalities_best, e.fatalities_low,
       e.fatalities_high, e.confidence, e.trigger, e.model_version, e.data_version,
       ar.title, ar.url, ar.source, ar.text,
       l.name, l.country, l.admin1, l.latitude, l.longitude, l.geo_precision, l.geonameid, l.feature
FROM events e
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN locations l ON l.id = e.location_id
WHERE e.id = ?
"""


def _event_row(r: tuple[Any, ...], assoc: tuple[str, ...]) -> EventRow:
    values = list(r)
    for i in (12, 13, 14, 15, 16, 17, 18, 19, 20):  # absent actor or location -> ""
        values[i] = values[i] or ""
    return EventRow(*values[:18], assoc, *values[18:])


def _location(r: Sequence[Any]) -> Location | None:
    name, country, admin1, lat, lon, precision, geonameid, feature = r
    if name is None:
        return None
    return Location(name, country, admin1, lat, lon, GeoPrecision(precision), geonameid, feature)


def country_code(country: str) -> str:
    """ISO alpha-2 for a filter given as alpha-2, alpha-3 or a country name."""
    value = country.strip()
    if len(value) == 2:
        return value.upper()
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return value.upper()


def _now() -> datetime:
    """Naive UTC: TIMESTAMP (without time zone) means the same on every engine."""
    return datetime.now(UTC).replace(tzinfo=None)
