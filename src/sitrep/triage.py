"""Triage: which articles are worth a parse, decided on the raw text in well under a millisecond.

Most of a news stream holds no event, and spaCy is most of the cost of an article that is
parsed. The event stage (``sitrep.events.find_event_mentions``) keeps a trigger only when it is
a strong one ("air strike") or its sentence has conflict words ("troops", "police"); every
other test there can only drop a trigger. So an article none of whose triggers is strong or
has conflict words near it cannot yield an event, and skips the parse. "Near" is wider than
any sentence the parser makes (``NEAR_SENTENCES`` sentences of a plain splitter on each side,
at least ``NEAR_CHARS`` characters), so the parser's sentence cannot reach a conflict word
this test does not see; the lexicon's whole-article test (``Lexicon.mentions_possible``) comes
first, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from re import _constants as sre
from re import _parser as sre_parse

from sitrep.events import STRONG, Lexicon

NEAR_SENTENCES = 2
NEAR_CHARS = 400

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


def worth_parsing(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` can yield an event: a trigger the event stage could keep."""
    return triggers_to_parse(text, lexicon) is not None


def triggers_to_parse(text: str, lexicon: Lexicon) -> list[tuple[int, int]] | None:
    """The spans of every trigger in ``text`` when it can yield an event, else None.

    The trigger pattern is the costliest regex of the pipeline (a few ms on a long page), so it
    runs once here and its spans go on to ``focus_text``. The whole-article test is
    ``Lexicon.mentions_possible``'s, on these matches (a test checks that the two agree).
    """
    matches = list(lexicon.trigger_regex.finditer(text))
    strong = [lexicon.trigger_kinds[int(m.lastgroup[1:])][1] == STRONG for m in matches]
    conflict = len(lexicon.conflict_context.findall(text)) + any(strong) if matches else 0
    other = len(lexicon.non_conflict.findall(text)) if conflict else 0
    if not conflict or (other >= 3 and conflict < other):
        return None
    spans = [m.span() for m in matches]
    if any(strong):
        return spans
    starts = sentence_starts(text)
    for start, end in spans:
        lo, hi = near(starts, len(text), start, end)
        if lexicon.conflict_context.search(text[lo:hi]):
            return spans
    return None


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of a plain splitter begins (end punctuation or a line break)."""
    return [0, *(m.end() for m in _BOUNDARY.finditer(text))]


def near(starts: list[int], length: int, start: int, end: int) -> tuple[int, int]:
    """The stretch around ``text[start:end]`` that holds its sentence, however the parser cuts it."""
    i = bisect_right(starts, start) - 1
    j = bisect_right(starts, end)
    lo = starts[max(i - NEAR_SENTENCES, 0)]
    hi = starts[j + NEAR_SENTENCES] if j + NEAR_SENTENCES < len(starts) else length
    return min(lo, max(start - NEAR_CHARS, 0)), max(hi, min(end + NEAR_CHARS, length))


def quick_lexicon(lexicon: Lexicon) -> Lexicon:
    """``lexicon`` with its three whole-text patterns behind ``QuickPattern``: same matches, less time."""
    return replace(
        lexicon,
        trigger_regex=QuickPattern.of(lexicon.trigger_regex),
        conflict_context=QuickPattern.of(lexicon.conflict_context),
        non_conflict=QuickPattern.of(lexicon.non_conflict),
    )


class QuickPattern:
    """A compiled regex that is tried only where one of its matches can begin.

    Python's ``re`` tries a long alternation (the trigger lexicon is 6,000 characters of it) at
    every position of the text; on news pages that was most of triage. The strings of
    ``PREFIX`` characters a match can begin with, and whether it must begin a word, are read
    from the pattern itself and made into a small pattern (a trie of those strings, ahead of
    the match) that finds the places where a match may begin; the full pattern is tried there
    only. The matches are the pattern's own, in the same order (a test compares them on every
    corpus text); other methods are the pattern's.
    """

    PREFIX = 4
    MAX_PREFIXES = 20_000

    def __init__(self, pattern: re.Pattern, starts: re.Pattern) -> None:
        self.regex = pattern
        self.starts = starts

    @classmethod
    def of(cls, pattern: re.Pattern | QuickPattern) -> re.Pattern | QuickPattern:
        """The quick form of ``pattern``, or ``pattern`` itself when its starts cannot be read."""
        if isinstance(pattern, QuickPattern):
            return pattern
        parsed = sre_parse.parse(pattern.pattern, pattern.flags).data
        found = _starts(parsed)
        prefixes = _prefixes(parsed, cls.PREFIX, cls.MAX_PREFIXES)
        if found is None or found[1] or not prefixes or "" in prefixes:
            return pattern  # any character, or an empty match: nothing to skip
        chars, _, bounded = found
        wordy = all(re.match(r"\w", chr(c)) for c in chars)
        ahead = (r"\b" if bounded and wordy else "") + "(?=" + _trie(prefixes) + ")"
        return cls(pattern, re.compile(ahead, pattern.flags & (re.I | re.A)))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else endpos
        match = self.regex.match
        for start in self.starts.finditer(text, pos, end):
            at = start.start()
            if at < pos:
                continue  # inside the last match
            found = match(text, at, end)
            if found is not None:
                yield found
                pos = found.end()

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list:
        if self.regex.groups:
            return self.regex.findall(text, pos, len(text) if endpos is None else endpos)
        return [m.group(0) for m in self.finditer(text, pos, endpos)]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)

    def __getattr__(self, name: str):
        return getattr(self.regex, name)


def _trie(strings: set[str]) -> str:
    """A regex matching any of ``strings``, written as a trie (``re`` tries a flat alternation
    branch by branch)."""
    heads: dict[str, set[str]] = {}
    for s in strings:
        heads.setdefault(s[0], set()).add(s[1:])
    parts = []
    for head, rests in sorted(heads.items()):
        if "" in rests:
            parts.append(re.escape(head))  # a shorter string: the head alone is enough
        else:
            parts.append(re.escape(head) + _trie(rests))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _prefixes(items: list, k: int, limit: int) -> set[str] | None:
    """Every string of ``k`` characters a match of ``items`` can begin with, and the whole of
    matches shorter than that; zero-width tests are ignored (so the set is a superset).
    None when there would be more than ``limit`` or a part is not read here."""
    out = {""}
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        part = _item_prefixes(op, av, k, limit)
        if part is None:
            return None
        out = {(a + b)[:k] if len(a) < k else a for a in out for b in (part if len(a) < k else [""])}
        if len(out) > limit:
            return None
        if all(len(a) >= k for a in out):
            break
    return out


def _item_prefixes(op, av, k: int, limit: int) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        found = _item_starts(op, av)
        return None if found is None else {chr(c) for c in found[0]}
    if op is sre.SUBPATTERN:
        return _prefixes(av[3], k, limit)
    if op is sre.ATOMIC_GROUP:
        return _prefixes(av, k, limit)
    if op is sre.BRANCH:
        parts = [_prefixes(branch, k, limit) for branch in av[1]]
        return None if any(p is None for p in parts) else set().union(*parts)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        out: set[str] = set()
        for n in range(low, min(high, k) + 1):
            part = _prefixes(list(body) * n, k, limit)
            if part is None:
                return None
            out |= part
        if high > k:  # more repeats add nothing to the first k characters of k repeats
            pass
        return out
    return None


def _starts(items: list) -> tuple[set[int], bool, bool] | None:
    """(characters a match of ``items`` can begin with, whether it can be empty, whether it
    must begin after a non-word character) for a parsed pattern, or None when any can begin it."""
    chars: set[int] = set()
    bounded_here, bounded = False, True
    for op, av in items:
        if op is sre.AT:
            bounded_here |= av in (sre.AT_BOUNDARY, sre.AT_BEGINNING_STRING)
            continue
        if op is sre.ASSERT_NOT and av[0] < 0 and _word_class(av[1]):
            bounded_here = True  # (?<![\w-]): not after a word character
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # other lookarounds only narrow where a match is
        found = _item_starts(op, av)
        if found is None:
            return None
        more, nullable, inner_bounded = found
        chars |= more
        bounded &= bounded_here or inner_bounded
        if not nullable:
            return chars, False, bounded
    return chars, True, bounded and bool(chars)


def _item_starts(op, av) -> tuple[set[int], bool, bool] | None:
    if op is sre.LITERAL:
        return {av}, False, False
    if op is sre.IN:
        chars = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(value)
            elif kind is sre.RANGE and value[1] - value[0] < 512:
                chars |= set(range(value[0], value[1] + 1))
            else:
                return None  # a category or a negation: too many characters
        return chars, False, False
    if op is sre.SUBPATTERN:
        return _starts(av[3])
    if op is sre.BRANCH:
        found = [_starts(branch) for branch in av[1]]
        if any(f is None for f in found):
            return None
        return set().union(*(f[0] for f in found)), any(f[1] for f in found), all(f[2] for f in found)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        found = _starts(av[2])
        return None if found is None else (found[0], found[1] or av[0] == 0, found[2])
    if op is sre.ATOMIC_GROUP:
        return _starts(av)
    return None


def _word_class(items: list) -> bool:
    """Whether a lookbehind's body is one character class holding every word character."""
    return len(items) == 1 and items[0][0] is sre.IN and (sre.CATEGORY, sre.CATEGORY_WORD) in items[0][1]
