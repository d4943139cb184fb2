"""The server's read side: a pool of reading connections, and each row rendered to JSON once.

At 50 clients on 2 cores a list page must cost the server a few milliseconds of CPU, and
rebuilding a page's records and encoding them cost 20-110 ms (measured on 10,000 events).
So each row is rendered once and its JSON kept:

- an event's JSON is kept by id and survives every write: stored events never change
  (insert-only, keyed by a content hash);
- an incident's JSON is kept by id until a write rewrites that incident (ingest reports
  the incidents it wrote or removed, ``IngestSummary.incident_ids``);
- a whole page is kept by its query until the next write (a new row moves every page);
  building it again costs one key query (the page's ids and the total) and a join of
  the kept rows, with only the missing rows read and rendered;
- the keys of all events in list order are kept until the next write, so a page of all
  events (by offset or by key) is a slice of them, with no query.

Rows and pages are kept only where this process is the one writer (DuckDB): with PostgreSQL
another process could change them unseen, so every page is read and rendered.
"""

from __future__ import annotations

import bisect
import json
import os
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TypeVar

from fastapi.encoders import jsonable_encoder

from sitrep.config import Settings
from sitrep.export import row_json
from sitrep.geo.names import country_name, place_names
from sitrep.store import EventFilter, Store
from sitrep.store.incidents import IncidentRecord

_T = TypeVar("_T")
Key = tuple[date, str]  # (date_start, id) of the last row of the previous page


def read_connections(settings: Settings) -> int:
    """Reading connections: the setting, or one per core (more only queue for the same cores)."""
    return settings.read_connections or os.cpu_count() or 2


class ReaderPool:
    """Reading connections (DuckDB cursors or PostgreSQL connections), each used by one thread at a time."""

    def __init__(self, store: Store, size: int) -> None:
        self.store = store
        self.size = max(size, 1)
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def read(self, fn: Callable[[Store], _T]) -> _T:
        """Run ``fn`` on a reading connection of its own (waits when every one is busy)."""
        reader = self._take()
        try:
            return fn(reader)
        finally:
            self._idle.put(reader)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._all) < self.size:
                reader = self.store.reader()
                self._all.append(reader)
                return reader
        return self._idle.get()

    def close(self) -> None:
        for reader in self._all:
            reader.close()


