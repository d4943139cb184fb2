"""Records to assemble by hand: clauses and drafts with no parsed doc."""

from __future__ import annotations

from datetime import date

from sitrep.assemble.records import Clause
from sitrep.events import STRONG, EventMention
from sitrep.model import DatePrecision, GeoPrecision, Location, Span, TimeExpression, Toponym


def mention(
    start: int, sub: str = "Air/drone strike", strength: str = STRONG, sentence: int = 0
) -> EventMention:
    """A trigger at ``start`` in the sentence starting at ``sentence``."""
    return EventMention(
        trigger=Span(start, start + 6, "strike"),
        sub_event_type=sub,
        strength=strength,
        sentence=Span(sentence, sentence + 100, ""),
        aggregate=False,
        plural=False,
    )


def on(day: date, precision: DatePrecision = DatePrecision.DAY, at: int = 0) -> TimeExpression:
    return TimeExpression(Span(at, at + 7, "Tuesday"), "DATE", day.isoformat(), day, precision)


def town(name: str, lat: float, lon: float, country: str = "IQ") -> Toponym:
    loc = Location(name, country, "", lat, lon, GeoPrecision.EXACT, feature="town")
    return Toponym(Span(0, len(name), name), loc)


def clause(start: int, *, sub: str = "Air/drone strike", when=None, where=None, sentence=None) -> Clause:
    c = Clause(mentions=[mention(start, sub, sentence=start if sentence is None else sentence)])
    if when is not None:
        c.times.append(when)
    if where is not None:
        c.toponyms.append(where)
    return c


def main_events(extractor, text: str, published: date) -> list:
    """The main events the real pipeline codes from one article (the tests on real text)."""
    from sitrep.model import Article, EventRole

    return [e for e in extractor.extract(Article("t", published, text)) if e.role is EventRole.MAIN]
