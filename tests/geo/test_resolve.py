"""Toponym resolution and event location on real text (needs the spaCy model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from sitrep.geo.gazetteer import Gazetteer, entity_patterns
from sitrep.geo.resolve import _km, geoparse, locate_event
from sitrep.model import GeoPrecision, Span, Toponym
from sitrep.nlp import build_pipeline, normalise_text

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_c367e14d7430fab3.txt"
BAGHDAD = (33.34058, 44.40088)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(patterns=entity_patterns())


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _parse(nlp: Language, gazetteer: Gazetteer, text: str) -> list[Toponym]:
    return geoparse(nlp(normalise_text(text)), gazetteer)


def _resolved(toponyms: list[Toponym], name: str) -> Toponym:
    return next(t for t in toponyms if t.span.text == name)


def test_baghdad_resolves_to_iraq(nlp: Language, gazetteer: Gazetteer) -> None:
    t = _resolved(_parse(nlp, gazetteer, "Protesters gathered in Baghdad on Friday."), "Baghdad")
    assert t.location is not None and t.location.country == "IQ"
    assert _km(t.location.latitude, t.location.longitude, *BAGHDAD) < 10


@pytest.mark.parametrize("name", ["Kyiv", "Kiev"])
def test_kyiv(nlp: Language, gazetteer: Gazetteer, name: str) -> None:
    t = _resolved(_parse(nlp, gazetteer, f"Explosions were heard in {name} and Lviv on Monday."), name)
    assert t.location is not None and t.location.country == "UA"


def test_paris_depends_on_context(nlp: Language, gazetteer: Gazetteer) -> None:
    plain = _resolved(_parse(nlp, gazetteer, "Police in Paris arrested two men."), "Paris")
    texan = _parse(nlp, gazetteer, "A tornado struck Lamar County, Texas. In Paris, police closed roads near Dallas.")
    assert plain.location is not None and plain.location.country == "FR"
    paris = _resolved(texan, "Paris")
    assert paris.location is not None and (paris.location.country, paris.location.admin1) == ("US", "Texas")


def test_jordan_is_the_country(nlp: Language, gazetteer: Gazetteer) -> None:
    t = _resolved(_parse(nlp, gazetteer, "Three soldiers were killed in a drone strike in Jordan."), "Jordan")
    assert t.location is not None and (t.location.country, t.location.feature) == ("JO", "country")


def test_unknown_place_gets_no_location(nlp: Language, gazetteer: Gazetteer) -> None:
    toponyms = _parse(nlp, gazetteer, "Fighting was reported in Qxzvbrtia, Flummoxistan.")
    assert all(t.location is None for t in toponyms)


def test_demonym_is_context_not_toponym(nlp: Language, gazetteer: Gazetteer) -> None:
    toponyms = _parse(nlp, gazetteer, "The Iraqi government condemned the strike.")
    assert all(t.span.text != "Iraqi" for t in toponyms)


def test_near_gives_precision_two() -> None:
    text = "Shelling hit a village near Kherson on Monday."
    loc = next(p for p in Gazetteer.default().candidates("Kherson") if p.feature_code == "PPL").to_location()
    start = text.index("Kherson")
    toponym = Toponym(Span(start, start + 7, "Kherson"), loc)
    result = locate_event([toponym], Span(0, 8, "Shelling"), text)
    assert result is not None and result[0].geo_precision is GeoPrecision.NEAR


@pytest.fixture(scope="module")
def seed(nlp: Language, gazetteer: Gazetteer) -> tuple[str, list[Toponym]]:
    if not SEED.exists():
        pytest.skip("seed article not available")
    raw = SEED.read_text(encoding="utf-8")
    text = raw[re.match(r"\s*date\s+\d{4}-\d{2}-\d{2}\s*", raw).end():]
    return text, _parse(nlp, gazetteer, text)


@pytest.mark.parametrize("trigger", ["drone strike", "hit a car"])
def test_seed_main_event_is_mashtal(seed: tuple[str, list[Toponym]], trigger: str) -> None:
    text, toponyms = seed
    start = text.index(trigger)
    result = locate_event(toponyms, Span(start, start + len(trigger), trigger), text)
    assert result is not None
    location, span = result
    assert (location.name, location.country, location.geo_precision) == ("Mashtal", "IQ", GeoPrecision.EXACT)
    assert _km(location.latitude, location.longitude, *BAGHDAD) < 25
    assert text[span.start : span.end] == "Mashtal"


def test_seed_background_strike_is_jordan(seed: tuple[str, list[Toponym]]) -> None:
    text, toponyms = seed
    start = text.index("strike on Jordan")
    result = locate_event(toponyms, Span(start, start + 6, "strike"), text)
    assert result is not None
    assert (result[0].name, result[0].country, result[0].geo_precision) == ("Jordan", "JO", GeoPrecision.REGION)


def test_no_toponyms_no_location() -> None:
    assert locate_event([], Span(0, 5, "fight"), "fight") is None
