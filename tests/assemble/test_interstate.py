"""Fighting and accords between two states: each state is a side."""

from datetime import date

import pytest

from sitrep.assemble.interstate import without_host
from sitrep.model import Actor, Article, EventRole, GeoPrecision, Location


def _events(extractor, text: str, published: date):
    return [e for e in extractor.extract(Article("s", published, text)) if e.role is EventRole.MAIN]


def test_a_cross_border_barrage_is_the_launching_state_against_the_target(extractor) -> None:
    text = (
        "Iran sent attack drones and missiles toward Israel on Saturday night, hitting back for a strike "
        "in Syria. Most were intercepted before they entered Israeli airspace, the army said."
    )
    events = _events(extractor, text, date(2024, 4, 14))
    sides = {
        (e.sub_event_type, e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
        for e in events
    }
    assert (
        "Shelling/artillery/missile attack",
        "Military Forces of Iran",
        "Military Forces of Israel",
    ) in sides


def test_a_prisoner_swap_is_between_the_two_armies(extractor) -> None:
    text = "Ukraine and Russia started swapping detainees on Friday in a landmark exchange of 390 prisoners each."
    (event,) = _events(extractor, text, date(2025, 5, 23))
    assert event.sub_event_type == "Agreement"
    assert {event.actor1.name, event.actor2.name} == {
        "Military Forces of Ukraine",
        "Military Forces of Russia",
    }


def test_a_neighbour_named_as_a_place_is_not_a_side(extractor) -> None:
    text = "Malian troops clashed with jihadists near the border with Niger on Monday, killing 12 fighters."
    (event,) = _events(extractor, text, date(2024, 3, 5))
    assert event.actor2 is None or event.actor2.type != "State forces"


def test_a_battle_away_from_any_border_is_not_between_the_states_it_names(extractor) -> None:
    text = (
        "Heavy clashes broke out in El Geneina in Darfur on Monday, sending thousands of Sudanese into Chad."
    )
    for event in _events(extractor, text, date(2023, 6, 13)):
        assert not (
            event.actor1 and event.actor2 and {event.actor1.type, event.actor2.type} == {"State forces"}
        )


def test_the_state_that_downed_the_drones_is_actor_1() -> None:
    """Drones downed over Bryansk were downed by Russia's forces, whichever side the ranker put first;
    a non-state side over its own country (the Houthis over Saada) is no interceptor."""
    from sitrep.assemble.interstate import interceptor_first
    from sitrep.model import Actor, GeoPrecision, Location

    russia = Actor("Military Forces of Russia", "State forces", "RU")
    ukraine = Actor("Military Forces of Ukraine", "State forces", "UA")
    houthis = Actor("Houthi Movement (Ansar Allah)", "Rebel group", "YE")
    saudi = Actor("Military Forces of Saudi Arabia", "State forces", "SA")
    bryansk = Location("Bryansk", "RU", "Bryansk", 53.25, 34.37, GeoPrecision(1))
    saada = Location("Saada", "YE", "Saada", 16.94, 43.76, GeoPrecision(1))
    assert interceptor_first(ukraine, russia, bryansk) == (russia, ukraine)
    assert interceptor_first(russia, ukraine, bryansk) == (russia, ukraine)
    assert interceptor_first(saudi, houthis, saada) == (saudi, houthis)


_RUSSIA = Actor("Military Forces of Russia", "State forces", "RU")
_UKRAINE = Actor("Military Forces of Ukraine", "State forces", "UA")
_US = Actor("Military Forces of the United States", "State forces", "US")
_ISRAEL = Actor("Military Forces of Israel", "State forces", "IL")
_HOUTHIS = Actor("Houthi Movement (Ansar Allah)", "Rebel group", "YE")


@pytest.mark.parametrize(
    ("cue", "ranked", "expected"),
    [
        (
            "Ukraine's air defences brought down 17 of the 22 Russian drones sent against its south overnight.",
            (_RUSSIA, _UKRAINE),
            (_UKRAINE, _RUSSIA),
        ),
        (
            "Houthi rebels said they shot down a U.S. MQ-9 Reaper drone over Marib province on Sunday.",
            (_US, _HOUTHIS),
            (_HOUTHIS, _US),
        ),
        (  # the Israeli boat downed the drone: Israel's forces are no sender
            "An Israeli Navy missile boat intercepted over the Mediterranean a drone launched from Yemen.",
            (_ISRAEL, _HOUTHIS),
            (_ISRAEL, _HOUTHIS),
        ),
    ],
)
def test_the_side_whose_weapons_were_downed_is_actor_2(cue: str, ranked: tuple, expected: tuple) -> None:
    """Where the place does not say who shot the weapons down, their owner's word does: "Russian
    drones" were sent by Russia's forces, whichever side the ranker put first."""
    from sitrep.assemble.interstate import interceptor_first

    assert interceptor_first(*ranked, None, cue) == expected


_DOHA = Location("Doha", "QA", "Baladiyat ad Dawhah", 25.29, 51.53, GeoPrecision.EXACT)


@pytest.mark.parametrize(
    ("ranked", "cue", "expected"),
    [
        (  # Qatar announced and mediated the accord: the two states that agreed are its parties
            (
                Actor("Government of Qatar", "Government", "QA"),
                Actor("Government of Pakistan", "Government", "PK"),
            ),
            "Afghanistan and Pakistan have agreed a ceasefire, Qatar's Foreign Ministry announced on Sunday after "
            "talks held in Doha with Qatar and Turkiye acting as mediators.",
            ("Government of Pakistan", "Government of Afghanistan"),
        ),
        (  # an armed group's accord with a state: the state stays a party wherever it signed
            (
                Actor("Government of Qatar", "Government", "QA"),
                Actor("M23: March 23 Movement", "Rebel group", "CD"),
            ),
            "The M23 signed a framework for peace in Doha on Saturday, Qatar's Foreign Ministry said.",
            ("Government of Qatar", "M23: March 23 Movement"),
        ),
    ],
)
def test_the_host_or_mediator_of_an_accord_between_two_states_is_no_party(ranked, cue, expected) -> None:
    actor1, actor2 = without_host(ranked, _DOHA, cue)
    assert (actor1 and actor1.name, actor2 and actor2.name) == expected


def test_an_accord_made_in_doha_is_the_two_states_that_agreed(extractor) -> None:
    text = (
        "Qatar announces ceasefire between Pakistan and Afghanistan\n\n"
        "DOHA, Oct 19 (KUNA) -- Afghanistan and Pakistan have agreed to an immediate ceasefire, Qatar's Foreign "
        "Ministry announced on Sunday.\n\nThe ministry said the agreement came out of negotiations held in Doha "
        "with Qatar and Turkiye acting as mediators, after a week of deadly clashes on the border."
    )
    accord = next(e for e in _events(extractor, text, date(2025, 10, 19)) if e.sub_event_type == "Agreement")
    parties = {a.name for a in (accord.actor1, accord.actor2) if a is not None}
    assert parties == {"Government of Pakistan", "Government of Afghanistan"}


def test_a_smugglers_drone_is_an_unidentified_armed_group_of_the_country_it_came_from(extractor) -> None:
    """ACLED codes a drone downed on its way in with heroin for smugglers as an unidentified armed
    group's of the country it came from, not that state's forces."""
    text = (
        "The Border Security Force (BSF) on Monday shot down a Pakistani drone near the international border "
        "in Punjab's Tarn Taran district and recovered three packets of heroin from it. "
        '"Vigilant troops foiled another smuggling attempt through a Pak drone," a BSF spokesperson said.'
    )
    (event,) = _events(extractor, text, date(2023, 3, 6))
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor2 is not None
    assert event.actor2.name == "Unidentified Armed Group (Pakistan)"


_JORDAN = Actor("Military Forces of Jordan", "State forces", "JO")
_SYRIA = Actor("Military Forces of Syria", "State forces", "SY")


@pytest.mark.parametrize(
    ("ranked", "story", "expected"),
    [
        (
            (_JORDAN, _SYRIA),
            "Jordanian troops downed a drone carrying narcotics from Syria, the army said.",
            "Unidentified Armed Group (Syria)",
        ),
        (  # no smugglers: the drones are the state's own
            (_UKRAINE, _RUSSIA),
            "Ukraine's air defences brought down 17 of the 22 Russian drones sent against its south overnight.",
            "Military Forces of Russia",
        ),
    ],
)
def test_only_a_smugglers_drone_loses_its_state(ranked: tuple, story: str, expected: str) -> None:
    from sitrep.assemble.interstate import smugglers_not_state
    from sitrep.events import Lexicon

    _, sender = smugglers_not_state(*ranked, story, Lexicon.default())
    assert sender is not None and sender.name == expected
