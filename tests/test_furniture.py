"""Page furniture: what a news page carries besides the story is found and kept apart."""

from __future__ import annotations

from sitrep.furniture import dateline_spans, filing_places, furniture_spans, inside, office_places
from sitrep.model import Span

PAGE = """World News | Africa | Sahel
Gunmen kill 12 at a market in northern town
By JANE DOE
March 23, 2024 04:02 am | Updated 06:10 am IST
[Photo] Smoke rises over the market after the attack. (AP Photo/John Roe)
BAMAKO, March 23 (Reuters) - Gunmen on motorbikes killed 12 traders at a market on Friday, officials said.
The army said it had sent reinforcements to the area.
Read more:
Capitol riot suspect sentenced to five years
Floods displace thousands in the south
Advertisement
"""


def lines_of(spans: list[Span]) -> set[str]:
    return {PAGE[s.start : s.end].strip() for s in spans}


def test_navigation_byline_stamp_caption_and_teasers_are_furniture():
    found = lines_of(furniture_spans(PAGE))
    assert "World News | Africa | Sahel" in found
    assert "By JANE DOE" in found
    assert "March 23, 2024 04:02 am | Updated 06:10 am IST" in found
    assert any(line.startswith("[Photo]") for line in found)
    assert {"Read more:", "Capitol riot suspect sentenced to five years", "Advertisement"} <= found


def test_a_video_teaser_is_furniture() -> None:
    page = (
        "Defence spending hits a record.\n\nGo to video: Chad threatens to exit force after deadly attack\n"
    )
    found = {page[s.start : s.end].strip() for s in furniture_spans(page)}
    assert "Go to video: Chad threatens to exit force after deadly attack" in found


def test_the_headline_and_the_story_are_not_furniture():
    found = lines_of(furniture_spans(PAGE))
    assert "Gunmen kill 12 at a market in northern town" not in found
    assert not any("traders" in line or "reinforcements" in line for line in found)


def test_a_dateline_is_the_reports_date_not_the_story():
    (dateline,) = dateline_spans(PAGE)
    assert PAGE[dateline.start : dateline.end] == "BAMAKO, March 23 (Reuters)"
    story = PAGE.index("Gunmen on motorbikes")
    assert not inside(furniture_spans(PAGE), Span(story, story + 6))


def test_filing_places_are_the_cities_heading_a_story() -> None:
    text = (
        "Home | World\n\nSoldiers killed\n\n"
        "PORT-AU-PRINCE, Haiti (AP) — Gangs stormed a town.\n"
        "KABUL, Feb 13, 2025 (BSS/AFP) - A bomb went off.\n"
        "BISHKEK. March 13 (Interfax) - Talks ended.\n"
        "(Nairobi) – Security forces fired on protesters.\n"
        "(MENAFN- Kashmir Observer) Srinagar- A grenade went off.\n"
        "Police said the MAIN ROAD - was closed, and Gaza - a strip - was hit.\n"
    )
    assert [s.text for s in filing_places(text)] == ["PORT-AU-PRINCE", "KABUL", "BISHKEK", "Srinagar"]
    assert [s.text for s in office_places(text)] == ["Nairobi"]


def test_a_dateline_after_the_feeds_source_is_the_reports_date() -> None:
    text = "(MENAFN- IANS) Ramallah, Aug 16 (IANS) Gunfire from settlers killed one Palestinian."
    assert [s.text for s in dateline_spans(text)] == ["(MENAFN- IANS) Ramallah, Aug 16 (IANS)"]


def test_a_photo_captions_line_is_told_apart_from_the_story() -> None:
    from sitrep.furniture import in_caption

    text = (
        "[Photo caption: Soldiers confront protesters in the town of Zvecan on Monday. Photo: Reuters]\n\n"
        "Protesters clashed with soldiers in Zvecan on Monday."
    )
    first = text.index("Zvecan")
    second = text.index("Zvecan", first + 1)
    assert in_caption(text, Span(first, first + 6, "Zvecan"))
    assert not in_caption(text, Span(second, second + 6, "Zvecan"))
