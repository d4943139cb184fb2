"""Typed records to Parquet rows and back, losslessly, so that ``sitrep load`` can store them.

Each row carries flat columns for analysts (date, country, type, toll ...) and the whole
record as JSON (``record``), decoded back into the dataclasses of :mod:`sitrep.model`.
"""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from sitrep.model import ArticleResult, Event, Incident


def encode(obj: Any) -> Any:
    """A JSON-able form of a record (dataclasses, enums, dates, tuples, dicts)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [encode(x) for x in obj]
    if isinstance(obj, dict):
        return {k: encode(v) for k, v in obj.items()}
    return obj


def decode(kind: Any, value: Any) -> Any:
    """The record of type ``kind`` that :func:`encode` gave ``value`` for."""
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        return decode(options[0], value)
    if origin is tuple:
        return tuple(decode(get_args(kind)[0], v) for v in value)
    if origin is dict:
        return {k: decode(get_args(kind)[1], v) for k, v in value.items()}
    if is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: decode(hints[name], v) for name, v in value.items()})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is float:
        return float(value)
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return get_type_hints(kind)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def article_row(result: ArticleResult) -> dict[str, Any]:
    """The ``articles`` Parquet row of one extracted article (partitioned by publication month)."""
    a = result.article
    return {
        "month": month_of(a.published),
        "id": a.id,
        "published": a.published,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "lang": a.lang,
        "origin": a.origin,
        "n_events": len(result.events),
        "error": result.error,
        "record": json.dumps(encode(result), ensure_ascii=False),
    }


def event_row(event: Event, published: date, sentence: str) -> dict[str, Any]:
    """The ``events`` Parquet row of one event (partitioned by the month its date starts in).

    It carries what fusion needs (the record, the publication date, the trigger sentence), so
    that the fusion stage reads events only, not the articles' text.
    """
    loc, fat = event.location, event.fatalities
    return {
        "month": month_of(event.event_date.start),
        "id": event.id,
        "article_id": event.article_id,
        "event_date": event.event_date.iso,
        "date_start": event.event_date.start,
        "date_end": event.event_date.end,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "role": event.role.value,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "country": loc.country if loc else None,
        "location": loc.name if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "fatalities_best": fat.best if fat else None,
        "confidence": event.confidence,
        "published": published,
        "sentence": sentence,
        "record": json.dumps(encode(event), ensure_ascii=False),
    }


def incident_row(incident: Incident) -> dict[str, Any]:
    """The ``incidents`` Parquet row of one fused incident."""
    loc = incident.location
    return {
        "month": month_of(incident.event_date.start),
        "id": incident.id,
        "event_date": incident.event_date.iso,
        "country": loc.country if loc else None,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "n_events": len(incident.event_ids),
        "n_articles": len(incident.article_ids),
        "record": json.dumps(encode(incident), ensure_ascii=False),
    }


def result_of(row: dict[str, Any]) -> ArticleResult:
    return decode(ArticleResult, json.loads(row["record"]))


def event_of(row: dict[str, Any]) -> Event:
    return decode(Event, json.loads(row["record"]))


def incident_of(row: dict[str, Any]) -> Incident:
    return decode(Incident, json.loads(row["record"]))
