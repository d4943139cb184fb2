"""Who did it and to whom, chosen by a fitted ranker over every actor the event could have.

The rule cascade (``actor_vote``, ``perpetrator``, ``interstate``, ``claimed`` and ACLED's
defaults) was tuned article by article and does much worse on reports it has not met: each
new outlet brings a phrasing the rules have not seen. The ranker weighs the same evidence
(the clause votes, where and how often an actor is named, whether it only speaks, the claims
naming it, its type against the event's type and sub-type, ACLED's default actors) with
weights fitted on the development half of the real-news corpus (``scripts/fit_actor_ranker.py``,
shipped as ``data/actor_ranker.json``). It chooses among candidates, so it never invents an
actor: the candidates are the actors the article names, the cascade's own choice, and ACLED's
defaults for the event's country. Actor 2 may be nobody (a peaceful protest).
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from sitrep.actors import is_unidentified, with_country
from sitrep.assemble.actor_vote import CIVILIAN_TARGET, is_speaker
from sitrep.assemble.perpetrator import blamed
from sitrep.assemble.records import Draft, Findings, Tree
from sitrep.codebook import codebook, packaged_text
from sitrep.model import Actor, Claim, Span
from sitrep.nlp import parsed_text

ACTOR_TYPES = (
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
    "Civilians", "External/Other forces", "Government",
)  # fmt: skip
EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
)  # fmt: skip
SUB_TYPES = (
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Peaceful protest",
    "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
    "Mob violence", "Abduction/forced disappearance", "Arrests", "Agreement", "Disrupted weapons use",
    "Government regains territory", "Non-state actor overtakes territory", "Looting/property destruction",
)  # fmt: skip
_BASE = (
    "cascade_actor1", "cascade_actor2", "vote_actor1", "vote_actor2", "voted_actor1", "voted_actor2",
    "in_clause", "mentions", "first_position", "in_lead", "in_event_sentence", "speaker_only",
    "own_country", "unidentified", "default", "named_group", "claimed", "police_words",
    "civilians_hit",
)  # fmt: skip
# One row per candidate, plus the "nobody" row that actor 2 may take.
FEATURES = (
    *_BASE,
    *(f"type={t}" for t in ACTOR_TYPES),
    *(f"default|type={t}" for t in ACTOR_TYPES),  # a stand-in the article never names
    *(f"type={t}|event={e}" for t in ACTOR_TYPES for e in EVENT_TYPES),
    *(f"type={t}|sub={s}" for t in ACTOR_TYPES for s in SUB_TYPES),
    "nobody",
    *(f"nobody|event={e}" for e in EVENT_TYPES),
    *(f"nobody|sub={s}" for s in SUB_TYPES),
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}
LEAD_CHARS = 600
_DEFAULT_TYPES = ("Political militia", "Civilians", "Protesters", "Rioters")
_POLICE_WORDS = ("police", "policemen", "officers", "tear gas", "teargas", "riot")


@dataclass(frozen=True)
class Candidate:
    """An actor the event could have (``actor`` None: nobody), with its features and evidence."""

    actor: Actor | None
    features: np.ndarray
    span: Span | None = None


@dataclass(frozen=True)
class EventFacts:
    """What the ranker knows of the event besides its clauses."""

    event_type: str
    sub_event_type: str
    country: str
    cascade: tuple[Actor | None, Actor | None]
    claims: tuple[Claim, ...] = ()


def actor_candidates(findings: Findings, draft: Draft, facts: EventFacts) -> list[Candidate]:
    """Every actor the event could have, and the "nobody" row last."""
    country, text = facts.country, parsed_text(findings.doc)
    votes: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    actors: dict[str, Actor] = {}
    for clause in draft.clauses:
        for mention, role, weight in clause.actors:
            actor = with_country(mention.actor, country)
            actors.setdefault(actor.name, actor)
            votes[actor.name][0] += weight if role in ("actor1", "both") else 0.0
            votes[actor.name][1] += weight if role in ("actor2", "both") else 0.0
    in_clause = set(actors)
    mentions: dict[str, list] = defaultdict(list)
    for m in findings.actors:
        actor = with_country(m.actor, country)
        actors.setdefault(actor.name, actor)
        mentions[actor.name].append(m)
    defaults = _defaults(country)
    for actor in (*facts.cascade, *defaults):
        if actor is not None:
            actors.setdefault(actor.name, actor)
    sentences = [(m.sentence.start, m.sentence.end) for m in draft.mentions]
    tree = Tree(findings.doc)
    totals = [sum(v[i] for v in votes.values()) or 1.0 for i in (0, 1)]
    perpetrators = [c.span for c in facts.claims if c.field == "perpetrator"]
    told = " ".join(dict.fromkeys(m.sentence.text for m in draft.mentions))
    crowd = facts.event_type in ("Protests", "Riots")
    police = crowd and any(w in told.lower() for w in _POLICE_WORDS)  # who faced the crowd
    civilians_hit = _civilians_hit(told) or any(c.victims for c in draft.clauses)
    default_names = {a.name for a in defaults}
    out = []
    for name, actor in actors.items():
        if "{" in name:
            continue
        seen = sorted(mentions.get(name, []), key=lambda m: m.span.start)
        local = [m for m in seen if any(s <= m.span.start < e for s, e in sentences)]
        row = np.zeros(len(FEATURES))
        values = {
            "cascade_actor1": _same(facts.cascade[0], name),
            "cascade_actor2": _same(facts.cascade[1], name),
            "vote_actor1": votes[name][0] / totals[0] if name in votes else 0.0,
            "vote_actor2": votes[name][1] / totals[1] if name in votes else 0.0,
            "voted_actor1": float(name in votes and votes[name][0] > 0),
            "voted_actor2": float(name in votes and votes[name][1] > 0),
            "in_clause": float(name in in_clause),
            "mentions": math.log1p(len(seen)),
            "first_position": seen[0].span.start / max(len(text), 1) if seen else 1.0,
            "in_lead": float(bool(seen) and seen[0].span.start < LEAD_CHARS),
            "in_event_sentence": float(bool(local)),
            "speaker_only": float(bool(local) and all(is_speaker(text, m, tree) for m in local)),
            "own_country": float(actor.country == country),
            "unidentified": float(is_unidentified(actor)),
            "default": float(name in default_names and not seen),
            "named_group": float(actor.type in codebook().non_state_types() and name not in default_names),
            "claimed": float(any(s.start <= m.span.start < s.end for m in seen for s in perpetrators)),
            "police_words": float(police and name.startswith("Police Forces")),
            "civilians_hit": float(civilians_hit and actor.type == "Civilians"),
            f"type={actor.type}": 1.0,
            f"default|type={actor.type}": float(name in default_names and not seen),
            f"type={actor.type}|event={facts.event_type}": 1.0,
            f"type={actor.type}|sub={facts.sub_event_type}": 1.0,
        }
        for key, value in values.items():
            if key in _INDEX:
                row[_INDEX[key]] = value
        span = (local or seen)[0].span if seen else None
        out.append(Candidate(actor, row, span))
    nobody = np.zeros(len(FEATURES))
    for key in ("nobody", f"nobody|event={facts.event_type}", f"nobody|sub={facts.sub_event_type}"):
        if key in _INDEX:
            nobody[_INDEX[key]] = 1.0
    out.append(Candidate(None, nobody))
    return out


def _same(actor: Actor | None, name: str) -> float:
    return float(actor is not None and actor.name == name)


def _defaults(country: str) -> list[Actor]:
    """ACLED's stand-ins in the event's country: an unidentified armed group, civilians, crowds.

    The state's forces are no stand-in: the rules add them where ACLED's conventions do (the
    police facing a crowd, the air force behind an unnamed strike), and the ranker sees that."""
    types = codebook().actor_types
    return [with_country(Actor(types[t].default, t), country) for t in _DEFAULT_TYPES]


# "no indications of collateral damage or civilian casualties", "ruling out civilian casualties"
_DENIED = re.compile(
    r"\b(?:no|not|without|nor|zero|ruling out|ruled out|rules out|rule out)\b[^.;]{0,40}$", re.I
)


def _civilians_hit(told: str) -> bool:
    """Civilians the event's sentences say were hit; not those a statement rules out."""
    return any(
        not _DENIED.search(told[max(0, m.start() - 60) : m.start()]) for m in CIVILIAN_TARGET.finditer(told)
    )


