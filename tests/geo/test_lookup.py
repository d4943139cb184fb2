"""Look-ups of a name as the news spells it, on a small gazetteer of our own."""

from sitrep.geo.gazetteer import Gazetteer, Place
from sitrep.geo.lookup import lookup_ex, spelling_variants


def test_spelling_variants() -> None:
    assert "al hawijah" in spelling_variants("hawija")
    assert "nasiriya" in spelling_variants("al nasiriyah")
    assert spelling_variants("bab") == []


def test_a_doubled_letter_is_a_spelling_of_the_single_one() -> None:
    assert "nasiriyah" in spelling_variants("nassiriya")


def test_a_town_spelt_with_a_doubled_letter_is_found_loosely() -> None:
    gazetteer = Gazetteer.from_places(
        [Place("Nasiriyah", "IQ", "Dhi Qar", 31.05, 46.26, 400_000, "P", "PPL", 1)]
    )
    found, loose = lookup_ex("Nassiriya", gazetteer)
    assert [p.name for p in found] == ["Nasiriyah"] and loose


def test_two_words_written_as_one_are_found_loosely() -> None:
    gazetteer = Gazetteer.from_places(
        [Place("Turmus\u2018ayy\u0101", "PS", "West Bank", 32.04, 35.29, 3686, "P", "PPL", 2)]
    )
    found, loose = lookup_ex("Turmus Ayya", gazetteer)
    assert [p.country for p in found] == ["PS"] and loose


def test_a_demonym_with_city_is_no_place_name() -> None:
    gazetteer = Gazetteer.from_places(
        [
            Place("Kazakhstan", "KZ", "", 48.0, 68.0, 18_000_000, "A", "PCLI", 3),
            Place("Kazakh", "AZ", "Qazax", 41.09, 45.37, 18_000, "P", "PPL", 4),  # Azerbaijan's Qazax
            Place("Taiz", "YE", "Taiz", 13.58, 44.02, 600_000, "P", "PPL", 5),
        ],
        demonyms={"kazakh": "KZ"},
    )
    assert lookup_ex("Kazakh city", gazetteer)[0] == []  # "the Kazakh city of Aktobe"
    assert [p.name for p in lookup_ex("Taiz city", gazetteer)[0]] == ["Taiz"]


def test_a_tagged_place_spelt_with_an_o_for_a_u_is_found_loosely() -> None:
    gazetteer = Gazetteer.from_places(
        [Place("Nushki", "PK", "Balochistan", 29.55, 66.02, 48_572, "P", "PPL", 7)]
    )
    found, loose = lookup_ex("Noshki", gazetteer, tagged=True)
    assert [p.name for p in found] == ["Nushki"] and loose
    assert lookup_ex("Noshki", gazetteer)[0] == []  # an untagged word: "Muslim" is no "Moslim"


def test_a_bearing_written_as_one_word_finds_the_province_named_by_it() -> None:
    """ "Cameroon's Northwest region" is GeoNames' "North-West Province", even where a place is
    called Northwest itself."""
    gazetteer = Gazetteer.from_places(
        [
            Place("North-West Province", "CM", "North-West Province", 6.2, 10.4, 1_800_000, "A", "ADM1", 8),
            Place("Northwest", "US", "Indiana", 41.6, -87.4, 6_000, "P", "PPL", 9),
        ]
    )
    found, _ = lookup_ex("Northwest", gazetteer)
    assert {p.country for p in found} == {"CM", "US"}


def test_a_local_unit_is_named_after_its_seat_not_its_province() -> None:
    """ "Sagaing Township" and "Guma LGA" are the units around the town or district of that name;
    GeoNames holds no such unit, and the province of the same name lies far off."""
    gazetteer = Gazetteer.from_places(
        [
            Place("Sagaing", "MM", "Sagaing", 22.5, 95.4, 2_000_000, "A", "ADM1", 20),  # the region
            Place("Sagaing", "MM", "Sagaing", 21.88, 95.98, 78_739, "P", "PPLA", 21),  # its seat town
            Place("Guma", "NG", "Benue", 7.87, 8.79, 100, "A", "ADM2", 22),
        ]
    )
    assert [p.geonameid for p in lookup_ex("Sagaing Township", gazetteer)[0]] == [21]
    assert [p.geonameid for p in lookup_ex("Guma LGA", gazetteer)[0]] == [22]
    assert [p.geonameid for p in lookup_ex("Kamwenge sub-county", gazetteer)[0]] == []
