"""JSONL and CSV exports: one article per line or row, column names configurable."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping

from sitrep.config import ColumnNames
from sitrep.ingest.common import MAX_ARTICLE_CHARS, guarded, make_article, parse_published
from sitrep.model import Article, IngestError


def read_jsonl_text(name: str, text: str, columns: ColumnNames) -> Iterator[Article | IngestError]:
    """One JSON object per line; a broken line is an error and the next line is read."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        origin = f"{name}:{lineno}"
        yield guarded(origin, lambda line=line, origin=origin: _article_from_line(origin, line, columns))


def _article_from_line(origin: str, line: str, columns: ColumnNames) -> Article | IngestError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestError(origin, f"broken JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return IngestError(origin, "JSON nested too deeply")
    if not isinstance(record, dict):
        return IngestError(origin, "JSON line is not an object")
    return _article_from_record(origin, record, columns)


def read_json_text(name: str, text: str, columns: ColumnNames) -> Iterator[Article | IngestError]:
    """A whole-file JSON document: one article object, or a list of them; else JSONL."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):  # JSON lines, or a deep line read on its own
        yield from read_jsonl_text(name, text, columns)
        return
    records = document if isinstance(document, list) else [document]
    for index, record in enumerate(records):
        origin = f"{name}:{'item ' + str(index) if isinstance(document, list) else 1}"
        if not isinstance(record, dict):
            yield IngestError(origin, "JSON item is not an object")
            continue
        yield guarded(
            origin, lambda record=record, origin=origin: _article_from_record(origin, record, columns)
        )


def read_csv_text(name: str, text: str, columns: ColumnNames) -> Iterator[Article | IngestError]:
    """CSV with a header row; quoted fields may hold commas and newlines."""
    # The csv module refuses fields over 128 KiB by default, which would end the file at
    # the first long (but allowed) article; let make_article judge the length instead.
    if csv.field_size_limit() < 2 * MAX_ARTICLE_CHARS:
        csv.field_size_limit(2 * MAX_ARTICLE_CHARS)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in (columns.text, columns.published) if c not in (reader.fieldnames or [])]
    if missing:
        yield IngestError(
            f"{name}:1", f"CSV header lacks column(s) {', '.join(missing)}; has {reader.fieldnames}"
        )
        return
    start = reader.line_num + 1  # line_num is where the last row ended; rows may span lines
    try:
        for row in reader:
            origin = f"{name}:{start}"
            yield guarded(origin, lambda row=row, origin=origin: _article_from_record(origin, row, columns))
            start = reader.line_num + 1
    except csv.Error as exc:
        yield IngestError(f"{name}:{start}", f"broken CSV: {exc}")


def _article_from_record(origin: str, record: Mapping, columns: ColumnNames) -> Article | IngestError:
    text = record.get(columns.text)
    if not isinstance(text, str) or not text.strip():
        return IngestError(origin, f"no article text in field {columns.text!r}")
    try:
        published = parse_published(record.get(columns.published))
    except ValueError as exc:
        return IngestError(origin, f"{exc} (field {columns.published!r})")
    return make_article(
        origin,
        text,
        published,
        url=_str(record.get(columns.url)),
        title=_str(record.get(columns.title)),
        source=_str(record.get(columns.source)),
    )


def _str(value: object) -> str:
    return "" if value is None else str(value)
