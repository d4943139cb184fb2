"""The HTTP API and the web page: a thin shell over the store, the exporters and the pipeline.

``create_app(store_url)`` gives a FastAPI app (OpenAPI at ``/openapi.json``) that reads the
store; ``sitrep serve`` runs it under uvicorn. It is read-only unless ``allow_write`` is
set, has no CORS unless origins are given, limits request bodies, query strings and page
sizes, and sends every filter value to the database as a parameter.
"""

from __future__ import annotations

import asyncio
import gc
import hmac
import io
import json
import logging
import math
import queue
import re
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from sitrep.batch import ingest_batch
from sitrep.codebook import codebook
from sitrep.config import Settings
from sitrep.export import export
from sitrep.geo.names import country_name, place_names
from sitrep.ingest.common import make_article
from sitrep.model import Article, ArticleResult, IngestError, IngestSummary
from sitrep.pipeline import Extractor, ExtractorPool
from sitrep.reads import Reads, events_key, incident_json, incidents_key
from sitrep.serving import Guard
from sitrep.store import EventFilter, EventRow, Store, open_store
from sitrep.watch import Watcher

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).with_name("web")
MAX_PAGE = 1000
EXPORT_PAGE = 1000
EXPORT_MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "events.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
    "jsonl": ("application/x-ndjson", "events.jsonl"),
}
RETRY_AFTER_SECONDS = 30
_ID = r"^[A-Za-z0-9_.:-]{1,128}$"
_T = TypeVar("_T")


