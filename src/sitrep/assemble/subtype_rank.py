"""The event's ACLED (type, sub-type), chosen by a fitted ranker over the codebook's sub-types.

The rules (``events.choose_sub_event_type``: the first strong trigger, cues that refine it, the
actors when no trigger names the kind) were tuned article by article and do much worse on
reports they have not met. The ranker weighs the same evidence and more (the triggers of the
event and their kinds, weapon and crowd words of its sentences, the types of the voted actors,
the dead, civilians named as targets), with the rules' own choice as one feature, using weights
fitted on the development half of the real-news corpus (``scripts/fit_subtype_ranker.py``,
shipped as ``data/subtype_ranker.json``). ACLED's hard rules bound it: a suicide bombing stays a
suicide bomb, an interception or a defused bomb stays disrupted weapons use, a prison riot mob
violence, a demonstration with violence or force is never a peaceful protest, and an event with
people killed is never looting or property destruction.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import yaml

from sitrep.codebook import codebook, packaged_text
from sitrep.crowds import force_at_crowd, violent_crowd
from sitrep.events import STRONG, EventMention, Lexicon
from sitrep.model import Actor

BASE = ("rules", "strong", "first_strong", "lead", "proposed", "share", "rules_type")
_DEMONSTRATION = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
_RIOTS = ("Violent demonstration", "Mob violence")
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
_LOOTING = "Looting/property destruction"
_LETHAL = re.compile(
    r"\b(?:live (?:ammunition|rounds|bullets|fire)|shot|shooting|gunfire|killed|died|dead)\b", re.I
)
# ACLED's hard rules, on the rules' cue words: a suicide bombing, missiles shot down or a bomb
# defused, lethal force on demonstrators
_FIXED = ("Suicide bomb", "Disrupted weapons use", "Excessive force against protesters")


@dataclass(frozen=True)
class Cues:
    """The cue words of ``data/subtype_cues.yaml``, compiled once."""

    version: str
    words: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Cues:
        raw = yaml.safe_load(packaged_text("subtype_cues.yaml"))
        # lower-case patterns on lower-cased text, the left word boundary checked by hand (``_has``):
        # Python's re is about twice as slow with re.I, and again with a leading \b
        words = tuple((name, re.compile(rf"(?:{rx.lower()})\b")) for name, rx in raw["cues"].items())
        return cls(str(raw["version"]), words)


@dataclass(frozen=True)
class EventEvidence:
    """What the ranker reads of one event: its triggers, its sentences' text, actors and dead."""

    mentions: tuple[EventMention, ...]
    rules: str  # the rules' sub-type
    actor1: Actor | None = None
    actor2: Actor | None = None
    deaths: int = 0
    victims: bool = False  # the clauses name people hit
    named: tuple[str, ...] = ()  # the types of the actors its clauses name

    @property
    def text(self) -> str:
        return " ".join(dict.fromkeys(m.sentence.text for m in self.mentions))


@dataclass(frozen=True)
class Candidate:
    """One sub-type the event could have, with its active features (name -> value)."""

    sub: str
    features: dict[str, float]


@lru_cache(maxsize=1)
def sub_types() -> tuple[str, ...]:
    """Every sub-type of the codebook but its catch-all ("Other" is no choice of ours)."""
    book = codebook()
    return tuple(s for s in book.sub_event_types if s != book.fallback)


def event_cues(evidence: EventEvidence, cues: Cues) -> list[str]:
    """The event-level cues: words present, actor types, the dead, strong triggers, a bias."""
    text = evidence.text.lower()
    found = ["bias", *(f"w:{name}" for name, rx in cues.words if _has(rx, text))]
    for role, actor in (("a1", evidence.actor1), ("a2", evidence.actor2)):
        found.append(f"{role}:{actor.type if actor is not None else 'none'}")
    if evidence.deaths > 0:
        found.append("dead")
    if evidence.deaths >= 3:
        found.append("dead3")
    if evidence.victims:
        found.append("victims")
    found += [f"in:{t}" for t in dict.fromkeys(evidence.named)]
    found += [f"t:{_word(m.trigger.text)}" for m in evidence.mentions]
    found += [
        f"has:{s}" for s in dict.fromkeys(m.sub_event_type for m in evidence.mentions if m.strength == STRONG)
    ]
    return found


