"""Place rules of fusion that need no model: two names of one town, two towns of one round-up.

An article that tells the night's attacks on two towns names both towns in every passage, so
its report of one town shares every name and number with another outlet's report of the other
town. What the coder of the round-up made of it still tells them apart: it gave each town its
own event, so the round-up's event in one town is not the other town's incident.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sitrep.codebook import distance_km
from sitrep.fusion_reconcile import is_wide
from sitrep.model import Event, EventRole, Location

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
    """Are ``a`` and ``b`` in two towns, and does the article of one of them tell the other's
    town as another main event (``others_a``, ``others_b``: the other events of each article)?

    Then that article's coder has already told the two towns apart (a round-up of one night's
    attacks on Kalat and Nushki), and the event in the other town is the partner, whatever the
    passages share: the details say which articles tell one night, not which town is which.
    """
    if not two_towns(a.location, b.location, max_km):
        return False
    return _tells_town(others_a, b, a.id, max_km) or _tells_town(others_b, a, b.id, max_km)


def _tells_town(others: Iterable[Event], event: Event, own_id: str, max_km: float) -> bool:
    return any(
        o.id not in (own_id, event.id)
        and o.role is EventRole.MAIN
        and one_town(o.location, event.location, max_km)
        for o in others
    )