class _Kept:
    """Bytes by key, the least recently used dropped past ``size`` (0 keeps nothing)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[object, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: object) -> bytes | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: object, value: bytes) -> None:
        if not self.size:
            return
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def keys(self) -> list[object]:
        return list(self._items)

    def filtered_events(self) -> dict[tuple, EventFilter]:
        """The kept ``GET /events`` pages that have a filter, with it (see ``events_key``)."""
        return {
            key: key[1]
            for key in self._items
            if isinstance(key, tuple) and key[0] == "events" and key[1] != EventFilter()
        }

    def drop(self, keys: Iterable[object] | None = None) -> None:
        if keys is None:
            self._items.clear()
        for key in keys or ():
            self._items.pop(key, None)


class Reads:
    """The list endpoints' JSON, from kept rows and pages (see the module's docstring)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.pool = ReaderPool(store, read_connections(settings))
        keep = store.single_writer
        self._pages = _Kept(settings.read_cache if keep else 0)
        self._events = _Kept(settings.read_cache_rows if keep else 0)
        self._incidents = _Kept(settings.read_cache_rows if keep else 0)
        self._lock = threading.Lock()
        self._generation = 0  # bumped by every write: what was read before it is not kept
        self._rendering: dict[tuple, threading.Event] = {}
        self._order_lock = threading.Lock()
        self._keys: list[Key] | None = None  # see _order; [] when the store is too large to keep them
        self.hits = 0

    def read(self, fn: Callable[[Store], _T]) -> _T:
        return self.pool.read(fn)

    def page(self, key: tuple, render: Callable[[], bytes]) -> bytes:
        """A response body, rendered once per state of the store (requests for a page being
        rendered wait for it instead of rendering it again)."""
        while True:
            with self._lock:
                body = self._pages.get(key)
                if body is not None:
                    self.hits += 1
                    return body
                busy = self._rendering.get(key) if self._pages.size else None
                if busy is None:
                    done = self._rendering[key] = threading.Event()
                    generation = self._generation
                    break
            busy.wait(30)
        try:
            body = render()
            with self._lock:
                if generation == self._generation:
                    self._pages.put(key, body)
            return body
        finally:
            with self._lock:
                self._rendering.pop(key, None)
            done.set()

    def kept(self, key: tuple) -> bytes | None:
        """A page already rendered, or a page of all events made of kept rows, or ``None``;
        never waits and never reads the store (the server's event loop calls it)."""
        with self._lock:
            body = self._pages.get(key)
            if body is None and self._keys and key[0] == "events" and key[1] == EventFilter():
                body = self._slice(self._keys, *key[2:])
            if body is not None:
                self.hits += 1
            return body

    def _slice(self, order: list[Key], limit: int, offset: int, after: Key | None) -> bytes | None:
        """A page of all events from the kept order and rows (``None`` if a row is not kept)."""
        start = offset + (bisect.bisect_right(order, after) if after else 0)
        rows = [self._events.get(key[1]) for key in order[start : start + limit]]
        if any(row is None for row in rows):
            return None
        head = b'{"total": %d, "limit": %d, "offset": %d, "events": [' % (len(order), limit, offset)
        return head + b", ".join(rows) + b"]}"  # type: ignore[arg-type]

    def events_page(self, filters: EventFilter, limit: int, offset: int, after: Key | None) -> bytes:
        """``GET /events``: the total and a page of events (by offset, or after a key)."""

        def render(store: Store) -> bytes:
            order = self._order(store) if filters == EventFilter() else None
            if order is None:
                total, ids = store.event_keys(filters, limit=limit, offset=offset, after=after)
            else:  # every event: the page is a slice of the kept order, no query
                start = offset + (bisect.bisect_right(order, after) if after else 0)
                total, ids = len(order), [key[1] for key in order[start : start + limit]]
            rows = self._rows(self._events, ids, lambda missing: _event_json(store, missing))
            head = b'{"total": %d, "limit": %d, "offset": %d, "events": [' % (total, limit, offset)
            return head + b", ".join(rows) + b"]}"

        return self.page(events_key(filters, limit, offset, after), lambda: self.read(render))

    def _order(self, store: Store) -> list[Key] | None:
        """Every stored event's key in list order, kept until the next write while the store
        holds no more events than the rows kept (``None`` otherwise: pages are then queried)."""
        if not self._events.size:
            return None
        with self._order_lock:
            if self._keys is None:
                generation = self._generation
                keys = store.event_order(self._events.size + 1)
                if generation == self._generation:
                    self._keys = keys if len(keys) <= self._events.size else []
            return self._keys or None

    def incidents_page(self, filters: EventFilter, limit: int, offset: int, after: Key | None) -> bytes:
        """``GET /incidents``: a page of incidents (by offset, or after a key)."""

        def render(store: Store) -> bytes:
            ids = store.incident_keys(filters, limit=limit, offset=offset, after=after)
            rows = self._rows(self._incidents, ids, lambda missing: _incidents_json(store, missing))
            return b'{"limit": %d, "offset": %d, "incidents": [' % (limit, offset) + b", ".join(rows) + b"]}"

        return self.page(incidents_key(filters, limit, offset, after), lambda: self.read(render))

    def _rows(
        self, kept: _Kept, ids: Sequence[str], fetch: Callable[[list[str]], dict[str, bytes]]
    ) -> list[bytes]:
        """The JSON of each id: kept, or fetched, rendered and kept (unless a write came between)."""
        with self._lock:
            found = {i: body for i in ids if (body := kept.get(i)) is not None}
            generation = self._generation
        missing = [i for i in ids if i not in found]
        if missing:
            fetched = fetch(missing)
            found.update(fetched)
            self._keep(kept, fetched, generation)
        return [found[i] for i in ids if i in found]

    def warm(self, stop: threading.Event | None = None, chunk: int = 500) -> int:
        """Render and keep rows ahead of the first requests, in key order, up to the rows kept;
        returns how many (a server calls it in a thread at start: a page is then one key query)."""
        done, after = 0, None
        while done < self._events.size and not (stop and stop.is_set()):
            rows = self.read(lambda s, a=after: s.events(limit=chunk, after=a))
            self._keep(self._events, {r.event_id: _dumps(row_json(r)) for r in rows}, self._generation)
            done, after = done + len(rows), (rows[-1].date_start, rows[-1].event_id) if rows else None
            if len(rows) < chunk:
                break
        kept, after = 0, None
        while kept < self._incidents.size and not (stop and stop.is_set()):
            generation = self._generation
            found = self.read(lambda s, a=after: s.incidents(limit=chunk, after=a))
            self._keep(self._incidents, {r.incident.id: _dumps(incident_json(r)) for r in found}, generation)
            kept += len(found)
            if len(found) < chunk:
                break
            after = (found[-1].incident.event_date.start, found[-1].incident.id)
        self.read(self._order)  # pages of all events are then made on the event loop
        return done + kept

    def _keep(self, kept: _Kept, rendered: dict[str, bytes], generation: int) -> None:
        with self._lock:
            if generation == self._generation:
                for i, body in rendered.items():
                    kept.put(i, body)

    def rows_kept(self) -> int:
        """Events and incidents kept rendered."""
        return len(self._events) + len(self._incidents)

    def changed(self, incident_ids: Iterable[str] | None = None, events: Sequence[Key] | None = None) -> None:
        """After a write: drop the pages it may have changed, and the incidents it rewrote.

        Given the keys of the new ``events``, they join the kept order of all events, and a
        filtered page of events that none of them matches is kept (same rows, same total);
        every other page is dropped, and every incident when ``incident_ids`` is not known.
        """
        with self._lock:
            self._generation += 1
            self._keys = None if events is None else _merged(self._keys, events, self._events.size)
            self._incidents.drop(None if incident_ids is None else list(incident_ids))
            filtered = {} if events is None else self._pages.filtered_events()
            self._pages.drop([key for key in self._pages.keys() if key not in filtered])
        ids = [key[1] for key in events or ()]
        if not filtered or not ids:
            return
        hit = self.read(lambda s: {f for f in set(filtered.values()) if s.any_event_matches(f, ids)})
        with self._lock:
            self._pages.drop([key for key, f in filtered.items() if f in hit])

    def close(self) -> None:
        self.pool.close()


