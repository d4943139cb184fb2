"""The HTTP API and the web page: a thin shell over the store, the exporters and the pipeline.

``create_app(store_url)`` gives a FastAPI app (OpenAPI at ``/openapi.json``) that reads the
store; ``sitrep serve`` runs it under uvicorn. It is read-only unless ``allow_write`` is
set, has no CORS unless origins are given, limits request bodies, query strings and page
sizes, and sends every filter value to the database as a parameter.
"""

from __future__ import annotations

import io
import logging
import math
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.codebook import codebook
from sitrep.config import Settings
from sitrep.export import export, row_json
from sitrep.geo.names import country_name, place_names
from sitrep.model import Article, ArticleResult
from sitrep.pipeline import Extractor
from sitrep.store import EventFilter, EventRow, Store, open_store
from sitrep.store.incidents import IncidentRecord

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).with_name("web")
MAX_PAGE = 1000
EXPORT_PAGE = 1000
MAX_BODY_BYTES = 4_000_000  # 200k characters even as \uXXXX escapes, plus the other fields
MAX_QUERY_BYTES = 4096
EXPORT_MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "events.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
    "jsonl": ("application/x-ndjson", "events.jsonl"),
}
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
]
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
    """The store and the lazily built extractor of one app, each behind its own lock.

    One connection serves every request: DuckDB connections are not thread-safe, and the
    store's explicit transactions need the connection to themselves while they run.
    """

    def __init__(self, store: Store, settings: Settings, extractor: Extractor | None = None) -> None:
        self.store = store
        self.settings = settings
        self._extractor = extractor
        self._store_lock = threading.Lock()
        self._extractor_lock = threading.Lock()

    def read(self, fn: Callable[[Store], _T]) -> _T:
        """Run ``fn`` on the store, one caller at a time."""
        with self._store_lock:
            return fn(self.store)

    def extractor(self) -> Extractor:
        """The pipeline, loaded on first use (spaCy and the gazetteer take seconds)."""
        with self._extractor_lock:
            if self._extractor is None:
                self._extractor = Extractor.from_settings(self.settings)
            return self._extractor

    def extract(self, article: Article) -> ArticleResult:
        """One article through the pipeline; a failing stage comes back as the result's error."""
        extractor = self.extractor()
        with self._extractor_lock:
            return next(extractor.extract_many([article]))

    def iter_rows(self, filters: EventFilter) -> Iterator[EventRow]:
        """Every matching row, read a page at a time by key (the lock is held per page only)."""
        after = None
        while True:
            page = self.read(lambda s, key=after: s.events(filters, limit=EXPORT_PAGE, after=key))
            yield from page
            if len(page) < EXPORT_PAGE:
                return
            after = (page[-1].date_start, page[-1].event_id)


