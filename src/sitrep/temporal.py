"""Temporal stage: find time expressions in article text and resolve them TimeML-style.

News reports past events, so an underspecified expression ("Tuesday", "in October",
"Jan. 7") resolves to the most recent such date on or before the publication date,
unless the sentence carries a future cue ("will", "next", "scheduled" ...). The finder
is a set of regular expressions compiled once; each rule has a small pure resolver,
and overlapping matches are settled longest-first so that "9:30 p.m. (Baghdad Time)
February 7" is one expression, not three.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.model import DatePrecision, Span, TimeExpression
from sitrep.temporal_anchors import anchor_quarters, anchor_relative_days, bracketed_days
from sitrep.temporal_words import (
    _CLOCK,
    _DAYNUM,
    _DAYREF,
    _FUTURE_CUE,
    _MOD,
    _MON,
    _MONTHS,
    _NUM,
    _ORDINALS,
    _PART_OF_DAY,
    _POD,
    _PREPS,
    _REFS,
    _SEASONS,
    _SENT_END,
    _SPOKEN_YEAR,
    _UNIT,
    _UNIT_CODE,
    _VAGUE,
    _WD,
    _WEEKDAYS,
    _WORD_NUM,
    _YEAR,
    _ZONE,
    _feast_day,
)

DAY, WEEK, MONTH, YEAR = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What a resolver may look at: the whole text, the publication date, where the match is."""

    text: str
    doc: date
    start: int


_Resolved = tuple[str, str, date | None, DatePrecision | None]
_Resolver = Callable[[re.Match[str], _Ctx], "_Resolved | None"]


# ---------------------------------------------------------------- small helpers
def _number(words: str) -> float | None:
    """Value of a number phrase ("twenty-four", "2 1/2", "a couple of"); None when vague."""
    words = words.lower().replace("-", " ")
    if any(v in words.split() for v in _VAGUE):
        return None
    if re.fullmatch(r"[\d.]+(?:\s+1/2)?", words):
        base = words.split()[0]
        return float(base) + (0.5 if "1/2" in words else 0.0)
    total, current = 0.0, 0.0
    for word in words.split():
        if word in ("hundred", "thousand"):
            scale = 100 if word == "hundred" else 1000
            total += max(current, 1) * scale
            current = 0.0
        elif word in _WORD_NUM:
            current += _WORD_NUM[word]
        elif word == "half":
            current += 0.5
    return total + current


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _unit_code(unit: str) -> str:
    unit = unit.lower()
    return next(code for key, code in _UNIT_CODE.items() if unit.startswith(key))


def _duration(n: float | None, unit: str) -> str:
    """TimeML duration value: P3D, PT2H, PXW, P2Y6M."""
    code = _unit_code(unit)
    letter, prefix = code[-1], ("PT" if code.startswith("T") else "P")
    if n is not None and unit.lower().startswith("fortnight"):
        n *= 2
    if n is None:
        return f"{prefix}X{letter}"
    if n != int(n) and letter == "Y":
        return f"P{int(n)}Y{round((n - int(n)) * 12)}M"
    return f"{prefix}{_fmt_num(n)}{letter}"


