"""The pair model of fusion: what two reports share, and the fitted probability that they are one incident.

Real outlets disagree on the coded fields (tolls rise, one names the village and another the
province, one dates the event and another the report), so the coded fields alone link few
real reports. What outlets share beyond them is the story's detail: named people, units and
places, the target ("dormitory", "fuel depot"), distinctive numbers, the time of day. A
report carries those as *clues* (prefixed tokens: ``n:`` a name, ``#:`` a number, ``t:`` a
target word, ``h:`` a time of day) read from the text around its trigger.

:func:`pair_features` turns two reports into the numbers of :data:`FEATURES`;
:class:`PairModel` (a logistic regression fitted by ``scripts/fit_fusion.py`` on the
development half of the real-news corpus, shipped as ``data/fusion_model.json``) turns them
into a probability; :func:`evidence` says in words what the two share, for a person to check.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.codebook import codebook, packaged_text
from sitrep.model import DatePrecision, DateSource, Event, Fatalities, Location

if TYPE_CHECKING:
    from sitrep.config import FusionSettings
    from sitrep.fusion import Report

FEATURES = (
    "place_agree", "place_conflict", "date_same_day", "date_gap", "type_agree",
    "actors_shared", "actors_differ", "toll_agree", "toll_rising", "toll_conflict",
    "text", "details", "targets_shared", "crowd_day_unsure",
)  # fmt: skip

# Few features, each an agreement (+1: it can only raise the probability) or a conflict (-1):
# the development half holds a few dozen candidate pairs, so every weight is held to its sign
# when fitted and a sub-type, a place or a toll that two outlets tell alike or compatibly is
# one feature, not three that a handful of pairs would weigh apart.
SIGNS = {
    "place_agree": 1, "place_conflict": -1, "date_same_day": 1, "date_gap": -1, "type_agree": 1,
    "actors_shared": 1, "actors_differ": -1, "toll_agree": 1, "toll_rising": 1, "toll_conflict": -1,
    "text": 1, "details": 1, "targets_shared": 1, "crowd_day_unsure": -1,
}  # fmt: skip

# Sub-types one outlet may give where another gives the other (a missile for a drone strike,
# a riot for a protest with intervention, a riot for the clash with the police): agreement, not conflict.
RELATED_SUBTYPES = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
               "Suicide bomb", "Grenade"}),
    frozenset({"Violent demonstration", "Protest with intervention", "Excessive force against protesters",
               "Mob violence", "Peaceful protest"}),
    frozenset({"Armed clash", "Attack", "Abduction/forced disappearance", "Government regains territory",
               "Non-state actor overtakes territory"}),
    frozenset({"Violent demonstration", "Armed clash"}),
    frozenset({"Mob violence", "Excessive force against protesters", "Attack"}),
)  # fmt: skip

_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z\u00c0-\u024f'-]{2,}|[A-Z]{2,6})\b", re.MULTILINE)
_NUMBER = re.compile(r"(?<![\d.,])(\d{2,5})(?![\d.,]\d)")
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(a\.?m|p\.?m|gmt|utc|local)?", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Dates and clock times are not distinctive numbers: every report of a day shares "13 February",
# and page stamps ("2024-02-13 | 04:11") are when the page was made, not the incident.
_DATE_OR_CLOCK = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}[:.]\d{{2}}\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z'-]+")
_TIMES = frozenset("dawn morning noon midday afternoon evening dusk night midnight overnight".split())


@lru_cache(maxsize=1)
def target_kinds() -> dict[str, int]:
    """Target word -> its kind (a line of ``data/fusion_targets.txt``; -1 for settings such as "road")."""
    text = packaged_text("fusion_targets.txt")
    kinds: dict[str, int] = {}
    for n, line in enumerate(text.splitlines()):
        if line.strip() and not line.startswith("#"):
            for word in line.lstrip("~").split():
                kinds[word] = -1 if line.startswith("~") else n
    return kinds


def targets() -> frozenset[str]:
    """The versioned target words: what was hit tells strikes apart."""
    return frozenset(target_kinds())


@lru_cache(maxsize=1)
def common_clues() -> frozenset[str]:
    """Names, numbers and times of day that the passages of many different articles carry
    ("national", "photo", "West", "Rapid Support", "10", "night"): they tell no incident from
    another (``data/fusion_common_clues.txt``, written by ``scripts/fit_fusion.py``)."""
    lines = packaged_text("fusion_common_clues.txt").splitlines()
    return frozenset(
        line.strip() for line in lines if line.strip() and not line.startswith("# ")
    )  # "#:10" is a clue


def clues(text: str, drop: frozenset[str]) -> frozenset[str]:
    """The distinctive details of a passage: :func:`passage_clues` without the :func:`common_clues`."""
    return passage_clues(text, drop) - common_clues()


def passage_clues(text: str, drop: frozenset[str]) -> frozenset[str]:
    """Every detail of a passage: names, numbers, target words and times of day.

    ``drop`` holds words that tell nothing (stop words, countries, the event's own place and
    actor words are kept out by the caller); years are not distinctive numbers.
    """
    found: set[str] = set()
    for m in _CAPITAL.finditer(text):
        word = m.group(1).lower().strip("'-").removesuffix("'s")  # "Chad's" is Chad
        if len(word) > 2 and word not in drop:
            found.add("n:" + word)
    for m in _NUMBER.finditer(_DATE_OR_CLOCK.sub(" ", text)):
        value = int(m.group(1))
        if value >= 10 and not 1900 <= value <= 2100:
            found.add(f"#:{value}")
    for m in _CLOCK.finditer(text):
        found.add(f"h:{_hour(m)}:{m.group(2)}")
    lower = _WORD.findall(text.lower())
    found |= {"t:" + singular(w) for w in lower if singular(w) in targets()}
    found |= {"h:" + w for w in lower if w in _TIMES}
    return frozenset(found)


def _hour(m: re.Match) -> int:
    """The hour on a 24-hour clock ("4.30 pm" is 16, "16:11" stays 16, "04:11" stays 4)."""
    hour, suffix = int(m.group(1)), (m.group(3) or "").lower()
    if suffix.startswith("p") and hour < 12:
        return hour + 12
    return 0 if suffix.startswith("a") and hour == 12 else hour


def singular(word: str) -> str:
    """A crude singular: ``-ies`` to ``-y``, a final ``s`` dropped (not ``-ss``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# -- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic regression over :data:`FEATURES`; ``threshold`` is the probability that links."""

    version: str
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=4)
def load_model(name: str = "fusion_model.json") -> PairModel:
    """The shipped pair model (``data/<name>``), read once."""
    data = json.loads(packaged_text(name))
    return PairModel(data["version"], dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


# -- features -------------------------------------------------------------------------------------


def pair_features(a: Report, b: Report, settings: FusionSettings) -> dict[str, float]:
    """The numbers the pair model reads for two reports (each 0-1)."""
    ea, eb = a.event, b.event
    f = dict.fromkeys(FEATURES, 0.0)
    place = _place_relation(a, b, settings)
    f["place_agree"] = float(place in _PLACE_AGREES)
    f["place_conflict"] = float(place in _PLACE_CONFLICTS)
    _date_features(f, a, b, settings)
    # Crowds come back night after night to one square with one cause (ACLED codes each day):
    # two demonstration reports are one only if they give the same day.
    crowds = all(_family(e.event_type) == "demonstration" for e in (ea, eb))
    f["crowd_day_unsure"] = float(crowds and not f["date_same_day"])
    f["type_agree"] = float(subtypes_agree(ea.sub_event_type, eb.sub_event_type))
    actors_a, actors_b = _fusion._event_actors(ea), _fusion._event_actors(eb)
    if actors_a and actors_b:
        f["actors_shared" if actors_a & actors_b else "actors_differ"] = 1.0
    _toll_features(f, *_fusion._by_publication(a, b))
    f["text"] = min(1.0, _fusion.jaccard(a.tokens, b.tokens) / 0.25)
    shared = a.clues & b.clues
    details = sum(c[0] in "n#h" for c in shared) + len(set(ea.victims) & set(eb.victims))
    f["details"] = min(1.0, math.log1p(details) / math.log1p(_DETAILS_FULL))
    f["targets_shared"] = float(any(c[0] == "t" for c in shared))
    return f


def _family(event_type: str) -> str:
    found = codebook().event_types.get(event_type)
    return found.family if found else ""


_PLACE_AGREES = frozenset({"place_same", "place_contains", "place_near"})
_PLACE_CONFLICTS = frozenset({"place_far", "place_other_country"})
_DETAILS_FULL = 8  # this many shared names, numbers and times count fully


def subtypes_agree(sub_a: str, sub_b: str) -> bool:
    """The same sub-type, or two that outlets give for one incident (a missile for a drone strike)."""
    return sub_a == sub_b or any(sub_a in g and sub_b in g for g in RELATED_SUBTYPES)


def _place_relation(a: Report, b: Report, settings: FusionSettings) -> str:
    la, lb = a.event.location, b.event.location
    if la is None or lb is None or not la.country or not lb.country:
        return "place_unknown"
    relation = _coded_place_relation(la, lb, settings)
    if relation in _PLACE_CONFLICTS and (_fusion.names_place(b, la) or _fusion.names_place(a, lb)):
        return "place_named"  # one report names the other's place: the coder chose another one
    return relation


def _coded_place_relation(la: Location, lb: Location, settings: FusionSettings) -> str:
    if la.country != lb.country:
        return "place_other_country"
    if _fusion.is_wide(la) or _fusion.is_wide(lb):
        return "place_contains" if _fusion.places_compatible(la, lb, settings) else "place_far"
    if (la.geonameid is not None and la.geonameid == lb.geonameid) or _fusion.same_name(la.name, lb.name):
        return "place_same"
    km = _fusion.distance_km(la, lb)
    if km <= settings.same_place_km:
        return "place_same"
    return "place_near" if km <= settings.max_km else "place_far"


def _date_features(f: dict[str, float], a: Report, b: Report, settings: FusionSettings) -> None:
    da, db = a.event.event_date, b.event.event_date
    exact = all(d.precision is DatePrecision.DAY and d.source is DateSource.TEXT for d in (da, db))
    f["date_same_day"] = float(exact and da.start == db.start)
    a_lo, a_hi = _fusion.date_window(da, settings)
    b_lo, b_hi = _fusion.date_window(db, settings)
    gap = max(0, max(a_lo, b_lo) - min(a_hi, b_hi))
    f["date_gap"] = min(1.0, gap / 7)


def _toll_features(f: dict[str, float], early: Fatalities | None, late: Fatalities | None) -> None:
    if early is None or late is None:
        return
    if early.best == late.best or late.low <= early.best <= late.high or early.low <= late.best <= early.high:
        f["toll_agree"] = 1.0
    elif late.best > early.best:
        f["toll_rising"] = 1.0
    else:
        f["toll_conflict"] = 1.0


# -- explanation ----------------------------------------------------------------------------------


def evidence(a: Report, b: Report, settings: FusionSettings) -> list[str]:
    """What two linked reports share, in words a person can check against the articles."""
    f = pair_features(a, b, settings)
    ea, eb = a.event, b.event
    said: list[str] = []
    la, lb = ea.location, eb.location
    place = _place_relation(a, b, settings)
    if place == "place_same" and la:
        said.append(f"same place: {la.name}")
    elif f["place_agree"] and la and lb:
        said.append(f"places agree: {la.name} / {lb.name}")
    elif place == "place_named" and la and lb:
        said.append(f"places differ but one report names the other's: {la.name} / {lb.name}")
    if f["date_same_day"]:
        said.append(f"same day: {ea.event_date.iso}")
    elif not f["date_gap"]:
        said.append(f"dates agree: {ea.event_date.iso} / {eb.event_date.iso}")
    if ea.sub_event_type == eb.sub_event_type:
        said.append(f"same sub-type: {ea.sub_event_type}")
    elif f["type_agree"]:
        said.append(f"compatible types: {ea.sub_event_type} / {eb.sub_event_type}")
    if shared := sorted(_fusion._event_actors(ea) & _fusion._event_actors(eb)):
        said.append("same actors: " + ", ".join(shared))
    if victims := sorted(set(ea.victims) & set(eb.victims)):
        said.append("same victims: " + ", ".join(victims))
    if f["toll_agree"] or f["toll_rising"]:
        said.append(f"tolls agree: {_toll(ea)} / {_toll(eb)}" + (" (rising)" if f["toll_rising"] else ""))
    labels = {"n": "names", "#": "numbers", "t": "target", "h": "time"}
    shared_clues = sorted(a.clues & b.clues)
    for prefix, label in labels.items():
        values = [c[2:] for c in shared_clues if c[0] == prefix]
        if values:
            said.append(f"shared {label}: " + ", ".join(values[:8]))
    return said + _against(f, ea, eb)


def _against(f: dict[str, float], ea: Event, eb: Event) -> list[str]:
    """What argues against the link (a person checks these first): places, days or tolls that differ."""
    said = []
    la, lb = ea.location, eb.location
    if f["place_conflict"] and la and lb:
        said.append(f"against: places differ: {la.name} ({la.country}) / {lb.name} ({lb.country})")
    if f["date_gap"]:
        said.append(f"against: dates differ: {ea.event_date.iso} / {eb.event_date.iso}")
    if f["crowd_day_unsure"] and not f["date_gap"]:
        said.append(
            f"against: crowds, not known to be the same day: {ea.event_date.iso} / {eb.event_date.iso}"
        )
    if f["toll_conflict"]:
        said.append(f"against: tolls differ: {_toll(ea)} / {_toll(eb)}")
    return said


def _toll(event: Event) -> str:
    return "?" if event.fatalities is None else str(event.fatalities.best)


from sitrep import fusion as _fusion  # noqa: E402  last, on purpose: fusion calls the model, the model its helpers