@dataclass(frozen=True)
class ActorRanker:
    """Two linear scores over candidates (softmax per event): one for actor 1, one for actor 2."""

    version: str
    actor1: np.ndarray
    actor2: np.ndarray

    def choose(
        self, candidates: list[Candidate], event_type: str = "", sub_event_type: str = ""
    ) -> tuple[Candidate, Candidate]:
        """Actor 1 (never nobody), then actor 2 (nobody allowed, never actor 1 again), within
        ACLED's rules: a state is never on both sides, civilians are only ever acted upon, the
        crowd is its protest's or riot's actor 1, a protest's other side is the force that met it,
        never civilians nor a crowd (a mob's victims are, and rival rioters: riots may have them),
        a peaceful protest has no other side (police who watched it did not meet it), and a
        battle's other side is an armed group, never civilians."""
        named = [c for c in candidates if c.actor is not None and c.actor.type != "Civilians"]
        named = _of_kind(named, _FIRST_KIND.get(sub_event_type) or _FIRST_KIND.get(event_type))
        first = max(named or candidates[:-1] or candidates, key=lambda c: float(c.features @ self.actor1))
        barred = _BARRED_OTHER_SIDE.get(event_type, frozenset())
        rest = [
            c for c in candidates if c is not first and not (c.actor is not None and c.actor.type in barred)
        ]
        rest = _of_kind(rest, _SECOND_KIND.get(sub_event_type))
        rest = [c for c in rest if not same_state(first.actor, c.actor)] or rest
        second = max(rest, key=lambda c: float(c.features @ self.actor2))
        return first, second


