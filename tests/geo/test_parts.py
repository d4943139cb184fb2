"""Parts of a country named by a bearing: the province lying farthest that way."""

from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import Gazetteer, Place
from sitrep.geo.parts import BEARING_BEFORE, COUNTRY_PART, bearing_key, farthest

_COUNTRY = Place("Ruritania", "RU", "", 10.0, 10.0, feature_class="A", feature_code="PCLI")
_UNITS = [
    Place("Upland", "RU", "Upland", 12.0, 10.0, feature_class="A", feature_code="ADM1"),
    Place("Lowland", "RU", "Lowland", 8.0, 10.0, feature_class="A", feature_code="ADM1"),
    Place("Coast", "RU", "Coast", 10.0, 8.0, feature_class="A", feature_code="ADM1"),
    Place("Hills", "RU", "Hills", 10.0, 12.0, feature_class="A", feature_code="ADM1"),
    Place("Far Isle", "RU", "Far Isle", 0.0, 10.0, feature_class="A", feature_code="ADM1"),  # off the rest
]


@pytest.mark.parametrize(
    ("bearing", "unit"), [("north", "Upland"), ("south", "Lowland"), ("west", "Coast"), ("east", "Hills")]
)
def test_the_unit_farthest_that_way_is_the_part(bearing: str, unit: str) -> None:
    """An island far off the rest is no part of "the south": the mainland's southern unit is."""
    assert farthest(_UNITS, bearing, _COUNTRY).name == unit


def test_the_gazetteer_lists_a_countrys_provinces() -> None:
    gazetteer = Gazetteer.from_places([_COUNTRY, *_UNITS])
    assert {p.name for p in gazetteer.provinces("RU")} == {u.name for u in _UNITS}


@pytest.mark.parametrize(
    ("text", "bearing"),
    [
        ("an army convoy hit a bomb in northern ", "north"),
        ("fighting spread across north-west ", "northwest"),
        ("three fighters were killed in south ", "south"),
    ],
)
def test_a_bearing_before_the_countrys_name(text: str, bearing: str) -> None:
    m = BEARING_BEFORE.search(text)
    assert m and bearing_key(m.group(1), m.group(2)) == bearing


@pytest.mark.parametrize(
    ("text", "bearing"),
    [
        ("jihadists ambushed them in a park in the north of the country on Tuesday", "north"),
        ("a village in the south-west of the country", "southwest"),
        ("minibus passengers travelling towards the south of the country", None),  # a destination
        (
            "the Totonicapan department, in the west of the country, called the strike",
            None,
        ),  # describes a place
    ],
)
def test_the_part_of_the_country_the_scene_is_in(text: str, bearing: str | None) -> None:
    m = COUNTRY_PART.search(text)
    assert (bearing_key(m.group(1), m.group(2)) if m else None) == bearing
