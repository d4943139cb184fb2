"""The words around a place name: datelines, destinations and landmarks are not the scene."""

import pytest

from sitrep.geo.cues import dateline_spans, is_elsewhere, is_settlement
from sitrep.model import Span


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Peshawar, Oct 11 (PTI) Militants on Friday kidnapped an engineer.", "Peshawar"),
        ("Mogadishu, Somalia — U.S. Africa Command carried out airstrikes.", "Mogadishu"),
        ("Jerusalem — Hundreds of Israeli settlers forced their way into a town.", "Jerusalem"),
        ("Guatemala City, Sep 20 (EFE).- Thousands of demonstrators marched.", "Guatemala City"),
    ],
)
def test_a_title_case_dateline_names_the_filing_city(text: str, place: str) -> None:
    assert [s.text for s in dateline_spans(text)] == [place]


@pytest.mark.parametrize(
    "text",
    ["Gunmen killed five people in Kano on Sunday.", "Police said on Friday that two men were held."],
)
def test_an_ordinary_sentence_has_no_dateline(text: str) -> None:
    assert dateline_spans(text) == []


def _span(text: str, name: str) -> Span:
    start = text.index(name)
    return Span(start, start + len(name), name)


@pytest.mark.parametrize(
    ("text", "name", "elsewhere"),
    [
        ("The bombing took place while a crowd waited for a train to leave for Peshawar.", "Peshawar", True),
        ("We are trying to move critical patients to Peshawar.", "Peshawar", True),
        (
            "The crowd stormed the police station at Warburton, some 80 kilometres from Lahore.",
            "Lahore",
            True,
        ),
        (
            "The crowd stormed the police station at Warburton, some 80 kilometres from Lahore.",
            "Warburton",
            False,
        ),
        ("A suicide bomber struck a rally in Quetta on Sunday.", "Quetta", False),
        ("The air force downed a drone launched from Somalia over the port of Mombasa.", "Somalia", True),
        ("Two rockets fired from the Gaza Strip fell near Ashkelon.", "Gaza Strip", True),
        ("Two rockets fired from the Gaza Strip fell near Ashkelon.", "Ashkelon", False),
        ("Gunmen shot dead pilgrims coming home from Mashhad at a bus stop in Herat.", "Mashhad", True),
        ("Gunmen shot dead pilgrims coming home from Mashhad at a bus stop in Herat.", "Herat", False),
        ("The convoy was ambushed while returning from Kidal.", "Kidal", True),
        (  # a journey's two ends are not where the travellers were stopped
            "The three traders were on their way from Bukavu when gunmen stopped their car at Kavumu.",
            "Bukavu",
            True,
        ),
        (
            "The three traders were on their way from Bukavu when gunmen stopped their car at Kavumu.",
            "Kavumu",
            False,
        ),
        ("The minibus had been travelling from the regional capital, Gao, to Ansongo.", "Ansongo", True),
        ("A convoy of lorries loaded with fuel and flour for Kidal hit a mine near Tessalit.", "Kidal", True),
        (
            "A convoy of lorries loaded with fuel and flour for Kidal hit a mine near Tessalit.",
            "Tessalit",
            False,
        ),
        ("A bomb tore through a crowded bus in Quetta on Sunday.", "Quetta", False),
    ],
)
def test_a_destination_or_a_landmark_is_not_the_scene(text: str, name: str, elsewhere: bool) -> None:
    assert is_elsewhere(_span(text, name), text) is elsewhere


@pytest.mark.parametrize(
    ("text", "name", "settlement"),
    [
        ("The gunmen rode into the town of Maga on motorcycles.", "Maga", True),
        ("The bomb went off in Khar, a town close to the Afghan border.", "Khar", True),
        ("Herdsmen attacked Yelewata community in Guma.", "Yelewata", True),
        ("Herdsmen attacked Yelewata community in Guma.", "Guma", False),
    ],
)
def test_the_text_can_call_a_name_a_town_or_village(text: str, name: str, settlement: bool) -> None:
    assert is_settlement(_span(text, name), text) is settlement


@pytest.mark.parametrize(
    ("text", "name", "elsewhere"),
    [
        (
            "The assistant chief constable told reporters in Belfast that the officer found a bomb under "
            "her car outside her home in Dungiven.",
            "Belfast",
            True,
        ),
        (
            "The assistant chief constable told reporters in Belfast that the officer found a bomb under "
            "her car outside her home in Dungiven.",
            "Dungiven",
            False,
        ),
        (
            "The minister said at a news conference in Nairobi that the raid on Mandera failed.",
            "Nairobi",
            True,
        ),
        ("Speaking to journalists in Islamabad, the spokesman condemned the attack.", "Islamabad", True),
        ("The march went ahead in Nairobi as police watched.", "Nairobi", False),
    ],
)
def test_where_an_official_briefed_the_press_is_not_the_scene(text: str, name: str, elsewhere: bool) -> None:
    assert is_elsewhere(_span(text, name), text) is elsewhere
