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
