"""The words of time expressions and the regular-expression pieces the temporal rules are built
from (``sitrep.temporal``): weekdays, months, numbers in words, units, parts of the day, seasons,
the vague references, and the cues that point a sentence forward."""

from __future__ import annotations

import re
from datetime import date, timedelta

# ---------------------------------------------------------------- lexicon
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_NUM = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD_NUM |= {"a": 1, "an": 1, "hundred": 100, "dozen": 12, "couple": 2, "thousand": 1000}
_VAGUE = {"few", "several", "some", "many", "number"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_UNIT_CODE = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
    "century": "C", "centurie": "C", "millenni": "L",
}  # fmt: skip
_PART_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "evening": "EV",
    "night": "NI", "overnight": "NI", "tonight": "NI",
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF",
    "more recently": "PAST_REF",
    "recent days": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "soon": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}  # fmt: skip

# ---------------------------------------------------------------- regex pieces
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
_MONTH_BARE = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MON = rf"(?-i:{_MONTH_FULL}|{_MONTH_ABBR}|(?:{_MONTH_BARE})(?=\s+\d))"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?<![\d$£€.,/])(?<!\d-)(?:1[89]\d\d|20\d\d)(?!\d|%|,\d|\.\d|-\d)"
_NUMW = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_SMALL[1:10])}))?|{'|'.join(_SMALL)})"
_NUM = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMW}(?:\s+(?:and\s+a\s+half|hundred|thousand))?|a\s+hundred|"
    r"a\s+dozen|dozens\s+of|a\s+couple\s+of|couple\s+of|a\s+few|a\s+number\s+of|few|several|some|many|an?)"
)
_UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie)"
    r"|millenni(?:um|a))"
)
_MOD = r"(?:about|around|approximately|roughly|nearly|almost|some|only|just|at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|up\s+to|over|under|within|another|an\s+additional)"
_CLOCK = r"(?:\d{1,2}(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)|\d{1,2}:[0-5]\d(?=\s*(?:GMT|UTC|EST|EDT|local|\()))"
_ZONE = (  # "GMT", "local time", "(Baghdad Time)", "(1800 GMT)": the same hour told in another zone
    r"(?:\s*(?-i:GMT|UTC|EST|EDT|CST|PST|CET)\b|\s+local\s+time|\s*\((?-i:[A-Z][A-Za-z]*\s*)+(?:[Tt]ime)?\)"
    r"|\s*\(\d{1,2}:?\d\d\s*(?-i:GMT|UTC)\))?"
)
_SPOKEN_YEAR = rf"(?:nineteen[- ]{_NUMW}|two\s+thousand(?:\s+and)?(?:[- ](?:{_NUMW}))?)"
_DAYREF = rf"(?:{_WD}|today|yesterday|tomorrow|tonight|{_MON}\s+{_DAYNUM}(?:,?\s+{_YEAR})?)"
_PREPS = {
    "in", "since", "until", "till", "by", "of", "from", "to", "through", "during", "before", "after",
    "early", "late", "mid", "last", "this", "next", "and", "or", "between", "around", "circa", "fiscal",
    "throughout", "on", "for", "as", "at", "than", "into", "past", "spring", "summer", "fall", "winter",
}  # fmt: skip
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|planned|planning|scheduled|expected\s+to|"
    r"due|set\s+to|to\s+be\s+held|upcoming|next|until|deadline|effective|begins?|starting|payable)\b",
    re.I,
)
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])$")
_YEAR_BACK = re.compile(
    r"(?:(?:a|one) year (?:ago|earlier)|(?:the )?year[- ](?:earlier|ago)(?: quarter| period)?)$"
)
_POD = r"(?:morning|afternoon|evening|night)"
_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"“'‘(])|\n\s*\n")

# Days of the Christian year that a report names as its news ("packed Palm Sunday services"), as
# days from Easter Sunday; "Bloody Sunday" and "Black Friday" name no day of a recent week.
_FEASTS = {
    ("ash", 2): -46, ("maundy", 3): -3, ("holy", 3): -3, ("good", 4): -2, ("holy", 5): -1,
    ("palm", 6): -7, ("easter", 6): 0, ("easter", 0): 1,
}  # fmt: skip  # (the word before the weekday, the weekday: Monday 0) -> days from Easter


def _easter(year: int) -> date:
    """Easter Sunday of a year (Gregorian calendar; the anonymous algorithm of 1876)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _feast_day(word: str, weekday: int, doc: date) -> date | None:
    """The feast a word and weekday name ("Palm" Sunday), when it fell in the week up to ``doc``."""
    offset = _FEASTS.get((word.lower(), weekday))
    if offset is None:
        return None
    for year in (doc.year, doc.year - 1):
        day = _easter(year) + timedelta(days=offset)
        if 0 <= (doc - day).days <= 7:
            return day
    return None