_STATE_TYPES = frozenset({"State forces", "Government"})


def same_state(one: Actor | None, other: Actor | None) -> bool:
    """Both are one state's forces or government ("Military Forces of Kyrgyzstan", "Police Forces
    of Kyrgyzstan"): ACLED never has a state on both sides of an event (a mutiny is its own actor), so
    a state's police named beside its army is not the other side."""
    return (
        one is not None
        and other is not None
        and one.type in _STATE_TYPES
        and other.type in _STATE_TYPES
        and one.country != ""
        and one.country == other.country
    )


def _of_kind(candidates: list[Candidate], kind: str | None) -> list[Candidate]:
    """The candidates of an actor type ACLED's rule requires (``NOBODY``: the "nobody" row), or
    all of them when the rule names none or none is of the type."""
    if kind is None:
        return candidates
    kept = [c for c in candidates if (c.actor.type if c.actor is not None else NOBODY) == kind]
    return kept or candidates


# ACLED: the crowd is actor 1 of its protest or riot (the force that met it is actor 2; where
# that force used lethal force analysts put it first as often as not, so that one is left open).
_FIRST_KIND = {
    "Peaceful protest": "Protesters",
    "Protest with intervention": "Protesters",
    "Riots": "Rioters",
    "Arrests": "State forces",  # the arresting force
}
# ACLED: an attack is one-sided violence on civilians, they are its other side; a peaceful
# protest has none (police who watched it did not meet it).
NOBODY = "nobody"
_SECOND_KIND = {"Attack": "Civilians", "Peaceful protest": NOBODY}

# ACLED: a protest's other side is the force that met it; a battle is fought between
# organised armed groups, so civilians or a crowd are never its other side ("police fought gunmen").
_BARRED_OTHER_SIDE = {
    "Protests": frozenset({"Civilians", "Rioters"}),
    "Battles": frozenset({"Civilians", "Protesters", "Rioters"}),
}


@lru_cache(maxsize=2)
def load_ranker(name: str = "actor_ranker.json") -> ActorRanker:
    """The shipped ranker (``data/<name>``), read once; its features must be this module's."""
    data = json.loads(packaged_text(name))
    weights = {}
    for role in ("actor1", "actor2"):
        fitted = data["weights"][role]
        weights[role] = np.array([float(fitted.get(f, 0.0)) for f in FEATURES])
    return ActorRanker(data["version"], weights["actor1"], weights["actor2"])


def rank_actors(
    findings: Findings, draft: Draft, facts: EventFacts, ranker: ActorRanker
) -> tuple[Actor | None, Actor | None, dict[str, Span]]:
    """The ranker's actor 1 and actor 2, with the sentence that names each."""
    candidates = actor_candidates(findings, draft, facts)
    first, second = ranker.choose(candidates, facts.event_type, facts.sub_event_type)
    if first.actor is not None and first.actor.name in (
        answered := _provokers(findings, draft, facts.country)
    ):
        kept = [c for c in candidates if c.actor is None or c.actor.name not in answered]
        first, other = ranker.choose(kept, facts.event_type, facts.sub_event_type)
        second = other if second is first else second  # the side it hit stays
    if _unclaimed(findings, facts, first.actor):
        first = next((c for c in candidates if c.actor is not None and is_unidentified(c.actor)), first)
    elif first.actor is not None and is_unidentified(first.actor) and facts.event_type in _CLAIMABLE:
        first = _the_lead_group(candidates, findings) or first
        if second is first:
            second = candidates[-1]
    evidence = {role: c.span for role, c in (("actor1", first), ("actor2", second)) if c.span is not None}
    return first.actor, second.actor, evidence


