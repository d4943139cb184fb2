"""The codebook: one home for every code, and every consumer reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.codebook import Codebook, codebook, distance_km, haversine_km
from sitrep.events import Lexicon
from sitrep.export import disorder_type, inter_code
from sitrep.model import DatePrecision, GeoPrecision, Location

BOOK = codebook()
SUB_TYPES = [s for s in BOOK.sub_event_types.values() if s.name != BOOK.fallback]


def _cli_choices(command: str, option: str) -> set[str]:
    """The choices a CLI option offers, read from its --help text as a user sees it."""
    help_text = CliRunner().invoke(main, [command, "--help"], terminal_width=400).output
    match = re.search(re.escape(option) + r" \[([^\]]+)\]", " ".join(help_text.split()))
    assert match, help_text
    return {c.strip() for c in match.group(1).split("|")}


@pytest.fixture(scope="module")
def sub_type_choices() -> set[str]:
    return _cli_choices("events", "--sub-type")


@pytest.mark.parametrize("sub", SUB_TYPES, ids=lambda s: s.name)
def test_every_sub_type_is_fully_coded(sub, sub_type_choices) -> None:
    assert sub.event_type in BOOK.event_types
    assert sub.disorder, "disorder type"
    assert re.fullmatch(r"[A-Z]+", sub.plover), "PLOVER code"
    assert re.fullmatch(r"\d{3,4}", sub.cameo), "CAMEO code"
    assert sub.name in sub_type_choices, "CLI choice"
    assert re.fullmatch(r"#[0-9a-f]{6}", BOOK.event_types[sub.event_type].colour), "colour"


def test_the_fallback_is_a_known_sub_type_without_codes() -> None:
    other = BOOK.sub_event_type("no such sub-type")
    assert other.name == BOOK.fallback == "Other"
    assert (other.event_type, other.plover, other.cameo) == ("Strategic developments", "", "")


@pytest.mark.parametrize("command", ["events", "export", "incidents"])
def test_cli_choices_are_the_codebook(command: str) -> None:
    assert _cli_choices(command, "--sub-type") == set(BOOK.sub_event_types)
    assert _cli_choices(command, "--type") == set(BOOK.event_types)


def test_every_trigger_names_a_codebook_sub_type() -> None:
    lexicon = Lexicon.default()
    assert {sub for sub, _ in lexicon.trigger_kinds if sub} <= set(BOOK.sub_event_types)
    assert lexicon.codes_for("Air/drone strike") is BOOK.sub_event_types["Air/drone strike"]


def test_a_trigger_with_an_unknown_sub_type_is_refused() -> None:
    text = Path(__file__).parents[1].joinpath("src/sitrep/data/event_lexicon.yaml").read_text("utf-8")
    with pytest.raises(ValueError, match="Car chase"):
        Lexicon.from_yaml(text.replace("sub: Grenade,", "sub: Car chase,"))


def test_a_sub_type_of_an_unknown_type_is_refused() -> None:
    text = Path(__file__).parents[1].joinpath("src/sitrep/data/codebook.yaml").read_text("utf-8")
    with pytest.raises(ValueError, match="Sea battles"):
        Codebook.from_yaml(text.replace("Armed clash: {type: Battles", "Armed clash: {type: Sea battles"))


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("riots", "", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Strategic developments", "Arrests", "Strategic developments"),
        ("Sea battles", "", ""),
    ],
)
def test_disorder_type(event_type: str, sub: str, expected: str) -> None:
    assert BOOK.disorder_type(event_type, sub) == expected == disorder_type(event_type, sub)


@pytest.mark.parametrize(
    ("actor_type", "expected"),
    [("State forces", 1), ("rebel groups", 2), ("Civilians", 7), ("external forces", 8), ("Government", 8)],
)
def test_inter_codes(actor_type: str, expected: int) -> None:
    assert BOOK.inter_code(actor_type) == expected == inter_code(actor_type, "x")


def test_actor_groups() -> None:
    assert BOOK.non_state_types() == {"Rebel group", "Political militia", "Identity militia"}
    assert BOOK.non_state_types() < BOOK.armed_types()
    assert "Civilians" not in BOOK.armed_types()


def test_rankings() -> None:
    ranks = [BOOK.date_rank(p) for p in (DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH)]
    assert ranks == sorted(ranks) and len(set(ranks)) == 3
    assert BOOK.place_rank("neighbourhood") < BOOK.place_rank("town") < BOOK.place_rank("admin1")
    assert BOOK.place_rank("admin1") < BOOK.place_rank("country")
    assert BOOK.place_rank("something new") == BOOK.place_rank("town")  # any populated place
    assert BOOK.geonames_ranks["PPLC"] == BOOK.place_rank("city")


def test_families_link_violence_with_violence_only() -> None:
    assert BOOK.same_family("Battles", "Explosions/Remote violence")
    assert BOOK.same_family("Protests", "Riots")
    assert not BOOK.same_family("Battles", "Protests")
    assert not BOOK.same_family("Sea battles", "Sea battles")


def test_one_distance() -> None:
    baghdad = Location("Baghdad", "IQ", "Baghdad", 33.3406, 44.4009, GeoPrecision.EXACT)
    basra = Location("Basra", "IQ", "Basra", 30.5085, 47.7804, GeoPrecision.EXACT)
    assert distance_km(baghdad, basra) == pytest.approx(449, abs=3)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.1)  # half the equator


def test_json_for_the_page() -> None:
    book = BOOK.to_json()
    assert [t["name"] for t in book["event_types"]] == list(BOOK.event_types)
    assert all(t["colour"].startswith("#") for t in book["event_types"])
    assert {s["name"] for s in book["sub_event_types"]} == set(BOOK.sub_event_types)


def test_sub_types_without_deaths_are_acleds_non_lethal_ones() -> None:
    book = codebook()
    without = {name for name, sub in book.sub_event_types.items() if not sub.deaths}
    assert {"Peaceful protest", "Protest with intervention", "Agreement", "Arrests"} <= without
    assert not without & {"Excessive force against protesters", "Armed clash", "Attack", "Mob violence"}


def test_within_km_agrees_with_the_great_circle_distance_on_both_sides_of_the_limit():
    """The latitude shortcut must never settle a pair the full distance would settle otherwise."""
    import random

    from sitrep.codebook import haversine_km, within_km

    rng = random.Random(5)
    pairs = [(36.19, 44.01, 36.34, 43.13), (33.31, 44.36, 34.66, 44.36), (0.0, 179.9, 0.0, -179.9)]
    pairs += [
        (rng.uniform(-80, 80), rng.uniform(-180, 180), rng.uniform(-80, 80), rng.uniform(-180, 180))
        for _ in range(300)
    ]
    pairs += [
        (lat, lon, lat + rng.uniform(-3, 3), lon + rng.uniform(-3, 3)) for lat, lon, _, _ in pairs[:300]
    ]
    for km in (25.0, 150.0, 300.0):
        for pair in pairs:
            assert within_km(*pair, km) == (haversine_km(*pair) < km), (pair, km)
    assert within_km(33.31, 44.36, 34.66, 44.36, 151.0) and not within_km(33.31, 44.36, 34.66, 44.36, 149.0)
