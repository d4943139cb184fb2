"""Number phrases read as ACLED reads a death count: ``parse_count`` turns "at least a
dozen" into ``(best, low, high)``. The rules are listed in ``sitrep.fatalities``; the vague
quantities sit in one table, ``VAGUE_COUNTS``: change the table, not the code."""

from __future__ import annotations

import re
from collections.abc import Iterable

Count = tuple[int, int, int]

# ---------------------------------------------------------------- parse_count

VAGUE_COUNTS: dict[str, int] = {
    "several": 3,
    "few": 3,
    "some": 3,
    "handful": 3,
    "multiple": 3,
    "many": 10,
    "numerous": 10,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
}

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_GROUPS = {"dozen": 12, "score": 20}

_FLOOR = (
    "at least",
    "more than",
    "over",
    "above",
    "in excess of",
    "upwards of",
    "no fewer than",
    "no less than",
    "nothing less than",
    "a minimum of",
    "minimum of",
    "not less than",
    "just over",
    "well over",
)
_APPROX = (
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "close to",
    "an estimated",
    "estimated",
    "some",
    "just under",
    "circa",
    "approx",
)
_CEILING = ("up to", "as many as", "at most", "a maximum of", "maximum of", "as much as")
_BELOW = ("fewer than", "less than", "under")
_SKIP = (
    "a total of",
    "total of",
    "all of the",
    "all of",
    "all the",
    "all",
    "the",
    "a further",
    "another",
    "an additional",
    "additional",
    "further",
    "other",
    "of",
)
_ZERO = ("no one", "nobody", "none", "no", "zero")

_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[a-z]+|-")


def _tokens(phrase: str) -> list[str]:
    """Lower-cased words, digit groups and hyphens; '1,200' becomes '1200'."""
    text = phrase.lower().replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return _TOKEN_RE.findall(text)


def _starts(words: list[str], i: int, options: Iterable[str]) -> int:
    """Length in words of the first option found at position i (0 when none)."""
    for opt in options:
        parts = opt.split()
        if words[i : i + len(parts)] == parts:
            return len(parts)
    return 0


def _number(words: list[str], i: int) -> tuple[int, int] | None:
    """Parse one number (digits or words) at i; return (value, next index)."""
    if i >= len(words):
        return None
    w = words[i]
    if w[0].isdigit():
        value = float(w)
        j = i + 1
        if j < len(words) and words[j] in _SCALES:
            value *= _SCALES[words[j]]
            j += 1
        elif j < len(words) and words[j] in _GROUPS:
            value *= _GROUPS[words[j]]
            j += 1
        return int(value), j
    if w == "half" and words[i + 1 : i + 3] in (["a", "dozen"], ["dozen"]):
        return 6, i + (3 if words[i + 1] == "a" else 2)
    if w in ("a", "an") or (w == "one" and i + 1 < len(words) and words[i + 1] in (_SCALES | _GROUPS)):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in _GROUPS:
            return _GROUPS[nxt], i + 2
        if nxt in _SCALES:
            rest = _number_words(words, i + 2) if i + 2 < len(words) and words[i + 2] == "and" else None
            base = _SCALES[nxt]
            return (base + rest[0], rest[1]) if rest else (base, i + 2)
        return 1, i + 1
    return _number_words(words, i)


def _number_words(words: list[str], i: int) -> tuple[int, int] | None:
    """Spelled-out numbers: 'twenty - five', 'two hundred and fifty', 'three dozen'."""
    total, current, j, seen = 0, 0, i, False
    while j < len(words):
        w = words[j]
        if w == "and" and seen and j + 1 < len(words) and (words[j + 1] in _UNITS or words[j + 1] in _TENS):
            j += 1
            continue
        if w == "-" and seen and j + 1 < len(words) and words[j + 1] in _UNITS:
            j += 1
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _GROUPS and seen:
            current *= _GROUPS[w]
        elif w in _SCALES and seen:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        else:
            break
        seen = True
        j += 1
    return (total + current, j) if seen else None


def _range_end(words: list[str], j: int, low: int) -> int | None:
    """The upper bound of 'X to Y', 'X-Y', 'X or Y', 'X and Y' starting at j."""
    if j < len(words) and words[j] in ("to", "-", "or", "and"):
        nxt = _number(words, j + 1)
        if nxt and nxt[0] >= low and words[j + 1] not in ("a", "an"):
            return nxt[0]
    return None


def parse_count(phrase: str) -> Count | None:
    """(best, low, high) for a number phrase under ACLED's conventions, or None.

    Words after the number ("three people", "dozens of civilians") are ignored,
    so the noun phrase of a victim can be passed as it stands.
    """
    words = _tokens(phrase)
    i = 0
    while (n := _starts(words, i, _SKIP)) and i + n < len(words):
        i += n
    for options, kind in ((_FLOOR, "floor"), (_CEILING, "ceiling"), (_BELOW, "below"), (_APPROX, "approx")):
        n = _starts(words, i, options)
        if n and _number(words, i + n):
            return _qualified(words, i + n, kind)
    if (n := _starts(words, i, ("between", "from"))) and _number(words, i + n):
        return _qualified(words, i + n, "exact")
    if (vague := _vague(words, i)) is not None:
        return vague, vague, vague
    if _starts(words, i, _ZERO):
        return 0, 0, 0
    return _qualified(words, i, "exact")


def _vague(words: list[str], i: int) -> int | None:
    """ACLED's default for a vague quantity ('dozens', 'a few', 'several hundred')."""
    if i + 1 < len(words) and words[i] in ("a", "an") and words[i + 1] in ("few", "handful", "number"):
        i += 1
        if words[i] == "number":
            return VAGUE_COUNTS["some"]
    if i >= len(words) or words[i] not in VAGUE_COUNTS:
        return None
    value = VAGUE_COUNTS[words[i]]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return value * (_SCALES | _GROUPS).get(nxt, 1)


def _qualified(words: list[str], i: int, kind: str) -> Count | None:
    """Apply a qualifier (floor, ceiling, approx) to the number or range at i."""
    parsed = _number(words, i)
    if parsed is None:
        return None
    value, j = parsed
    high = _range_end(words, j, value)
    if high is not None:
        return value, value, high
    if kind == "ceiling":
        return value, min(1, value), value
    if kind == "below":
        return max(value - 1, 0), min(1, max(value - 1, 0)), max(value - 1, 0)
    return value, value, value


def numbers_in(phrase: str) -> list[int]:
    """Every number a count phrase names, in order ("a policeman and three militants": 1, 3):
    the parts of a toll told with its kinds side by side."""
    words = _tokens(phrase)
    found, i = [], 0
    while i < len(words):
        number = _number(words, i) if words[i] not in ("and", "-") else None
        if number is None:
            i += 1
            continue
        found.append(number[0])
        i = max(number[1], i + 1)
    return found
