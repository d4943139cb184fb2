"""Where an event happened: the page section when the story names no country; never where people fled or spoke."""

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


def test_where_people_fled_or_spoke_is_not_the_scene(extractor) -> None:
    text = (
        "Rebels attacked a school in Mpondwe, western Uganda, on Friday night, killing 25 students. The "
        "attackers withdrew across the border into the Democratic Republic of Congo, the police said at a "
        "press conference in Kampala."
    )
    events = extractor.extract(Article("scene", date(2023, 6, 17), text))
    assert events and events[0].location is not None
    assert events[0].location.country == "UG" and events[0].location.name != "Kampala"
