"""Toponym resolution and event location.

``geoparse`` turns the place entities of a parsed document into :class:`Toponym`
records, choosing among gazetteer candidates with the document as context (other
places, demonyms such as "the Iraqi capital"); it may choose none. Which of them places one
event is ``sitrep.geo.locate``'s.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from sitrep.codebook import within_km
from sitrep.furniture import filing_places
from sitrep.geo.cues import is_settlement
from sitrep.geo.gazetteer import Gazetteer, Place, normalise_name
from sitrep.geo.lookup import ADMIN_SUFFIX, ADMIN_WORD, LOCAL_UNIT, lookup, lookup_ex
from sitrep.geo.namesakes import without_namesakes
from sitrep.geo.unparsed import skipped_names
from sitrep.model import Span, Toponym
from sitrep.nlp import doc_text

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
CONTEXT_LABELS = frozenset({"NORP"})
# Labels the small model often gives to places ("Avdiivka" PERSON, "Cúcuta" ORG, "Odesa" NORP):
# such an entity, or an untagged capitalised phrase, becomes a toponym only with a cue (below).
PROMOTABLE_LABELS = frozenset(
    {"ORG", "PERSON", "NORP", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "DATE"}
)  # "Turbat" is tagged DATE: such a name is a place only with a cue, never a calendar word
_CALENDAR = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|spring|summer|"
    r"autumn|winter|christmas|easter|ramadan|eid|new year|today|tonight|yesterday|tomorrow)",
    re.IGNORECASE,
)
MIN_SCORE = 4.0  # below this no candidate is credible: the "none of these" choice
UNKNOWN_POP = 1000  # GeoNames leaves many towns (Ariha, Syria) at 0: not smaller than a hamlet
FOREIGN_PENALTY = 2.5  # a place in no country the document is about, and near none of its places
PROMINENT_POP = 500_000  # cities this big are named from anywhere: never "foreign" to a story
NEAR_KM = 150.0
OTHER_CITY_PENALTY = 2.0  # a state whose namesake big city lies elsewhere
FAME_RATIO = 50  # a capital or big city this many times bigger than a namesake is what news means ...
FAME_PENALTY = 2.0  # ... unless the document names the namesake's state or a place near it
NEAR_COUNTRY_KM = 300.0
_CURATED = frozenset({"NBHD", "CAMP", "SITE", "RGN", "CONT"})
_FEATURE_BONUS = {"PCLI": 3.5, "ADM1": 1.5, "PPLC": 1.0, "ADM2": 0.5}
# "the town of X": X is a place wherever it is; the weaker cues need the document's country.
_STRONG_BEFORE = re.compile(
    r"\b(?:(?:home\s?)?town|city|village|hamlet|port|capital|suburb|districts?|provinces?|regions?|neighbou?rhood|"
    r"municipality|locality|settlement|outskirts|governorate|county|state|streets|areas?|"
    r"departments?|prefectures?|communes?|oblasts?|tehsils?) of\s+$|"
    r"\b(?:the|its|their|[A-Z]\w+'s) capital,?\s+$|"  # "the capital Sanaa", "Yemen's capital Sanaa"
    r"\b(?:towns|villages|cities|districts|provinces)(?:,|:|\s+including|\s+such as)\s+$",  # "two villages, Kyselivka"
    re.IGNORECASE,
)
# "in Rabat, Casablanca and Tangier": a phrase listed after a name, a place if the name before it is
_LISTED_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*(?:,|,?\s+(?:and|or))\s+$")
_WEAK_BEFORE = re.compile(
    r"\b(?:in|near|outside|from|into|out of|towards?|around)\s+(?:the\s+)?(?:(?:rural|remote|nearby|neighbou?ring)\s+)?$|"
    r"\b(?:seized|captured|recaptured|retook|overran|stormed|shelled|bombed)\s+$"
)  # "in rural El Carmen", "seized el-Fula"
# "In Derbent, gunmen stormed a synagogue": the capital of a sentence's first word
_SENTENCE_IN = re.compile(r"(?:^|[.!?\"\u201d]\s+|\n\s*)(?:In|Near|Outside)\s+$")
_NAME_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "el"})
_TARGET_BEFORE = re.compile(r"\b(?:in|on|near|at|outside|into|across|over|around)\s+$")
FAMOUS_POP = 200_000  # a city this big, named after a preposition, is a place even with no other context
_ADMIN_BEFORE = re.compile(r"\b(?:state|province|governorate|oblast|region) of\s+$", re.IGNORECASE)
_CUE_AFTER = re.compile(rf"^\s+(?:{ADMIN_WORD}|(?i:{LOCAL_UNIT})|town|city|village)\b")  # "Sagaing township"
# "Yemen's Saada", "Saudi Arabia's Jazan": a name a country owns is a place of that country.
_OWNER_BEFORE = re.compile(r"\b((?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)(?:'s|\u2019s)\s+$")
_OWNED = "OWNED"  # an untagged name after a possessive: a place only if that country owns one
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# "Buenos Aires's streets": a big city's possessive.
_POSSESSIVE_AFTER = re.compile(
    r"^(?:'s|\u2019s|')\s+(?:main\s+|central\s+|busiest\s+)?(?:streets?|squares?|outskirts|suburbs?|centre|center|"
    r"downtown|districts?|neighbou?rhoods?|residents|mayor|governor|airport|port|hospitals?|university|"
    r"old city|city centre|slums?)\b"
)
# "gather in Bratislava's Freedom Square": a city owning a named square or street, after "in" / "at"
_LANDMARK_AFTER = re.compile(
    r"^(?:'s|\u2019s)\s+(?:[A-Z][\w-]+\s+){1,2}(?:Square|Street|Avenue|Boulevard|Road|Park|Bridge)\b"
)
# "El-Obeid, the state capital of North Kordofan": an apposition that calls the name a capital
_CAPITAL_APPOSITION = re.compile(r"^,\s+(?:the\s+)?(?:\w+\s+)?capital\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")  # "Boa Vista, the state capital": not "Vista" alone
_ORG_BRANCH = re.compile(r"\b[A-Z]{2,}-$")
_ALIAS_BEFORE = re.compile(r"\b(?:known|referred to|dubbed) as\s+(?:the\s+)?$", re.IGNORECASE)
_NO_PREPOSITION = re.compile(
    r"\b(?:in|at|near|from|to|into|of|outside|around|towards?|across|over|on)\s+(?:the\s+)?$", re.IGNORECASE
)
# Verbs of governments: "Moscow pressed on", "Washington said": the capital is an actor there.
_GOVERNMENT_VERBS = frozenset(
    """
