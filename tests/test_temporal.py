"""Unit tests of the temporal stage: phrase tables and offsets on real sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.model import DatePrecision
from sitrep.temporal import find_time_expressions, resolve

THU = date(2024, 2, 8)  # a Thursday
D, W, M, Y = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("phrase", "value", "start", "precision"),
    [
        ("last night", "2024-02-07TNI", date(2024, 2, 7), D),
        ("tonight", "2024-02-08TNI", THU, D),
        ("this morning", "2024-02-08TMO", THU, D),
        ("this afternoon", "2024-02-08TAF", THU, D),
        ("this evening", "2024-02-08TEV", THU, D),
        ("yesterday", "2024-02-07", date(2024, 2, 7), D),
        ("late yesterday", "2024-02-07", date(2024, 2, 7), D),
        ("today", "2024-02-08", THU, D),
        ("on Tuesday", "2024-02-06", date(2024, 2, 6), D),
        ("Tuesday night", "2024-02-06TNI", date(2024, 2, 6), D),
        ("Wednesday night", "2024-02-07TNI", date(2024, 2, 7), D),
        ("late Tuesday", "2024-02-06", date(2024, 2, 6), D),
        ("on Thursday", "2024-02-08", THU, D),
        ("on Friday", "2024-02-02", date(2024, 2, 2), D),
        ("last Thursday", "2024-02-01", date(2024, 2, 1), D),
        ("next Monday", "2024-02-12", date(2024, 2, 12), D),
        ("last week", "2024-W05", date(2024, 1, 29), W),
        ("this week", "2024-W06", date(2024, 2, 5), W),
        ("earlier this week", "2024-W06", date(2024, 2, 5), W),
        ("next week", "2024-W07", date(2024, 2, 12), W),
        ("last month", "2024-01", date(2024, 1, 1), M),
        ("this month", "2024-02", date(2024, 2, 1), M),
        ("earlier this month", "2024-02", date(2024, 2, 1), M),
        ("last year", "2023", date(2023, 1, 1), Y),
        ("this year", "2024", date(2024, 1, 1), Y),
        ("in January", "2024-01", date(2024, 1, 1), M),
        ("in October", "2023-10", date(2023, 10, 1), M),
        ("since the start of the war in October", "2023-10", date(2023, 10, 1), M),
        ("since October", "2023-10", date(2023, 10, 1), M),
        ("January 2024", "2024-01", date(2024, 1, 1), M),
        ("last May", "2023-05", date(2023, 5, 1), M),
        ("Jan. 7", "2024-01-07", date(2024, 1, 7), D),
        ("February 7", "2024-02-07", date(2024, 2, 7), D),
        ("7 February 2024", "2024-02-07", date(2024, 2, 7), D),
        ("February 7, 2024", "2024-02-07", date(2024, 2, 7), D),
        ("Oct. 7", "2023-10-07", date(2023, 10, 7), D),
        ("2024-02-07", "2024-02-07", date(2024, 2, 7), D),
        ("At 9:30 p.m. (Baghdad Time) February 7", "2024-02-07T21:30", date(2024, 2, 7), D),
        ("at 10 a.m. local time Tuesday", "2024-02-06T10:00", date(2024, 2, 6), D),
        ("at about 8:00 pm (1800 GMT) on Monday", "2024-02-05T20:00", date(2024, 2, 5), D),
        ("two days ago", "2024-02-06", date(2024, 2, 6), D),
        ("three weeks ago", "2024-W03", date(2024, 1, 15), W),
        ("six months ago", "2023-08", date(2023, 8, 1), M),
        ("a year ago", "2023", date(2023, 1, 1), Y),
        ("in 2023", "2023", date(2023, 1, 1), Y),
        ("mid-2022", "2022", date(2022, 1, 1), Y),
        ("nineteen ninety-six", "1996", date(1996, 1, 1), Y),
    ],
)
def test_resolve_calendar_points(phrase: str, value: str, start: date, precision: DatePrecision) -> None:
    got = resolve(phrase, doc_date=THU)
    assert got is not None
    assert (got.value, got.start_date, got.precision) == (value, start, precision)


@pytest.mark.parametrize(
    ("phrase", "timex_type", "value"),
    [
        ("three days", "DURATION", "P3D"),
        ("for two weeks", "DURATION", "P2W"),
        ("twenty-four hours", "DURATION", "PT24H"),
        ("the past two months", "DURATION", "P2M"),
        ("more than a decade", "DURATION", "P1E"),
        ("several years", "DURATION", "PXY"),
        ("2 1/2 years", "DURATION", "P2Y6M"),
        ("recent weeks", "DATE", "PAST_REF"),
        ("in recent years", "DATE", "PAST_REF"),
        ("in the 1990s", "DATE", "199"),
        ("the third quarter", "DATE", "2023-Q3"),
        ("every Friday", "SET", "XXXX-WXX-5"),
        ("on Mondays", "SET", "XXXX-WXX-1"),
        ("weekly", "SET", "P1W"),
        ("twice a month", "SET", "P1M"),
        ("now", "DATE", "PRESENT_REF"),
        ("currently", "DATE", "PRESENT_REF"),
        ("recently", "DATE", "PAST_REF"),
        ("the near future", "DATE", "FUTURE_REF"),
        ("last summer", "DATE", "2023-SU"),
        ("the weekend", "DATE", "2024-W05-WE"),
    ],
)
def test_resolve_durations_sets_and_refs(phrase: str, timex_type: str, value: str) -> None:
    got = resolve(phrase, doc_date=THU)
    assert got is not None
    assert (got.timex_type, got.value) == (timex_type, value)
    if timex_type in ("DURATION", "SET") or value.endswith("_REF"):
        assert got.start_date is None and got.precision is None


@pytest.mark.parametrize(
    "phrase",
    [
        "May I add something?",
        "They march on the capital.",
        "the drone hit Tower 22",
        "165 people were hurt",
        "a 2000 troops deployment",
        "Resolution 2024 passed",
        "prices fall sharply",
        "June Carter sang",
        "commander Abdul Jan Barak said",
        "the Oct Revolution square",
    ],
)
def test_no_false_hits(phrase: str) -> None:
    assert find_time_expressions(phrase, THU) == []


def test_future_cue_moves_weekday_and_month_forward() -> None:
    assert resolve("Talks will resume on Monday", doc_date=THU).value == "2024-02-12"
    assert resolve("Elections are scheduled for March", doc_date=THU).value == "2024-03"
    assert resolve("the vote on Feb. 20", doc_date=THU).value == "2024-02-20"


def test_offsets_index_the_given_text_with_curly_quotes() -> None:
    text = (
        "“We were hit last night,” a spokesman said on Wednesday. At 9:30 p.m. (Baghdad Time) "
        "February 7, a drone struck a car in Mashtal, three weeks after the Tower 22 attack."
    )
    found = find_time_expressions(text, THU)
    assert [t.span.text for t in found] == [
        "last night",
        "Wednesday",
        "9:30 p.m. (Baghdad Time) February 7",
        "three weeks",
    ]
    for expr in found:
        assert text[expr.span.start : expr.span.end] == expr.span.text
    assert [t.value for t in found] == ["2024-02-07TNI", "2024-02-07", "2024-02-07T21:30", "P3W"]
    assert [t.timex_type for t in found] == ["TIME", "DATE", "TIME", "DURATION"]


def test_expressions_are_in_order_and_do_not_overlap() -> None:
    text = (
        "Since the start of the war in October, militias have struck U.S. forces more than 160 times, "
        "most recently on Sunday, when three soldiers died. The strikes continued for two weeks and "
        "now happen almost every Friday; in the 1990s such attacks were rare."
    )
    found = find_time_expressions(text, THU)
    assert [(t.span.text, t.value) for t in found] == [
        ("October", "2023-10"),
        ("recently", "PAST_REF"),
        ("Sunday", "2024-02-04"),
        ("two weeks", "P2W"),
        ("now", "PRESENT_REF"),
        ("every Friday", "XXXX-WXX-5"),
        ("the 1990s", "199"),
    ]
    ends = [t.span.end for t in found]
    starts = [t.span.start for t in found]
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))


def test_year_earlier_anchors_on_quarter() -> None:
    text = "Profit in the third quarter rose to $5 million from $4 million a year earlier."
    found = find_time_expressions(text, date(1989, 10, 26))
    assert [(t.span.text, t.value) for t in found] == [
        ("the third quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


def test_resolve_returns_none_without_expression() -> None:
    assert resolve("the militia said", doc_date=THU) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The war began on October 7 last year.", "2023-10-07"),
        ("It happened on March 3 this year.", "2024-03-03"),
    ],
)
def test_a_month_day_takes_the_year_said_after_it(text, value):
    assert find_time_expressions(text, date(2024, 10, 8))[0].value == value


def test_a_named_day_is_no_weekday() -> None:
    text = (
        "He was cleared of murders on Bloody Sunday, 1972, the court said on Thursday. Good Friday was calm."
    )
    found = {t.span.text: t.start_date for t in find_time_expressions(text, date(2025, 10, 23))}
    assert found == {"1972": date(1972, 1, 1), "Thursday": date(2025, 10, 23)}


@pytest.mark.parametrize(
    ("text", "span", "start"),
    [
        (
            "Gunmen stormed the base during the night of March 4-5, the army said.",
            "March 4-5",
            date(2024, 3, 4),
        ),
        ("Clashes on 14-15 February left 30 dead.", "14-15 February", date(2024, 2, 14)),
    ],
)
def test_a_span_of_days_is_dated_by_its_first_day(text: str, span: str, start: date) -> None:
    """A night or span of days across midnight is one event; ACLED dates it by its first day."""
    (found,) = find_time_expressions(text, date(2024, 3, 7))
    assert (found.span.text, found.start_date, found.precision) == (span, start, D)


@pytest.mark.parametrize(
    ("text", "published", "start"),
    [
        (
            "On Wednesday, 14 September, security forces fired on protesters.",
            date(2023, 9, 14),
            date(2023, 9, 13),
        ),
        (
            "Officials confirmed the toll on Tuesday, October 26, during the raid.",
            date(2025, 10, 29),
            date(2025, 10, 28),
        ),
        ("The police put the abduction on Friday, September 27, 2025.", date(2025, 9, 28), date(2025, 9, 26)),
        ("Gunmen attacked the post on Thursday, Feb. 29.", date(2024, 3, 1), date(2024, 2, 29)),  # they agree
        ("The vote will be held on Sunday, March 4.", date(2024, 2, 20), date(2024, 3, 4)),  # a plan ahead
    ],
)
def test_a_weekday_against_its_recent_date_is_the_day_meant(text: str, published: date, start: date) -> None:
    """ "On Wednesday, 14 September" in a Thursday 14 September page: the number slipped, the
    weekday names the day the news happened."""
    (found,) = find_time_expressions(text, published)
    assert (found.start_date, found.precision) == (start, D)


def test_last_evening_is_the_evening_before() -> None:
    (found,) = find_time_expressions("Rebels killed 25 people there late last evening.", date(2023, 6, 17))
    assert (found.span.text, found.start_date, found.value) == (
        "late last evening",
        date(2023, 6, 16),
        "2023-06-16TEV",
    )


def _article_texts() -> list[str]:
    from pathlib import Path

    root = Path(__file__).parent / "data"
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(root.glob("*/*.txt"))]
    return texts + [t.upper() for t in texts[:10]]


def test_every_rule_match_holds_one_of_the_rule_anchors() -> None:
    """The anchors let ``_candidates`` skip a rule on a text without them: they must be in
    every match (lower-cased; months as written), or a skipped rule would lose one."""
    from sitrep import temporal

    phrases = ["9:30 p.m. (Baghdad Time)", "3 AM", "2024-02-07", "the 1990's", "'80s", "the twenties", "noon",
               "two thousand and five", "Sept. 3", "last evening", "three years from now", "each spring",
               "for decades", "the third quarter of 2023", "the year-ago period", "the 20th century"]  # fmt: skip
    seen = set()
    for text in [*_article_texts(), *phrases]:
        for index, (pattern, _) in enumerate(temporal._RULES):
            anchors = temporal._ANCHORS[index]
            for m in pattern.finditer(text):
                found = m.group(0) if anchors is temporal._MONTH_ANCHORS else m.group(0).lower()
                assert any(a in found for a in anchors), (index, m.group(0))
                seen.add(index)
    assert len(seen) >= len(temporal._RULES) - 2  # nearly every rule was seen matching


def test_skipping_rules_by_anchor_changes_no_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep import temporal

    texts = [*_article_texts(), "İstanbul, 3 days ago", "ſeven days later", "at 9 AM on Tuesday"]
    fast = [find_time_expressions(t, date(2024, 2, 8)) for t in texts]
    monkeypatch.setattr(temporal, "_ANCHORS", tuple(("",) for _ in temporal._RULES))  # "" is in any text
    assert [find_time_expressions(t, date(2024, 2, 8)) for t in texts] == fast


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "Gakharia posted on social media on January 15.\n\nThe evening before, he had been set upon "
            "in the hotel lobby.",
            "The evening before",
            "2025-01-14TEV",
        ),
        (
            "The blast hit the market on Tuesday. A day earlier, police had found six grenades.",
            "A day earlier",
            "2025-01-13",
        ),
        (
            "Talks opened in Doha on Monday 13 January and the deal came the following day.",
            "the following day",
            "2025-01-14",
        ),
        ("Police found the bodies the next day.", "the next day", "2025-01-18"),  # no day named: the page's
    ],
)
def test_a_day_counted_from_the_day_the_text_names(text: str, phrase: str, value: str) -> None:
    """ "The evening before", "a day earlier": counted from the day the text last named, not the page's date."""
    found = {t.span.text: t.value for t in find_time_expressions(text, date(2025, 1, 17))}
    assert found[phrase] == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        (
            "Bombings at two churches killed 43 people during packed Palm Sunday services.",
            date(2017, 4, 10),
            "2017-04-09",
        ),
        ("A suicide bomber struck the cathedral on Palm Sunday.", date(2021, 3, 29), "2021-03-28"),
        ("Police guarded churches on Good Friday.", date(2024, 3, 30), "2024-03-29"),
        ("Police guarded churches on Good Friday.", date(2024, 6, 30), None),  # not this week's news
        ("The Good Friday Agreement ended the Troubles.", date(1998, 4, 12), None),
        ("Marchers remembered Bloody Sunday.", date(2017, 4, 10), None),
    ],
)
def test_a_feast_day_of_the_week_before_is_its_date(text: str, published: date, value: str | None) -> None:
    """ "Palm Sunday", "Good Friday" name a day of the week before the page when the feast fell then."""
    found = [t.value for t in find_time_expressions(text, published) if t.span.text in ("Sunday", "Friday")]
    assert found == ([value] if value else [])


@pytest.mark.parametrize(
    ("text", "phrase", "day"),
    [
        ("Yesterday (Saturday 2 November), police shot two demonstrators.", "Yesterday", date(2024, 11, 2)),
        (
            "The army killed four rebels this morning (Thursday), a spokesman said.",
            "this morning",
            date(2024, 10, 31),
        ),
    ],
)
def test_a_relative_word_dated_in_brackets_takes_the_bracket_s_day(text: str, phrase: str, day: date) -> None:
    """A page dated Monday 4 November whose writer said "yesterday (Saturday 2 November)": Saturday."""
    found = {t.span.text: t for t in find_time_expressions(text, date(2024, 11, 4))}
    assert found[phrase].start_date == day
