"""Where one event happened: ``locate_event`` picks, among an article's resolved toponyms, the
place of one event (the most specific one near its trigger, refined to a town named with a
province) and gives it an ACLED geo-precision."""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.codebook import codebook
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lookup import ADMIN_SUFFIX, LOCAL_SUFFIX
from sitrep.model import GeoPrecision, Location, Span, Toponym

_ACTOR_AFTER = re.compile(
    r"^-(?:backed|led|based|aligned|linked|allied|funded|sponsored|affiliated)\b|^(?:['\u2019]s?|s['\u2019])?\s+(?:[a-z-]+\s+)?(?:military|forces?|army|troops|soldiers|government|officials?|"
    r"authorities|ministry|navy|air force|police|president|embassy|spokes(?:man|woman|person))\b(?!\s+area)",
    re.IGNORECASE,
)
NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|outskirts of|close to|around|vicinity of|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)"
    r"\s+(?:the\s+)?(?:city of\s+|town of\s+)?$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(
    r"^\s+(?:district|region|province|governorate|area|countryside|outskirts)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"'A-Z0-9])|\n")


def locate_event(toponyms: list[Toponym], anchor: Span, text: str) -> tuple[Location, Span] | None:
    """Where the event whose trigger or sentence is ``anchor`` happened, with ACLED precision.

    Prefers the most specific, nearest place in the anchor's sentence; refines a country
    or province to a more specific place of it in the text that follows (the next
    paragraph at most); else falls back to the closest earlier place.
    """
    resolved = [t for t in toponyms if t.location is not None and not names_actor(t, text)]
    if not resolved:
        return None
    start, end = sentence_bounds(text, anchor)
    in_sentence = [t for t in resolved if start <= t.span.start < end]
    if in_sentence:
        chosen = min(in_sentence, key=lambda t: _specificity(t) + _gap(t.span, anchor) / 100)
        chosen = _refine(chosen, resolved, text, end)
    else:
        before = [t for t in resolved if t.span.end <= anchor.start]
        after = [
            t for t in resolved if t.span.start >= anchor.end and t.span.start < paragraph_end(text, end)
        ]
        if not before and not after:
            return None
        chosen = before[-1] if before else after[0]
    location = chosen.location
    assert location is not None
    return replace(location, geo_precision=_precision(chosen, text)), chosen.span


def capitals(toponyms: list[Toponym], gazetteer: Gazetteer) -> dict[str, Location]:
    """The capital of each country the toponyms name: where an event the story places only in
    the country is coded (a national protest, an opposition leader's arrest)."""
    out = {}
    for code in {t.location.country for t in toponyms if t.location is not None and t.location.country}:
        capital = gazetteer.capital(code)
        if capital is not None:
            out[code] = capital.to_location()
    return out


def _specificity(t: Toponym) -> int:
    return codebook().place_rank(t.location.feature if t.location else "")


def _gap(span: Span, anchor: Span) -> int:
    """Characters between a toponym and the anchor (0 when they overlap)."""
    return max(0, span.start - anchor.end, anchor.start - span.end)


def names_actor(t: Toponym, text: str) -> bool:
    """ "the United States' military", "Iraq's government": a place naming an actor, not a site."""
    return bool(_ACTOR_AFTER.match(text[t.span.end : t.span.end + 40]))


def sentence_bounds(text: str, anchor: Span) -> tuple[int, int]:
    """The sentence (or sentences) that contain the anchor, by punctuation."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, anchor.start):
        start = m.end()
    m = _SENTENCE_END.search(text, max(anchor.end - 1, anchor.start))
    return start, m.end() if m else len(text)


def paragraph_end(text: str, pos: int) -> int:
    """End of the paragraph after the one holding ``pos`` (blank lines or single newlines)."""
    end = pos
    for _ in range(2):
        nxt = text.find("\n", end + 1)
        while nxt != -1 and nxt + 1 < len(text) and text[nxt + 1] == "\n":
            nxt += 1
        if nxt == -1:
            return len(text)
        end = nxt
    return end


def _refine(chosen: Toponym, resolved: list[Toponym], text: str, sentence_end: int) -> Toponym:
    """A country or province in the anchor sentence becomes the specific place of it that follows."""
    loc = chosen.location
    if loc is None or _specificity(chosen) < 3 or not loc.country:
        return chosen
    limit = paragraph_end(text, sentence_end)
    for t in resolved:
        other = t.location
        if other is None or not (chosen.span.end <= t.span.start < limit) or _specificity(t) >= 3:
            continue
        if other.country != loc.country or (loc.feature == "admin1" and other.admin1 != loc.admin1):
            continue
        s_start, s_end = sentence_bounds(text, t.span)
        same = [
            u
            for u in resolved
            if s_start <= u.span.start < s_end
            and u.location
            and u.location.country == loc.country
            and _specificity(u) < 3
        ]
        return min(same, key=lambda u: (_specificity(u), u.span.start)) if same else t
    return chosen


def _precision(t: Toponym, text: str) -> GeoPrecision:
    """ACLED: 1 the place itself; 2 near it or part of a district/region; 3 admin1 or country."""
    spec = _specificity(t)
    if spec >= 3:
        return GeoPrecision.REGION
    before = text[max(0, t.span.start - 40) : t.span.start]
    if (
        spec == 2
        or NEAR_BEFORE.search(before)
        or _PART_AFTER.match(text[t.span.end : t.span.end + 20])
        or ADMIN_SUFFIX.search(t.span.text)  # "Bokkos Local Government Area": the area its town names
        or LOCAL_SUFFIX.search(t.span.text)  # "Kawkareik Township": the unit around its seat
    ):
        return GeoPrecision.NEAR
    return GeoPrecision.EXACT
