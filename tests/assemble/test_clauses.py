"""Clauses and what attaches to them: small decisions, and one on real text."""

from datetime import date

import pytest
import spacy
from handmade import main_events, town

from sitrep.assemble.clauses import _only_context, _story_relative, opens_a_period, said_on
from sitrep.assemble.records import _CLOCK_ONLY, Clause, Tree
from sitrep.events import GENERIC, STRONG, EventMention
from sitrep.model import DatePrecision, Span, TimeExpression
from sitrep.nlp import focus_text


@pytest.mark.parametrize(
    ("phrase", "clock_only"),
    [
        ("about 2 p.m.", True),
        ("at 7 a.m. local time", True),
        ("4.30 p.m.", True),
        ("3 June", False),  # a day, not a time of day
        ("9:30 p.m. (Baghdad Time) February 7", False),
        ("Tuesday", False),
    ],
)
def test_a_time_of_day_does_not_date_an_event(phrase, clock_only):
    assert bool(_CLOCK_ONLY.match(phrase)) is clock_only


@pytest.mark.parametrize(
    ("phrase", "relative"),
    [
        ("about an hour later", True),
        ("the previous day", True),
        ("earlier this week", False),
        ("last night", False),
    ],
)
def test_story_relative_times_are_not_anchored_on_the_article_date(phrase, relative):
    t = TimeExpression(
        Span(0, len(phrase), phrase), "DATE", "2024-02-08", date(2024, 2, 8), DatePrecision.DAY
    )
    assert _story_relative(t) is relative


def test_said_on_a_weekday_dates_the_statement_not_the_bombing(extractor) -> None:
    text = (
        "KABUL, Feb 13, 2025 (BSS/AFP) - The Islamic State group said on Wednesday it was behind a suicide "
        "bombing at a bank in northern Afghanistan that killed eight people.\n\n"
        "On Tuesday a suicide bomber struck outside a bank in the northern city of Kunduz."
    )
    events = main_events(extractor, text, date(2025, 2, 13))
    assert events and events[0].event_date.start == date(2025, 2, 11)


def test_reports_on_a_weekday_date_the_reports(extractor) -> None:
    text = (
        "Armed men have abducted about 80 people, most of them students, in the Cameroonian city of "
        "Bamenda, according to reports on Monday evening. At least 80 people were seized from a "
        "Presbyterian school in Bamenda on Sunday by a group of armed men."
    )
    events = main_events(extractor, text, date(2018, 11, 5))
    assert events and events[0].event_date.start == date(2018, 11, 4)


def test_towns_listed_after_among_them_each_get_the_event(extractor) -> None:
    text = (
        "BAGHDAD - Iraqi security forces fired tear gas at protesters in Baghdad on Monday. "
        "Overnight in Tayaran Square protesters hurled petrol bombs and stones at police. In other "
        "parts of southern Iraq, hundreds of protesters set tyres on fire and shut main roads in "
        "several cities, among them Nassiriya, Kerbala and Amara."
    )
    events = main_events(extractor, text, date(2020, 1, 21))
    places = {e.location.name for e in events if e.location is not None}
    assert {"Karbala", "Al ‘Amārah"} <= places


def test_a_march_is_where_it_went_not_where_its_slogans_point(extractor) -> None:
    text = (
        "Thousands march through London for Gaza ceasefire\n\n"
        "Thousands of people supporting the Palestinian cause marched through London on Saturday, "
        "demanding an immediate ceasefire in Gaza.\n\n"
        'Along the route, marchers chanted slogans such as "stop bombing Gaza, stop bombing '
        'children," and carried placards.'
    )
    events = main_events(extractor, text, date(2024, 4, 27))
    assert [(e.sub_event_type, e.location.name) for e in events] == [("Peaceful protest", "London")]


