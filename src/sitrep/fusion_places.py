"""Place rules of fusion that need no model: two names of one town, two towns or days of one article.

An article that tells the night's attacks on two towns names both towns in every passage, so
its report of one town shares every name and number with another outlet's report of the other
town. What the coder of the round-up made of it still tells them apart: it gave each town its
own event, so the round-up's event in one town is not the other town's incident. So with one
town's two days told as two events.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sitrep.codebook import codebook, distance_km
from sitrep.fusion_reconcile import is_wide
from sitrep.model import DatePrecision, Event, EventRole, Location

_WORD = re.compile(r"[a-z][a-z'-]+")


def fold(name: str) -> str:
    """Lower case without accents ("Mocímboa" is "mocimboa"), as outlets spell names."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def same_name(a: str, b: str) -> bool:
    """One place's name in the other's ("Mocímboa" and "Mocímboa da Praia", two GeoNames entries
    4 km apart): outlets shorten a town's name, and the gazetteer may hold both."""
    words_a, words_b = (set(_WORD.findall(fold(name))) for name in (a, b))
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def one_town(a: Location | None, b: Location | None, max_km: float) -> bool:
    """Two points of one country that name one town or lie within ``max_km`` of each other."""
    if a is None or b is None or a.country != b.country or is_wide(a) or is_wide(b):
        return False
    return same_name(a.name, b.name) or distance_km(a, b) <= max_km


def two_towns(a: Location | None, b: Location | None, max_km: float) -> bool:
    """Two points of one country further apart than ``max_km`` and not one name."""
    if a is None or b is None or a.country != b.country or is_wide(a) or is_wide(b):
        return False
    return not one_town(a, b, max_km)


def told_apart(
    a: Event, b: Event, others_a: Iterable[Event], others_b: Iterable[Event], max_km: float
) -> bool:
    """Has the article of one of the two events already told them apart (``others_a``,
    ``others_b``: the other events of each article)?

    It has when it tells the other event's town as another main event while its own event lies
    in another town (a round-up of one night's attacks on Kalat and Nushki), or tells the other
    event's town and day as another main event while its own event is that town's on another day
    (an attack and the next day's, or the coder's extra event a day off): the event of the other
    town or day is the partner, whatever the passages share. The details say which articles tell
    one story, not which of their events is which incident.
    """
    return _tells_other(others_a, a, b, max_km) or _tells_other(others_b, b, a, max_km)


def _tells_other(others: Iterable[Event], mine: Event, other: Event, max_km: float) -> bool:
    """Does ``mine``'s article tell ``other``'s town (or, in one town, ``other``'s day) as another main event?"""
    if two_towns(mine.location, other.location, max_km):
        told = [o for o in others if one_town(o.location, other.location, max_km)]
    elif one_town(mine.location, other.location, max_km) and _two_days(mine, other):
        told = [
            o
            for o in others
            if one_town(o.location, other.location, max_km)
            and not _two_days(o, other)
            and _one_family(o.event_type, other.event_type)
        ]
    else:
        return False
    return any(o.id not in (mine.id, other.id) and o.role is EventRole.MAIN for o in told)


def _two_days(a: Event, b: Event) -> bool:
    """Both dated to a day, and not the same one."""
    da, db = a.event_date, b.event_date
    return da.precision is DatePrecision.DAY is db.precision and da.start != db.start


def _one_family(a: str, b: str) -> bool:
    return a == b or codebook().same_family(a, b)