say tell announce accuse deny claim warn insist press vow threaten demand urge reject condemn respond
retaliate pull agree blame want believe declare order push refuse insist push seek call sanction
expel recall summon protest welcome praise criticise criticize dismiss
""".split()
)
# "Guatemala's capital" names the city, unless the city's own name follows ("Mali's capital, Bamako").
_CAPITAL_AFTER = re.compile(r"(?:'s|\u2019s)\s+capital\b(?!,?\s+[A-Z])")
_NOT_NAMES = frozenset({"the", "this", "that", "our", "their", "his", "her", "its", "every", "each", "one"})


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
    keys: list[str]  # normalised name of each mention: repeats of one name are one witness
    centres: list[tuple[float, float, int]]  # (lat, lon, mention index) of the countries named

    def others(self, i: int, country: str, admin1: str) -> tuple[float, float, float, float]:
        """Country votes, all votes, admin1 votes and the leading country's votes, without the
        votes of ``i``'s name (a name repeated is still one witness)."""
        countries, admin1s = Counter(self.countries), Counter(self.admin1s)
        for j, (c, a, w) in self.votes.items():
            if self.same_name(i, j):
                countries[c] -= w
                admin1s[(c, a)] -= w
        top = round(max(countries.values(), default=0.0), 6)  # rounded: shares of 1/3 must cancel
        c_votes, a_votes = (
            round(max(countries[country], 0.0), 6),
            round(max(admin1s[(country, admin1)], 0.0), 6),
        )
        return c_votes, round(max(sum(countries.values()), 0.0), 6), a_votes, top

    def same_name(self, i: int, j: int) -> bool:
        return j == i or self.keys[i] == self.keys[j]