def _has(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern`` matches in ``text`` from the start of a word."""
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            return True
    return False


def _word(trigger: str) -> str:
    """A trigger's first word, lower case, without a plural or past ending: "clashes" -> "clash"."""
    word = trigger.split()[0].lower() if trigger.split() else ""
    return re.sub(r"(?:es|s|ed|ing)$", "", word) if len(word) > 5 else word


def candidates(
    evidence: EventEvidence, subs: Sequence[str] | None = None, cues: Cues | None = None
) -> list[Candidate]:
    """The sub-types ``subs`` (default: all of the codebook's) with their features for this event."""
    book = codebook()
    subs = sub_types() if subs is None else subs
    event_level = event_cues(evidence, cues or Cues.default())
    out = []
    for sub, base in zip(subs, _base_features(evidence, subs), strict=True):
        kind = book.sub_event_types[sub].event_type
        features = dict(base)
        for cue in event_level:
            features[f"{cue}|sub={sub}"] = 1.0
            features[f"{cue}|type={kind}"] = 1.0
        out.append(Candidate(sub, features))
    return out


def _base_features(evidence: EventEvidence, subs: Sequence[str]) -> list[dict[str, float]]:
    """What the triggers and the rules say of each sub-type (``BASE``), the zeros left out."""
    book = codebook()
    strong = [m.sub_event_type for m in evidence.mentions if m.strength == STRONG]
    named = [m.sub_event_type for m in evidence.mentions if m.sub_event_type]
    lead = evidence.mentions[0].sub_event_type if evidence.mentions else ""
    rules_type = book.sub_event_type(evidence.rules).event_type if evidence.rules else ""
    out = []
    for sub in subs:
        values = {
            "rules": float(sub == evidence.rules),
            "strong": float(sub in strong),
            "first_strong": float(bool(strong) and strong[0] == sub),
            "lead": float(sub == lead),
            "proposed": float(sub in named),
            "share": named.count(sub) / len(named) if named else 0.0,
            "rules_type": float(book.sub_event_types[sub].event_type == rules_type),
        }
        out.append({k: v for k, v in values.items() if v})
    return out


def allowed(subs: Sequence[str], evidence: EventEvidence, lexicon: Lexicon) -> list[str]:
    """ACLED's hard rules, which no fitted weight may break: a suicide bombing is a suicide bomb,
    an interception or a defused bomb disrupted weapons use, lethal force on demonstrators
    excessive force; violent demonstrators make a riot (never a protest), force on the crowd
    makes no peaceful protest, lethal force none with mere intervention, and no
    excessive force without shooting or the dead; a territory changes hands to the state only
    when the state is actor 1; a mob is the rules' call (their cue words), and a riot of prisoners
    always one; people killed make no looting or property destruction."""
    if fixed_by_rule(evidence, lexicon):
        return [evidence.rules]
    banned = _banned(evidence) | _crowd_banned(evidence, lexicon)
    return [s for s in subs if s not in banned] or list(subs)


def fixed_by_rule(evidence: EventEvidence, lexicon: Lexicon) -> bool:
    """The rules' sub-type is one of ACLED's hard rules (``_FIXED``), or a riot of prisoners, which
    ACLED codes as mob violence however many died (inmates are no demonstrators, nor civilians
    attacked by an armed group)."""
    if evidence.rules in _FIXED:
        return True
    return evidence.rules == "Mob violence" and bool(lexicon.refine["prison_riot"].search(evidence.text))


def _banned(evidence: EventEvidence) -> set[str]:
    """The bounds that need no cue words: the rules' riot, the side that took territory, the dead
    (ACLED's looting and property destruction kill no one: the dead make it an attack or a battle)."""
    banned = set()
    if evidence.rules in _RIOTS:  # violent demonstrators make a riot; a mob or not is the rules' cue words
        banned.update(r for r in (*_RIOTS, *_DEMONSTRATION) if r != evidence.rules)
    state = evidence.actor1 is not None and evidence.actor1.type == "State forces"
    banned.add(_TERRITORY[1] if state else _TERRITORY[0])  # who took it decides, not the words
    if evidence.deaths:
        banned.add(_LOOTING)
    return banned


def _crowd_banned(evidence: EventEvidence, lexicon: Lexicon) -> set[str]:
    """The protest sub-types the cue words of force or violence at the crowd rule out."""
    text, refine = evidence.text, lexicon.refine
    banned = set()
    if evidence.rules in _DEMONSTRATION[1:] or evidence.rules in _RIOTS:
        banned.add(_DEMONSTRATION[0])  # the rules saw force or violence at this crowd
    excessive = force_at_crowd("excessive_force", text, lexicon)
    if excessive or force_at_crowd("protest_intervention", text, lexicon):
        banned.add(_DEMONSTRATION[0])
    elif violent_crowd(text, lexicon) or refine["mob"].search(text):
        banned.add(_DEMONSTRATION[0])
    if excessive:
        banned.add(_DEMONSTRATION[1])
    elif not (_LETHAL.search(text) or evidence.deaths or evidence.rules == _DEMONSTRATION[2]):
        banned.add(_DEMONSTRATION[2])  # ACLED's excessive force is lethal or near it, not police nearby
    return banned


def in_scope(subs: Sequence[str], rules: str, scope: str) -> list[str]:
    """The sub-types the ranker may choose among: all (``"all"``) or those of the rules' event
    type (``"type"``: it refines the sub-type, the rules keep the type)."""
    if scope != "type" or not rules:
        return list(subs)
    kind = codebook().sub_event_type(rules).event_type
    return [s for s in subs if codebook().sub_event_type(s).event_type == kind] or list(subs)


@dataclass(frozen=True)
class SubtypeRanker:
    """One linear score over candidates (a conditional logit): the highest wins."""

    version: str
    weights: dict[str, float]
    scope: str = "type"  # "type": only the rules' event type; "all": any sub-type (see ``in_scope``)
    # cue -> its summed weights for every sub-type (its own and its type's), built once
    by_cue: dict[str, np.ndarray] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = _sub_index()
        by_type: dict[str, list[int]] = defaultdict(list)
        for sub, i in index.items():
            by_type[codebook().sub_event_types[sub].event_type].append(i)
        table: dict[str, np.ndarray] = {}
        for name, weight in self.weights.items():
            cue, crossed, target = name.rpartition("|")
            if not crossed:
                continue
            row = table.setdefault(cue, np.zeros(len(index)))
            key, _, value = target.partition("=")
            row[[index[value]] if key == "sub" and value in index else by_type.get(value, [])] += weight
        object.__setattr__(self, "by_cue", table)

    def score(self, candidate: Candidate) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in candidate.features.items())

    def choose(self, cands: list[Candidate], rules: str) -> Candidate:
        """The best-scored candidate; ties go to the rules' choice."""
        return max(cands, key=lambda c: (self.score(c), c.sub == rules))

    def ranked(self, evidence: EventEvidence, subs: Sequence[str], cues: Cues | None = None) -> list[str]:
        """``subs`` best first, as ``choose`` ranks ``candidates(evidence, subs)``, without building
        them: each present cue's weights are added once for every sub-type (the pipeline's path)."""
        index = _sub_index()
        crossed = np.zeros(len(index))
        for cue in event_cues(evidence, cues or Cues.default()):
            if (row := self.by_cue.get(cue)) is not None:
                crossed += row
        scored = [
            (
                crossed[index[sub]] + sum(self.weights.get(k, 0.0) * v for k, v in base.items()),
                sub == evidence.rules,
                sub,
            )
            for sub, base in zip(subs, _base_features(evidence, subs), strict=True)
        ]
        return [sub for *_, sub in sorted(scored, reverse=True)]


