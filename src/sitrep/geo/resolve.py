"""Toponym resolution and event location.

``geoparse`` turns the place entities of a parsed document into :class:`Toponym`
records, choosing among gazetteer candidates with the document as context (other
places, demonyms such as "the Iraqi capital"); it may choose none. ``locate_event``
picks the place of one event and gives it an ACLED geo-precision.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from sitrep.geo.gazetteer import Gazetteer, Place, normalise_name
from sitrep.model import GeoPrecision, Location, Span, Toponym

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
CONTEXT_LABELS = frozenset({"NORP"})
MIN_SCORE = 4.0  # below this no candidate is credible: the "none of these" choice
_CURATED = frozenset({"NBHD", "CAMP", "SITE", "RGN", "CONT"})
_FEATURE_BONUS = {"PCLI": 3.5, "ADM1": 1.5, "PPLC": 1.0, "ADM2": 0.5}
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|northern|southern|eastern|western|"
                        r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)\s+",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    text: str
    label: str


@dataclass(slots=True)
class _Context:
    """What the rest of the document says about where it is."""

    countries: Counter
    admin1s: Counter
    points: list[tuple[float, float, int]]  # (lat, lon, mention index) of confident places
    votes: dict[int, tuple[str, str, float]]  # mention index -> (country, admin1, weight) it cast

    def others(self, i: int, country: str, admin1: str) -> tuple[float, float, float]:
        """Country votes, all votes and admin1 votes of the document without mention ``i``."""
        own_c, own_a, weight = self.votes.get(i, ("", "", 0.0))
        c_votes = self.countries[country] - (weight if own_c == country else 0.0)
        a_votes = self.admin1s[(country, admin1)] - (weight if (own_c, own_a) == (country, admin1) else 0.0)
        return c_votes, sum(self.countries.values()) - weight, a_votes


def geoparse(doc: Doc, gazetteer: Gazetteer) -> list[Toponym]:
    """Place mentions of ``doc``, each resolved to a Location or to None ("none of these")."""
    mentions, demonym_countries = _mentions(doc, gazetteer)
    candidates = [_lookup(m.text, gazetteer) for m in mentions]
    context = _context(mentions, candidates, demonym_countries)
    toponyms = []
    for i, (mention, places) in enumerate(zip(mentions, candidates, strict=True)):
        best = _choose(i, mention, places, context, doc.text)
        span = Span(mention.start, mention.end, mention.text)
        toponyms.append(Toponym(span, best.to_location() if best else None))
    return toponyms


def _mentions(doc: Doc, gazetteer: Gazetteer) -> tuple[list[_Mention], Counter]:
    """Place entities trimmed of "the" and possessives; demonyms counted as country context."""
    mentions: list[_Mention] = []
    demonyms: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in CONTEXT_LABELS:
            continue
        code = gazetteer.demonym(ent.text)
        if ent.label_ in CONTEXT_LABELS or (code and not gazetteer.candidates(ent.text)):
            if code:
                demonyms[code] += 1
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
        if text.lower().startswith("the "):
            start, text = start + 4, text[4:]
        for suffix in ("'s", "'"):
            if text.endswith(suffix):
                end, text = end - len(suffix), text[: -len(suffix)]
        if text.strip() and not gazetteer.is_non_place(text):
            mentions.append(_Mention(start, end, text, ent.label_))
    return mentions, demonyms


def _lookup(name: str, gazetteer: Gazetteer) -> list[Place]:
    """Candidates for the name; "east Baghdad" falls back to "Baghdad"."""
    found = gazetteer.candidates(name)
    if not found and _DIRECTION.match(name):
        found = gazetteer.candidates(_DIRECTION.sub("", name))
    return found[:50]


def _base_score(place: Place, key: str) -> float:
    """Prior without context: population, feature type, primary-name match, curation."""
    score = math.log10(place.population + 1) + _FEATURE_BONUS.get(place.feature_code, 0.0)
    if normalise_name(place.name) == key or place.feature_code == "PCLI":
        score += 1.5
    if place.feature_code in _CURATED:
        score += 10.0  # curated because conflict news means exactly this place
    return score


def _context(mentions: list[_Mention], candidates: list[list[Place]], demonyms: Counter) -> _Context:
    """Country and admin1 votes from each mention's prior favourite, and from demonyms."""
    ctx = _Context(Counter(demonyms), Counter(), [], {})
    for i, (mention, places) in enumerate(zip(mentions, candidates, strict=True)):
        if not places:
            continue
        key = normalise_name(mention.text)
        scored = sorted(((_base_score(p, key), p) for p in places), key=lambda t: -t[0])
        score, top = scored[0]
        if score < MIN_SCORE or not top.country:
            continue
        margin = score - scored[1][0] if len(scored) > 1 else 5.0
        weight = 2.0 if top.rank >= 3 else 1.0
        ctx.countries[top.country] += weight
        if top.admin1:
            ctx.admin1s[(top.country, top.admin1)] += weight
        ctx.votes[i] = (top.country, top.admin1, weight)
        if margin >= 1.0 and top.rank < 4:
            ctx.points.append((top.lat, top.lon, i))
    return ctx


