"""Passes over the time expressions of one text, once each is resolved: a day counted from the
day the text last named ("the evening before"), a quarter compared with the one before, a relative
word that the text dates in brackets ("Yesterday (Saturday 2 November)")."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from sitrep.model import DatePrecision, TimeExpression
from sitrep.temporal_words import _NUMW, _POD, _QUARTER_VALUE, _YEAR_BACK


def anchor_relative_days(found: list[TimeExpression], doc_date: date) -> list[TimeExpression]:
    """Count "a day earlier", "the evening before", "the next day" from the day the text last named.

    "He posted on January 15. The evening before, he had been beaten": the beating was on the
    14th, whatever the page's date; with no day named just before, the page's date stands.
    """
    out: list[TimeExpression] = []
    for expr in found:
        anchor = next(
            (a for a in reversed(out) if a.precision is DatePrecision.DAY and a.start_date is not None), None
        )
        if (
            anchor is not None
            and expr.start_date is not None
            and _RELATIVE_DAY.match(expr.span.text)
            and expr.span.start - anchor.span.end <= RELATIVE_ANCHOR_CHARS
        ):
            day = anchor.start_date + (expr.start_date - doc_date)
            expr = replace(expr, start_date=day, value=day.isoformat() + expr.value[10:])
        out.append(expr)
    return out


RELATIVE_ANCHOR_CHARS = 400  # a day named this far before "a day earlier" is the day it counts from
_RELATIVE_DAY = re.compile(
    rf"^(?:(?:{_NUMW}|an?|\d+)[\s-]+days?\s+(?:earlier|later|before|after)"
    rf"|the\s+(?:previous|preceding|next|following)\s+(?:day|{_POD})|the\s+(?:day|{_POD})\s+(?:before|after))$",
    re.I,
)


def anchor_quarters(found: list[TimeExpression]) -> list[TimeExpression]:
    """Re-anchor "a year earlier" and "the quarter" on the last quarter the text named.

    Earnings reports compare a quarter with the same quarter a year before; the
    publication date alone would give only the year.
    """
    anchor: tuple[int, int] | None = None
    out = []
    for expr in found:
        quarter = _QUARTER_VALUE.match(expr.value)
        phrase = re.sub(r"\s+", " ", expr.span.text.lower())
        if anchor and _YEAR_BACK.match(phrase):
            expr = replace(expr, value=f"{anchor[0] - 1:04d}-Q{anchor[1]}")
        elif anchor and phrase in ("the quarter", "the latest quarter", "the period", "the latest period"):
            expr = replace(expr, value=f"{anchor[0]:04d}-Q{anchor[1]}")
        elif quarter:
            anchor = (int(quarter.group(1)), int(quarter.group(2)))
        out.append(expr)
    return out


_BRACKET_OPEN = re.compile(r"\s*[(\[]\s*$")
_BRACKET_CLOSE = re.compile(r"\s*[)\]]")
_WRITERS_DAY = re.compile(
    r"^(?:(?:early|late|earlier|later)\s+)?(?:yesterday|today|tonight|last\s+night|last\s+evening|this\s+"
    rf"{_POD}|overnight)(?:\s+{_POD})?$",
    re.I,
)


def bracketed_days(found: list[TimeExpression], text: str) -> list[TimeExpression]:
    """ "Yesterday (Saturday 2 November)", "this morning (Thursday)": the writer's relative word,
    dated in brackets by the day it meant, which a page dated later is not; the bracket's day wins,
    with the word's part of the day."""
    out = list(found)
    for i, (word, day) in enumerate(zip(found, found[1:], strict=False)):
        if (
            _WRITERS_DAY.match(word.span.text)
            and word.start_date is not None
            and day.precision is DatePrecision.DAY
            and day.start_date is not None
            and _BRACKET_OPEN.fullmatch(text[word.span.end : day.span.start])
            and _BRACKET_CLOSE.match(text, day.span.end)
        ):
            value = day.start_date.isoformat() + word.value[10:]
            out[i] = replace(word, start_date=day.start_date, value=value)
    return out
