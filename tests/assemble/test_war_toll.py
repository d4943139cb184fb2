"""A conflict's running toll is never one event's fatalities."""

from datetime import date

from handmade import main_events


def test_the_wars_toll_is_not_the_events(extractor) -> None:
    text = (
        "Rwandan and Mozambican troops recaptured the port town of Mocimboa da Praia on Sunday, the army said. "
        "The conflict has left more than 3,000 people dead and 820,000 displaced."
    )
    events = main_events(extractor, text, date(2021, 8, 9))
    assert events and all(e.fatalities is None or e.fatalities.best < 3000 for e in events)


def test_hundreds_who_have_died_in_years_of_clashes_are_no_events_toll(extractor) -> None:
    text = (
        "Separatist fighters abducted 79 pupils and three staff from a school in Nkwen on Monday, the army "
        "said. Hundreds of people have died in clashes between the separatists and the army."
    )
    events = main_events(extractor, text, date(2018, 11, 5))
    assert events and all(e.fatalities is None or e.fatalities.best == 0 for e in events)
    assert events[0].sub_event_type == "Abduction/forced disappearance"


def test_a_toll_over_two_separate_attacks_is_not_one_events(extractor) -> None:
    text = (
        "Colombia: 18 killed and over 40 injured in two separate attacks\n\n"
        "A truck loaded with explosives blew up near a military aviation school in Cali on Thursday. "
        "Six people were killed and at least 71 others were hurt in the explosion."
    )
    events = main_events(extractor, text, date(2025, 8, 22))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 6


def test_an_attack_the_army_says_it_foiled_is_the_fighting(extractor) -> None:
    text = (
        "Mali's army said it had foiled a terrorist attack in Bamako early on Tuesday, when armed "
        "assailants stormed a military police school and clashed with soldiers for hours."
    )
    events = main_events(extractor, text, date(2024, 9, 17))
    assert events and events[0].sub_event_type != "Disrupted weapons use"


def test_a_war_that_went_on_killing_thousands_lends_no_toll(extractor) -> None:
    text = (
        "Tigrayan forces looted the WFP warehouses in Kombolcha on Sunday, the agency said. The war "
        "between the federal government and the leadership of Tigray has gone on for more than a year, "
        "killing thousands of civilians."
    )
    events = main_events(extractor, text, date(2021, 12, 8))
    assert events and all(e.fatalities is None or e.fatalities.best < 1000 for e in events)


def test_the_dead_a_peaceful_rally_mourns_are_not_its_toll(extractor) -> None:
    text = (
        "Tens of thousands of students rallied peacefully in Belgrade on Saturday, demanding that those "
        "responsible for the canopy collapse in Novi Sad, which killed 15 people, be brought to justice."
    )
    events = main_events(extractor, text, date(2025, 3, 16))
    assert events and events[0].sub_event_type == "Peaceful protest"
    assert events[0].fatalities is None


def test_a_suicide_bomber_who_also_died_is_counted_with_the_soldiers(extractor) -> None:
    text = (
        "At least nine soldiers were killed on Saturday when a suicide bomber rammed an army convoy "
        "near Bannu, the military said. The bomber blew himself up beside a troop truck."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 10))
    assert event.sub_event_type == "Suicide bomb"
    assert event.fatalities is not None and event.fatalities.best == 10


def test_a_toll_of_the_dead_may_already_hold_the_bomber(extractor) -> None:
    text = (
        "A suicide bombing at a church in Damascus on Sunday left 20 dead, the health ministry said. "
        "Officials said the man blew himself up among the worshippers during the evening service."
    )
    (event,) = main_events(extractor, text, date(2025, 6, 23))
    assert event.fatalities is not None and event.fatalities.best == 20


def test_bandits_a_weeks_bombardment_killed_are_no_abductions_toll(extractor) -> None:
    text = (
        "Gunmen abducted 40 villagers in Yankara on Friday night, residents said. The gunmen were "
        "fleeing a military bombardment that had killed more than 100 bandits within the week."
    )
    events = [
        e for e in main_events(extractor, text, date(2023, 4, 9)) if e.sub_event_type.startswith("Abduction")
    ]
    assert events and all(e.fatalities is None or e.fatalities.best == 0 for e in events)


def test_the_leads_toll_no_clause_took_is_the_main_events(extractor) -> None:
    """A report's headline and lead give its toll; when the event is built from a later
    sentence ("described the killings as a massacre"), the lead's dead are still its dead."""
    text = (
        "Official says gang raid on village killed several people\n\nGONAIVES, Haiti (AP) — Several "
        "people are dead after gang members stormed a village in the Artibonite region. Speaking "
        "Thursday to a radio station, a prosecutor described the killings as a massacre."
    )
    events = main_events(extractor, text, date(2024, 6, 20))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 3


def test_another_sources_higher_count_is_not_the_toll(extractor) -> None:
    """ACLED codes the lowest credible count: a hospital's higher figure is not taken unless
    the report says the toll rose."""
    lower = (
        "A bomb blast at a market in Kano killed five people on Monday, police said. A hospital "
        "official told reporters that eight people had died in the explosion."
    )
    events = main_events(extractor, lower, date(2024, 6, 20))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 5
    risen = (
        "A bomb blast at a market in Kano killed five people on Monday, police said. The death toll "
        "later rose to eight, a hospital official said."
    )
    events = main_events(extractor, risen, date(2024, 6, 20))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 8
