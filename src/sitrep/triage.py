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
