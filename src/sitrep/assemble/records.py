"""What assembly works on: the findings of one article, the clauses and drafts built from
them, and distances in its dependency tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitrep.codebook import codebook
from sitrep.events import STRONG, EventMention
from sitrep.model import (
    ActorMention,
    Article,
    Claim,
    Fatalities,
    Location,
    Span,
    TimeExpression,
    Toponym,
)

_PRECISION_RANK = codebook().date_ranks


@dataclass(frozen=True)
class Findings:
    """What the stages found in one article, before events are assembled."""

    article: Article
    doc: Doc
    mentions: list[EventMention]
    times: list[TimeExpression]
    toponyms: list[Toponym]
    actors: list[ActorMention]
    fatalities: list[Fatalities]
    victims: list[Span]
    claims: list[Claim]
    page_toponyms: list[Toponym] = field(default_factory=list)  # in navigation and headers: a last hint
    filed_toponyms: list[Toponym] = field(default_factory=list)  # "JOHANNESBURG —": where it was filed
    capitals: dict[str, Location] = field(default_factory=dict)  # country code -> its capital
    parts: dict[tuple[str, str], Location] = field(default_factory=dict)  # (country, "north") -> province


@dataclass
class Clause:
    """Triggers of one sentence that are close in its tree, with what attaches to them."""

    mentions: list[EventMention]
    times: list[TimeExpression] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    actors: list[tuple[ActorMention, str, float]] = field(default_factory=list)  # mention, role, weight
    fatalities: list[Fatalities] = field(default_factory=list)
    victims: list[Span] = field(default_factory=list)
    time_distance: dict[int, float] = field(default_factory=dict)  # span start -> tree distance
    follows_event: bool = False  # an arrest "over Sunday's explosion": its own event
    arrest_made: bool = False  # "seven people have been detained": its own event beside violence told
    listed_at: int = -1  # a piece of "drones downed over Kursk, Bryansk and Tula": the list's start

    @property
    def start(self) -> int:
        return self.mentions[0].trigger.start

    @property
    def strong_subs(self) -> list[str]:
        return [m.sub_event_type for m in self.mentions if m.strength == STRONG]

    @property
    def date(self) -> TimeExpression | None:
        dated = [
            t
            for t in self.times
            if t.start_date is not None and t.precision is not None and not clock_only(t.span.text)
        ]
        if (named := self.named_date) is not None:
            return named  # "the 1995 Srebrenica massacre": the event's own date, whatever else it says
        return min(
            dated,
            key=lambda t: (
                _PRECISION_RANK[t.precision],
                report_day_word(t),
                self.time_distance.get(t.span.start, 0.0),
            ),
            default=None,
        )

    @property
    def named_date(self) -> TimeExpression | None:
        return next(
            (t for t in self.times if t.start_date and any(_names_the_event(t, m) for m in self.mentions)),
            None,
        )


def _names_the_event(t: TimeExpression, mention: EventMention) -> bool:
    """A year or date written into the event's name: "the 1995 massacre", "the 2022 Batken war"."""
    sentence, trigger = mention.sentence, mention.trigger
    if not sentence.start <= t.span.end <= trigger.start or trigger.start - t.span.end > 40:
        return False
    return bool(
        _NAME_GAP.fullmatch(sentence.text[t.span.end - sentence.start : trigger.start - sentence.start])
    )


_NAME_GAP = re.compile(r"(?:\s+[A-Z][\w'’-]*)*\s+")


def report_day_word(t: TimeExpression) -> bool:
    """ "today", "overnight": the writer's day, which a page's date often is not; "on Monday",
    "23 March" in the same story say which day it was."""
    return bool(_REPORT_DAY.match(t.span.text))


_REPORT_DAY = re.compile(
    r"^(?:early |late |earlier |later )?(?:today|tonight|overnight|now|this (?:morning|afternoon|evening))$",
    re.I,
)


# "at about 2 p.m.": a time of day says nothing of the day, which the story gives elsewhere.
_CLOCK_ONLY = re.compile(
    r"^(?:[Aa]t |[Aa]bout |[Aa]round |[Ss]hortly (?:before|after) )*\d{1,2}(?:[:.]\d\d)?\s*(?:[aApP]\.?[mM]\.?)?"
    r"(?: local time| \(?[A-Z]{2,4}\)?| \(\d{1,2}:?\d\d ?[A-Z]{3}\))?$"
)


# A calendar date with no weekday: "November 11", "Feb. 8", "23 September 2024", "Sept. 3, 2024"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_STAMP = re.compile(rf"(?:\d{{1,2}} {_MONTH}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?)(?:,? \d{{4}})?", re.I)


def date_stamp(text: str) -> bool:
    """ "Yaounde, November 11 (Xinhua):", "Sept. 3, 2024": how a report stamps its own day."""
    return bool(_DATE_STAMP.fullmatch(text))


def clock_only(text: str) -> bool:
    """ "at about 2 p.m.": a time of day that dates nothing of its own."""
    return bool(_CLOCK_ONLY.match(text))


@dataclass
class Draft:
    clauses: list[Clause]

    @property
    def mentions(self) -> list[EventMention]:
        return [m for c in self.clauses for m in c.mentions]

    @property
    def named_date(self) -> TimeExpression | None:
        return next((c.named_date for c in self.clauses if c.named_date is not None), None)

    @property
    def date(self) -> TimeExpression | None:
        if (named := self.named_date) is not None:
            return named
        dated = [c.date for c in self.clauses if c.date is not None]
        return min(dated, key=lambda t: (_PRECISION_RANK[t.precision], report_day_word(t)), default=None)


class Tree:
    """Token look-ups and tree distances over one parsed doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._cache: dict[tuple[int, int], Token] = {}

    def root(self, span: Span) -> Token:
        key = (span.start, span.end)
        if key not in self._cache:
            chars = self.doc.char_span(span.start, span.end, alignment_mode="expand")
            if chars is None or len(chars) == 0:
                chars = self.doc[self._token_at(span.start) : self._token_at(span.start) + 1]
            self._cache[key] = chars.root
        return self._cache[key]

    def parsed(self, span: Span) -> Token | None:
        """The span's own token in the tree, or None when the parse left its sentence out (focus
        parsing blanks sentences far from any event word): the blank there says nothing of it."""
        tok = self.root(span)
        return None if tok.is_space or not span.start <= tok.idx < span.end else tok

    def _token_at(self, char: int) -> int:
        for tok in self.doc:
            if tok.idx + len(tok) > char:
                return tok.i
        return len(self.doc) - 1

    @staticmethod
    def distance(a: Token, b: Token) -> int:
        if a.sent.start != b.sent.start:
            return 99
        up_a = [a, *a.ancestors]
        depth = {t.i: d for d, t in enumerate(up_a)}
        for d_b, t in enumerate([b, *b.ancestors]):
            if t.i in depth:
                return depth[t.i] + d_b
        return 99

    def path_deps(self, child: Token, top: Token) -> list[Token]:
        """Tokens from child up to (not including) top, if top is an ancestor."""
        path, tok = [], child
        while tok.i != top.i:
            path.append(tok)
            if tok.head.i == tok.i:
                return []
            tok = tok.head
        return path
