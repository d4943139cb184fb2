"""A group that claims an attack, or that the bomber belonged to, is actor 1 (ACLED's rule);
a victim's membership is not a claim."""

from datetime import date

import pytest

from sitrep.assemble.perpetrator import blamed
from sitrep.model import Article, EventRole


def _main(extractor, text: str):
    events = [e for e in extractor.extract(Article("p", date(2024, 1, 5), text)) if e.role is EventRole.MAIN]
    assert events
    return events[0]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Two bombings tore into a crowd in Kerman on Wednesday, killing 91 people. The bombings, "
            "which Daesh has claimed, struck near the cemetery.",
            "Islamic State",
        ),
        (
            "Gunmen stormed Lido Beach in Mogadishu late on Friday, killing 37 people. Al-Shabab, the armed "
            "group linked to al-Qaeda, said through an affiliated radio station that it was responsible.",
            "Al Shabaab",
        ),
        (
            "A suicide bomber blew himself up inside a church in Damascus on Sunday, killing 20 worshippers. "
            "The interior ministry said the man who blew himself up belonged to the Islamic State.",
            "Islamic State",
        ),
        (
            "ISIS Says It Carried Out Kerman Blasts\n\nThe terrorist group ISIS has taken responsibility for "
            "the explosions in Kerman, a city in Iran, that killed 84 people on Wednesday.",
            "Islamic State",
        ),
        (
            "Gunmen killed eight telecom workers in Beoga on Wednesday, police said. The West Papua National "
            "Liberation Army later acknowledged they had carried out the shootings.",
            "TPNPB: West Papua National Liberation Army",
        ),
        (
            "A militia attack on a camp for displaced people in Ituri killed more than 40 people on Monday. "
            'Officials blamed the killings at the "LALA" camp on the Cooperative for the Development of the '
            "Congo (CODECO), one of the many militias in the east.",
            "CODECO: Cooperative for Development of Congo",
        ),
    ],
)
def test_the_claimed_or_named_group_is_actor1(extractor, text: str, group: str) -> None:
    event = _main(extractor, text)
    assert event.actor1 is not None and event.actor1.name == group
    assert event.actor2 is None or event.actor2.name != group


def test_the_claim_is_the_evidence(extractor) -> None:
    text = "Two bombings struck Kerman on Wednesday. The bombings, which Daesh has claimed, killed 91 people."
    event = _main(extractor, text)
    assert "Daesh has claimed" in event.evidence["actor1_claimed"].text


def test_a_victims_group_is_not_the_attacker(extractor) -> None:
    text = (
        "A US drone strike killed a senior commander of Kataib Hezbollah in Baghdad on Wednesday, the latest "
        "in a series of strikes on figures belonging to Iran-backed militias."
    )
    event = _main(extractor, text)
    assert event.actor1 is None or event.actor1.type == "State forces"


def test_a_group_named_in_the_event_clause_keeps_actor1(extractor) -> None:
    text = (
        "Al-Shabaab fighters stormed a police post in Beledweyne on Friday, killing five officers. "
        "The Islamic State group has claimed several attacks in Puntland this year."
    )
    event = _main(extractor, text)
    assert event.actor1 is not None and event.actor1.name == "Al Shabaab"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Four soldiers were killed on Sunday when a landmine exploded under their vehicle near Kolofata. "
            "No group has claimed the blast, although Boko Haram is strongly suspected.",
            "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
        ),
        (
            "Nine people, among them an Irish missionary, were abducted from an orphanage in Kenscoff on "
            "Sunday. Nobody has claimed responsibility. The criminal coalition Viv Ansanm, which is suspected "
            "of the Kenscoff attack, controls most of the capital.",
            "Viv Ansanm",
        ),
    ],
)
def test_the_group_the_report_suspects_is_actor1_though_no_one_claimed(
    extractor, text: str, group: str
) -> None:
    """ACLED codes the group the report lays the attack on, even where no one claimed it."""
    event = _main(extractor, text)
    assert event.actor1 is not None and event.actor1.name == group


@pytest.mark.parametrize(
    ("text", "group", "expected"),
    [
        ("Charles blamed allies of Fantom 509 for the mass killing.", "Fantom 509", True),
        ("Blame for the Pont-Sonde attack fell on the Grand Grif gang.", "Grand Grif", True),
        ("The minister put the blame on the Mordisco group.", "Mordisco", True),
        ("The killings have been blamed on the rebel Oromo Liberation Army.", "Oromo", True),
        ("No group has claimed it, although Boko Haram is strongly suspected.", "Boko Haram", True),
        ("A spokesman for Fantom 509 was killed in the same area.", "Fantom 509", False),
        ("Boko Haram fighters were pushed out of Sambisa forest last week.", "Boko Haram", False),
    ],
)
def test_the_wordings_of_blame(text: str, group: str, expected: bool) -> None:
    start = text.index(group)
    assert blamed(text, start, start + len(group)) is expected


def test_the_ruling_taliban_plant_no_bombs(extractor) -> None:
    """Since September 2021 ACLED codes the Taliban as Afghanistan's state forces: a Kabul bombing
    their spokesman reports is an unidentified armed group's."""
    text = (
        "A bomb exploded at the entrance of the Eid Gah mosque in Kabul on Sunday, killing at least five "
        "civilians, Taliban spokesman Zabihullah Mujahid said. The Taliban said their fighters had sealed off "
        "the area after the blast."
    )
    events = [e for e in extractor.extract(Article("p", date(2021, 10, 4), text)) if e.role is EventRole.MAIN]
    assert events[0].actor1 is not None and events[0].actor1.name == "Unidentified Armed Group (Afghanistan)"
