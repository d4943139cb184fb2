"""What a read wants: the event filter, whose values reach the SQL only as parameters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitrep.store.rows import country_code


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a read wants; every value reaches the SQL as a parameter, never as text.

    Text filters (admin1, types, actor, q) ignore case; ``actor`` and ``q`` match substrings.
    ``q`` is split on spaces and every word must occur in the notes, an actor or the place.
    ``bbox`` is (min lon, min lat, max lon, max lat); min lon > max lon crosses the antimeridian.
    """

    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    q: str | None = None
    article_id: str | None = None

    def sql(self) -> tuple[list[str], list[Any]]:
        """WHERE conditions over ``events e LEFT JOIN locations l`` and their parameters."""
        where: list[str] = []
        params: list[Any] = []

        def add(condition: str, *values: Any) -> None:
            where.append(condition)
            params.extend(values)

        if self.country:
            add("l.country = ?", country_code(self.country))
        if self.admin1:
            add("LOWER(l.admin1) = ?", self.admin1.strip().lower())
        if self.event_type:
            add("LOWER(e.event_type) = ?", self.event_type.strip().lower())
        if self.sub_event_type:
            add("LOWER(e.sub_event_type) = ?", self.sub_event_type.strip().lower())
        if self.since is not None:
            add("e.date_end >= ?", self.since)
        if self.until is not None:
            add("e.date_start <= ?", self.until)
        if self.min_fatalities is not None:
            add("e.fatalities_best >= ?", self.min_fatalities)
        if self.article_id:
            add("e.article_id = ?", self.article_id)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            add("l.latitude BETWEEN ? AND ?", min_lat, max_lat)
            if min_lon <= max_lon:
                add("l.longitude BETWEEN ? AND ?", min_lon, max_lon)
            else:
                add("(l.longitude >= ? OR l.longitude <= ?)", min_lon, max_lon)
        if self.actor:
            add(_ACTOR_LIKE, _like(self.actor))
        for word in (self.q or "").split()[:_MAX_QUERY_WORDS]:
            pattern = _like(word)
            add(
                "(LOWER(e.trigger) LIKE ? ESCAPE '\\' OR LOWER(l.name) LIKE ? ESCAPE '\\' "
                f"OR LOWER(l.admin1) LIKE ? ESCAPE '\\' OR {_ACTOR_LIKE})",
                pattern,
                pattern,
                pattern,
                pattern,
            )
        return where, params


_MAX_QUERY_WORDS = 8
_ACTOR_LIKE = (
    "EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
    "WHERE ea.event_id = e.id AND LOWER(a.name) LIKE ? ESCAPE '\\')"
)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def merge_filters(
    filters: EventFilter | None,
    country: str | None,
    since: date | None,
    until: date | None,
    event_type: str | None,
    sub_event_type: str | None = None,
) -> EventFilter:
    """The keyword shorthands of ``Store.events`` folded into one filter (they win when given)."""
    given = {
        "country": country,
        "since": since,
        "until": until,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
    }
    return replace(filters or EventFilter(), **{k: v for k, v in given.items() if v is not None})
