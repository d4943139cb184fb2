"""The memory-mapped gazetteer table gives back the places and names it was written from."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.geo.gazetteer import Gazetteer, Place, _as_tuple
from sitrep.geo.table import NameIndex, PlaceTable, open_table, write_table

PLACES = [
    Place("Paris", "FR", "Île-de-France", 48.85341, 2.3488, 2_138_551, "P", "PPLC", 2988507),
    Place("Paris", "US", "Texas", 33.66094, -95.55551, 24_782, "P", "PPLA2", 4717560),
    Place("Mashtal", "IQ", "Mayorality of Baghdad", 33.31, 44.46, 0, "P", "NBHD"),
    Place("Texas", "US", "Texas", 31.25044, -99.25061, 22_875_689, "A", "ADM1"),
    Place("Iraq", "IQ", "", 33.5, 44.5, 38_433_600, "A", "PCLI", 99237),
    Place("Kyiv", "UA", "Kyiv City", 50.45466, 30.5238, 2_797_553, "P", "PPLC", 703448),
]
ALIASES = [("Kiev", 5), ("Kyjiw", 5), ("Lone Star State", 3), ("Paree", 0)]


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Gazetteer, Gazetteer]:
    """The same gazetteer twice: from Python objects, and from the table written of them."""
    plain = Gazetteer(PLACES, aliases=ALIASES, demonyms={"Iraqi": "IQ"})
    folder = tmp_path / "table"
    write_table(folder, [_as_tuple(p) for p in PLACES], plain._index)
    places, index = open_table(folder)
    return plain, Gazetteer(places, index=index, demonyms={"Iraqi": "IQ"})


def test_rows_come_back_equal(pair: tuple[Gazetteer, Gazetteer]) -> None:
    plain, mapped = pair
    assert isinstance(mapped.places, PlaceTable)
    assert len(mapped.places) == len(PLACES)
    assert list(mapped.places) == PLACES
    assert mapped.places[-1] == PLACES[-1]
    assert mapped.places[2].geonameid is None and mapped.places[0].admin1 == "Île-de-France"
    with pytest.raises(IndexError):
        mapped.places[len(PLACES)]


def test_names_come_back_equal(pair: tuple[Gazetteer, Gazetteer]) -> None:
    plain, mapped = pair
    assert isinstance(mapped._index, NameIndex)
    assert dict(mapped._index) == plain._index
    assert mapped._index.get("nowhere at all") is None
    for name in ["PARIS", "Kiev", "kyjiw", "lone star state", "Mashtal", "Atlantis", "Paree"]:
        assert mapped.candidates(name) == plain.candidates(name)
    assert [p.country for p in mapped.candidates("Paris")] == ["FR", "US"]  # most populous first


def test_lookups_by_code_answer_from_the_column(pair: tuple[Gazetteer, Gazetteer]) -> None:
    plain, mapped = pair
    assert mapped.places.rows_with_code(["PPLC", "NBHD"]) == [0, 2, 5]
    assert mapped.capital("UA") == plain.capital("UA") == PLACES[5]
    assert mapped.country("Iraqi") == plain.country("Iraqi") == PLACES[4]
    assert mapped.admin_by_loose_name("Texas") == plain.admin_by_loose_name("Texas") == [PLACES[3]]


def test_a_second_writer_leaves_the_first_table(tmp_path: Path) -> None:
    folder = tmp_path / "table"
    rows = [_as_tuple(p) for p in PLACES]
    write_table(folder, rows, {"paris": (0, 1)})
    write_table(folder, rows[:1], {"paris": (0,)})  # loses the race: the folder exists
    places, index = open_table(folder)
    assert len(places) == len(PLACES) and index["paris"] == (0, 1)
    assert [p.name for p in tmp_path.iterdir()] == ["table"]