def geoparse(doc: Doc, gazetteer: Gazetteer) -> list[Toponym]:
    """Place mentions of ``doc``, each resolved to a Location or to None ("none of these").

    Two passes: the first resolves the tagged places with the country context of their prior
    favourites and the demonyms; place names the tagger missed or mislabelled are then added
    where a cue and that context vouch for them; the second pass resolves all of them again
    with the context of the first pass's choices.
    """
    mentions, demonyms, promotable = _mentions(doc, gazetteer)
    by_tagger = {(m.start, m.end) for m in mentions}
    looked = [lookup_ex(m.text, gazetteer, tagged=True) for m in mentions]
    context = _context(mentions, [c for c, _ in looked], demonyms)
    tagged = {
        normalise_name(m.text) for m in mentions
    }  # by the tagger: a promoted name vouches for no repeat
    for _ in range(2):  # a story whose every place the tagger missed finds its country in round one
        extra = _promoted(promotable, mentions, context, gazetteer, doc_text(doc), tagged)
        if not extra:
            break
        mentions = sorted(mentions + extra, key=lambda m: m.start)
        looked = [lookup_ex(m.text, gazetteer, tagged=(m.start, m.end) in by_tagger) for m in mentions]
        context = _context(mentions, [c for c, _ in looked], demonyms)
    chosen = [
        _choose(i, m, ps, context, doc_text(doc), loose)
        for i, (m, (ps, loose)) in enumerate(zip(mentions, looked, strict=True))
    ]
    context = _choice_context(mentions, chosen, demonyms)
    chosen = [
        _choose(i, m, ps, context, doc_text(doc), loose)
        for i, (m, (ps, loose)) in enumerate(zip(mentions, looked, strict=True))
    ]
    toponyms = []
    for mention, best in zip(mentions, chosen, strict=True):
        if best is not None and best.feature_code == "PPLC" and _governs(doc, mention):
            continue  # "Moscow pressed on": the government, not the place
        if (
            best is not None
            and best.feature_code == "PCLI"
            and _CAPITAL_AFTER.match(doc_text(doc), mention.end)
        ):
            best = gazetteer.capital(best.country) or best  # "Guatemala's capital": the city, not the country
        span = Span(mention.start, mention.end, mention.text)
        toponyms.append(Toponym(span, best.to_location() if best else None))
    return without_namesakes(toponyms, doc_text(doc), gazetteer)


def _trim(start: int, end: int, text: str) -> tuple[int, int, str]:
    """Drop a leading "the" and a trailing possessive."""
    if text.lower().startswith("the "):
        start, text = start + 4, text[4:]
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            end, text = end - len(suffix), text[: -len(suffix)]
    return start, end, text


def _mentions(doc: Doc, gazetteer: Gazetteer) -> tuple[list[_Mention], Counter, list[_Mention]]:
    """Place entities trimmed of "the" and possessives; demonyms counted as country context.

    Also returns the spans that may be places the tagger missed: entities of other labels
    and untagged capitalised phrases, for :func:`_promoted` to judge.
    """
    mentions: list[_Mention] = []
    promotable: list[_Mention] = []
    demonyms: Counter = Counter()
    text_all = doc_text(doc)
    surnames = _surnames(doc)
    for ent in doc.ents:
        start, end, text = _trim(ent.start_char, ent.end_char, ent.text)
        if ent.label_ in PLACE_LABELS and _is_surname(ent, surnames, text_all):
            continue  # "Police Minister Bheki Cele ... According to Cele": the minister, not Celle
        if ent.label_ in PLACE_LABELS:
            start, text = _extend_left(doc, ent.start, start, text, gazetteer)
        if ent.label_ in PLACE_LABELS or ent.label_ in PROMOTABLE_LABELS:
            end, text = _extend_right(text_all, end, text, gazetteer)
            pieces = _town_and_unit(start, text, gazetteer)
            if pieces:  # "Fortul, Arauca" tagged as one entity: the town, and its province
                target = mentions if ent.label_ in PLACE_LABELS else promotable
                target.extend(_Mention(s, e, t, ent.label_) for s, e, t in pieces)
                continue
        if ent.label_ in PROMOTABLE_LABELS and not (
            ent.label_ in CONTEXT_LABELS and gazetteer.demonym(ent.text)
        ):
            if text.strip():
                promotable.append(_Mention(start, end, text, ent.label_))
            continue
        if ent.label_ not in PLACE_LABELS and ent.label_ not in CONTEXT_LABELS:
            continue
        code = gazetteer.demonym(ent.text)
        if ent.label_ in CONTEXT_LABELS or (code and not gazetteer.candidates(ent.text)):
            if code:
                demonyms[code] += 1
            continue
        if not text.strip() or gazetteer.is_non_place(text):
            continue
        if _ALIAS_BEFORE.search(text_all[max(0, ent.start_char - 30) : ent.start_char]) and not lookup(
            text, gazetteer
        ):
            continue  # "the Syria Civil Defence, known as the White Helmets": an organisation's name
        if _ORG_BRANCH.search(text_all, max(0, start - 12), start):
            continue  # "MSF-Belgium", "UNICEF-Nigeria": an organisation's branch, not a place
        mentions.append(_Mention(start, end, text, ent.label_))
    promotable.extend(_untagged_phrases(doc))
    skipped = (_cued(s, e, name, text_all) for s, e, name in skipped_names(doc))
    promotable.extend(m for m in skipped if m is not None)  # sentences the focused parse left out
    for filed in filing_places(text_all):  # "BUJUMBURA January 29th (ABP) –": the tagger misses capitals
        if not any(m.start < filed.end and filed.start < m.end for m in mentions) and lookup(
            filed.text, gazetteer
        ):
            mentions.append(_Mention(filed.start, filed.end, filed.text, "GPE"))
    mentions.sort(key=lambda m: m.start)
    return mentions, demonyms, promotable


