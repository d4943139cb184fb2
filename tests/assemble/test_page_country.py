"""A story that names no country of its own is placed in the country its page files it under."""

from datetime import date

from sitrep.model import Article


def test_the_section_line_gives_the_country_when_the_story_names_none(extractor) -> None:
    text = (
        "Greek City Times | Greece | Politics\n\n"
        "Police Break Up Rally in Syntagma\n\n"
        "Riot police fired tear gas to break up a huge demonstration over the rail disaster on Sunday, "
        "and officers arrested several protesters, witnesses said."
    )
    events = extractor.extract(Article("section", date(2025, 1, 27), text))
    assert events and events[0].location is not None
    assert events[0].location.country == "GR"
    assert events[0].actor1 is not None and events[0].actor1.name == "Protesters (Greece)"
