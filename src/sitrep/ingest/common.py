"""What every reader shares: decoding, date parsing, building an ``Article``."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from sitrep.model import Article, IngestError

MAX_ARTICLE_CHARS = 200_000
FUTURE_SLACK = timedelta(days=1)  # a feed in a time zone ahead of ours may be dated tomorrow
# Lone UTF-16 surrogates ("\ud800" in scraped JSON) cannot be encoded, hashed or stored, and
# PostgreSQL refuses NUL in text: both are replaced, so the rest of the article is kept.
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


def guarded(origin: str, build: Callable[[], Article | IngestError]) -> Article | IngestError:
    """``build()``, or the error it raised as this record's error: one hostile record loses nothing else.

    Deep nesting (RecursionError), unencodable text or a reader bug in one record must
    not end the file or the batch.
    """
    try:
        return build()
    except Exception as exc:  # RecursionError too: every failure is this record's
        return IngestError(origin, f"unreadable record ({type(exc).__name__}: {_short(exc)})")


def _short(exc: BaseException) -> str:
    text = str(exc).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= 160 else text[:157] + "..."


def clean(value: str) -> str:
    """Text that can be encoded and stored: lone surrogates become U+FFFD, NUL is dropped."""
    if not _UNSTORABLE.search(value):
        return value
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def decode(name: str, data: bytes) -> tuple[str, IngestError | None]:
    """UTF-8 text, or an error that says where the first bad byte is."""
    if not data.strip():
        return "", IngestError(name, "empty input: no article text")
    if b"\x00" in data:
        return "", IngestError(f"{name}:1", "binary data (NUL bytes): not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", IngestError(
            f"{name}:{line}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def parse_published(value: object) -> date:
    """A publication date from ISO dates, ISO datetimes or RFC 2822 (feeds); else ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("no publication date")
    if not isinstance(value, str):
        raise ValueError(f"unreadable publication date {value!r} (want an ISO date string)")
    raw = value.strip()
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError):
        raise ValueError(f"impossible or unreadable publication date {raw!r}") from None


def dated_article(origin: str, text: str, raw_date: str, **meta: str) -> Article | IngestError:
    """``make_article`` for a date still to be read: an unreadable date is the item's error."""
    try:
        published = parse_published(raw_date)
    except ValueError as exc:
        return IngestError(origin, str(exc))
    return make_article(origin, text, published, **meta)


def make_article(
    origin: str,
    text: str,
    published: date,
    *,
    url: str = "",
    title: str = "",
    source: str = "",
    max_chars: int = MAX_ARTICLE_CHARS,
    today: date | None = None,
) -> Article | IngestError:
    """An ``Article`` keyed by content hash, or an error for text no coder could use.

    The one place an article is built, for every reader and the API. A publication date
    in the future is refused: relative dates would resolve to days that have not happened.
    """
    text = clean(text).strip("\n")
    if not text.strip():
        return IngestError(origin, "article has a date but no text")
    if len(text) > max_chars:
        return IngestError(
            origin, f"article longer than allowed: {len(text)} characters; the limit is {max_chars}"
        )
    latest = (today or date.today()) + FUTURE_SLACK
    if published > latest:
        return IngestError(origin, f"publication date {published.isoformat()} is in the future")
    return Article(
        id=Article.make_id(text, published),
        published=published,
        text=text,
        source=clean(source),
        url=clean(url),
        title=clean(title),
        origin=origin,
    )


def looks_like_jsonl(text: str) -> bool:
    return text.lstrip().startswith("{")


def looks_like_json(text: str) -> bool:
    """A JSON document or JSON lines (the JSON reader falls back to JSONL)."""
    return text.lstrip().startswith(("{", "["))