def _month_num(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def _day_num(token: str) -> int:
    return int(re.match(r"\d+", token).group(0))


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _sentence_before(ctx: _Ctx) -> str:
    """The part of the current sentence that precedes the match (at most 160 chars)."""
    window = ctx.text[max(0, ctx.start - 160) : ctx.start]
    ends = list(_SENT_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _future(ctx: _Ctx) -> bool:
    """Whether the sentence points forward, so an underspecified date lies ahead."""
    return bool(_FUTURE_CUE.search(_sentence_before(ctx)))


def _prev_word(ctx: _Ctx) -> str:
    found = re.search(r"([A-Za-z]+)\W*$", ctx.text[max(0, ctx.start - 30) : ctx.start])
    return found.group(1).lower() if found else ""


def _day(d: date, ttype: str = "DATE", suffix: str = "") -> _Resolved:
    return (ttype, d.isoformat() + suffix, d, DAY)


def _week(d: date) -> _Resolved:
    return ("DATE", _week_value(d), _monday(d), WEEK)


def _month(year: int, month: int) -> _Resolved:
    return ("DATE", f"{year:04d}-{month:02d}", date(year, month, 1), MONTH)


def _year(year: int) -> _Resolved:
    return ("DATE", f"{year:04d}", date(year, 1, 1), YEAR)


def _weekday_date(doc: date, weekday: int, forward: bool) -> date:
    """The named weekday nearest the publication date in the given direction (today included)."""
    if forward:
        return doc + timedelta(days=(weekday - doc.weekday()) % 7)
    return doc - timedelta(days=(doc.weekday() - weekday) % 7)


def _month_year(doc: date, month: int, forward: bool) -> int:
    """Year of a month named without one: latest not after the publication month, or next ahead."""
    if forward:
        return doc.year if month >= doc.month else doc.year + 1
    return doc.year if month <= doc.month else doc.year - 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _doc_quarter(doc: date) -> tuple[int, int]:
    return doc.year, (doc.month - 1) // 3 + 1


def _prev_quarter(doc: date) -> tuple[int, int]:
    year, q = _doc_quarter(doc)
    return (year - 1, 4) if q == 1 else (year, q - 1)


def _season_of(d: date) -> tuple[int, str]:
    """Season holding ``d``; winter belongs to the year of its December."""
    if d.month in (12, 1, 2):
        return (d.year if d.month == 12 else d.year - 1), "WI"
    return d.year, {3: "SP", 6: "SU", 9: "FA"}[(d.month - 3) // 3 * 3 + 3]


def _season_value(doc: date, code: str, rel: str) -> str:
    """``this``/``the`` summer is this year's; ``last`` is the latest one before the current season."""
    cur_year, cur_code = _season_of(doc)
    order = ["SP", "SU", "FA", "WI"]
    year = cur_year
    if rel in ("last", "this past", "the past", "the previous"):
        year = cur_year if order.index(code) < order.index(cur_code) else cur_year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = cur_year if order.index(code) > order.index(cur_code) else cur_year + 1
    elif code == "WI" and doc.month in (1, 2):
        year = cur_year
    return f"{year:04d}-{code}"


# ---------------------------------------------------------------- resolvers
def _resolve_dayref(ref: str, ctx: _Ctx) -> date | None:
    """Day named by a weekday, today/yesterday/tomorrow/tonight or a month-day phrase."""
    low = ref.lower()
    if low in ("today", "tonight"):
        return ctx.doc
    if low == "yesterday":
        return ctx.doc - timedelta(days=1)
    if low == "tomorrow":
        return ctx.doc + timedelta(days=1)
    if low in _WEEKDAYS:
        return _weekday_date(ctx.doc, _WEEKDAYS.index(low), _future(ctx))
    found = re.match(rf"({_MON})\s+({_DAYNUM})(?:,?\s+({_YEAR}))?", ref, re.I)
    if found is None:
        return None
    year = int(found.group(3)) if found.group(3) else None
    return _month_day(ctx, _month_num(found.group(1)), _day_num(found.group(2)), year)


def _month_day(ctx: _Ctx, month: int, day: int, year: int | None) -> date | None:
    """A month-day date; without a year, the latest one on or before publication, or the next one
    when the sentence points forward or the date falls within the coming two months."""
    if year is not None:
        return _safe_date(year, month, day)
    past = _safe_date(ctx.doc.year, month, day)
    if past is None or past > ctx.doc:
        past = _safe_date(ctx.doc.year - 1, month, day)
    ahead = _safe_date(ctx.doc.year + (past is not None and past.year == ctx.doc.year), month, day)
    if ahead is None or past is None:
        return ahead or past
    soon = (ahead - ctx.doc).days <= 62 and (ctx.doc - past).days > 62
    return ahead if (soon or _future(ctx)) and ahead >= ctx.doc else past


def _r_clock(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    clock = m.group("clock").lower()
    if clock == "noon":
        hh, mm = 12, 0
    elif clock == "midnight":
        hh, mm = 24, 0
    else:
        parts = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])?", clock)
        hh, mm = int(parts.group(1)), int(parts.group(2) or 0)
        if hh > 24 or (parts.group(3) and not 1 <= hh <= 12):
            return None
        if parts.group(3) == "p" and hh < 12:
            hh += 12
        elif parts.group(3) == "a" and hh == 12:
            hh = 0
    day = ctx.doc
    if m.group("dayref"):
        day = _resolve_dayref(m.group("dayref"), ctx) or ctx.doc
    return ("TIME", f"{day.isoformat()}T{hh:02d}:{mm:02d}", day, DAY)


def _r_iso(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    day = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if day is None:
        return None
    if m.group("hh"):
        return ("TIME", f"{day.isoformat()}T{m.group('hh')}:{m.group('mm')}", day, DAY)
    return _day(day)


def _r_month_day(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    month = _month_num(m.group("m1") or m.group("m2"))
    day_tok = m.group("d1") or m.group("d2")
    year = int(m.group("y")) if m.group("y") else None
    if year is None:  # "on October 7 last year": the year follows the date as words
        after = _YEAR_AFTER.match(ctx.text, m.end())
        if after:
            year = ctx.doc.year - (after.group(1).lower() == "last")
    found = _month_day(ctx, month, _day_num(day_tok), year)
    if found is not None and "wd" in m.groupdict() and m.group("wd"):
        found = _weekday_over_slip(ctx, found, _WEEKDAYS.index(m.group("wd").lower()))
    return None if found is None else _day(found)


SLIP_DAYS = 40  # a calendar date this near the page, against its own weekday, is a writer's slip


def _weekday_over_slip(ctx: _Ctx, found: date, weekday: int) -> date:
    """ "On Wednesday, 14 September" in a Thursday 14 September page: a weekday and a recent
    calendar date that disagree; reporters name the day of the week as they tell the news and
    slip on the number, so the last such weekday up to the page wins."""
    if found.weekday() == weekday or found > ctx.doc or (ctx.doc - found).days > SLIP_DAYS or _future(ctx):
        return found  # a plan ahead keeps its calendar date
    return _weekday_date(ctx.doc, weekday, False)


_YEAR_AFTER = re.compile(r",?\s+(?:of\s+)?(last|this)\s+year\b", re.IGNORECASE)


def _spoken_year(text: str) -> int | None:
    """1996 from "nineteen ninety-six", 2000 from "two thousand"."""
    words = text.lower().replace("-", " ").split()
    if words[0] == "nineteen":
        rest = _number(" ".join(words[1:]))
        return None if rest is None or rest >= 100 else 1900 + int(rest)
    value = _number(" ".join(w for w in words if w != "and"))
    return None if value is None else int(value)


def _r_month(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    name = m.group("m")
    month = _month_num(name)
    if m.group("y"):
        year = int(m.group("y")) if m.group("y").isdigit() else _spoken_year(m.group("y"))
    elif m.group("rel"):
        year = ctx.doc.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    elif m.group("pre"):
        pre = m.group("pre").lower().split()[-1]
        if pre in ("last", "past"):
            year = ctx.doc.year if month < ctx.doc.month else ctx.doc.year - 1
        elif pre in ("next", "coming"):
            year = ctx.doc.year if month > ctx.doc.month else ctx.doc.year + 1
        else:
            year = ctx.doc.year
    else:
        if not m.group("mod") and name in ("May", "March", "June", "April", "August"):
            if _prev_word(ctx) not in _PREPS:
                return None
        year = _month_year(ctx.doc, month, _future(ctx))
    return None if year is None else _month(year, month)


def _year_ok(m: re.Match[str], ctx: _Ctx) -> bool:
    """A bare four-digit number is a year unless it counts things or names a thing."""
    after = ctx.text[m.end() : m.end() + 14].lower()
    if re.match(r"\s+(?:people|persons|troops|soldiers|civilians|fighters|men|women|children|residents"
                r"|families|homes|houses|units|tons|tonnes|km|kilometers|miles|meters|metres|feet|dollars"
                r"|rockets|missiles|shells|refugees|prisoners|deaths|cases|votes|seats|members|jobs)\b",
                after):  # fmt: skip
        return False
    return _prev_word(ctx) not in {"resolution", "route", "flight", "highway", "tower", "room", "no",
                                   "number", "article", "section", "model", "unit", "camp", "brigade"}  # fmt: skip


def _r_year(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    raw = m.group("y")
    year = int(raw) if raw.isdigit() else _spoken_year(raw)
    if year is None or not 1000 <= year <= 2199:
        return None
    if raw.isdigit() and not m.group("mod") and not _year_ok(m, ctx):
        return None
    if raw.lower().startswith("two") and not m.group("mod") and _prev_word(ctx) not in _PREPS:
        after = ctx.text[m.end() : m.end() + 2]
        if not re.match(r"[,.;:)]|$", after):
            return None
    half = (m.group("mod") or "").lower()
    if "half" in half:
        return ("DATE", f"{year:04d}-H{1 if 'first' in half else 2}", date(year, 1, 1), YEAR)
    return _year(year)


def _r_decade(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if m.group("w"):
        if not m.group(0).lower().startswith("the"):
            return None
        tens = {"twen": 2, "thir": 3, "fort": 4, "fift": 5, "sixt": 6, "seve": 7, "eigh": 8, "nine": 9}
        return ("DATE", f"19{tens[m.group('w').lower()[:4]]}", None, None)
    digit = m.group("d") or m.group("d2")
    century = m.group("c") or ("20" if digit in "012" and m.group("d2") else "19")
    return ("DATE", f"{century}{digit}", None, None)


def _r_relday(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    base = re.sub(r"\s+", " ", m.group("base").lower())
    pod = (m.group("pod") or "").lower()
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "overnight": 0, "last night": -1,
               "last evening": -1, "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    word = base.split()[-1]
    if base.startswith("this "):
        day, pod = ctx.doc, word
    elif base in offsets:
        day = ctx.doc + timedelta(days=offsets[base])
        pod = pod or {
            "tonight": "night",
            "overnight": "night",
            "last night": "night",
            "last evening": "evening",
        }.get(base, "")
    else:  # "afternoon yesterday"
        day, pod = ctx.doc - timedelta(days=1), base.split()[0]
    if pod:
        return _day(day, "TIME", "T" + _PART_OF_DAY[pod.removeprefix("mid-").removeprefix("mid")])
    return _day(day)


def _r_next_day(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    """ "The evening before", "the previous day", "the following morning": a day from the day the
    text last named (re-anchored by ``_anchor_relative_days``); from the publication date here."""
    step = -1 if (m.group("back") or m.group("back2")) else 1
    pod = (m.group("pod") or m.group("pod2") or "day").lower()
    day = ctx.doc + timedelta(days=step)
    return _day(day) if pod == "day" else _day(day, "TIME", "T" + _PART_OF_DAY[pod])


# "Bloody Sunday, 1972", "Good Friday", "Black Saturday": a day's name, not last week's weekday.
_NAMED_DAY = re.compile(r"\b(Bloody|Black|Good|Easter|Palm|Holy|Ash|Super|Cyber|Shrove|Maundy|Red|Blue)\s+$")


def _r_weekday(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    weekday = _WEEKDAYS.index(m.group("wd").lower())
    named = None if m.group("rel") else _NAMED_DAY.search(ctx.text, max(0, ctx.start - 10), ctx.start)
    if named:  # "packed Palm Sunday services" in a Monday page: yesterday; "Bloody Sunday": no day
        feast = _feast_day(named.group(1), weekday, ctx.doc)
        agreement = re.match(r"\s+(?:Agreement|Accords?)\b", ctx.text[m.end() :])
        return None if feast is None or agreement or m.group("plural") else _day(feast)
    pod = (m.group("pod") or "").lower()
    suffix = "T" + _PART_OF_DAY[pod] if pod else ""
    if m.group("plural") or m.group("plural2"):
        return ("SET", f"XXXX-WXX-{weekday + 1}{suffix}", None, None)
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    if rel in ("last", "this past", "the previous", "past"):
        day = _weekday_date(ctx.doc - timedelta(days=1), weekday, False)
    elif rel in ("next", "this coming", "coming", "the following"):
        day = _weekday_date(ctx.doc + timedelta(days=1), weekday, True)
    else:
        day = _weekday_date(ctx.doc, weekday, _future(ctx))
    return _day(day, "TIME" if pod else "DATE", suffix)


_REL_STEP = {
    "last": -1, "the past": -1, "the previous": -1, "this past": -1, "the last": -1, "past": -1,
    "this": 0, "the current": 0, "the": 0, "the same": 0, "current": 0,
    "next": 1, "the coming": 1, "this coming": 1, "the following": 1, "the next": 1, "coming": 1,
}  # fmt: skip


def _r_calunit(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = re.sub(r"\s+", " ", m.group("unit").lower()).removeprefix("fiscal ")
    if rel == "the" and not (m.group("edge") or m.group("mod")) and unit not in ("weekend", *_SEASONS):
        return None
    step = _REL_STEP[rel]
    if unit in _SEASONS:
        return ("DATE", _season_value(ctx.doc, _SEASONS[unit], rel), None, None)
    if unit == "week":
        return _week(ctx.doc + timedelta(weeks=step))
    if unit == "weekend":
        sat = _weekday_date(ctx.doc, 5, step > 0 or (step == 0 and _future(ctx)))
        if step < 0 or (step == 0 and ctx.doc.weekday() < 5 and not _future(ctx)):
            sat = _weekday_date(ctx.doc - timedelta(days=1), 5, False)
        return ("DATE", _week_value(sat) + "-WE", _monday(sat), WEEK)
    if unit == "month":
        first = _shift_month(ctx.doc, step)
        return _month(first.year, first.month)
    if unit == "quarter":
        first = _shift_month(ctx.doc, 3 * step)
        return ("DATE", f"{first.year}-Q{(first.month - 1) // 3 + 1}", None, None)
    if unit == "decade":
        return ("DATE", f"{(ctx.doc.year + 10 * step) // 10:03d}", None, None)
    if unit == "century":
        return ("DATE", f"{(ctx.doc.year + 100 * step) // 100:02d}", None, None)
    return _year(ctx.doc.year + step)


def _r_ago(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    n = _number(m.group("n"))
    direction = -1 if m.group("dir").lower() in ("ago", "earlier", "back") else 1
    if n is None:
        return ("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None, None)
    code = _unit_code(m.group("unit"))
    whole = int(n)
    if code in ("TS", "TM", "TH"):
        return _day(ctx.doc)
    if code == "D":
        return _day(ctx.doc + timedelta(days=direction * whole))
    if code == "W":
        weeks = whole * (2 if m.group("unit").lower().startswith("fortnight") else 1)
        return _week(ctx.doc + timedelta(weeks=direction * weeks))
    if code == "M":
        first = _shift_month(ctx.doc, direction * whole)
        return _month(first.year, first.month)
    if code == "Q":
        first = _shift_month(ctx.doc, direction * 3 * whole)
        return ("DATE", f"{first.year}-Q{(first.month - 1) // 3 + 1}", None, None)
    years = {"Y": 1, "E": 10, "C": 100, "L": 1000}[code] * whole
    return _year(ctx.doc.year + direction * years)


def _r_duration(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    n = _number(m.group("n"))
    if m.group(0).lower().rstrip("s").endswith(("a second", "a minute")) and not m.group("rel"):
        return None  # "wait a second", "a minute" as idiom
    return ("DURATION", _duration(n, m.group("unit")), None, None)


def _r_vague_units(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if m.group(0).lower().startswith("recent"):
        return ("DATE", "PAST_REF", None, None)  # "in recent weeks": a vague past, not a length
    return ("DURATION", _duration(None, m.group("unit") or m.group("unit2")), None, None)


_QUARTER_BACK = (
    "year-earlier",
    "year-ago",
    "year earlier",
    "year ago",
    "last year's",
    "prior-year",
    "prior year",
)


def _r_quarter(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    pre = re.sub(r"\s+", " ", (m.group("pre") or "").lower())
    ordinal = (m.group("ord") or "").lower()
    year_tok = m.group("y") or next(iter(re.findall(r"\b(?:19|20)\d\d\b", pre)), None)
    year = int(year_tok) if year_tok else ctx.doc.year
    if ordinal:
        num = _ORDINALS[ordinal]
        if not year_tok and num > _doc_quarter(ctx.doc)[1] and "next" not in pre and not _future(ctx):
            year -= 1  # a quarter not yet begun, reported without a future cue, is last year's
    else:
        prev_year, num = _prev_quarter(ctx.doc) if "current" not in pre else _doc_quarter(ctx.doc)
        year = int(year_tok) if year_tok else prev_year
    if any(k in pre for k in _QUARTER_BACK):
        year -= 1
    elif "next year's" in pre:
        year += 1
    if not pre and m.group("unit").lower() == "period":
        return None
    kind = "H" if m.group("unit").lower() == "half" else "Q"
    if kind == "H" and num > 2:
        return None
    return ("DATE", f"{year:04d}-{kind}{num}", None, None)


def _r_year_back(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    return _year(ctx.doc.year - 1)


def _r_century(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    return ("DATE", f"{int(m.group('n')) - 1:02d}", None, None)


def _r_the_year(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    return ("DURATION", "P1Y", None, None)


def _r_season(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    raw = m.group("y")
    year = int(raw) if raw.isdigit() else _spoken_year(raw)
    return None if year is None else ("DATE", f"{year:04d}-{_SEASONS[m.group('s').lower()]}", None, None)


def _r_ref(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    if phrase in ("current", "recent"):
        after = ctx.text[m.end() : m.end() + 12].lower()
        if not re.match(r"\s+[a-z]", after) or re.match(r"\s+(?:account|affairs|events|account)", after):
            return None
    return ("DATE", _REFS[phrase], None, None)


def _r_set(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if m.group("wd"):
        return ("SET", f"XXXX-WXX-{_WEEKDAYS.index(m.group('wd').lower()) + 1}", None, None)
    adverb = (m.group("adv") or "").lower()
    unit = (m.group("unit") or m.group("unit2") or "").lower()
    if adverb and re.match(r"\s+[a-z]", ctx.text[m.end() : m.end() + 3]):
        return None  # attributive: "a daily newspaper"
    if adverb:
        unit = {"daily": "day", "nightly": "night", "weekly": "week", "monthly": "month", "annually": "year",
                "yearly": "year", "hourly": "hour", "quarterly": "quarter", "biweekly": "fortnight"}[adverb]  # fmt: skip
    if unit in _PART_OF_DAY:
        return ("SET", f"XXXX-XX-XXT{_PART_OF_DAY[unit]}", None, None)
    if unit in _SEASONS:
        return ("SET", f"XXXX-{_SEASONS[unit]}", None, None)
    if unit == "weekend":
        return ("SET", "XXXX-WXX-WE", None, None)
    return ("SET", _duration(1, unit), None, None)


# ---------------------------------------------------------------- rules
_REL_WORDS = (
    r"last|this|next|the\s+past|the\s+previous|the\s+coming|the\s+current|this\s+past|this\s+coming"
    r"|the\s+following|the\s+same|the\s+last|the\s+next|the"
)
_MONTH_PRE = r"(?:last|this|next|this\s+past|this\s+coming|past|coming)"
_MONTH_MOD = (
    r"(?:early|late|mid-?|the\s+(?:middle|beginning|start|end|rest)\s+of|"
    r"(?:the\s+)?(?:first|second|last)\s+half\s+of)"
)
_VAGUE_PRE = (
    r"(?:recent|the\s+coming|coming|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|past|the\s+ensuing)"
)
_REF_ALTS = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _REFS), key=len, reverse=True))

_MONTH_ANCHORS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UNIT_ANCHORS = (
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year",
    "decade", "centur", "millenni",
)  # fmt: skip

# (pattern, resolver, anchors): every match of the rule holds one of its anchors, lower-cased
# (months as written: ``_MON`` is case-sensitive), so a text holding none is not scanned for it.
_RULE_SOURCES: tuple[tuple[str, _Resolver, tuple[str, ...]], ...] = (
        (rf"(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
         rf"(?P<clock>{_CLOCK}|noon|midnight){_ZONE}(?:,?\s+(?:on\s+)?(?P<dayref>{_DAYREF}))?", _r_clock,
         ("noon", "midnight", "am", "pm", "a.m", "p.m", ":")),
        (r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d))?",
         _r_iso,
         ("-",)),
        (rf"(?:(?P<wd>{_WD}),?\s+)?(?:(?:the\s+)?(?P<d1>{_DAYNUM})\s+(?:of\s+)?(?P<m1>{_MON})"
         rf"|(?P<m2>{_MON})\s+(?:the\s+)?(?P<d2>{_DAYNUM}))(?:,?\s+(?P<y>{_YEAR}))?", _r_month_day,
         _MONTH_ANCHORS),
        # a night or a span of days ("the night of January 8-9", "14-15 June"): its first day
        (rf"(?:(?P<d1>{_DAYNUM})\s*[-\u2013]\s*{_DAYNUM}\s+(?:of\s+)?(?P<m1>{_MON})"
         rf"|(?P<m2>{_MON})\s+(?P<d2>{_DAYNUM})\s*[-\u2013]\s*{_DAYNUM})(?:,?\s+(?P<y>{_YEAR}))?", _r_month_day,
         _MONTH_ANCHORS),
        (rf"(?:(?P<mod>{_MONTH_MOD})\s*|(?P<pre>{_MONTH_PRE})\s+)?(?P<m>{_MON})"
         rf"(?:\s*,?\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPOKEN_YEAR})|\s+(?P<rel>last|this|next)\s+year)?", _r_month,
         _MONTH_ANCHORS),
        (rf"(?:(?P<mod>early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
         rf"|(?:the\s+)?(?:first|second|last)\s+half\s+of|fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year)\s*)?"
         rf"(?P<y>{_YEAR}|{_SPOKEN_YEAR})", _r_year,
         ("18", "19", "20", "nineteen", "thousand")),
        (r"(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:(?P<c>1[89]|20)(?P<d>\d)0'?s|'(?P<d2>\d)0s"
         r"|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))", _r_decade,
         ("0s", "0's", "ties")),
        (r"(?:(?:early|late|earlier|later)\s+)?(?P<base>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
         rf"|yesterday|today|tomorrow|tonight|overnight|last\s+night|last\s+evening|this\s+{_POD}"
         rf"|(?:mid-?)?(?:morning|afternoon|evening)\s+yesterday)(?:\s+(?P<pod>{_POD}))?", _r_relday,
         ("yesterday", "today", "tomorrow", "tonight", "overnight", "night", "evening", "morning", "afternoon")),
        (r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|coming|past"
         rf"|early|late|earlier|later)\s+)?(?P<wd>{_WD})(?P<plural>s)?(?:\s+(?P<pod>{_POD})(?P<plural2>s)?)?", _r_weekday,
         tuple(_WEEKDAYS)),
        (r"(?:(?P<mod>early|late|earlier|later|mid-?)\s*)?(?:the\s+(?P<edge>end|beginning|start|middle|rest"
         r"|remainder|first\s+half|second\s+half|last\s+half)\s+of\s+)?"
         rf"(?P<rel>{_REL_WORDS})\s+(?P<unit>week|weekend|month|year|fiscal\s+year|quarter|decade|century"
         r"|spring|summer|fall|autumn|winter)", _r_calunit,
         ("week", "month", "year", "quarter", "decade", "century", *_SEASONS)),
        (rf"(?:{_MOD}\s+)?(?P<n>{_NUM})[\s-]+(?P<unit>{_UNIT})s?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)",
         _r_ago,
         ("ago", "earlier", "later", "now", "hence", "back")),
        (r"(?:(?:the|a|an|its|their|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|first|previous|coming|following"
         rf"|latest|final|initial|ensuing|preceding|remaining)\s+)?(?:{_MOD}\s+)?(?P<n>{_NUM})"
         rf"(?:\s+(?:to|or|-)\s+{_NUM})?(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working))?"
         rf"[\s-]+(?P<unit>{_UNIT})s?(?:-old|\s+or\s+so)?", _r_duration,
         _UNIT_ANCHORS),
        (rf"(?:{_VAGUE_PRE}\s+(?P<unit>{_UNIT})s|(?<=\bfor\s)(?P<unit2>{_UNIT})s)", _r_vague_units,
         _UNIT_ANCHORS),
        (rf"(?:the\s+)?(?P<pre>(?:(?:fiscal|calendar|year-earlier|year-ago|prior-year|{_YEAR}|this\s+year's"
         r"|last\s+year's|next\s+year's|its|their|latest|current|comparable|same)[\s-]+)*)"
         rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)"
         rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y>{_YEAR}))?", _r_quarter,
         ("quarter", "half")),
        (rf"the\s+(?P<pre>(?:(?:fiscal|year-earlier|year-ago|prior-year|{_YEAR}|latest|current|comparable"
         r"|previous|same)[\s-]+)*)(?P<ord>)(?P<unit>quarter|period)(?P<y>)", _r_quarter,
         ("quarter", "period")),
        (rf"the\s+(?:(?P<back>previous|preceding)|next|following)\s+(?P<pod>day|{_POD})"
         rf"|the\s+(?P<pod2>day|{_POD})\s+(?:(?P<back2>before)|after)(?=\s*[,.;)]|\s*$|\s+(?:he|she|they|it|we|police|when|as)\b)",
         _r_next_day,
         ("day", "morning", "afternoon", "evening", "night")),
        (r"year[- ](?:earlier|ago)", _r_year_back,
         ("year",)),
        (r"(?:the\s+)?(?P<n>[12]?\d)(?:st|nd|rd|th)\s+century", _r_century,
         ("century",)),
        (r"the\s+year", _r_the_year,
         ("year",)),
        (rf"(?:(?:early|late|mid-?)\s*)?(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?"
         rf"(?P<y>{_YEAR}|{_SPOKEN_YEAR})", _r_season,
         tuple(_SEASONS)),
        (_REF_ALTS, _r_ref,
         ("now", "current", "present", "these", "moment", "recent", "past", "lately", "future", "soon", "term")),
        (rf"(?:every|each)\s+(?:other\s+)?(?:(?P<wd>{_WD})|(?P<unit>day|week|month|year|quarter|morning|night"
         r"|evening|afternoon|hour|weekend|spring|summer|fall|winter))|(?P<adv>daily|weekly|monthly|annually"
         r"|yearly|hourly|nightly|biweekly)|(?:once|twice|three\s+times|several\s+times)\s+(?:a|an|per"
         r"|each)\s+(?P<unit2>day|week|month|year)", _r_set,
         ("every", "each", "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly", "once", "twice", "times")),
)  # fmt: skip

_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = tuple(
    (re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.I), resolver) for pattern, resolver, _ in _RULE_SOURCES
)
_ANCHORS: tuple[tuple[str, ...], ...] = tuple(anchors for _, _, anchors in _RULE_SOURCES)
# Characters that ``re.IGNORECASE`` matches with an ASCII letter but ``str.lower`` does not make one
# (İ ı ſ K): a text holding any is scanned for every rule.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _candidates(text: str, doc_date: date) -> list[tuple[int, int, int, _Resolved]]:
    """Every rule match that resolves, as (start, end, rule index, resolution)."""
    found = []
    lower = None if _FOLDS_TO_ASCII.search(text) else text.lower()
    for index, (pattern, resolver) in enumerate(_RULES):
        if lower is not None and not _may_match(_ANCHORS[index], text, lower):
            continue  # no word the rule needs: no match
        for m in pattern.finditer(text):
            resolved = resolver(m, _Ctx(text, doc_date, m.start()))
            if resolved is not None:
                found.append((m.start(), m.end(), index, resolved))
    return found


def _may_match(anchors: tuple[str, ...], text: str, lower: str) -> bool:
    """Whether the text holds one of a rule's anchors (a substring test, far cheaper than the rule)."""
    within = text if anchors is _MONTH_ANCHORS else lower
    return any(a in within for a in anchors)


def find_time_expressions(text: str, doc_date: date) -> list[TimeExpression]:
    """All time expressions of ``text`` in text order, non-overlapping, resolved against ``doc_date``.

    Overlaps are settled longest-first, then by rule order, so that a full phrase
    ("the past two months") wins over its parts ("the past").
    """
    chosen: list[tuple[int, int, int, _Resolved]] = []
    for cand in sorted(_candidates(text, doc_date), key=lambda c: (c[0] - c[1], c[2], c[0])):
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    chosen.sort()
    found = [
        TimeExpression(Span(start, end, text[start:end]), ttype, value, start_date, precision)
        for start, end, _, (ttype, value, start_date, precision) in chosen
    ]
    return bracketed_days(anchor_relative_days(anchor_quarters(found), doc_date), text)


def resolve(phrase: str, *, doc_date: date) -> TimeExpression | None:
    """Resolve one phrase ("last night", "Jan. 7") against a publication date: the longest expression
    found in it, or None when it holds no time expression."""
    found = find_time_expressions(phrase, doc_date)
    return max(found, key=lambda t: t.span.end - t.span.start, default=None)
