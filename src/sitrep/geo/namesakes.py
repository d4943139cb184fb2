"""A town the text puts inside a unit ("El Aguaje, a hamlet in the Aguililla township of
Michoacán state", "El Gavilan in the municipality of Taxco") is no namesake in another province.

The gazetteer holds few hamlets, and many share a name with a town elsewhere in the country, so
the resolver can pick a namesake hundreds of kilometres away. When the same sentence names the
unit around the town right after it, a candidate inside that unit is taken, or, with none, the
name is left unresolved: the event then falls back to the unit the text names, as for any village
the gazetteer lacks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.codebook import haversine_km
from sitrep.geo.gazetteer import Gazetteer, Place, loose_key, normalise_name
from sitrep.model import Location, Toponym

# The words between a town and the unit that holds it: ", a hamlet in the ", " in the municipality
# of "; never a bearing ("east of Aleppo") or a distance, which name another place.
_INSIDE = re.compile(
    r"^,?\s+(?:(?:a|an|the)\s+(?:[a-z]+\s+){0,2}(?:hamlet|village|town|community|settlement|locality)\s+in\s+"
    r"(?:the\s+)?|in\s+the\s+(?:municipality|district|township|county|department|commune|state|province)\s+of\s+)$"
)
# A bare " in " or ", in " also joins two towns of a list ("in Sanaa, in Hodeida"): a province only.
_IN = re.compile(r"^,?\s+in\s+$")
_UNITS = frozenset({"admin1", "admin2", "town", "city"})  # GeoNames' own units, not curated regions
_GAP = 60  # characters at most between a town and the unit named after it
UNIT_KM = 60.0  # a town this far from the district or town that contains it is a namesake


def _unit_after(i: int, toponyms: list[Toponym], text: str) -> Location | None:
    """The province, district or town named right after toponym ``i`` as the place that holds it."""
    town = toponyms[i]
    for later in toponyms[i + 1 :]:
        gap = text[town.span.end : later.span.start]
        if len(gap) > _GAP:
            return None
        if later.location is not None and (
            _INSIDE.match(gap) or (_IN.match(gap) and later.location.feature == "admin1")
        ):
            return later.location if later.location.feature in _UNITS else None
        if later.span.start >= town.span.end:
            return None
    return None


def _inside(place: Place | Location, unit: Location) -> bool:
    """Whether the place can lie in the unit: its province, or near the district's or town's point."""
    if unit.feature == "admin1":
        return loose_key(normalise_name(place.admin1)) == loose_key(normalise_name(unit.admin1))
    lat = place.lat if isinstance(place, Place) else place.latitude
    lon = place.lon if isinstance(place, Place) else place.longitude
    return haversine_km(lat, lon, unit.latitude, unit.longitude) <= UNIT_KM


def _is_town(location: Location | None) -> bool:
    return location is not None and location.feature in ("town", "city")


def without_namesakes(toponyms: list[Toponym], text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """The toponyms with every town placed outside the unit the text puts it in replaced by its
    namesake inside that unit, or unresolved; every mention of that name the same way."""
    fixed: dict[str, Location | None] = {}
    for i, t in enumerate(toponyms):
        unit = _unit_after(i, toponyms, text) if _is_town(t.location) else None
        if unit is None or unit.country != t.location.country or _inside(t.location, unit):
            continue
        inside = [
            p for p in gazetteer.candidates(t.span.text) if p.country == unit.country and _inside(p, unit)
        ]
        fixed[t.location.name] = inside[0].to_location() if inside else None
    if not fixed:
        return toponyms
    return [
        replace(t, location=fixed[t.location.name])
        if t.location is not None and t.location.name in fixed
        else t
        for t in toponyms
    ]
