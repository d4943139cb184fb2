"""Main or background, from the events' dates."""

from datetime import date

from handmade import clause, on

from sitrep.assemble.records import Draft
from sitrep.assemble.roles import assign_roles
from sitrep.model import DatePrecision, EventRole

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
