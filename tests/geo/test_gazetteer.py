"""The gazetteer: real package data, plus a small slice built by hand for unit tests."""

from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import Gazetteer, Place, entity_patterns, normalise_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kata'ib", "kataib"),
        ("Kata\u2019ib", "kataib"),
        ("Bağdat", "bagdat"),
        ("U.S.", "us"),
        ("  the Gaza   Strip ", "gaza strip"),
        ("Khan-Younis", "khan younis"),
    ],
)
def test_normalise_name(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


def test_baghdad_is_the_iraqi_capital(gazetteer: Gazetteer) -> None:
    cities = [p for p in gazetteer.candidates("baghdad") if p.feature_code == "PPLC"]
    assert cities and cities[0].country == "IQ"
    assert abs(cities[0].lat - 33.34) < 0.05 and abs(cities[0].lon - 44.40) < 0.05


@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "KYIV"])
def test_kyiv_spellings(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.candidates(name)[0].country == "UA"


def test_countries_by_code_name_and_demonym(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("JO").name == "Jordan"
    assert gazetteer.country("Jordan").country == "JO"
    assert gazetteer.country("Iraqi").country == "IQ"
    assert gazetteer.country("Americans").country == "US"
    assert gazetteer.country("U.S.").country == "US"
    assert gazetteer.country("Atlantis") is None


def test_admin1_and_abbreviations(gazetteer: Gazetteer) -> None:
    texas = gazetteer.admin1("Texas", "US")
    assert texas is not None and 25 < texas.lat < 37
    assert gazetteer.admin1("Ky.", "US").name == "Kentucky"


def test_curated_places(gazetteer: Gazetteer) -> None:
    mashtal = gazetteer.candidates("Mashtal")[0]
    assert (mashtal.country, mashtal.feature) == ("IQ", "neighbourhood")
    assert gazetteer.candidates("Tower 22")[0].country == "JO"


def test_nonsense_has_no_candidates(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Qxzvbrt Flummox") == []


def test_small_slice_for_tests() -> None:
    paris = Place("Paris", "FR", "Ile-de-France", 48.85, 2.35, 2_138_551, "P", "PPLC", 2988507)
    gaz = Gazetteer.from_places([paris], demonyms={"French": "FR"})
    assert gaz.candidates("PARIS") == [paris]
    assert gaz.demonym("French") == "FR"
    assert paris.to_location().feature == "city"


def test_entity_patterns_cover_curated_places() -> None:
    patterns = entity_patterns()
    by_text = {p["pattern"]: p["label"] for p in patterns}
    assert by_text["Mashtal"] == "GPE"
    assert by_text["Tower 22"] == "FAC"
    assert by_text["Gaza Strip"] == "LOC"


def test_curated_centres_follow_the_conventional_points() -> None:
    gazetteer = Gazetteer.default()
    canada, ontario = gazetteer.country("CA"), gazetteer.admin1("Ontario", "CA")
    assert canada is not None and abs(canada.lon - -113.64) < 0.1
    assert ontario is not None and (round(ontario.lat), round(ontario.lon)) == (49, -84)


def _admin(name: str, country: str, code: str = "ADM1") -> Place:
    return Place(name, country, name, 0.0, 0.0, 0, "A", code)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Middle Shabelle", "Middle Shabele"),
        ("Middle Shabelle region", "Middle Shabele"),
        ("Northwest region", "North-West Province"),
        ("Nankana Sahib district", "Nankana Sahib District"),
        ("Middle Juba", None),
    ],
)
def test_an_admin_area_is_found_under_another_spelling(text: str, found: str | None) -> None:
    gazetteer = Gazetteer.from_places(
        [
            _admin("Middle Shabele", "SO"),
            _admin("North-West Province", "CM"),
            _admin("Nankana Sahib District", "PK", "ADM2"),
            Place("Middle Shabele", "SO", "", 0.0, 0.0, 900, "P", "PPL"),  # a town is never a loose match
        ]
    )
    names = [p.name for p in gazetteer.admin_by_loose_name(text)]
    assert names == ([found] if found else [])


def test_the_capital_is_the_pplc() -> None:
    gazetteer = Gazetteer.from_places(
        [Place("Bamako", "ML", "Bamako", 12.65, -8.0, 1_297_281, "P", "PPLC"), _admin("Mali", "ML", "PCLI")]
    )
    capital = gazetteer.capital("ML")
    assert capital is not None and capital.name == "Bamako"
    assert gazetteer.capital("NE") is None


@pytest.mark.parametrize(
    ("spelling", "province", "country"),
    [
        ("Baluchistan", "Balochistan", "PK"),
        ("Sistan-Baluchestan", "Sistan and Baluchestan", "IR"),
        ("North Kordofan", "Shamal Kurdufan", "SD"),
        ("Kunar", "Konar", "AF"),
    ],
)
def test_provinces_the_news_spells_otherwise_are_found(spelling: str, province: str, country: str) -> None:
    found = Gazetteer.default().candidates(spelling)
    assert found and (found[0].admin1, found[0].country, found[0].feature) == (province, country, "admin1")


def test_conflict_regions_and_cities_packaged_gazetteers_lack_are_curated() -> None:
    gazetteer = Gazetteer.default()
    ituri = gazetteer.candidates("Ituri")
    assert ituri and (ituri[0].country, ituri[0].feature) == ("CD", "region")
    assert any(
        p.country == "BO" for p in gazetteer.candidates("El Alto")
    )  # GeoNames' extract has Peru's only


def test_kosovo_is_a_country_though_iso_3166_lacks_it() -> None:
    gazetteer = Gazetteer.default()
    assert gazetteer.country("Kosovo") is not None and gazetteer.country("Kosovo").country == "XK"
    assert gazetteer.candidates("Kosovo")[0].feature == "country"  # not the town of Kosovo Polje


def test_curated_places_spell_their_province_as_its_towns_do() -> None:
    """A region whose admin1 is spelled otherwise than its towns' ("North Sinai" against GeoNames'
    "Muhafazat Shamal Sina'") never finds a town inside it."""
    from sitrep.geo.gazetteer import admin1_name_table, load_extras, read_cities

    spelled: dict[str, set[str]] = {}
    for (cc, _), name in admin1_name_table(read_cities()).items():
        spelled.setdefault(cc, set()).add(name)
    _, places, _ = load_extras()
    newer = {"West Kordofan"}  # a province created after GeoNames' extract
    odd = [p.name for p, _ in places if p.country and p.admin1 not in spelled.get(p.country, set()) | newer]
    assert odd == []
