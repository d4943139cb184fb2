"""The codebook: every code an event or actor can carry, read from ``data/codebook.yaml``.

Event types and sub-types (disorder type, PLOVER and CAMEO codes, map colour), actor
types (ACLED interaction codes), the rankings of date and place precision, and the one
distance function live here, so that the coder, fusion, the exporters, the CLI and the
web page cannot disagree. A new sub-type is one entry in the data file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from sitrep.model import DatePrecision, Location

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    disorder: str  # ACLED disorder type
    colour: str  # the web page's colour for it
    family: str  # fusion links types of one family only


@dataclass(frozen=True, slots=True)
class SubEventType:
    name: str
    event_type: str
    plover: str
    cameo: str
    disorder: str  # the type's disorder type unless ACLED splits the type
    deaths: bool = True  # whether ACLED's definition allows deaths at the event


@dataclass(frozen=True, slots=True)
class ActorType:
    name: str
    inter: int  # ACLED interaction code
    armed: bool = False
    non_state: bool = False
    aliases: tuple[str, ...] = ()
    default: str = ""  # the actor's name template where ACLED's conventions fill one in


@dataclass(frozen=True)
class Codebook:
    version: str
    event_types: dict[str, EventType]
    sub_event_types: dict[str, SubEventType]
    fallback: str  # the sub-type whose codes stand for an unknown name
    actor_types: dict[str, ActorType]
    date_ranks: dict[DatePrecision, int]
    acled_time_precision: dict[DatePrecision, int]
    place_ranks: dict[str, int]  # Location.feature -> specificity, 0 most specific
    geonames_ranks: dict[str, int]  # GeoNames feature code -> specificity

    @classmethod
    def from_yaml(cls, text: str) -> Codebook:
        raw = yaml.safe_load(text)
        types = {
            name: EventType(name, v["disorder"], v["colour"], v["family"])
            for name, v in raw["event_types"].items()
        }
        subs = {}
        for name, v in raw["sub_event_types"].items():
            if v["type"] not in types:
                raise ValueError(f"codebook: sub-event type {name!r} names unknown type {v['type']!r}")
            disorder = v.get("disorder") or types[v["type"]].disorder
            subs[name] = SubEventType(
                name, v["type"], str(v["plover"]), str(v["cameo"]), disorder, bool(v.get("deaths", True))
            )
        actors = {
            name: ActorType(
                name,
                int(v["inter"]),
                bool(v.get("armed")),
                bool(v.get("non_state")),
                tuple(v.get("aliases", ())),
                str(v.get("default", "")),
            )
            for name, v in raw["actor_types"].items()
        }
        dates = {DatePrecision(k): v for k, v in raw["date_precisions"].items()}
        places = raw["place_features"]
        return cls(
            version=str(raw["version"]),
            event_types=types,
            sub_event_types=subs,
            fallback=raw["fallback_sub_event_type"],
            actor_types=actors,
            date_ranks={k: int(v["rank"]) for k, v in dates.items()},
            acled_time_precision={k: int(v["acled"]) for k, v in dates.items()},
            place_ranks={name: int(v["rank"]) for name, v in places.items()},
            geonames_ranks={code: int(v["rank"]) for v in places.values() for code in v.get("geonames", ())},
        )

    def sub_event_type(self, name: str) -> SubEventType:
        """The codes of a sub-type; an unknown name gets the fallback's ("Other")."""
        return self.sub_event_types.get(name) or self.sub_event_types[self.fallback]

    def disorder_type(self, event_type: str, sub_event_type: str = "") -> str:
        """ACLED's disorder type, from the sub-type where the codebook splits a type (any case)."""
        sub = _by_lower(self.sub_event_types).get(sub_event_type.strip().lower())
        if sub is not None and sub.disorder != self.event_types[sub.event_type].disorder:
            return sub.disorder
        found = _by_lower(self.event_types).get(event_type.strip().lower())
        return found.disorder if found else ""

    def same_family(self, a: str, b: str) -> bool:
        """Two known event types that reports of one incident may carry (all violence ...)."""
        ta, tb = self.event_types.get(a), self.event_types.get(b)
        return ta is not None and tb is not None and ta.family == tb.family

    def inter_code(self, actor_type: str) -> int | None:
        """ACLED's interaction code of an actor type (any case, plural forms too), None if unknown."""
        key = actor_type.strip().lower()
        for t in self.actor_types.values():
            if key == t.name.lower() or key in t.aliases:
                return t.inter
        return None

    def armed_types(self) -> frozenset[str]:
        return frozenset(t.name for t in self.actor_types.values() if t.armed)

    def non_state_types(self) -> frozenset[str]:
        return frozenset(t.name for t in self.actor_types.values() if t.non_state)

    def date_rank(self, precision: DatePrecision) -> int:
        """0 for a day, up to 3 for a year: lower is more precise."""
        return self.date_ranks[precision]

    def place_rank(self, feature: str) -> int:
        """0 for a site or neighbourhood, 1 a town (and any populated place), up to 5 a continent."""
        return self.place_ranks.get(feature, 1)

    def to_json(self) -> dict:
        """What the web page and API clients need: types with colours, sub-types with codes."""
        return {
            "version": self.version,
            "event_types": [
                {"name": t.name, "disorder_type": t.disorder, "colour": t.colour}
                for t in self.event_types.values()
            ],
            "sub_event_types": [
                {"name": s.name, "event_type": s.event_type, "plover": s.plover, "cameo": s.cameo}
                for s in self.sub_event_types.values()
            ],
            "actor_types": [{"name": a.name, "inter": a.inter} for a in self.actor_types.values()],
        }


def _by_lower(table: dict) -> dict:
    return {k.lower(): v for k, v in table.items()}


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    """The codebook shipped with the package, loaded once."""
    return Codebook.from_yaml(packaged_text("codebook.yaml"))


def packaged_text(name: str) -> str:
    """A vocabulary file shipped in ``sitrep/data``: read from the package, never the network."""
    return resources.files("sitrep").joinpath("data", name).read_text(encoding="utf-8")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres: the one distance every module uses."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """Whether two points lie closer than ``km``: the latitude gap alone bounds the distance from
    below, so most far pairs are settled without the trigonometry (geoparsing asks this of every
    candidate against every place of the story)."""
    if abs(lat2 - lat1) * _KM_PER_DEGREE >= km:
        return False
    return haversine_km(lat1, lon1, lat2, lon2) < km


_KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # along a meridian


def distance_km(a: Location, b: Location) -> float:
    """Great-circle distance between two places."""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
