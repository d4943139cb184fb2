"""Parts of a country named by a bearing ("northern Benin", "the north of the country").

Reports from places the gazetteer lacks often say no more than the part of the country: "an
attack on a military camp in northern Benin". ACLED then codes the province (precision 3), not
the capital. The province taken is the first-level unit whose point lies farthest that way,
measured on the country's own units; a unit far off the rest (an island, an exclave) is left out.
"""

from __future__ import annotations

import math
import re
from statistics import median

from sitrep.codebook import haversine_km
from sitrep.geo.gazetteer import Gazetteer, Place
from sitrep.model import GeoPrecision, Location, Toponym

# bearing -> (north, east) weights
BEARINGS: dict[str, tuple[int, int]] = {
    "north": (1, 0),
    "south": (-1, 0),
    "east": (0, 1),
    "west": (0, -1),
    "northeast": (1, 1),
    "northwest": (1, -1),
    "southeast": (-1, 1),
    "southwest": (-1, -1),
}
OUTLIER = 2.0  # a unit this many times the median distance from the country's centre is off the rest

_WORD = r"(north|south|east|west)(?:[\s-]?(east|west))?"
# "in northern Benin", "across north-west Nigeria", "in south Lebanon": the scene, where "towards the
# south" is a destination and "Totonicapan department, in the west of the country" describes a place
_IN = r"(?<![,;])\s(?:in|across|throughout)\s+"
BEARING_BEFORE = re.compile(rf"{_IN}{_WORD}(?:ern)?\s+$", re.IGNORECASE)
COUNTRY_PART = re.compile(rf"{_IN}the\s+{_WORD}\s+of\s+the\s+country\b", re.IGNORECASE)


def bearing_key(first: str, second: str | None) -> str:
    """ "North", "west" -> "northwest"."""
    return (first + (second or "")).lower()


def country_parts(toponyms: list[Toponym], gazetteer: Gazetteer) -> dict[tuple[str, str], Location]:
    """(country code, bearing) -> the province that part of the country names, for each country
    the toponyms name."""
    out: dict[tuple[str, str], Location] = {}
    for code in {t.location.country for t in toponyms if t.location is not None and t.location.country}:
        country = gazetteer.country(code)
        units = gazetteer.provinces(code)
        if country is None or len(units) < 2:
            continue
        for bearing in BEARINGS:
            unit = farthest(units, bearing, country)
            if unit is not None:
                out[(code, bearing)] = unit.to_location(GeoPrecision.REGION)
    return out


def farthest(units: list[Place], bearing: str, country: Place) -> Place | None:
    """The unit lying farthest towards the bearing, among those not far off the rest."""
    distances = [haversine_km(country.lat, country.lon, u.lat, u.lon) for u in units]
    limit = OUTLIER * median(distances)
    kept = [u for u, d in zip(units, distances, strict=True) if d <= limit] or units
    north, east = BEARINGS[bearing]
    return max(kept, key=lambda u: north * u.lat + east * u.lon * math.cos(math.radians(u.lat)), default=None)
