"""Gazetteer look-ups of a place name as the news spells it: a direction word, an admin or a
"city" suffix, and transliteration variants ("Hawija" for GeoNames' "Al Hawijah") fall back to
the name the gazetteer holds. Which candidate the text means is ``sitrep.geo.resolve``'s."""

from __future__ import annotations

import re

from sitrep.geo.gazetteer import Gazetteer, Place, normalise_name

_DIRECTION = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)\s+",
    re.IGNORECASE,
)
ADMIN_WORD = (
    r"(?:district|region|province|state|governorate|department|county|zone|prefecture|oblast|"
    r"local government area|municipality|area)"
)
# "Northwest", "South-West": a bearing that names a province in some countries (Cameroon's
# "North-West Province"), written as one word or two
_BEARING = re.compile(r"^(?:north|south)\s?(?:east|west)$")
ADMIN_SUFFIX = re.compile(rf"\s+{ADMIN_WORD}$", re.IGNORECASE)
# Units below a district that news names after their seat town ("Kawkareik Township", "Guma LGA",
# "Kamwenge sub-county", "Raipura upazila"): GeoNames rarely holds the unit, but its seat is the
# town or district of that name, never the province.
LOCAL_UNIT = r"(?:township|commune|tehsil|taluka?|upazila|woreda|payam|sub-?county|sub-?district|lga|mandal)"
LOCAL_SUFFIX = re.compile(rf"\s+{LOCAL_UNIT}$", re.IGNORECASE)
_CITY_SUFFIX = re.compile(r"\s+(?:city|town)$", re.IGNORECASE)
_DOUBLED = re.compile(r"([a-z])\1")
_ARTICLES = ("al ", "el ", "an ", "ad ", "ar ", "as ", "ash ", "at ", "az ")


def lookup(name: str, gazetteer: Gazetteer) -> list[Place]:
    """Candidates for the name; "east Baghdad" falls back to "Baghdad", "Hawija district" to
    "Hawija", and Arabic spellings to their variants with or without "al-" and a final "h"."""
    return lookup_ex(name, gazetteer)[0]


def lookup_ex(name: str, gazetteer: Gazetteer, *, tagged: bool = False) -> tuple[list[Place], bool]:
    """:func:`lookup`, and whether only a transliteration variant matched. A name the tagger itself
    called a place may also be spelt with an o for a u ("Noshki" is GeoNames' Nushki); an untagged
    word may not ("Muslim" is no "Moslim")."""
    found = gazetteer.candidates(name)
    if _BEARING.match(normalise_name(name)):  # "the Northwest region" of Cameroon, not only Northwest, Ohio
        found = found + [p for p in gazetteer.admin_by_loose_name(name) if p not in found]
    if not found and _DIRECTION.match(name):
        found = gazetteer.candidates(_DIRECTION.sub("", name))
    stem = _CITY_SUFFIX.sub("", name)
    if not found and stem != name and not gazetteer.demonym(stem):  # "Taiz city"; "Kazakh city" says none
        found = [p for p in gazetteer.candidates(stem) if p.feature_class == "P"]
    if not found and LOCAL_SUFFIX.search(name):
        return _seat_of(LOCAL_SUFFIX.sub("", name), gazetteer), False
    if not found and ADMIN_SUFFIX.search(name):
        found, loose = lookup_ex(ADMIN_SUFFIX.sub("", name), gazetteer)
        areas = [p for p in found if p.feature in ("admin1", "admin2")]
        areas += [p for p in gazetteer.admin_by_loose_name(name) if p not in areas]  # "Northwest region"
        return (areas or found), loose  # "Niger State" is Nigeria's state, not the country
    if not found:
        for variant in spelling_variants(normalise_name(name)):
            found = gazetteer.candidates(variant)
            if found:
                return found[:50], True
    if not found and (ADMIN_SUFFIX.search(name) or len(name.split()) > 1):
        found = gazetteer.admin_by_loose_name(name)  # "Middle Shabelle", "Northwest region"
        if found:
            return found[:50], True
    if not found and tagged:
        key = normalise_name(name)
        for variant in dict.fromkeys((key.replace("o", "u"), key.replace("u", "o"))):
            found = gazetteer.candidates(variant) if variant != key else []
            if found:
                return found[:50], True
    return found[:50], False


def _seat_of(name: str, gazetteer: Gazetteer) -> list[Place]:
    """The towns and districts a local unit may be named after, by the exact name only: a spelling
    variant of a small unit's name is too often another country's town ("Singu" is no "Shingu")."""
    return [p for p in gazetteer.candidates(name) if p.feature_class == "P" or p.feature == "admin2"][:50]


def spelling_variants(key: str) -> list[str]:
    """Transliteration variants: "hawija" -> "al hawijah"; "al nasiriya" -> "nasiriyah"; a doubled
    letter single ("nassiriya" -> "nasiriyah"); two words one ("turmus ayya" -> "turmusayya", GeoNames'
    "Turmus'ayya")."""
    if len(key) < 4:
        return []
    stems = [key]
    for art in _ARTICLES:
        if key.startswith(art):
            stems.append(key[len(art) :])
            break
    else:
        stems.append("al " + key)
    stems += [_DOUBLED.sub(r"\1", stem) for stem in stems]  # "nassiriya" -> "nasiriya"
    stems += [stem.replace(" ", "") for stem in stems[:1] if " " in stem]  # "turmus ayya" -> "turmusayya"
    out = []
    for stem in stems:
        out.append(stem)
        if stem.endswith("ah"):
            out.append(stem[:-1])
        elif stem.endswith("a"):
            out.append(stem + "h")
    return [v for v in dict.fromkeys(out) if v != key and len(v.replace("al ", "")) >= 4]
