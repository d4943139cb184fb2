"""Names for people: spelling variants of stored place names and country names."""

from __future__ import annotations

import pytest

from sitrep.geo.names import country_name, place_names


@pytest.mark.parametrize(
    ("stored", "country", "typed"),
    [("Avdiyivka", "UA", "Avdiivka"), ("Kyiv", "UA", "Kiev"), ("Rafaḩ", "PS", "Rafah")],
)
def test_a_reader_spelling_is_an_alias_or_the_name_without_accents(
    stored: str, country: str, typed: str
) -> None:
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", stored) if not unicodedata.combining(c))
    assert typed in place_names().aliases_of(stored, country) or folded == typed


def test_country_names() -> None:
    assert country_name("UA") == "Ukraine"
    assert country_name("XX") == "XX"