@pytest.mark.parametrize(
    ("text", "day", "period"),
    [
        ("40 people have been killed in fighting since March 3", "March 3", True),
        ("Since the war broke out on Oct. 7, Hezbollah has fired rockets", "Oct. 7", True),
        ("has been protesting since a student was raped on Tuesday", "Tuesday", True),
        ("Gunmen killed five villagers on March 3", "March 3", False),
        ("the deadliest attack since 2019 came on Tuesday", "Tuesday", False),
    ],
)
def test_a_day_after_since_opens_a_period(text, day, period):
    start = text.index(day)
    t = TimeExpression(
        Span(start, start + len(day), day), "DATE", "2023-03-03", date(2023, 3, 3), DatePrecision.DAY
    )
    assert opens_a_period(text, t) is period


def _plural_blasts(*towns, word="Blasts", sub="Remote explosive/landmine/IED", strength=STRONG) -> Clause:
    blasts = EventMention(
        trigger=Span(0, len(word), word),
        sub_event_type=sub,
        strength=strength,
        sentence=Span(0, 100, ""),
        aggregate=False,
        plural=True,
    )
    c = Clause(mentions=[blasts])
    c.toponyms.extend(towns)
    return c


def test_plural_blasts_in_towns_the_sentence_names_are_events_not_context() -> None:
    """ "Blasts were heard in Kotli, Bahawalpur and Muridke": one blast in each town; "blasts
    have shaken the region" with no town named stays context."""
    kotli, muridke = town("Kotli", 33.52, 73.90, "PK"), town("Muridke", 31.80, 74.26, "PK")
    assert not _only_context(_plural_blasts(kotli, muridke))
    assert _only_context(_plural_blasts(kotli))
    assert _only_context(_plural_blasts())


def test_further_strikes_in_listed_towns_are_events_but_raids_stay_context() -> None:
    """ "Further strikes were reported in Muridke and Kotli": the word names the weapon, one
    strike in each town; "raids in Adana and Bursa" (police raids, an attack?) names none."""
    kotli, muridke = town("Kotli", 33.52, 73.90, "PK"), town("Muridke", 31.80, 74.26, "PK")
    strikes = _plural_blasts(kotli, muridke, word="strikes", sub="Air/drone strike", strength=GENERIC)
    raids = _plural_blasts(kotli, muridke, word="raids", sub="", strength=GENERIC)
    assert not _only_context(strikes)
    assert _only_context(raids)


def test_blasts_heard_in_listed_towns_are_one_event_each(extractor) -> None:
    text = (
        "Indian missiles hit a seminary in Bahawalpur early on Wednesday, killing 13 people, "
        "officials said.\n\nBlasts were heard shortly after midnight in several cities, among them Muridke, "
        "Kotli and Muzaffarabad."
    )
    places = {e.location.name for e in main_events(extractor, text, date(2025, 5, 7)) if e.location}
    assert {"Muridke", "Kotli"} <= {p.split(" ")[0] for p in places}, places


@pytest.mark.parametrize(
    ("later", "said"),
    [
        ("Police said on Tuesday the gang had fled into the forest.", True),
        ("The state's governor told Reuters late on Tuesday that schools would stay shut.", True),
        ("Schools in Gusau, the state capital, reopened on Tuesday after the holidays.", False),
    ],
)
def test_a_day_focus_left_unparsed_is_read_in_the_words_before_it(later, said):
    """Focus parsing blanks a sentence far from any event word; "said on Tuesday" there is still a
    statement's day (``when_said`` cannot read it in the tree: its token is blank)."""
    lead = "Gunmen killed five villagers in Zamfara State on Sunday night, residents said.\n\nNo group has claimed it.\n\n"
    text = lead + "The police had been warned.\n\n" + later
    doc = spacy.blank("en")(focus_text(text, [(0, 6)]))
    start = text.index("Tuesday")
    day = TimeExpression(
        Span(start, start + 7, "Tuesday"), "DATE", "2024-07-16", date(2024, 7, 16), DatePrecision.DAY
    )
    assert Tree(doc).parsed(day.span) is None
    assert said_on(text, Tree(doc), day) is said
