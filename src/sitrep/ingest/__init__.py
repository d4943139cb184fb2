"""Readers that turn user files into ``Article`` records or ``IngestError`` rows.

Every reader yields items one by one: a bad line or file becomes an error that names
the file and line, and the rest of the batch goes on.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from sitrep.config import ColumnNames
from sitrep.ingest.common import decode, looks_like_json
from sitrep.ingest.feeds import read_feed_text
from sitrep.ingest.html import read_html_text
from sitrep.ingest.tabular import read_csv_text, read_json_text, read_jsonl_text
from sitrep.ingest.text import read_seed_text
from sitrep.ingest.warc import is_warc, read_warc_file
from sitrep.model import Article, IngestError

Item = Article | IngestError

READERS = {
    ".txt": "seed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".html": "html",
    ".htm": "html",
}


def read_paths(
    paths: Iterable[str | Path],
    columns: ColumnNames | None = None,
    *,
    only: Callable[[Path], bool] | None = None,
) -> Iterator[Item]:
    """Articles and errors from files, folders (recursively) and ``-`` for standard input.

    ``only`` picks which of a folder's files to read (the watcher reads changed files only).
    """
    columns = columns or ColumnNames()
    for raw in paths:
        if str(raw) == "-":
            yield from read_source("<stdin>", _read_stdin(), None, columns)
            continue
        path = Path(raw)
        if path.is_dir():
            files, problems = _folder_files(path)
            yield from problems
            if not files and not problems:
                yield IngestError(str(path), "folder holds no files")
            for file in files:
                if only is None or only(file):
                    yield from read_file(file, columns)
        elif path.is_file():
            yield from read_file(path, columns)
        else:
            yield IngestError(str(path), "no such file or folder")


def _folder_files(root: Path) -> tuple[list[Path], list[IngestError]]:
    """Every file under ``root``, symlinked folders followed (once: a link loop is an error).

    Hidden files (.git, .DS_Store) and a folder's own paperwork (README.md, a gold .yaml) are
    passed over; a stray binary or unknown file is read and reported rather than skipped.
    """
    files: list[Path] = []
    problems: list[IngestError] = []
    seen: set[str] = set()
    for current, dirs, names in os.walk(root, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:
            problems.append(IngestError(current, "symlinked folder loops back (already read): skipped"))
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            file = Path(current) / name
            if name.startswith(".") or _paperwork(file):
                continue
            if file.is_file():
                files.append(file)
            elif file.is_symlink():
                problems.append(IngestError(str(file), "broken symbolic link"))
    return sorted(files), problems


_PAPERWORK = {".md", ".rst", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".py"}


def _paperwork(path: Path) -> bool:
    """Notes and gold files kept beside articles: not input, not an error."""
    return path.suffix.lower() in _PAPERWORK or path.name.endswith(".gold.json")


def read_file(path: Path, columns: ColumnNames | None = None) -> Iterator[Item]:
    """One file, read by the reader its extension names (content sniffed otherwise)."""
    if is_warc(path):
        yield from read_warc_file(path)  # streamed: a crawl's WARC runs to a gigabyte
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_source(str(path), data, READERS.get(path.suffix.lower()), columns or ColumnNames())


def by_language(items: Iterable[Item], language: str, skipped: Counter[str]) -> Iterator[Item]:
    """Items minus the articles in another language, each counted in ``skipped`` by its code.

    The coder reads English: an article in another language is reported as skipped, not
    coded badly and not dropped without a word.
    """
    for item in items:
        if isinstance(item, Article) and item.lang != language:
            skipped[item.lang] += 1
            continue
        yield item


def _read_stdin() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return sys.stdin.read().encode("utf-8")


def read_source(name: str, data: bytes, kind: str | None, columns: ColumnNames) -> Iterator[Item]:
    """Decode bytes once, then hand them to the reader for ``kind``."""
    text, error = decode(name, data)
    if error is not None and kind in ("jsonl", "json") and b"\x00" not in data:
        yield from _read_lines_apart(name, data, columns)  # one bad line must not cost the file
        return
    if error is not None:
        yield error
        return
    try:
        yield from _read_text(name, text, kind, columns)
    except Exception as exc:  # a reader's last line of defence: the next file is still read
        yield IngestError(name, f"unreadable ({type(exc).__name__}: {str(exc)[:160]})")


def _read_lines_apart(name: str, data: bytes, columns: ColumnNames) -> Iterator[Item]:
    """JSON lines with bytes that are not UTF-8: each line decoded on its own, bad ones reported."""
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield IngestError(
                f"{name}:{lineno}", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
            )
            continue
        for item in read_jsonl_text(name, line.rstrip("\r"), columns):
            if isinstance(item, IngestError):
                item = IngestError(
                    item.origin.replace(f"{name}:1", f"{name}:{lineno}", 1), item.message, item.stage
                )
            yield item if isinstance(item, IngestError) else replace(item, origin=f"{name}:{lineno}")


def _read_text(name: str, text: str, kind: str | None, columns: ColumnNames) -> Iterator[Item]:
    if kind is None:
        kind = _sniff(text)
    if kind == "jsonl":
        yield from read_jsonl_text(name, text, columns)
    elif kind == "json":
        yield from read_json_text(name, text, columns)
    elif kind == "csv":
        yield from read_csv_text(name, text, columns)
    elif kind == "feed":
        yield from read_feed_text(name, text)
    elif kind == "html":
        yield from read_html_text(name, text)
    else:
        yield from read_seed_text(name, text)


def _sniff(text: str) -> str:
    """The reader for text whose name says nothing (standard input, unknown extension)."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<?xml", "<rss", "<feed")):
        return "feed"  # the feed reader hands an XHTML page on to the HTML reader
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "json" if looks_like_json(text) else "seed"


__all__ = ["read_paths", "read_file", "read_source", "by_language", "Item"]
