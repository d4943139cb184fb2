"""The records every stage exchanges: one place, frozen, typed.

Stages never pass bare dicts; they take and return these records. Offsets are
character offsets into ``Article.text`` (half-open ``[start, end)``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class DateSource(StrEnum):
    """Whether an event date was read in the text or fell back to the article date."""

    TEXT = "text"
    PUBLICATION_DATE = "publication_date"


class GeoPrecision(IntEnum):
    """ACLED's geo-precision code."""

    EXACT = 1  # the named town, village or neighbourhood
    NEAR = 2  # near a place, or a part of a region / district
    REGION = 3  # only the province (admin1) or the country is known


class EventRole(StrEnum):
    MAIN = "main"
    BACKGROUND = "background"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into the article text, with the text they cover."""

    start: int
    end: int
    text: str = ""

    def as_pair(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    published: date
    text: str
    source: str = ""
    url: str = ""
    title: str = ""
    lang: str = "en"
    origin: str = ""  # where it was read from: "file.jsonl:12"

    @staticmethod
    def make_id(text: str, published: date) -> str:
        """Content hash: the same text on the same date is the same article."""
        digest = hashlib.sha256(f"{published.isoformat()}\n{text}".encode())
        return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class IngestError:
    """A bad input item; the batch goes on without it."""

    origin: str  # "path:line"
    message: str
    stage: str = "ingest"

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in text and normalised TimeML-style.

    ``value`` is the TIMEX3 value (``2024-02-07``, ``2024-01``, ``2024-W05``,
    ``2024-02-07T21:30``, ``P3D``, ``PAST_REF`` ...). ``start_date`` and
    ``precision`` are set for expressions that name a calendar point or period.
    """

    span: Span
    timex_type: str  # DATE, TIME, DURATION, SET
    value: str
    start_date: date | None = None
    precision: DatePrecision | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    start: date
    precision: DatePrecision
    source: DateSource = DateSource.TEXT

    @property
    def iso(self) -> str:
        """The ISO form of the contract: day, ISO week, month or year."""
        if self.precision is DatePrecision.DAY:
            return self.start.isoformat()
        if self.precision is DatePrecision.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.precision is DatePrecision.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"

    @property
    def end(self) -> date:
        """Last day the date could be, so that fusion can compare windows."""
        s = self.start
        if self.precision is DatePrecision.DAY:
            return s
        if self.precision is DatePrecision.WEEK:
            return s + timedelta(days=6)
        if self.precision is DatePrecision.MONTH:
            nxt = date(s.year + (s.month == 12), s.month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date(s.year, 12, 31)


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str
    latitude: float
    longitude: float
    geo_precision: GeoPrecision
    geonameid: int | None = None
    feature: str = ""  # "neighbourhood", "city", "admin1", "country", "site" ...


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place mention and, when the gazetteer knows it, where it is."""

    span: Span
    location: Location | None


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # canonical name
    type: str  # ACLED-style: "State forces", "Rebel group", "Political militia", ...
    country: str = ""  # ISO alpha-2 of the actor's country, when it has one


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    actor: Actor


@dataclass(frozen=True, slots=True)
class Fatalities:
    best: int
    low: int
    high: int
    span: Span | None = None


class Stance(StrEnum):
    """What a source does with its statement (the analyst's vocabulary)."""

    ASSERTS = "asserts"
    DENIES = "denies"
    CLAIMS_RESPONSIBILITY = "claims responsibility"
    ACCUSES = "accuses"
    CONDEMNS = "condemns"
    WARNS = "warns"
    CONFIRMS = "confirms"


class SpeakerType(StrEnum):
    """The kind of source, so an analyst can weigh a ministry's toll against a hospital's."""

    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    ARMED_GROUP = "armed group"
    MEDICAL = "medical"
    WITNESS = "witness"
    MEDIA = "media"
    INTERNATIONAL = "international"
    CIVIL_SOCIETY = "civil society"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement: who (name, role, kind) said what, about which field of the event.

    ``field`` is the event field the statement speaks to (``fatalities``, ``injuries``,
    ``perpetrator``, ``target``, ``victims``, ``location``, ``date``, ``event`` or ``none``) and
    ``value`` what it gives for it ("44", "Tehreek-e-Taliban Pakistan"), as written.
    """

    speaker: str
    text: str
    span: Span  # the sentence(s) that carry the claim
    stance: str = ""
    speaker_role: str = ""
    speaker_type: str = ""
    field: str = ""
    value: str = ""
    content: Span | None = None  # offsets of ``text`` itself

    def to_json(self) -> dict:
        """The claim contract (field names are public)."""
        return {
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "speaker_type": self.speaker_type,
            "stance": self.stance,
            "text": self.text,
            "text_offsets": None if self.content is None else self.content.as_pair(),
            "field": self.field,
            "value": self.value,
            "evidence": self.span.as_pair(),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event of one article, with the evidence behind each field."""

    id: str
    article_id: str
    event_date: EventDate
    event_type: str
    sub_event_type: str
    plover: str
    cameo: str
    role: EventRole
    actor1: Actor | None
    actor2: Actor | None
    location: Location | None
    fatalities: Fatalities | None
    assoc_actors: tuple[Actor, ...] = ()
    victims: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: dict[str, Span] = field(default_factory=dict)
    confidence: float = 0.5
    trigger: str = ""

    def to_json(self) -> dict:
        """The output contract of ``sitrep extract`` (field names are public)."""
        return {
            "id": self.id,
            "event_date": self.event_date.iso,
            "date_precision": self.event_date.precision.value,
            "date_source": self.event_date.source.value,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "plover": self.plover,
            "cameo": self.cameo,
            "role": self.role.value,
            **_coded_json(self),
            "claims": [c.to_json() for c in self.claims],
            "evidence": {name: span.as_pair() for name, span in self.evidence.items()},
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
        }


def _actor_json(actor: Actor | None) -> dict | None:
    if actor is None:
        return None
    return {"name": actor.name, "type": actor.type, "country": actor.country}


def _coded_json(record: Event | Incident) -> dict:
    """Who, where and how many: the fields events and incidents share, in contract order."""
    return {
        "actor1": _actor_json(record.actor1),
        "actor2": _actor_json(record.actor2),
        "assoc_actors": [_actor_json(a) for a in record.assoc_actors],
        "location": _location_json(record.location),
        "fatalities": _fatalities_json(record.fatalities),
        "victims": list(record.victims),
    }


def _fatalities_json(fat: Fatalities | None) -> dict | None:
    return None if fat is None else {"best": fat.best, "low": fat.low, "high": fat.high}


def _location_json(loc: Location | None) -> dict | None:
    if loc is None:
        return None
    return {
        "name": loc.name,
        "country": loc.country,
        "admin1": loc.admin1,
        "latitude": round(loc.latitude, 5),
        "longitude": round(loc.longitude, 5),
        "geo_precision": int(loc.geo_precision),
        "geonameid": loc.geonameid,
    }


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What extraction made of one article: its events, or the error that stopped it."""

    article: Article
    events: tuple[Event, ...] = ()
    error: str = ""
    stage: str = ""  # the stage that failed ("geo", "fatalities", ...), with ``error``

    def to_json(self) -> dict:
        return {
            "id": self.article.id,
            "published": self.article.published.isoformat(),
            "title": self.article.title,
            "source": self.article.source,
            "url": self.article.url,
            "origin": self.article.origin,
            "events": [e.to_json() for e in self.events],
        }


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """Why an event is in its incident: the member it matched, the probability, the shared evidence.

    ``by`` is ``model`` for fusion's own link, ``person`` for a join a person made.
    """

    event_id: str
    linked_to: str
    probability: float
    evidence: tuple[str, ...] = ()
    by: str = "model"

    def to_json(self) -> dict:
        return {
            "event_id": self.event_id, "linked_to": self.linked_to, "probability": self.probability,
            "evidence": list(self.evidence), "by": self.by,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world incident: the events of every article that reports it, fields reconciled.

    ``event_ids`` holds every contributing event (main reports and background mentions);
    ``background_ids`` is the subset that only recalls the incident. The reconciled fields
    come from the main reports (see ``sitrep.fusion_reconcile.reconcile``).
    """

    id: str
    event_date: EventDate
    event_type: str
    sub_event_type: str
    location: Location | None
    actor1: Actor | None
    actor2: Actor | None
    fatalities: Fatalities | None
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    background_ids: tuple[str, ...] = ()
    assoc_actors: tuple[Actor, ...] = ()
    victims: tuple[str, ...] = ()
    first_reported: date | None = None
    links: tuple[Link, ...] = ()  # one per event that joined the founding report, with the evidence

    def to_json(self) -> dict:
        """The incident contract of ``sitrep incidents`` and the API (field names are public)."""
        return {
            "id": self.id,
            "event_date": self.event_date.iso,
            "date_precision": self.event_date.precision.value,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            **_coded_json(self),
            "event_ids": list(self.event_ids),
            "background_event_ids": list(self.background_ids),
            "article_ids": list(self.article_ids),
            "first_reported": None if self.first_reported is None else self.first_reported.isoformat(),
            "links": [link.to_json() for link in self.links],
        }


@dataclass(frozen=True, slots=True)
class Voice:
    """What one source says about one field of an incident: an outlet's toll, a group's claim, a denial."""

    field: str
    value: str
    stance: str
    speaker: str
    speaker_type: str
    outlet: str
    article_id: str
    event_id: str
    text: str = ""

    def to_json(self) -> dict:
        return {
            "value": self.value, "stance": self.stance, "speaker": self.speaker, "speaker_type": self.speaker_type,
            "outlet": self.outlet, "article_id": self.article_id, "event_id": self.event_id, "text": self.text,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class FieldVoices:
    """The values every source gives for one field of an incident, side by side.

    ``contested`` when they disagree: two tolls, two perpetrators, an attack and its denial.
    """

    field: str
    voices: tuple[Voice, ...]
    contested: bool

    def to_json(self) -> dict:
        return {"contested": self.contested, "voices": [v.to_json() for v in self.voices]}


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ``ingest_batch`` did: counts, the articles that failed, the results it stored."""

    articles_added: int = 0
    articles_known: int = 0  # stored before (content hash): not extracted again
    events_added: int = 0
    incidents_changed: int = 0  # net incidents added (added - removed) by fusing the batch
    incident_ids: tuple[str, ...] = ()  # incidents written or removed by fusing the batch
    errors: tuple[IngestError, ...] = ()
    results: tuple[ArticleResult, ...] = ()
