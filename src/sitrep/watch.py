"""Data in while the map is up: the server polls folders and feeds and ingests what is new.

DuckDB lets one process write a file, so ``sitrep serve --watch DIR --feed URL`` does the
ingesting itself, through ``ingest_batch`` like every other write: the server stays the
one process that owns the file. A folder's files are read again only when their size or
modification time changes; a feed is fetched on every poll and its known items are
recognised by content hash before extraction.
"""

from __future__ import annotations

import logging
import threading
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from sitrep.config import ColumnNames
from sitrep.ingest import by_language, read_paths, read_source
from sitrep.model import Article, IngestError, IngestSummary

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 20_000_000
FEED_TIMEOUT = 30.0
BATCH = 64


@dataclass
class WatchStatus:
    """What the watcher has done so far (shown by ``GET /health``)."""

    polls: int = 0
    articles_added: int = 0
    events_added: int = 0
    errors: int = 0
    last_error: str = ""
    skipped_languages: Counter[str] = field(default_factory=Counter)  # articles not coded, by language

    def to_json(self) -> dict:
        return {
            "polls": self.polls,
            "articles_added": self.articles_added,
            "events_added": self.events_added,
            "skipped_languages": dict(self.skipped_languages),
            "errors": self.errors,
            "last_error": self.last_error,
        }


@dataclass
class Watcher:
    """Polls ``folders`` and ``feeds`` every ``interval`` seconds in a background thread.

    ``ingest`` stores a list of articles (the server's ``ingest_batch`` behind its write lock).
    """

    folders: Sequence[Path]
    feeds: Sequence[str]
    ingest: Callable[[list[Article]], IngestSummary]
    interval: float = 60.0
    columns: ColumnNames = field(default_factory=ColumnNames)
    language: str = "en"  # articles in other languages are counted and skipped, as by ``sitrep ingest``
    status: WatchStatus = field(default_factory=WatchStatus)
    _seen: dict[Path, tuple[int, int]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="sitrep-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)

    def poll(self) -> WatchStatus:
        """One pass over every folder and feed: read what changed, ingest it."""
        items: list[Article | IngestError] = []
        for folder in self.folders:
            items += self._changed_files(folder)
        for url in self.feeds:
            items += fetch_feed(url)
        items = list(by_language(items, self.language, self.status.skipped_languages))
        articles = [i for i in items if isinstance(i, Article)]
        self._note([i for i in items if isinstance(i, IngestError)])
        for start in range(0, len(articles), BATCH):
            summary = self.ingest(articles[start : start + BATCH])
            self.status.articles_added += summary.articles_added
            self.status.events_added += summary.events_added
            self._note(list(summary.errors))
        self.status.polls += 1
        return self.status

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except Exception as exc:  # a failed poll (store down, disk error) is retried next time
                log.exception("watch poll failed")
                self._note([IngestError("watch", f"{type(exc).__name__}: {exc}")])
            self._stop.wait(self.interval)

    def _changed_files(self, folder: Path) -> list[Article | IngestError]:
        if not folder.is_dir():
            return [IngestError(str(folder), "watched folder is missing")]
        if not any(folder.iterdir()):
            return []  # an empty drop folder is the usual state, not an error
        return list(read_paths([folder], self.columns, only=self._is_changed))

    def _is_changed(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return True  # read it: the reader reports why it cannot be read
        mark = (stat.st_mtime_ns, stat.st_size)
        if self._seen.get(path) == mark:
            return False
        self._seen[path] = mark
        return True

    def _note(self, errors: list[IngestError]) -> None:
        for error in errors:
            log.warning("watch: %s", error)
        if errors:
            self.status.errors += len(errors)
            self.status.last_error = str(errors[-1])


def fetch_feed(url: str, *, timeout: float = FEED_TIMEOUT) -> list[Article | IngestError]:
    """The items of the RSS or Atom feed at ``url`` (http, https or file), or the error that stopped it."""
    if urlparse(url).scheme not in ("http", "https", "file"):
        return [IngestError(url, "feed URL must be http://, https:// or file://")]
    request = urllib.request.Request(url, headers={"User-Agent": "sitrep"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            data = response.read(MAX_FEED_BYTES + 1)
    except (OSError, ValueError) as exc:
        return [IngestError(url, f"cannot fetch feed: {exc}")]
    if len(data) > MAX_FEED_BYTES:
        return [IngestError(url, f"feed larger than {MAX_FEED_BYTES} bytes")]
    return list(read_source(url, data, "feed", ColumnNames()))