def _town_and_unit(start: int, text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """ "Fortul, Arauca" as two names, when the part after the comma is a province or country
    and the part before it a place the gazetteer knows."""
    head, sep, tail = text.partition(", ")
    if not sep or not head.strip() or not tail.strip() or gazetteer.candidates(text):
        return []
    units = {p.country for p in lookup(tail, gazetteer) if p.feature_code in ("ADM1", "PCLI")}
    if not any(p.country in units for p in lookup(head, gazetteer)):
        return []  # "Mason, Devon and the driver": a Mason in Devon's country, or nothing
    tail_start = start + len(head) + len(sep)
    return [(start, start + len(head), head), (tail_start, tail_start + len(tail), tail)]


def _surnames(doc: Doc) -> set[str]:
    """Last names of the people the document names in full."""
    return {normalise_name(ent[-1].text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}


def _is_surname(ent, surnames: set[str], text: str) -> bool:
    """A one-word place entity that is a named person's last name, with no place cue before it."""
    if len(ent) != 1 or ent.ent_id_ or normalise_name(ent.text) not in surnames:
        return False
    return not _TARGET_BEFORE.search(text[max(0, ent.start_char - 20) : ent.start_char])


def _extend_left(doc: Doc, token_i: int, start: int, text: str, gazetteer: Gazetteer) -> tuple[int, str]:
    """ "South Africa" tagged as "Africa": take in the capitalised word before the entity when
    the longer name is the primary name of a gazetteer place."""
    if token_i == 0:
        return start, text
    prev = doc[token_i - 1]
    if not (
        prev.is_alpha
        and prev.text[:1].isupper()
        and not prev.is_stop
        and prev.whitespace_
        and prev.ent_iob_ == "O"
    ):
        return start, text
    longer = f"{prev.text} {text}"
    key = normalise_name(longer)
    if any(normalise_name(p.name) == key for p in gazetteer.candidates(longer)):
        return prev.idx, longer
    return start, text


_UNIT_AFTER = re.compile(r"^\s+(district|county|division|department|municipality)\b", re.IGNORECASE)


def _extend_right(text_all: str, end: int, text: str, gazetteer: Gazetteer) -> tuple[int, str]:
    """ "Kasese district": the district the gazetteer knows by that name, not the town."""
    m = _UNIT_AFTER.match(text_all[end : end + 20])
    if m is None:
        return end, text
    longer = f"{text} {m.group(1)}"
    if any(p.feature_code == "ADM2" for p in gazetteer.candidates(longer)):
        return end + m.end(), text_all[end - len(text) : end + m.end()]
    return end, text


_LEADING_CUES = frozenset({"in", "near", "outside"})


def _untagged_phrases(doc: Doc) -> list[_Mention]:
    """Capitalised phrases outside any entity, right after a place cue ("the town of Avdiivka") or
    a possessive ("Mali's Kayes region": a name a country owns)."""
    out = []
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if (
            tok.ent_iob_ != "O"
            or not tok.text[:1].isupper()
            or not tok.is_alpha
            or tok.lower_ in _LEADING_CUES
        ):
            i += 1  # "In Derbent, gunmen ...": the sentence's capitalised "In" is the cue, not the name
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j - i < 6
            and tokens[j].ent_iob_ == "O"
            and (
                (tokens[j].text[:1].isupper() and tokens[j].is_alpha)
                or (  # "Mocimboa da Praia", "Ciudad del Este": a particle inside a name
                    tokens[j].lower_ in _NAME_PARTICLES
                    and j + 1 < len(tokens)
                    and tokens[j + 1].text[:1].isupper()
                    and tokens[j + 1].ent_iob_ == "O"
                )
                or (
                    tokens[j].text == "-"
                    and not tokens[j - 1].whitespace_
                    and j + 1 < len(tokens)
                    and tokens[j + 1].text[:1].isupper()
                    and not tokens[j].whitespace_
                )
            )
        ):
            j += 1
        span = doc[i:j]
        cued = _cued(span.start_char, span.end_char, span.text, doc_text(doc))
        if cued is not None:
            out.append(cued)
        i = j
    return out


def _cued(start: int, end: int, name: str, text: str) -> _Mention | None:
    """An untagged phrase right after a place cue ("the town of Avdiivka", "in Derbent"), a name it
    is listed after ("Casablanca and Tangier") or a possessive ("Mali's Kayes region": a name a country owns), for :func:`_promoted` to judge."""
    before = text[max(0, start - 40) : start]
    if (
        _STRONG_BEFORE.search(before)
        or _WEAK_BEFORE.search(before)
        or _SENTENCE_IN.search(before)
        or _TARGET_BEFORE.search(before)
        or is_settlement(Span(start, end, name), text)
        or _LISTED_BEFORE.search(before)
    ):
        return _Mention(start, end, name, "")
    if _OWNER_BEFORE.search(before):  # "western Mali's Kayes region": only if Mali has a Kayes
        return _Mention(start, end, name, _OWNED)
    return None


def _promoted(
    promotable: list[_Mention],
    mentions: list[_Mention],
    ctx: _Context,
    gazetteer: Gazetteer,
    text: str,
    tagged: set[str],
) -> list[_Mention]:
    """Mislabelled or untagged place names that a cue and the document's country vouch for.

    Cues: "town/city/village of X" (any place of that name); "in/near/outside X" and
    "X district/region/state" (a place of one of the document's countries); or the same
    name tagged as a place elsewhere in the document.
    """
    taken = [(m.start, m.end) for m in mentions]
    countries = {c for c, v in ctx.countries.items() if v > 0}
    out: list[_Mention] = []
    strong: set[str] = set()
    for m in promotable:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        key = normalise_name(m.text)
        places = [
            p
            for p in lookup(m.text, gazetteer)
            if p.feature_class in ("P", "A") or p.feature_code in _CURATED
        ]
        settlement = is_settlement(Span(m.start, m.end, m.text), text)
        if gazetteer.is_non_place(m.text) or len(key) < 3 or (m.label == "DATE" and _CALENDAR.search(m.text)):
            continue
        if not places:
            if (
                settlement and m.label in ("", "ORG", "PERSON") and key not in _NOT_NAMES
            ):  # "the village of Rema"
                out.append(_Mention(m.start, m.end, m.text, "GPE"))  # the gazetteer lacks
                taken.append((m.start, m.end))
            continue
        before = text[max(0, m.start - 40) : m.start]
        after = text[m.end : m.end + 30]
        if m.label == _OWNED:
            if _owned_by_country(before, places, gazetteer):
                out.append(_Mention(m.start, m.end, m.text, "GPE"))
                taken.append((m.start, m.end))
            continue
        if (
            _STRONG_BEFORE.search(before)
            or key in tagged
            or settlement
            or _owned_by_country(before, places, gazetteer)
            or (_CAPITAL_APPOSITION.match(after) and not _NAME_BEFORE.search(before))
            or (_THE_BEFORE.search(before) and _CUE_AFTER.match(after))  # "in the Bankilaré area"
            or (
                _conjoined(m, mentions, text)
                and any(p.country in countries and p.feature_class == "P" for p in places)
            )
        ):  # "clashes in Lahore and Faisalabad": the tagger's Lahore vouches for its partner
            strong.add(key)
        elif m.label == "PERSON" and _TARGET_BEFORE.search(before) and _big_place_named(key, places):
            strong.add(key)  # "Russia hits police headquarters in Kryvyy Rih", "attacks in Yala" (PERSON)
        elif m.label == "PERSON" and not _big_city_possessive(m, before, after, places, countries):
            continue  # "Kelly", "Bell": surnames that are also towns need a strong cue
        elif (
            not (
                (
                    _WEAK_BEFORE.search(before)
                    or _SENTENCE_IN.search(before)
                    or _TARGET_BEFORE.search(before)
                    or _CUE_AFTER.match(after)
                    or ADMIN_SUFFIX.search(m.text)  # "Lapai Local Government Area"
                )
                and any(p.country in countries and p.feature_code != "PCLI" for p in places)
            )
            and not (
                _TARGET_BEFORE.search(before)
                and any(
                    (p.population >= FAMOUS_POP and p.feature_class == "P")
                    or (p.feature_code == "ADM1" and normalise_name(p.name) == key)
                    for p in places
                )
            )
            and not _big_city_possessive(m, before, after, places, countries)
            and not (not countries and _TARGET_BEFORE.search(before) and _one_countrys_town(key, places))
        ):
            # a big city or a province after "on / in / near" needs no country context:
            # "an air strike on Kharkiv", "political killings in KwaZulu-Natal" (tagged ORG)
            continue
        out.append(_Mention(m.start, m.end, m.text, m.label or "GPE"))
        taken.append((m.start, m.end))
    # Repeats of a promoted name elsewhere in the document (a person's name only after a strong cue)
    names = {normalise_name(m.text) for m in out}
    for m in promotable:
        key = normalise_name(m.text)
        if key not in names or (m.label == "PERSON" and key not in strong):
            continue
        if not any(m.start < e and s < m.end for s, e in taken):
            out.append(_Mention(m.start, m.end, m.text, m.label if m.label not in ("", _OWNED) else "GPE"))
            taken.append((m.start, m.end))
    return out


def _big_city_possessive(
    m: _Mention, before: str, after: str, places: list[Place], countries: set[str]
) -> bool:
    """ "Buenos Aires's streets" (tagged ORG), "in Bratislava's Freedom Square" (tagged PERSON): a
    big city of the document's countries, owning something. A person ("Lincoln's profile") or a
    shop ("El Cabo's") is no place."""
    possessive = (m.label == "ORG" and bool(_POSSESSIVE_AFTER.match(after))) or (
        m.label in ("ORG", "PERSON")
        and bool(_LANDMARK_AFTER.match(after))
        and bool(_TARGET_BEFORE.search(before))
    )
    return possessive and any(
        p.population >= FAMOUS_POP and p.feature_class == "P" and p.country in countries for p in places
    )


def _big_place_named(key: str, places: list[Place]) -> bool:
    """Whether the name is the primary name of a city of :data:`FAMOUS_POP` or more, or of a
    province: after "in" or "on" such a name is the place even where the tagger calls it a person
    ("attacks on security officials in Yala and Narathiwat")."""
    return any(
        normalise_name(p.name) == key
        and ((p.population >= FAMOUS_POP and p.feature_class == "P") or p.feature_code == "ADM1")
        for p in places
    )


def _one_countrys_town(key: str, places: list[Place]) -> bool:
    """Whether the name is the primary name of a town of 10,000 or more, and of no place outside its
    country: in a story that names no country at all ("police in Leh"), nothing else can vouch."""
    towns = [p for p in places if p.feature_class == "P" and normalise_name(p.name) == key]
    return any(p.population >= NAMESAKE_TOWN_POP for p in towns) and len({p.country for p in places}) == 1


def _owned_by_country(before: str, places: list[Place], gazetteer: Gazetteer) -> bool:
    """ "Yemen's Saada", "Saudi Arabia's Jazan", "Punjab's Amritsar district": the name follows a
    country's or a province's possessive and the gazetteer has a place of that name in it."""
    m = _OWNER_BEFORE.search(before)
    if m is None:
        return False
    words = m.group(1).split()
    for n in range(len(words)):
        owner = " ".join(words[n:])
        country = gazetteer.country(owner)
        if country is not None:
            return any(p.country == country.country and p.feature_code != "PCLI" for p in places)
        provinces = {(q.country, q.admin1) for q in gazetteer.candidates(owner) if q.feature_code == "ADM1"}
        if provinces:
            return any((p.country, p.admin1) in provinces and p.feature_code != "ADM1" for p in places)
    return False


_CONJUNCTION = re.compile(r"^\s*(?:,|and|or|,\s*and|,\s*or)\s*$")


def _conjoined(m: _Mention, places: list[_Mention], text: str) -> bool:
    """A name listed with a place the tagger found: "in Lahore, Faisalabad and Quetta"."""
    return any(
        p.end <= m.start and m.start - p.end <= 7 and _CONJUNCTION.match(text[p.end : m.start])
        for p in places
    )


def _governs(doc: Doc, mention: _Mention) -> bool:
    """A capital as the subject of a government's verb, with no preposition before it."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    if _NO_PREPOSITION.search(doc_text(doc)[max(0, mention.start - 20) : mention.start]):
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _GOVERNMENT_VERBS


def _population(place: Place) -> int:
    if place.feature_class == "P" and place.population == 0:
        return UNKNOWN_POP
    return place.population


def _base_score(place: Place, key: str) -> float:
    """Prior without context: population, feature type, primary-name match, curation."""
    score = math.log10(_population(place) + 1) + _FEATURE_BONUS.get(place.feature_code, 0.0)
    if normalise_name(place.name) == key or place.feature_code == "PCLI":
        score += 1.5
    if place.feature_code in _CURATED:
        score += 10.0  # curated because conflict news means exactly this place
    return score


def _context(mentions: list[_Mention], candidates: list[list[Place]], demonyms: Counter) -> _Context:
    """Country and admin1 votes from each mention's prior favourite, and from demonyms.

    A favourite whose name other countries share with nearly the same prior votes at half weight.
    """
    keys = [normalise_name(m.text) for m in mentions]
    ctx = _Context(Counter(demonyms), Counter(), [], {}, keys, [])
    for i, places in enumerate(candidates):
        if not places or _COMPASS_NAME.match(keys[i]):  # a bearing's region says no country: it follows one
            continue
        key = keys[i]
        scored = sorted(((_base_score(p, key), p) for p in places), key=lambda t: -t[0])
        score, top = scored[0]
        if score < MIN_SCORE or not top.country:
            continue
        rival = next((s for s, p in scored[1:] if p.country != top.country), None)
        margin = score - rival if rival is not None else 5.0
        weight = (2.0 if top.rank >= 3 else 1.0) * (1.0 if margin >= 1.0 else 0.5)
        _vote(ctx, i, top, weight, confident=margin >= 1.0)
    return ctx


def _choice_context(mentions: list[_Mention], chosen: list[Place | None], demonyms: Counter) -> _Context:
    """Votes of the places the first pass chose."""
    ctx = _Context(Counter(demonyms), Counter(), [], {}, [normalise_name(m.text) for m in mentions], [])
    for i, place in enumerate(chosen):
        if place is not None and place.country and not _COMPASS_NAME.match(ctx.keys[i]):
            _vote(ctx, i, place, 2.0 if place.rank >= 3 else 1.0, confident=True)
    return ctx


def _vote(ctx: _Context, i: int, place: Place, weight: float, *, confident: bool) -> None:
    """Mention ``i`` votes for the place's country; the mentions of one name share one vote."""
    weight /= ctx.keys.count(ctx.keys[i])
    ctx.countries[place.country] += weight
    if place.admin1:
        ctx.admin1s[(place.country, place.admin1)] += weight
    ctx.votes[i] = (place.country, place.admin1, weight)
    if confident and place.rank < 4:
        ctx.points.append((place.lat, place.lon, i))
    elif place.feature_code == "PCLI":
        ctx.centres.append((place.lat, place.lon, i))


def _prominent(place: Place) -> bool:
    """Capitals and big cities: news names them from anywhere ("talks in London")."""
    return place.feature_code == "PPLC" or (place.rank <= 1 and place.population >= PROMINENT_POP)


def _near(i: int, place: Place, ctx: _Context) -> tuple[bool, bool]:
    """Whether the place is near another confident place of the document, or a country it names."""
    near = any(
        within_km(place.lat, place.lon, lat, lon, NEAR_KM)
        for lat, lon, j in ctx.points
        if not ctx.same_name(i, j)
    )
    near_country = any(
        within_km(place.lat, place.lon, lat, lon, NEAR_COUNTRY_KM)
        for lat, lon, j in ctx.centres
        if not ctx.same_name(i, j)
    )
    return near, near_country


def _local_support(i: int, place: Place, ctx: _Context) -> bool:
    """Whether other mentions put the document in the place's admin1 or near it."""
    return (bool(place.admin1) and ctx.others(i, place.country, place.admin1)[2] > 0) or _near(i, place, ctx)[
        0
    ]


def _context_score(i: int, place: Place, ctx: _Context) -> float:
    """Bonus for agreeing with the rest of the document (the mention's own name left out).

    A place in none of the document's countries and near none of its places loses
    :data:`FOREIGN_PENALTY` when the document is clearly about somewhere.
    """
    c_votes, total, a_votes, top = ctx.others(i, place.country, place.admin1)
    score = 0.0
    if c_votes > 0 and place.country:
        score += 1.5 * min(c_votes, 1.0) + 2.5 * c_votes / max(total, 2.0)
    if place.rank < 3 and place.admin1 and a_votes > 0:
        score += 2.0
    near, near_country = _near(i, place, ctx)
    if near:
        score += 1.5
    elif near_country and place.rank < 4:
        score += 0.75
    if (
        c_votes <= 0
        and not near
        and not near_country
        and place.rank < 4
        and top >= 2.0
        and top >= 0.4 * total
        and not _prominent(place)
    ):
        score -= FOREIGN_PENALTY

    return score


# A region named by a bearing ("North West", "Southwest region", "Western Province"): many countries
# have one, so it is a region of a country the rest of the story names, or none.
_COMPASS_NAME = re.compile(
    r"^(?:north|south|east|west|northern|southern|eastern|western|central|centre|center)"
    r"(?:\s?(?:east|west|eastern|western))?(?:\s+(?:region|province|state|zone|district|department))?$"
)
NAMESAKE_TOWN_POP = 10_000  # a town that gives its region its name is what a bare mention means


def _choose(
    i: int, mention: _Mention, places: list[Place], ctx: _Context, text: str, loose: bool = False
) -> Place | None:
    """The best candidate, or None when even the best is not credible.

    A name found only through a spelling variant (``loose``), or a region named by a bearing, must
    agree with the document: "al-Riyadh", a village in an Iraqi story, is not the Saudi capital.
    """
    if not places:
        return None
    key = normalise_name(mention.text)
    base = [(_base_score(p, key), p) for p in places]
    cities = {
        (p.country, p.admin1)
        for p in places
        if p.rank <= 1
        and (p.population >= 100_000 or (p.population >= NAMESAKE_TOWN_POP and normalise_name(p.name) == key))
    }  # "Kidal, the northern Malian town": the town of the region's name, unless the text says region
    says_admin = bool(
        re.match(r"\s+(?:state|province|governorate|oblast|region)\b", text[mention.end :], re.IGNORECASE)
    ) or bool(
        ADMIN_SUFFIX.search(mention.text)
        or _ADMIN_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
    )
    famous = max((p.population for p in places if _prominent(p)), default=0)
    compass = bool(_COMPASS_NAME.match(key))
    best, best_score = None, MIN_SCORE
    for score, place in base:
        if (
            (loose or compass)
            and ctx.others(i, place.country, place.admin1)[0] <= 0
            and not any(_near(i, place, ctx))
        ):
            continue  # "North West" in a Nigerian story is no South African province
        score += _context_score(i, place, ctx)
        if (
            place.rank <= 1
            and not _prominent(place)
            and famous >= FAME_RATIO * max(_population(place), 1)
            and not _local_support(i, place, ctx)
        ):
            score -= (
                FAME_PENALTY  # "London" in a US story: the capital, not London, Ohio, unless Ohio is named
            )
        if place.feature_code == "ADM1" and not says_admin:
            if (place.country, place.admin1) in cities:
                score -= 3.0  # "Baghdad", "New York": the city unless the text says province/state
            elif any(c == place.country for c, _ in cities):
                score -= OTHER_CITY_PENALTY  # "Washington": the capital unless the story is in the state
        if score > best_score:
            best, best_score = place, score
    return best


# ---------------------------------------------------------------- event location
