"""Main or background, from the events' dates."""

from datetime import date

from handmade import clause, on

from sitrep.assemble.records import Draft
from sitrep.assemble.roles import assign_roles
from sitrep.model import Article, DatePrecision, EventRole

PUBLISHED = date(2024, 2, 8)
MAIN, BACKGROUND = EventRole.MAIN, EventRole.BACKGROUND


def drafts(*dates) -> list[Draft]:
    return [Draft([clause(i * 100, when=d)]) for i, d in enumerate(dates)]


def test_an_event_recalled_from_last_month_is_background() -> None:
    found = drafts(on(date(2024, 2, 7)), on(date(2024, 1, 1), DatePrecision.MONTH))
    assert assign_roles(found, PUBLISHED) == [MAIN, BACKGROUND]


def test_the_lead_is_main_even_when_a_later_day_follows() -> None:
    assert assign_roles(drafts(on(date(2024, 2, 6)), on(date(2024, 2, 7))), PUBLISHED) == [MAIN, MAIN]


def test_an_earlier_lead_gives_way_to_the_latest_events() -> None:
    found = drafts(on(date(2024, 1, 20)), on(date(2024, 2, 7)))
    assert assign_roles(found, PUBLISHED) == [BACKGROUND, MAIN]


def test_undated_events_are_main() -> None:
    assert assign_roles(drafts(None, None), PUBLISHED) == [MAIN, MAIN]


def test_an_undated_lead_is_weighed_on_the_day_its_story_names() -> None:
    found = drafts(None, on(date(2024, 2, 6)))
    assert assign_roles(found, PUBLISHED) == [MAIN, BACKGROUND]  # against the page's day
    assert assign_roles(found, PUBLISHED, lambda d: date(2024, 2, 6)) == [MAIN, MAIN]


def test_an_undated_headline_is_news_of_the_day_its_story_names(extractor) -> None:
    """A headline with no day of its own is coded on the story's day: "died in gun battles on
    Sunday" in a Tuesday page is the news it announces, not an event recalled before it; the late
    January clash stays background."""
    text = (
        "6 soldiers, 8 militants dead in Lanao del Norte gunfights\n\n"
        "COTABATO CITY - Six soldiers of the Army's 44th Infantry Battalion and eight Dawlah Islamiya "
        "militants died in fierce gun battles on Sunday in Barangay Ramain, Munai town, Lanao del Norte.\n\n"
        "In late January, nine Dawlah Islamiya members were killed in clashes with soldiers in Piagapo town, "
        "Lanao del Sur."
    )
    events = extractor.extract(Article("roles", date(2024, 2, 20), text))
    sunday = [e for e in events if e.event_date.start == date(2024, 2, 18)]
    assert sunday and all(e.role is MAIN for e in sunday), events
    assert [e.role for e in events if e.event_date.iso == "2024-01"] == [BACKGROUND]
