"""Fusion's blocking: which reports are compared at all (a border clash told from both sides)."""

from __future__ import annotations

from datetime import date

from sitrep.config import FusionSettings
from sitrep.fusion import Report
from sitrep.fusion_blocks import BlockIndex, countries_named
from sitrep.model import (
    Actor,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Location,
)

SETTINGS = FusionSettings()
DAY = date(2025, 5, 28)
UBON = Location(
    "Ubon Ratchathani", "TH", "Ubon Ratchathani", 15.244, 104.847, GeoPrecision.EXACT, 1605245, "city"
)
PREAH_VIHEAR = Location(
    "Preah Vihear", "KH", "Preah Vihear", 13.807, 104.98, GeoPrecision.EXACT, 1822029, "town"
)
PHNOM_PENH = Location("Phnom Penh", "KH", "Phnom Penh", 11.562, 104.916, GeoPrecision.EXACT, 1821306, "city")

THAI = (
    "Thai and Cambodian troops exchanged fire for about ten minutes on Wednesday at Chong Bok, "
    "a disputed stretch of the border in Ubon Ratchathani province, the Thai army said. "
    "One Cambodian soldier was killed."
)
KHMER = (
    "A Cambodian soldier was killed on Wednesday when Thai troops opened fire on a Cambodian "
    "position in the Mom Bei area of Preah Vihear province, the defence ministry in Phnom Penh said."
)
LOCAL = "Police in Preah Vihear said a soldier was killed on Wednesday in a shooting at a market."


def clash(key: str, location: Location, passage: str) -> Report:
    """A report of the day's border clash, placed where its outlet placed it."""
    event = Event(
        id=f"ev-{key}",
        article_id=f"art-{key}",
        event_date=EventDate(DAY, DatePrecision.DAY, DateSource.TEXT),
        event_type="Battles",
        sub_event_type="Armed clash",
        plover="FIGHT",
        cameo="190",
        role=EventRole.MAIN,
        actor1=Actor("Military Forces of Thailand", "State forces", "TH"),
        actor2=Actor("Military Forces of Cambodia", "State forces", "KH"),
        location=location,
        fatalities=Fatalities(1, 1, 1),
    )
    return Report.of(event, DAY, passage.split(". ")[0], passage)


def test_countries_named_are_the_others_the_passage_names():
    assert countries_named(clash("th", UBON, THAI)) == {"KH"}
    assert countries_named(clash("kh", PREAH_VIHEAR, KHMER)) == {"TH"}
    assert countries_named(clash("local", PREAH_VIHEAR, LOCAL)) == frozenset()


def test_each_side_of_a_border_clash_is_a_candidate_of_the_other():
    """Each side's outlet places the clash at home, far apart and in two countries: the report is
    still compared with the other country's reports its passage names, both ways round."""
    thai, khmer = clash("th", UBON, THAI), clash("kh", PHNOM_PENH, KHMER)
    index = BlockIndex(SETTINGS)
    for i, r in enumerate((thai, khmer)):
        index.add(i, r)
    assert 1 in index.near(thai)
    assert 0 in index.near(khmer)


def test_reports_of_two_countries_that_name_neither_are_not_compared():
    thai = clash("th", UBON, "Police in Ubon Ratchathani said a man was shot dead on Wednesday.")
    index = BlockIndex(SETTINGS)
    for i, r in enumerate((thai, clash("kh", PHNOM_PENH, LOCAL))):
        index.add(i, r)
    assert index.near(thai) == {0}
