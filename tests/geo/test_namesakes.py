"""A town the sentence puts inside a unit is not its namesake in another province."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.geo.gazetteer import Gazetteer, entity_patterns
from sitrep.geo.resolve import geoparse
from sitrep.nlp import build_pipeline, normalise_text


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(patterns=entity_patterns())


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("text", "town", "unit"),
    [
        (
            "Cartel gunmen attacked soldiers on Monday in El Aguaje, a hamlet in the Aguililla "
            "township of Michoacán state, killing six of them.",
            "El Aguaje",
            "Michoacan",
        ),
        (
            "Thirteen police officers were killed in an ambush near El Gavilán in the municipality "
            "of Taxco de Alarcón, in Guerrero state, on Tuesday.",
            "El Gavilán",
            "Guerrero",
        ),
    ],
)
def test_a_town_named_inside_a_unit_is_no_namesake_elsewhere(
    nlp: Language, gazetteer: Gazetteer, text: str, town: str, unit: str
) -> None:
    toponyms = geoparse(nlp(normalise_text(text)), gazetteer)
    units = [t.location for t in toponyms if t.location is not None and t.location.feature == "admin1"]
    assert units and units[0].admin1 == unit  # the story's unit is found
    named = [t for t in toponyms if t.span.text == town]
    assert named  # the town is a mention, but not of a namesake in another province
    assert all(t.location is None or t.location.admin1 == unit for t in named)


def test_a_town_inside_the_unit_named_after_it_stays(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Gunmen killed four people in Apatzingán, a city in Michoacán state, on Sunday."
    toponyms = geoparse(nlp(normalise_text(text)), gazetteer)
    town = next(t for t in toponyms if t.span.text == "Apatzingán")
    assert town.location is not None and town.location.admin1 == "Michoacan"
