"""A date written into an event's name is that event's date; an article that only recalls
such an event (an anniversary, a memorial) reports no new one."""

from datetime import date

from sitrep.model import Article, EventRole


def test_an_anniversary_reports_no_new_event(extractor) -> None:
    text = (
        "POTOCARI, Bosnia-Herzegovina -- Thousands of people came together on Thursday to remember the "
        "1995 Srebrenica massacre on its 29th anniversary, as the remains of 14 victims were buried."
    )
    assert extractor.extract(Article("anniversary", date(2024, 7, 11), text)) == []


def test_the_named_year_dates_a_recalled_event(extractor) -> None:
    text = (
        "Gunmen killed four soldiers at a checkpoint in Kabul on Monday, the army said. Security in the "
        "capital has been tight since the 2021 Kabul airport bombing killed 170 people."
    )
    events = extractor.extract(Article("recall", date(2024, 5, 14), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].event_date.start == date(2024, 5, 13)
    recalled = [e for e in events if e.role is EventRole.BACKGROUND]
    assert recalled and all(e.event_date.start.year == 2021 for e in recalled)


def test_a_weekday_beats_the_writers_today(extractor) -> None:
    text = (
        "Insurgents took over the town of Mocimboa da Praia in the early hours of today (Monday 23 March), "
        "and by this afternoon the town remained in their hands, with no response from the army."
    )
    events = extractor.extract(Article("today", date(2020, 3, 24), text))
    assert events and events[0].event_date.start == date(2020, 3, 23)


def test_overnight_on_a_weekday_is_that_weekday(extractor) -> None:
    text = "Eleven soldiers were killed when their positions in Marib came under a Houthi attack overnight on Monday."
    events = extractor.extract(Article("overnight", date(2023, 11, 8), text))
    assert events and events[0].event_date.start == date(2023, 11, 6)


def test_an_undated_event_happened_by_the_day_it_was_reported(extractor) -> None:
    text = (
        "BEIRUT — Lebanese army units deployed in the villages of Alma al-Shaab and Tayr Harfa in southern "
        "Lebanon after Israeli troops pulled out of them, the army command said last night."
    )
    events = extractor.extract(Article("said", date(2025, 1, 8), text))
    assert events and events[0].event_date.start == date(2025, 1, 7)


def test_a_main_event_never_takes_a_recalled_date(extractor) -> None:
    """News is recent: a main event whose only date is months old ("the heaviest raid since
    Oct. 7, 2023") and whose lead names no recent day is dated by its report."""
    text = (
        "Drone strike kills two in Tulkarm camp\n\nAn Israeli drone strike on a house in the Tulkarm "
        "refugee camp has killed two Palestinians, medics said. It was the heaviest raid on the camp "
        "since Oct. 7, 2023."
    )
    events = extractor.extract(Article("stale", date(2024, 6, 20), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].event_date.start == date(2024, 6, 20)


def test_a_reports_date_stamp_gives_way_to_the_day_it_names(extractor) -> None:
    """A dateline's calendar date ("Niamey, March 14 (AFP):") is the report's; the day the
    story names for its news ("on Tuesday night") is the event's."""
    text = (
        "Niamey [Niger], March 14 (AFP): Gunmen killed four soldiers in an attack on an army post "
        "in the Tillaberi region, the ministry said.\n\nThe assailants struck the post on Tuesday night "
        "and fled towards the border, a security source said."
    )
    events = extractor.extract(Article("stamp", date(2024, 3, 14), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].event_date.start == date(2024, 3, 12)
