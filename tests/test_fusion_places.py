"""Fusion's place rules: two names of one town, two towns or days an article tells apart."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.fusion_places import same_name, told_apart
from sitrep.model import (
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    GeoPrecision,
    Location,
)

KALAT = Location("Kalat", "PK", "Balochistan", 29.0263, 66.5936, GeoPrecision.EXACT, 1174378, "town")
NUSHKI = Location("Nushki", "PK", "Balochistan", 29.5542, 66.0187, GeoPrecision.EXACT, 1169184, "town")
MASTUNG = Location("Mastung", "PK", "Balochistan", 29.7997, 66.8455, GeoPrecision.EXACT, 1170706, "town")
BALOCHISTAN = Location("Balochistan", "PK", "Balochistan", 28.5, 65.0, GeoPrecision.REGION, 1183606, "admin1")
MAX_KM = 30.0


def clash(key: str, article: str, place: Location, role: EventRole = EventRole.MAIN, day: int = 16) -> Event:
    """Militants' night attack on a Levies post, as the coder of ``article`` told it."""
    return Event(
        id=f"ev-{key}",
        article_id=article,
        event_date=EventDate(date(2025, 2, day), DatePrecision.DAY, DateSource.TEXT),
        event_type="Battles",
        sub_event_type="Armed clash",
        plover="ATTACK",
        cameo="190",
        role=role,
        actor1=None,
        actor2=None,
        location=place,
        fatalities=None,
    )


def test_one_town_under_two_names_is_one_name():
    assert same_name("Mocímboa", "Mocímboa da Praia") and not same_name("Kalat", "Nushki")


@pytest.mark.parametrize(
    ("sibling_place", "sibling_role", "other_place", "apart"),
    [
        (KALAT, EventRole.MAIN, NUSHKI, True),  # the round-up tells Kalat as its own event
        (KALAT, EventRole.BACKGROUND, NUSHKI, False),  # a recalled attack is no event of the night
        (MASTUNG, EventRole.MAIN, NUSHKI, False),  # a third town says nothing of Kalat
        (KALAT, EventRole.MAIN, KALAT, False),  # one town: nothing to tell apart
        (KALAT, EventRole.MAIN, BALOCHISTAN, False),  # a province may hold either town
    ],
)
def test_a_round_up_tells_its_two_towns_apart(sibling_place, sibling_role, other_place, apart):
    """Another outlet's Kalat report and the round-up's event elsewhere are two incidents when the
    round-up tells Kalat as another main event."""
    kalat = clash("a", "art-kalat", KALAT)
    round_up = clash("b", "art-round-up", other_place)
    sibling = clash("c", "art-round-up", sibling_place, sibling_role)
    assert told_apart(kalat, round_up, [kalat], [round_up, sibling], MAX_KM) is apart
    assert told_apart(round_up, kalat, [round_up, sibling], [kalat], MAX_KM) is apart


@pytest.mark.parametrize(
    ("round_up_day", "sibling_day", "apart"),
    [
        (17, 16, True),  # the article tells Kalat's 16th as another event: its 17th is another day's
        (17, 15, False),  # its other event is a third day: nothing says which day the 17th's is
        (16, 16, False),  # one day: the coder's duplicate, not another incident
    ],
)
def test_an_article_tells_one_towns_two_days_apart(round_up_day, sibling_day, apart):
    """Another outlet's report of the 16th's attack on Kalat and an article's Kalat event of another
    day are two incidents when that article tells Kalat's 16th as another main event."""
    kalat = clash("a", "art-kalat", KALAT)
    later = clash("b", "art-two-days", KALAT, day=round_up_day)
    sibling = clash("c", "art-two-days", KALAT, day=sibling_day)
    assert told_apart(kalat, later, [kalat], [later, sibling], MAX_KM) is apart