class ArticleIn(BaseModel):
    """One article to code: its text and publication date; the rest is optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article text (plain text).")
    published: date = Field(description="Publication date, YYYY-MM-DD; relative dates resolve against it.")
    title: str = Field("", max_length=1000)
    url: str = Field("", max_length=2048)
    source: str = Field("", max_length=200)


class Service:
    """The store, its reading connections and the extraction pool of one app.

    Reads run concurrently, each on a connection of its own (``sitrep.reads``: DuckDB cursors,
    or PostgreSQL connections, one per core by default), from rows rendered once. Writes go through ``ingest_batch`` on
    the main connection, one at a time. Extraction runs in the pool (worker processes in
    production), admitted up to ``settings.extract_queue`` at once: past that, 503.
    """

    def __init__(self, store: Store, settings: Settings, extractor: Extractor | None = None) -> None:
        self.store = store
        self.settings = settings
        processes = 0 if extractor is not None else settings.extract_processes
        self.pool = ExtractorPool(settings, processes, extractor=extractor, nice=settings.extract_nice)
        self._write_lock = threading.Lock()
        self.reads = Reads(store, settings)
        self._stop = threading.Event()
        self._warming: threading.Thread | None = None
        self._admitted = 0
        self._admit_lock = threading.Lock()
        self._versions: dict[str, str] | None = None
        self.watcher: Watcher | None = None

    def read(self, fn: Callable[[Store], _T]) -> _T:
        """Run ``fn`` on a reading connection of its own (waits when every one is busy)."""
        return self.reads.read(fn)

    def start(self) -> None:
        """Start the watcher, and render the stored rows ahead of the first requests (in a thread)."""
        if self.watcher is not None:
            self.watcher.start()
        if self.settings.read_cache_rows and self.store.single_writer:
            self._warming = threading.Thread(target=self._warm, name="sitrep-warm", daemon=True)
            self._warming.start()

    def _warm(self) -> None:
        try:
            log.info("rendered %d stored rows ahead of requests", self.reads.warm(self._stop))
            gc.collect()
            gc.freeze()  # what is loaded by now lives as long as the server: full collections skip it
        except Exception:  # the store closing under it; pages are then rendered on demand
            if not self._stop.is_set():
                log.exception("rendering rows ahead of requests failed")

    async def extract(self, article: Article) -> ArticleResult:
        """One article through the pool, if the queue has room (503 with Retry-After if not)."""
        with self._admission():
            [result] = await asyncio.wrap_future(self.pool.submit([article]))
        return result

    def ingest(self, articles: list[Article]) -> IngestSummary:
        """Store articles through the one write path (extract, store, fuse in one transaction)."""
        with self._write_lock:
            if self._versions is None:
                from sitrep.pipeline import versions

                self._versions = versions(settings=self.settings)
            try:
                summary = ingest_batch(
                    self.store, articles, self.pool, versions=self._versions, fusion=self.settings.fusion
                )
            except BaseException:
                self.reads.changed()  # rolled back, but be safe: drop what was rendered
                raise
            if summary.articles_added:  # a feed polled again with nothing new keeps the cache
                new = [(e.event_date.start, e.id) for r in summary.results for e in r.events]
                self.reads.changed(summary.incident_ids, new)
            return summary

    def write(self, fn: Callable[[Store], _T]) -> _T:
        """Run ``fn`` on the writing connection, one write at a time, in one transaction
        (a person's split or join); the rendered pages are dropped after it."""
        with self._write_lock:
            try:
                with self.store.transaction():
                    return fn(self.store)
            finally:
                self.reads.changed()

    def _admission(self) -> _Admission:
        return _Admission(self)

    def close(self) -> None:
        self._stop.set()
        if self.watcher is not None:
            self.watcher.stop()
        if self._warming is not None:
            self._warming.join(timeout=30)
        self.pool.close()
        self.reads.close()
        self.store.close()

    def iter_rows(self, filters: EventFilter) -> Iterator[EventRow]:
        """Every matching row, read a page at a time by key (a connection is held per page only)."""
        after = None
        while True:
            page = self.read(lambda s, key=after: s.events(filters, limit=EXPORT_PAGE, after=key))
            yield from page
            if len(page) < EXPORT_PAGE:
                return
            after = (page[-1].date_start, page[-1].event_id)


class _Admission:
    """A place in the bounded extraction queue, or a 503 that says when to come back."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def __enter__(self) -> None:
        service = self.service
        with service._admit_lock:
            if service._admitted >= service.settings.extract_queue:
                raise HTTPException(
                    503,
                    f"extraction queue is full ({service.settings.extract_queue} articles); try again later",
                    headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
                )
            service._admitted += 1

    def __exit__(self, *exc: object) -> None:
        with self.service._admit_lock:
            self.service._admitted -= 1


def create_app(
    store_url: str,
    *,
    allow_write: bool = False,
    write_token: str = "",
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    cors_origins: Sequence[str] = (),
    allowed_hosts: Collection[str] = (),
    watch: Sequence[Path] = (),
    feeds: Sequence[str] = (),
) -> FastAPI:
    """The sitrep HTTP app over the store at ``store_url`` (a DuckDB path or a PostgreSQL URL).

    ``allow_write`` adds ``POST /articles`` and ``POST /incidents/split|join``, which need ``write_token`` (or the settings'
    token) as a Bearer token; ``extractor`` lets tests share one loaded pipeline in-process;
    ``cors_origins`` lists the browser origins allowed to call the API (none by default);
    ``allowed_hosts`` are the only Host headers answered (a loopback server's names, against
    DNS rebinding); ``watch`` folders and ``feeds`` are polled and ingested by the server.
    """
    settings = settings or Settings()
    token = write_token or settings.write_token
    if allow_write and not token:
        raise ValueError("writes need a token: give --token-file FILE or set SITREP_WRITE_TOKEN")
    service = Service(open_store(store_url), settings, extractor)
    service.store.tune_for_serving()
    if watch or feeds:
        service.watcher = Watcher(
            list(watch),
            list(feeds),
            service.ingest,
            settings.watch_interval,
            settings.columns,
            settings.language,
        )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        service.start()
        yield
        service.close()

    app = FastAPI(
        title="sitrep",
        summary="Coded conflict events from dated news articles, with the evidence for each field.",
        version=_version(),
        docs_url=None,  # the Swagger and ReDoc pages load their scripts from a CDN: not offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.allow_write = allow_write
    app.add_exception_handler(RequestValidationError, _validation_error)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"])
    app.add_middleware(Guard, allowed_hosts=allowed_hosts, body_timeout=settings.body_timeout)
    _add_read_routes(app, service)
    _add_article_routes(app, service)
    _add_incident_routes(app, service)
    _add_extract_routes(app, service, token if allow_write else "")
    _add_page_routes(app)
    return app


# -- filters ---------------------------------------------------------------------------------


async def event_filter(
    country: Annotated[str | None, Query(max_length=64, description="ISO alpha-2, alpha-3 or name.")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level region (exact).")] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100, description="ACLED sub-event type.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of an actor's name.")] = None,
    since: Annotated[date | None, Query(description="Events that may fall on or after this date.")] = None,
    until: Annotated[date | None, Query(description="Events that may fall on or before this date.")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="minlon,minlat,maxlon,maxlat")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the notes, actors or place.")
    ] = None,
) -> EventFilter:
    """The query parameters shared by ``/events`` and ``/export``, checked and typed (on the event
    loop: a kept page is then answered with no thread)."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return EventFilter(
        country=country or None,
        admin1=admin1 or None,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=actor or None,
        since=since,
        until=until,
        bbox=parse_bbox(bbox) if bbox else None,
        min_fatalities=min_fatalities,
        q=q or None,
    )


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` in degrees; a clear 422 otherwise."""
    message = f"bbox must be minlon,minlat,maxlon,maxlat in degrees, got {value!r}"
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        raise HTTPException(422, message) from None
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise HTTPException(422, message)
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, message + " (longitudes in [-180, 180], min lat <= max lat in [-90, 90])")
    return min_lon, min_lat, max_lon, max_lat


Filters = Annotated[EventFilter, Depends(event_filter)]
After = Annotated[
    str | None,
    Query(max_length=150, description="DATE_START,ID of the last row of the previous page (paging by key)."),
]


def parse_after(value: str | None) -> tuple[date, str] | None:
    """``DATE_START,ID`` (the ``date_start`` and id of a row) as a key; a clear 422 otherwise."""
    if not value:
        return None
    day, _, row_id = value.partition(",")
    try:
        start = date.fromisoformat(day.strip())
    except ValueError:
        start = None
    if start is None or not re.match(_ID, row_id.strip()):
        raise HTTPException(422, f"after must be DATE_START,ID of the last row of a page, got {value!r}")
    return start, row_id.strip()


# -- routes ----------------------------------------------------------------------------------


def _add_read_routes(app: FastAPI, service: Service) -> None:
    """Health, the event list and one event."""

    @app.get("/health", tags=["meta"])
    def health() -> dict:
        """Liveness, the store's engine and whether writes are enabled."""
        watcher = service.watcher
        return {
            "status": "ok",
            "store": type(service.store).__name__,
            "write": app.state.allow_write,
            "watch": None if watcher is None else watcher.status.to_json(),
            "read_cache_hits": service.reads.hits,
            "rows_rendered": service.reads.rows_kept(),
            "rendering_rows": service._warming is not None and service._warming.is_alive(),
        }

    @app.get("/codebook", tags=["meta"])
    def codebook_json() -> dict:
        """The codebook: event types with their disorder type and map colour, sub-types with
        their PLOVER and CAMEO codes, actor types (the page takes its colours from here)."""
        return codebook().to_json()

    @app.get("/events", tags=["events"])
    async def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        after: After = None,
    ) -> Response:
        """A page of events (ordered by date, then id) and the total that match the filters.

        Page by ``offset``, or by ``after=DATE_START,EVENT_ID`` of the last event of the
        previous page (a key: no rows are skipped or repeated when events arrive meanwhile).
        """
        key = parse_after(after)
        body = service.reads.kept(events_key(filters, limit, offset, key))  # on the event loop: no thread
        if body is None:
            body = await run_in_threadpool(service.reads.events_page, filters, limit, offset, key)
        return Response(body, media_type="application/json")

    @app.get("/events/{event_id}", tags=["events"])
    def get_event(event_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """One event as ``sitrep extract`` codes it, with its evidence, claims and source article."""

        def detail(store: Store) -> dict | None:
            record = store.event_detail(event_id)
            event = store.get_event(event_id) if record else None
            if record is None or event is None:
                return None
            record["evidence_text"] = {name: span.text for name, span in event.evidence.items()}
            record["articles"] = [record["article"]]
            return record

        return _found(service.read(detail), f"no event {event_id!r}")


def _add_incident_routes(app: FastAPI, service: Service) -> None:
    """Incidents: events of several articles fused into one real-world incident."""
    from sitrep.store.links import incident_links_of

    @app.get("/incidents", tags=["incidents"])
    async def incidents(
        country: Annotated[
            str | None, Query(max_length=64, description="ISO alpha-2, alpha-3 or name.")
        ] = None,
        since: Annotated[date | None, Query(description="Earliest incident date, YYYY-MM-DD.")] = None,
        until: Annotated[date | None, Query(description="Latest incident date, YYYY-MM-DD.")] = None,
        event_type: Annotated[str | None, Query(max_length=100, description="ACLED event type.")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        after: After = None,
    ) -> Response:
        """A page of incidents (ordered by date, then id), each with its reconciled fields and sources.

        Page by ``offset``, or by ``after=DATE_START,INCIDENT_ID`` of the last incident of the previous page.
        """
        filters = EventFilter(country=country, since=since, until=until, event_type=event_type)
        key = parse_after(after)
        body = service.reads.kept(incidents_key(filters, limit, offset, key))
        if body is None:
            body = await run_in_threadpool(service.reads.incidents_page, filters, limit, offset, key)
        return Response(body, media_type="application/json")

    @app.get("/incidents/{incident_id}", tags=["incidents"])
    def incident(incident_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """One incident with its reconciled fields and every contributing event and article."""
        record = _found(service.read(lambda s: s.incident(incident_id)), f"no incident {incident_id!r}")
        return incident_json(record)

    @app.get("/incidents/{incident_id}/links", tags=["incidents"])
    def incident_links(incident_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """Why the reports of an incident were linked: the fusion score of each pair of them, by part."""
        found = service.read(lambda s: incident_links_of(s, incident_id, service.settings.fusion))
        return {"incident_id": incident_id, "links": _found(found, f"no incident {incident_id!r}")}

    @app.get("/events/{event_id}/incident", tags=["incidents"])
    def event_incident(event_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """The incident an event was fused into."""
        found = service.read(lambda s: s.incident_of_event(event_id))
        return {"event_id": event_id, "incident_id": _found(found, f"event {event_id!r} is in no incident")}


def _add_article_routes(app: FastAPI, service: Service) -> None:
    """Articles, facets and the streamed export."""

    @app.get("/articles/{article_id}", tags=["articles"])
    def get_article(article_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """An article's text and its events, with the character offsets of every coded field."""
        return _found(service.read(lambda s: s.article(article_id)), f"no article {article_id!r}")

    @app.get("/facets", tags=["events"])
    def facets() -> Response:
        """Countries, event types and sub-types in the store, with counts (for filter menus)."""

        def render() -> dict:
            found = service.read(lambda s: s.facets())
            out = {name: [{"value": v, "count": n} for v, n in pairs] for name, pairs in found.items()}
            for item in out.get("countries", []):
                item["name"] = country_name(item["value"] or "")
            return out

        body = service.reads.page(
            ("facets",), lambda: json.dumps(render(), ensure_ascii=False).encode("utf-8")
        )
        return Response(body, media_type="application/json")

    @app.get("/export", tags=["events"])
    def export_events(
        filters: Filters,
        fmt: Annotated[Literal["acled-csv", "geojson", "jsonl"], Query(alias="format")] = "jsonl",
    ) -> StreamingResponse:
        """Every event that matches the filters, streamed as ACLED-style CSV, GeoJSON or JSONL."""
        media_type, filename = EXPORT_MEDIA[fmt]
        return StreamingResponse(
            _export_stream(service.iter_rows(filters), fmt),
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="{filename}"'},
        )


class SplitIn(BaseModel):
    """An event to take out of its incident for good."""

    model_config = ConfigDict(extra="forbid")
    event_id: str = Field(pattern=_ID)
    note: str = Field("", max_length=1000)


class JoinIn(BaseModel):
    """Two events to keep in one incident for good."""

    model_config = ConfigDict(extra="forbid")
    event_a: str = Field(pattern=_ID)
    event_b: str = Field(pattern=_ID)
    note: str = Field("", max_length=1000)


def _add_review_routes(app: FastAPI, service: Service, authorised: Callable[..., None]) -> None:
    """A person's corrections to fusion (``--allow-write``, Bearer token); kept across rebuilds."""
    from sitrep.store.review import join_events, split_event

    @app.post("/incidents/split", tags=["incidents"], dependencies=[Depends(authorised)])
    def split(body: SplitIn) -> dict:
        """Take an event out of its incident; fusion keeps it apart from those reports from now on."""
        try:
            now = service.write(lambda s: split_event(s, body.event_id, service.settings.fusion, body.note))
        except KeyError as exc:
            raise HTTPException(status_code=404, detail=str(exc.args[0])) from None
        return {"event_id": body.event_id, "incident_id": now}

    @app.post("/incidents/join", tags=["incidents"], dependencies=[Depends(authorised)])
    def join(body: JoinIn) -> dict:
        """Put two events in one incident; fusion keeps them together from now on."""

        def run(store: Store) -> str | None:
            found = store._query(
                "SELECT COUNT(*) FROM events WHERE id IN (?, ?)", [body.event_a, body.event_b]
            )
            if found[0][0] != 2 or body.event_a == body.event_b:
                raise HTTPException(status_code=404, detail="give two different stored event ids")
            return join_events(store, body.event_a, body.event_b, service.settings.fusion, body.note)

        return {"event_ids": [body.event_a, body.event_b], "incident_id": service.write(run)}


def _add_extract_routes(app: FastAPI, service: Service, token: str) -> None:
    @app.post("/extract", tags=["extract"])
    async def extract(body: ArticleIn) -> dict:
        """Code one article and return its events (as ``sitrep extract`` does); nothing is stored.

        Extraction is queued: when the queue is full the answer is 503 with ``Retry-After``.
        """
        result = await service.extract(_article(service, body))
        if result.error:
            raise HTTPException(422, f"extraction failed: {result.error}")
        return result.to_json()

    if not token:
        return

    def authorised(authorization: Annotated[str, Header()] = "") -> None:
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(
                401, "writes need 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"}
            )

    @app.post("/articles", tags=["articles"], status_code=201, dependencies=[Depends(authorised)])
    async def ingest(body: ArticleIn) -> dict:
        """Code one article and store it with its events and incidents (``--allow-write``, Bearer token); idempotent."""
        article = _article(service, body)
        with service._admission():
            summary = await run_in_threadpool(service.ingest, [article])
        if summary.errors:
            raise HTTPException(422, f"extraction failed: {summary.errors[0].message}")
        found = summary.results[0] if summary.results else ArticleResult(article)
        return {
            "article": found.to_json(),
            "articles_added": summary.articles_added,
            "events_added": summary.events_added,
            "incidents_changed": summary.incidents_changed,
        }

    _add_review_routes(app, service, authorised)


def _article(service: Service, body: ArticleIn) -> Article:
    """The article of a request body, built as the readers build theirs (413 / 422 if unusable)."""
    limit = service.settings.max_article_chars
    if len(body.text) > limit:
        raise HTTPException(413, f"article text has {len(body.text)} characters; the limit is {limit}")
    if not body.text.strip():
        raise HTTPException(422, "article text is empty")
    built = make_article(
        "api", body.text, body.published, url=body.url, title=body.title, source=body.source, max_chars=limit
    )
    if isinstance(built, IngestError):
        raise HTTPException(422, built.message)
    return built


def _add_page_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    @app.get("/places/labels", tags=["meta"])
    def labels() -> JSONResponse:
        """Place names to draw on the map (largest first: name, lat, lon, population, country)."""
        names = place_names()
        return JSONResponse(
            {"version": names.version, "labels": names.labels}, headers={"cache-control": "max-age=86400"}
        )

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")


def _found(value: _T | None, message: str) -> _T:
    if value is None:
        raise HTTPException(404, message)
    return value


# -- streaming export ------------------------------------------------------------------------


class _Stopped(Exception):
    """The client went away; the exporting thread stops."""


class _QueueText(io.TextIOBase):
    """A text stream whose writes go, in ~64 KB pieces, to a bounded queue read by the response."""

    def __init__(self, chunks: queue.Queue, stop: threading.Event, size: int = 65536) -> None:
        self._chunks = chunks
        self._stop = stop
        self._size = size
        self._buffer: list[str] = []
        self._buffered = 0

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._buffer.append(text)
        self._buffered += len(text)
        if self._buffered >= self._size:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._buffer:
            _put(self._chunks, "".join(self._buffer), self._stop)
            self._buffer, self._buffered = [], 0


def _put(chunks: queue.Queue, item: object, stop: threading.Event) -> None:
    """Put into a bounded queue, giving up when the reader has stopped."""
    while True:
        try:
            chunks.put(item, timeout=0.5)
            return
        except queue.Full:
            if stop.is_set():
                raise _Stopped from None


def _export_stream(rows: Iterator[EventRow], fmt: str) -> Iterator[bytes]:
    """Run ``sitrep.export`` in a thread and yield its output as it is written (bounded memory)."""
    chunks: queue.Queue = queue.Queue(maxsize=8)
    stop = threading.Event()

    def produce() -> None:
        sink = _QueueText(chunks, stop)
        try:
            export(rows, fmt, sink)
            sink.flush()
            _put(chunks, None, stop)
        except _Stopped:
            pass
        except Exception as exc:  # the status line is sent: the stream can only be cut short
            log.exception("export failed")
            try:
                _put(chunks, exc, stop)
            except _Stopped:
                pass

    threading.Thread(target=produce, name="sitrep-export", daemon=True).start()
    try:
        while (item := chunks.get()) is not None:
            if isinstance(item, Exception):
                raise item
            yield item.encode("utf-8")
    finally:
        stop.set()


# -- errors and guards -----------------------------------------------------------------------


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    """422 with one readable sentence in ``detail`` and the structured errors beside it."""
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
    return JSONResponse(status_code=422, content=jsonable_encoder({"detail": detail, "errors": errors}))


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("sitrep")
    except metadata.PackageNotFoundError:
        return "unknown"