@lru_cache(maxsize=1)
def _sub_index() -> dict[str, int]:
    return {sub: i for i, sub in enumerate(sub_types())}


@lru_cache(maxsize=2)
def load_subtype_ranker(name: str = "subtype_ranker.json") -> SubtypeRanker:
    """The shipped ranker (``data/<name>``), read once."""
    data = json.loads(packaged_text(name))
    weights = {k: float(v) for k, v in data["weights"].items()}
    return SubtypeRanker(data["version"], weights, data.get("scope", "type"))


def rank_sub_type(evidence: EventEvidence, lexicon: Lexicon, ranker: SubtypeRanker) -> str:
    """The ranker's sub-type for one event, within ACLED's bounds (the rules' when it has none).

    The same choice as ``ranker.choose`` over ``allowed`` candidates, cheaper: the bounds that
    need the crowd's cue words are only read when a protest sub-type comes out on top."""
    if not evidence.mentions or fixed_by_rule(evidence, lexicon):
        return evidence.rules
    banned = _banned(evidence)
    subs = in_scope([s for s in sub_types() if s not in banned], evidence.rules, ranker.scope)
    if subs == [evidence.rules]:
        return evidence.rules  # nothing to choose: no features to build
    crowd: set[str] | None = None
    for sub in ranker.ranked(evidence, subs):
        if sub in _DEMONSTRATION:
            crowd = _crowd_banned(evidence, lexicon) if crowd is None else crowd
            if sub in crowd:
                continue
        return sub
    return evidence.rules