def _provokers(findings: Findings, draft: Draft, country: str) -> set[str]:
    """The actors the event's sentences name only as what it answered ("settlers torched homes in
    what looked like reprisals for Hamas's killing of four Israelis", "raids launched in retaliation
    for Tuesday's killing of four settlers by Hamas gunmen", "settlers attack village after deadly
    Hamas strike"): the side that provoked it, not its actor 1."""
    text = parsed_text(findings.doc)
    sentences = [(m.sentence.start, m.sentence.end) for m in draft.mentions]
    answered, acting = set(), set()
    for m in findings.actors:
        if not any(s <= m.span.start < e for s, e in sentences):
            continue
        before = text[max(0, m.span.start - 90) : m.span.start]
        cause = _IN_ANSWER.search(before) or (
            _AFTER.search(before) and _DEED.match(text, m.span.end, m.span.end + 40)
        )
        (answered if cause else acting).add(with_country(m.actor, country).name)
    return answered - acting


_IN_ANSWER = re.compile(
    r"\b(?:(?:retaliation|reprisals?|revenge|response|answer)\s+(?:for|to)|to avenge)\b[^.;!?]{0,80}$", re.I
)
_AFTER = re.compile(
    r"\bafter\s+(?:(?:a|an|the|last|this|\w+day's)\s+)?(?:(?:deadly|fatal|recent)\s+)?$", re.I
)
_DEED = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:strikes?|attacks?|killings?|ambush|raids?|assault|bombings?)\b", re.I
)


def _unclaimed(findings: Findings, facts: EventFacts, actor: Actor | None) -> bool:
    """The report says no one claimed the attack and only recalls the armed group ("no group has
    claimed the bombing; the district has been hit repeatedly by attacks carried out by the TTP"):
    ACLED's actor 1 is then an unidentified armed group, unless the report lays this attack at the
    group's door ("it carries the marks of Boko Haram", "attributed to separatists", "authorities have
    blamed al-Shabab")."""
    if (
        actor is None
        or facts.event_type not in _CLAIMABLE
        or actor.type not in codebook().non_state_types()
        or is_unidentified(actor)
        or actor.type == "Civilians"
    ):
        return False
    text = parsed_text(findings.doc)
    if not _NO_CLAIM.search(text):
        return False
    for m in findings.actors:
        if with_country(m.actor, facts.country).name == actor.name:
            before = text[max(0, m.span.start - 90) : m.span.start]
            if _ATTRIBUTED.search(before) or _ACTED.match(text, m.span.end):
                return False
            if blamed(text, m.span.start, m.span.end):
                return False
    return True


_CLAIMABLE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_NO_CLAIM = re.compile(
    r"\b(?:no (?:group|one|organi[sz]ation|militant group|armed group)(?: has| had)?(?: yet| immediately| so far)?"
    r" (?:claimed|said it|taken|accepted|come forward)|nobody (?:has |had )?(?:yet |immediately )?claimed|"
    r"no (?:immediate )?claims? of responsibility|not (?:immediately )?(?:known|clear) who (?:was|is) "
    r"(?:behind|responsible)|(?:has|had) not (?:yet )?been claimed|was not (?:immediately )?claimed)",
    re.I,
)
# This attack laid at the group's door, or the group the subject of its act.
_ATTRIBUTED = re.compile(
    r"\b(?:hallmarks? of|marks of|attributed to|the work of|points? to|blamed (?:it |the \w+ )?on|"
    r"suspected (?:of being |to be )?)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)
_ACTED = re.compile(
    r"\s+(?:gunmen|fighters|militants|insurgents|suicide bombers?)?\s*"
    r"(?:stormed|attacked|rushed|opened fire|ambushed|killed|struck|detonated|abducted|kidnapped|raided)\b",
    re.I,
)


def _the_lead_group(candidates: list[Candidate], findings: Findings) -> Candidate | None:
    """The one armed group of the event's country that the report's lead names, when the event's
    own sentences name only "gunmen" or "militants" ("Al-Shabaab suspect hurls explosive at
    police" above "the attackers threw a grenade"): those are its men, unless no one claimed it."""
    if _NO_CLAIM.search(parsed_text(findings.doc)):
        return None
    at = {name: i for i, name in enumerate(FEATURES)}
    groups = [
        c
        for c in candidates
        if c.actor is not None
        and c.features[at["named_group"]]
        and c.features[at["in_lead"]]
        and c.features[at["own_country"]]
        and c.actor.type in _ARMED_GROUPS
    ]
    return groups[0] if len(groups) == 1 else None


_ARMED_GROUPS = frozenset({"Rebel group", "Political militia", "Identity militia"})
