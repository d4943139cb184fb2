"""The seed format: a line starting `` date YYYY-MM-DD `` and then the article text.

A file may hold several articles, each opening with its own date line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from sitrep.ingest.common import make_article
from sitrep.model import Article, IngestError

_HEADER = re.compile(r"^ ?date (\S+)[ \t]?", re.MULTILINE)
# Past the first article, only a date-shaped token opens a new one: a body line that
# happens to start with "date palms ..." or a wrapped "... on that\ndate the army" is text.
_DATE_SHAPED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _headers(text: str) -> list[re.Match[str]]:
    headers = []
    for match in _HEADER.finditer(text):
        first = not headers and not text[: match.start()].strip()
        if first or _DATE_SHAPED.fullmatch(match.group(1)):
            headers.append(match)
    return headers


def read_seed_text(name: str, text: str) -> Iterator[Article | IngestError]:
    """Articles of a seed-format text; a missing or impossible date is an error."""
    headers = _headers(text)
    if not headers or text[: headers[0].start()].strip():
        first = text.lstrip("\n").split("\n", 1)[0][:60]
        line = 1 + text[: len(text) - len(text.lstrip("\n"))].count("\n")
        yield IngestError(f"{name}:{line}", f"no ' date YYYY-MM-DD ' header line (starts {first!r})")
        return
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        line = text.count("\n", 0, header.start()) + 1
        origin = f"{name}:{line}"
        raw_date = header.group(1)
        try:
            published = _iso_date(raw_date)
        except ValueError:
            yield IngestError(origin, f"impossible date {raw_date!r} in header (want YYYY-MM-DD)")
            continue
        yield make_article(origin, text[header.end() : end], published)


def _iso_date(raw: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise ValueError(raw)
    return date.fromisoformat(raw)
