"""What every reader shares: decoding, date parsing, building an ``Article``."""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime

from sitrep.model import Article, IngestError

MAX_ARTICLE_CHARS = 200_000


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
) -> Article | IngestError:
    """An ``Article`` keyed by content hash, or an error for text no coder could use."""
    text = text.strip("\n")
    if not text.strip():
        return IngestError(origin, "article has a date but no text")
    if len(text) > MAX_ARTICLE_CHARS:
        return IngestError(origin, f"article longer than {MAX_ARTICLE_CHARS} characters")
    return Article(
        id=Article.make_id(text, published),
        published=published,
        text=text,
        source=source,
        url=url,
        title=title,
        origin=origin,
    )


def looks_like_jsonl(text: str) -> bool:
    return text.lstrip().startswith("{")


def looks_like_json(text: str) -> bool:
    """A JSON document or JSON lines (the JSON reader falls back to JSONL)."""
    return text.lstrip().startswith(("{", "["))