def _merged(order: list[Key] | None, new: Sequence[Key], size: int) -> list[Key] | None:
    """The kept order with the new keys in place (a new list: readers keep a consistent one);
    ``None`` when none is kept (it is loaded on demand), ``[]`` past ``size``."""
    if not order:
        return order
    merged = list(order)
    for key in sorted(set(new)):
        at = bisect.bisect_left(merged, key)
        if at == len(merged) or merged[at] != key:
            merged.insert(at, key)
    return merged if len(merged) <= size else []


def events_key(filters: EventFilter, limit: int, offset: int, after: Key | None) -> tuple:
    """The key of a kept ``GET /events`` page."""
    return ("events", filters, limit, offset, after)


def incidents_key(filters: EventFilter, limit: int, offset: int, after: Key | None) -> tuple:
    """The key of a kept ``GET /incidents`` page."""
    return ("incidents", filters, limit, offset, after)


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _event_json(store: Store, ids: list[str]) -> dict[str, bytes]:
    return {row.event_id: _dumps(row_json(row)) for row in store.events_by_id(ids)}


def _incidents_json(store: Store, ids: list[str]) -> dict[str, bytes]:
    return {rec.incident.id: _dumps(incident_json(rec)) for rec in store.incidents_by_id(ids)}


def incident_json(record: IncidentRecord) -> dict:
    """An incident as ``sitrep incidents`` gives it, plus names for people: the country's name and
    the place's other spellings (so that a search for "Avdiivka" finds "Avdiyivka")."""
    out = jsonable_encoder(record.to_json())
    loc = record.incident.location
    out["date_start"] = record.incident.event_date.start.isoformat()
    out["date_end"] = record.incident.event_date.end.isoformat()
    out["country_name"] = country_name(loc.country) if loc else ""
    out["place_aliases"] = list(place_names().aliases_of(loc.name, loc.country)) if loc else []
    return out
