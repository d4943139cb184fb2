"""How a demonstration is coded: by what the story around its sentences says."""

from datetime import date

from handmade import main_events


def test_a_demonstration_is_coded_by_what_the_next_sentence_and_the_lead_say(extractor) -> None:
    text = (
        "Irate youths set police station ablaze in Ondo\n\n"
        "Young people in the town of Ifon marched on the police station on Saturday to protest "
        "the death of a boy in custody. They drove away the officers on duty before setting the "
        "station on fire.\n\n"
        "The state police command has yet to comment."
    )
    (event,) = main_events(extractor, text, date(2025, 2, 16))
    assert event.sub_event_type == "Violent demonstration"


def test_a_recalled_riot_in_the_next_sentence_does_not_make_todays_march_a_riot(extractor) -> None:
    text = (
        "Police in Nairobi on Tuesday used tear gas against people marching to protest police "
        "brutality.\n\n"
        "The march recalls the day in 1990 when violent protests erupted in Kenya with demands "
        "for free elections."
    )
    events = main_events(extractor, text, date(2020, 7, 8))
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


def test_protesters_killed_at_a_rally_is_excessive_force(extractor) -> None:
    text = (
        "Sudan: 5 pro-democracy protesters killed at rally against military coup\n\n"
        "Thousands marched in Khartoum on Saturday against the coup, and security forces fired "
        "tear gas at the crowds."
    )
    (event,) = main_events(extractor, text, date(2021, 11, 14))
    assert event.sub_event_type == "Excessive force against protesters"


def test_violence_feared_or_from_earlier_weeks_does_not_make_a_riot(extractor) -> None:
    text = (
        "Ugandan police arrest anti-corruption protesters in capital\n\n"
        "Police in Kampala arrested dozens of young people on Tuesday as they marched towards "
        "parliament to protest against corruption. Officers had warned that criminal elements could "
        "hijack the march to cause chaos, including looting and the destruction of property.\n\n"
        "In Santiago, more than a million people marched peacefully on Friday, following a week of "
        "violent protests against the government."
    )
    events = main_events(extractor, text, date(2024, 7, 24))
    assert events and all(e.event_type == "Protests" for e in events)


def test_a_crowd_that_hurled_stones_is_a_riot(extractor) -> None:
    text = (
        "Hundreds of youths protesting against a fuel price rise hurled stones at the police in "
        "Kisumu on Monday and burned tyres on the main road, police said."
    )
    (event,) = main_events(extractor, text, date(2024, 7, 9))
    assert event.sub_event_type == "Violent demonstration"


def test_a_rally_demanding_an_end_to_a_peace_treaty_makes_no_agreement(extractor) -> None:
    text = (
        "Thousands of Jordanians rallied near the Israeli embassy in Amman on Thursday, demanding an "
        "end to Jordan's peace treaty with Israel. Protesters called on the authorities to tear up "
        "the 1994 peace treaty."
    )
    events = main_events(extractor, text, date(2024, 3, 29))
    assert events and all(e.sub_event_type != "Agreement" for e in events)


def test_a_protesting_crowd_called_a_mob_that_burns_buildings_riots(extractor) -> None:
    text = (
        "Protesters angry over a rise in bread prices set fire to the district council office in "
        "Kitale on Monday, police said. Later the mob torched two police vehicles parked outside the "
        "market."
    )
    (event,) = main_events(extractor, text, date(2024, 5, 14))
    assert event.sub_event_type == "Violent demonstration"
    assert event.actor1 is not None and event.actor1.type == "Rioters"


def test_a_mob_that_sets_upon_a_person_is_mob_violence(extractor) -> None:
    text = (
        "A mob beat a suspected thief to death at the main market of Kitale on Monday and then "
        "set fire to his motorcycle, police said."
    )
    (event,) = main_events(extractor, text, date(2024, 5, 14))
    assert event.sub_event_type == "Mob violence"


def test_security_forces_who_shoot_at_a_crowd_are_its_police_unless_soldiers_are_named(extractor) -> None:
    police = (
        "Security forces opened fire on hundreds of protesters who had gathered outside the "
        "governor's office in Basra on Friday to demand jobs, killing two of them, medics said."
    )
    (event,) = main_events(extractor, police, date(2024, 8, 3))
    assert event.sub_event_type == "Excessive force against protesters"
    assert event.actor1 is not None and event.actor1.name == "Police Forces of Iraq"
    assert event.actor2 is not None and event.actor2.type == "Protesters"
    army = police.replace("Security forces", "Soldiers")
    (event,) = main_events(extractor, army, date(2024, 8, 3))
    assert event.actor1 is not None and event.actor1.name == "Military Forces of Iraq"


def test_a_mob_that_storms_a_police_station_to_lynch_a_man_has_him_as_its_victim(extractor) -> None:
    text = (
        "A mob stormed a police station in Sheikhupura on Sunday, dragged out a man the police "
        "were holding and beat him to death, officials said."
    )
    (event,) = main_events(extractor, text, date(2024, 6, 23))
    assert event.sub_event_type == "Mob violence"
    assert event.actor2 is not None and event.actor2.name == "Civilians (Pakistan)"


def test_rioters_shot_by_the_police_still_riot(extractor) -> None:
    text = (
        "Youths protesting against a fuel price rise torched a police post and smashed shop windows "
        "in Kisumu on Monday, and police fired live rounds at the protesters, witnesses said."
    )
    (event,) = main_events(extractor, text, date(2024, 7, 9))
    assert event.sub_event_type == "Violent demonstration"
    assert event.actor1 is not None and event.actor1.type == "Rioters"


def test_people_arrested_in_numbers_after_a_riot_are_its_rioters(extractor) -> None:
    """ACLED codes those held at or after a demonstration as its crowd, not as civilians."""
    text = (
        "Spanish police arrested eight people in Torre Pacheco on Monday after a third night of rioting. "
        "Rioters threw bottles and stones at officers and smashed shop windows in the town centre, "
        "and riot police fired rubber bullets to disperse them."
    )
    arrests = [e for e in main_events(extractor, text, date(2025, 7, 15)) if e.sub_event_type == "Arrests"]
    assert arrests
    assert {e.actor2.name for e in arrests if e.actor2 is not None} == {"Rioters (Spain)"}


def test_a_leader_held_after_a_rally_stays_a_civilian() -> None:
    from sitrep.assemble.actor_vote import the_crowd_held
    from sitrep.model import Actor

    civilians = Actor("Civilians (Armenia)", "Civilians", "AM")
    story = "Thousands of protesters rallied in Yerevan. Police later detained the archbishop at his home."
    held = the_crowd_held(
        "Arrests", civilians, "AM", "Police later detained the archbishop at his home.", story
    )
    assert held == civilians
    cue = "Police detained 98 protesters who had blocked the avenue."
    assert the_crowd_held("Arrests", civilians, "AM", cue, story).name == "Protesters (Armenia)"