def create_app(
    store_url: str,
    *,
    allow_write: bool = False,
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    """The sitrep HTTP app over the store at ``store_url`` (a DuckDB path or a PostgreSQL URL).

    ``allow_write`` adds ``POST /articles``; ``extractor`` lets tests share one loaded
    pipeline; ``cors_origins`` lists the browser origins allowed to call the API (none by default).
    """
    settings = settings or Settings()
    service = Service(open_store(store_url), settings, extractor)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        service.store.close()

    app = FastAPI(
        title="sitrep",
        summary="Coded conflict events from dated news articles, with the evidence for each field.",
        version=_version(),
        docs_url=None,  # the Swagger and ReDoc pages load their scripts from a CDN: not offline
        redoc_url=None,
        lifespan=lifespan,
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.service = service
    app.state.allow_write = allow_write
    app.add_exception_handler(RequestValidationError, _validation_error)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"])
    app.add_middleware(_Guard)
    _add_read_routes(app, service)
    _add_article_routes(app, service)
    _add_incident_routes(app, service)
    _add_extract_routes(app, service, allow_write)
    if allow_write:
        _add_review_routes(app, service)
    _add_page_routes(app)
    return app


# -- filters ---------------------------------------------------------------------------------


def event_filter(
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
    """The query parameters shared by ``/events`` and ``/export``, checked and typed."""
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


# -- routes ----------------------------------------------------------------------------------


def _add_read_routes(app: FastAPI, service: Service) -> None:
    """Health, the event list and one event."""

    @app.get("/health", tags=["meta"])
    def health() -> dict:
        """Liveness, the store's engine and whether writes are enabled."""
        return {"status": "ok", "store": type(service.store).__name__, "write": app.state.allow_write}

    @app.get("/codebook", tags=["meta"])
    def codebook_json() -> dict:
        """The codebook: event types with their disorder type and map colour, sub-types with
        their PLOVER and CAMEO codes, actor types (the page takes its colours from here)."""
        return codebook().to_json()

    @app.get("/events", tags=["events"])
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict:
        """A page of events (ordered by date, then id) and the total that match the filters."""

        def page(store: Store) -> tuple[int, list[EventRow]]:
            return store.count_events(filters), store.events(filters, limit=limit, offset=offset)

        total, rows = service.read(page)
        return {"total": total, "limit": limit, "offset": offset, "events": [row_json(r) for r in rows]}

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
    from sitrep.store.incidents import get_incident, incident_of_event, list_incidents
    from sitrep.store.links import incident_links_of

    @app.get("/incidents", tags=["incidents"])
    def incidents(
        country: Annotated[str | None, Query(max_length=64, description="ISO alpha-2, alpha-3 or name.")] = None,
        since: Annotated[date | None, Query(description="Earliest incident date, YYYY-MM-DD.")] = None,
        until: Annotated[date | None, Query(description="Latest incident date, YYYY-MM-DD.")] = None,
        event_type: Annotated[str | None, Query(max_length=100, description="ACLED event type.")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict:
        """A page of incidents (ordered by date, then id), each with its reconciled fields and sources."""
        found = service.read(
            lambda s: list_incidents(
                s, country=country, since=since, until=until, event_type=event_type, limit=limit, offset=offset
            )
        )
        return {"limit": limit, "offset": offset, "incidents": [_incident_json(r) for r in found]}

    @app.get("/incidents/{incident_id}", tags=["incidents"])
    def incident(incident_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """One incident with its reconciled fields and every contributing event and article."""
        record = _found(service.read(lambda s: get_incident(s, incident_id)), f"no incident {incident_id!r}")
        return _incident_json(record)

    @app.get("/incidents/{incident_id}/links", tags=["incidents"])
    def incident_links(incident_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """Why the reports of an incident were linked: the fusion score of each pair of them, by part."""
        found = service.read(lambda s: incident_links_of(s, incident_id, service.settings.fusion))
        return {"incident_id": incident_id, "links": _found(found, f"no incident {incident_id!r}")}

    @app.get("/events/{event_id}/incident", tags=["incidents"])
    def event_incident(event_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """The incident an event was fused into."""
        found = service.read(lambda s: incident_of_event(s, event_id))
        return {"event_id": event_id, "incident_id": _found(found, f"event {event_id!r} is in no incident")}


def _add_article_routes(app: FastAPI, service: Service) -> None:
    """Articles, facets and the streamed export."""

    @app.get("/articles/{article_id}", tags=["articles"])
    def get_article(article_id: Annotated[str, PathParam(pattern=_ID)]) -> dict:
        """An article's text and its events, with the character offsets of every coded field."""
        return _found(service.read(lambda s: s.article(article_id)), f"no article {article_id!r}")

    @app.get("/facets", tags=["events"])
    def facets() -> dict:
        """Countries, event types and sub-types in the store, with counts (for filter menus)."""
        found = service.read(lambda s: s.facets())
        out = {name: [{"value": v, "count": n} for v, n in pairs] for name, pairs in found.items()}
        for item in out.get("countries", []):
            item["name"] = country_name(item["value"] or "")
        return out

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


def _add_review_routes(app: FastAPI, service: Service) -> None:
    """A person's corrections to fusion (only with ``--allow-write``); kept across rebuilds."""
    from sitrep.store.review import join_events, split_event

    @app.post("/incidents/split", tags=["incidents"])
    def split(body: SplitIn) -> dict:
        """Take an event out of its incident; fusion keeps it apart from those reports from now on."""
        try:
            now = service.read(lambda s: split_event(s, body.event_id, service.settings.fusion, body.note))
        except KeyError as exc:
            raise HTTPException(status_code=404, detail=str(exc.args[0])) from None
        return {"event_id": body.event_id, "incident_id": now}

    @app.post("/incidents/join", tags=["incidents"])
    def join(body: JoinIn) -> dict:
        """Put two events in one incident; fusion keeps them together from now on."""

        def run(store: Store) -> str | None:
            found = store._query("SELECT COUNT(*) FROM events WHERE id IN (?, ?)", [body.event_a, body.event_b])
            if found[0][0] != 2 or body.event_a == body.event_b:
                raise HTTPException(status_code=404, detail="give two different stored event ids")
            return join_events(store, body.event_a, body.event_b, service.settings.fusion, body.note)

        return {"event_ids": [body.event_a, body.event_b], "incident_id": service.read(run)}


def _add_extract_routes(app: FastAPI, service: Service, allow_write: bool) -> None:
    @app.post("/extract", tags=["extract"])
    def extract(body: ArticleIn) -> dict:
        """Code one article and return its events (as ``sitrep extract`` does); nothing is stored."""
        return _extract(service, body).to_json()

    if not allow_write:
        return

    @app.post("/articles", tags=["articles"], status_code=201)
    def ingest(body: ArticleIn) -> dict:
        """Code one article and store it with its events (only with ``--allow-write``); idempotent."""
        result = _extract(service, body)
        versions = service.extractor().versions
        summary = service.read(lambda s: s.write_batch([result], versions=versions))
        return {
            "article": result.to_json(),
            "articles_added": summary.articles_added,
            "events_added": summary.events_added,
        }


def _extract(service: Service, body: ArticleIn) -> ArticleResult:
    """Check an incoming article, build the record and run the pipeline on it."""
    limit = service.settings.max_article_chars
    if len(body.text) > limit:
        raise HTTPException(413, f"article text has {len(body.text)} characters; the limit is {limit}")
    if not body.text.strip():
        raise HTTPException(422, "article text is empty")
    article = Article(
        id=Article.make_id(body.text, body.published),
        published=body.published,
        text=body.text,
        source=body.source,
        url=body.url,
        title=body.title,
        origin="api",
    )
    result = service.extract(article)
    if result.error:
        log.error("extraction failed for article %s: %s", article.id, result.error)
        raise HTTPException(500, f"extraction failed: {result.error}")
    return result


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


def _incident_json(record: IncidentRecord) -> dict:
    """An incident as ``sitrep incidents`` gives it, plus names for people: the country's name and
    the place's other spellings (so that a search for "Avdiivka" finds "Avdiyivka")."""
    out = jsonable_encoder(record.to_json())
    loc = record.incident.location
    out["date_start"] = record.incident.event_date.start.isoformat()
    out["date_end"] = record.incident.event_date.end.isoformat()
    out["country_name"] = country_name(loc.country) if loc else ""
    out["place_aliases"] = list(place_names().aliases_of(loc.name, loc.country)) if loc else []
    return out


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


class _Guard:
    """Refuses over-long query strings (414) and adds the security headers to every response."""

    def __init__(self, app: ASGIApp, max_query_bytes: int = MAX_QUERY_BYTES) -> None:
        self.app = app
        self.max_query_bytes = max_query_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query_bytes:
            response = JSONResponse(
                {"detail": f"query string longer than {self.max_query_bytes} bytes"}, status_code=414
            )
            await response(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sender(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        return sender


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("sitrep")
    except metadata.PackageNotFoundError:
        return "unknown"