def _context_score(i: int, place: Place, ctx: _Context) -> float:
    """Bonus for agreeing with the rest of the document (the mention's own vote left out)."""
    c_votes, total, a_votes = ctx.others(i, place.country, place.admin1)
    score = 0.0
    if c_votes > 0 and place.country:
        score += 1.5 + 2.5 * c_votes / max(total, 1.0)
    if place.rank < 3 and place.admin1 and a_votes > 0:
        score += 2.0
    near = [_km(place.lat, place.lon, lat, lon) for lat, lon, j in ctx.points if j != i]
    if near and min(near) < 150:
        score += 1.5
    return score


def _choose(i: int, mention: _Mention, places: list[Place], ctx: _Context, text: str) -> Place | None:
    """The best candidate, or None when even the best is not credible."""
    if not places:
        return None
    key = normalise_name(mention.text)
    base = [(_base_score(p, key), p) for p in places]
    cities = {p.country for p in places if p.rank <= 1 and p.population >= 100_000}
    says_admin = bool(re.match(r"\s+(?:state|province|governorate|oblast|region)\b", text[mention.end:]))
    best, best_score = None, MIN_SCORE
    for score, place in base:
        score += _context_score(i, place, ctx)
        if place.feature_code == "ADM1" and not says_admin and place.country in cities:
            score -= 3.0  # "Baghdad", "New York": the city unless the text says province/state
        if score > best_score:
            best, best_score = place, score
    return best


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------- event location

_SPECIFICITY = {
    "neighbourhood": 0, "camp": 0, "site": 0, "town": 1, "city": 1,
    "admin2": 2, "region": 2, "admin1": 3, "country": 4, "continent": 5,
}
_ACTOR_AFTER = re.compile(
    r"^-(?:backed|led|based|aligned|linked|allied|funded|sponsored|affiliated)\b|^(?:['\u2019]s?|s['\u2019])?\s+(?:[a-z-]+\s+)?(?:military|forces?|army|troops|soldiers|government|officials?|"
    r"authorities|ministry|navy|air force|police|president|embassy|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|outskirts of|close to|around|vicinity of|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)"
    r"\s+(?:the\s+)?(?:city of\s+|town of\s+)?$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"^\s+(?:district|region|province|governorate|area|countryside|outskirts)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"'A-Z0-9])|\n")


def locate_event(toponyms: list[Toponym], anchor: Span, text: str) -> tuple[Location, Span] | None:
    """Where the event whose trigger or sentence is ``anchor`` happened, with ACLED precision.

    Prefers the most specific, nearest place in the anchor's sentence; refines a country
    or province to a more specific place of it in the text that follows (the next
    paragraph at most); else falls back to the closest earlier place.
    """
    resolved = [t for t in toponyms if t.location is not None and not _is_actor(t, text)]
    if not resolved:
        return None
    start, end = _sentence_bounds(text, anchor)
    in_sentence = [t for t in resolved if start <= t.span.start < end]
    if in_sentence:
        chosen = min(in_sentence, key=lambda t: _specificity(t) + _gap(t.span, anchor) / 100)
        chosen = _refine(chosen, resolved, text, end)
    else:
        before = [t for t in resolved if t.span.end <= anchor.start]
        after = [t for t in resolved if t.span.start >= anchor.end and t.span.start < _paragraph_end(text, end)]
        if not before and not after:
            return None
        chosen = before[-1] if before else after[0]
    location = chosen.location
    assert location is not None
    return replace(location, geo_precision=_precision(chosen, text)), chosen.span


def _specificity(t: Toponym) -> int:
    return _SPECIFICITY.get(t.location.feature if t.location else "", 1)


def _gap(span: Span, anchor: Span) -> int:
    """Characters between a toponym and the anchor (0 when they overlap)."""
    return max(0, span.start - anchor.end, anchor.start - span.end)


def _is_actor(t: Toponym, text: str) -> bool:
    """"the United States' military", "Iraq's government": a place naming an actor, not a site."""
    return bool(_ACTOR_AFTER.match(text[t.span.end : t.span.end + 40]))


def _sentence_bounds(text: str, anchor: Span) -> tuple[int, int]:
    """The sentence (or sentences) that contain the anchor, by punctuation."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, anchor.start):
        start = m.end()
    m = _SENTENCE_END.search(text, max(anchor.end - 1, anchor.start))
    return start, m.end() if m else len(text)


def _paragraph_end(text: str, pos: int) -> int:
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
    limit = _paragraph_end(text, sentence_end)
    for t in resolved:
        other = t.location
        if other is None or not (chosen.span.end <= t.span.start < limit) or _specificity(t) >= 3:
            continue
        if other.country != loc.country or (loc.feature == "admin1" and other.admin1 != loc.admin1):
            continue
        s_start, s_end = _sentence_bounds(text, t.span)
        same = [u for u in resolved if s_start <= u.span.start < s_end and u.location
                and u.location.country == loc.country and _specificity(u) < 3]
        return min(same, key=lambda u: (_specificity(u), u.span.start)) if same else t
    return chosen


def _precision(t: Toponym, text: str) -> GeoPrecision:
    """ACLED: 1 the place itself; 2 near it or part of a district/region; 3 admin1 or country."""
    spec = _specificity(t)
    if spec >= 3:
        return GeoPrecision.REGION
    before = text[max(0, t.span.start - 40) : t.span.start]
    if spec == 2 or _NEAR_BEFORE.search(before) or _PART_AFTER.match(text[t.span.end : t.span.end + 20]):
        return GeoPrecision.NEAR
    return GeoPrecision.EXACT
