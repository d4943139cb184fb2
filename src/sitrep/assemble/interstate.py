"""Two states as the two sides: "Iran sent drones and missiles toward Israel", "Ukraine and
Russia start swapping detainees", "clashes along the Kyrgyz-Tajik border".

Reports of fighting between states name the countries, not their armies, so no actor
mention fills the sides. ACLED codes each side as the state's military (its government for
an accord between governments). The attacker of a cross-border strike is the country that
is not where the strike landed; the interceptor of missiles is the country they were aimed at.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep.actors import ActorDictionary, with_country
from sitrep.assemble.records import Draft, Findings
from sitrep.codebook import codebook
from sitrep.events import Lexicon
from sitrep.model import Actor, Location

INTERSTATE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Strategic developments"})
_STATE_SUBS = frozenset(
    {"Agreement", "Disrupted weapons use", "Armed clash", "Non-violent transfer of territory"}
)
_FRONTIER = re.compile(r"\b(?:border|frontier|boundary|line of contact)\b", re.I)
_CAPTIVES = re.compile(r"\b(?:prisoners?|detainees|captives|pows|soldiers|servicemen|bodies)\b", re.I)


def interstate_actors(
    findings: Findings,
    draft: Draft,
    event_type: str,
    sub: str,
    actors: tuple[Actor | None, Actor | None],
    country: str,
) -> tuple[Actor | None, Actor | None]:
    """The empty sides of an event between two named states, filled with those states."""
    actor1, actor2 = actors
    if actor1 is not None and actor2 is not None:
        return actors
    if event_type not in INTERSTATE_TYPES or (
        event_type == "Strategic developments" and sub not in _STATE_SUBS
    ):
        return actors
    cue_text = " ".join(dict.fromkeys(m.sentence.text for m in draft.mentions))
    named = _countries_named(cue_text)
    if len(named) < 2:
        return actors
    if event_type == "Battles" and not _FRONTIER.search(cue_text):
        return (
            actors  # "clashes in Darfur sent refugees into Chad": a battle of two states is at their border
        )
    if event_type == "Explosions/Remote violence" and country in named:  # the attacker came from elsewhere
        named = [c for c in named if c != country][:1] + [country]
    elif sub == "Disrupted weapons use" and country in named:  # the target shot them down
        named = [country] + [c for c in named if c != country][:1]
    template = "Military Forces of {the_country}"
    if sub == "Agreement" and not _CAPTIVES.search(cue_text):
        template = "Government of {the_country}"
    sides = [
        with_country(Actor(template, "Government" if "Government" in template else "State forces"), c)
        for c in named
    ]
    if actor1 is None and actor2 is None:
        return sides[0], sides[1]
    if sub not in ("Agreement", "Disrupted weapons use", "Non-violent transfer of territory"):
        return actors  # "troops clashed with jihadists near the border with Niger": Niger is a place
    present = actor1 or actor2
    other = next((s for s in sides if s.country != present.country), None)
    if present.country not in named or other is None:
        return actors
    return (actor1, other) if actor1 is not None else (other, actor2)


def interceptor_first(
    actor1: Actor | None, actor2: Actor | None, location: Location | None, cue_text: str = ""
) -> tuple[Actor | None, Actor | None]:
    """The side that shot the weapons down is actor 1 of a disrupted weapons use, the side that
    sent them actor 2; weapons downed over a country were downed by its state's forces (the
    rule :func:`interstate_actors` applies to sides it fills, here to sides the ranker chose),
    and "17 of the 22 Russian drones" or "a US MQ-9 Reaper" were sent by that country's side."""
    home = location.country if location is not None else ""
    if (
        actor1
        and actor2
        and actor2.type == "State forces"
        and home
        and actor2.country == home != actor1.country
    ):
        return actor2, actor1
    sender = _weapons_of(cue_text)
    if actor1 and actor2 and actor1.type == "State forces" and sender == actor1.country != actor2.country:
        return actor2, actor1
    return actor1, actor2


def smugglers_not_state(
    actor1: Actor | None, actor2: Actor | None, story: str, lexicon: Lexicon
) -> tuple[Actor | None, Actor | None]:
    """A drone downed on its way in with heroin or arms for smugglers ("BSF foiled another
    smuggling attempt through Pak drone") was not sent by the state it came from: ACLED codes its
    side as an unidentified armed group of that country, not that state's forces."""
    if (
        actor1 is None
        or actor2 is None
        or actor2.type != "State forces"
        or actor2.country in ("", actor1.country)
        or not lexicon.refine["smuggling"].search(story)
    ):
        return actor1, actor2
    group = codebook().actor_types["Political militia"].default  # "Unidentified Armed Group ({country})"
    return actor1, with_country(Actor(group, "Political militia"), actor2.country)


_WEAPONS = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:drones?|UAVs?|missiles?|rockets?|Shaheds?|MQ-9s?|Reapers?|warplanes?|jets?|"
    r"aircraft|projectiles?)\b(?!\s+(?:boats?|defen[cs]es?|systems?|batter(?:y|ies)|interceptors?|units?))",
    re.I,
)  # not "an Israeli Navy missile boat intercepted", "Russian missile defences"


def _weapons_of(text: str) -> str:
    """The country whose weapons the sentences name first ("Russian drones", "a US MQ-9"), or ""."""
    pattern, by_word = _country_words()
    for m in pattern.finditer(text):
        if _WEAPONS.match(text[m.end() : m.end() + 40]):
            return by_word[m.group(0)]
    return ""


def _countries_named(text: str) -> list[str]:
    """Country codes in order of first mention, by name or adjective ("Kyrgyz", "Israeli")."""
    pattern, by_word = _country_words()
    seen: list[str] = []
    for m in pattern.finditer(text):
        code = by_word[m.group(0)]
        if code not in seen:
            seen.append(code)
    return seen


@cache
def _country_words() -> tuple[re.Pattern[str], dict[str, str]]:
    by_word: dict[str, str] = {}
    for code, names in ActorDictionary.default().countries.items():
        for word in (names.name, *names.words):
            if word and word[:1].isupper() and len(word) > 2:
                by_word.setdefault(word, code)
    alternation = "|".join(sorted(map(re.escape, by_word), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), by_word


_STATE_TYPES = frozenset({"State forces", "Government"})


def without_host(
    actors: tuple[Actor | None, Actor | None], location: Location | None, cue_text: str
) -> tuple[Actor | None, Actor | None]:
    """An accord's parties, not the state that hosted or mediated it (ACLED codes the signatories):
    "Afghanistan and Pakistan agreed a ceasefire after talks in Doha, with Qatar and Turkiye acting
    as mediators" is Pakistan's and Afghanistan's, "Trump welcomed the leaders of Armenia and
    Azerbaijan to the White House" Armenia's and Azerbaijan's. The host is the state of the country
    the accord was made in; it stays a party unless the accord is between two other states."""
    host = location.country if location is not None else ""

    def hosting(actor: Actor | None) -> bool:
        return actor is not None and actor.type in _STATE_TYPES and actor.country == host

    if not host or not any(hosting(a) for a in actors):
        return actors
    kept = [a for a in actors if a is not None and not hosting(a)]
    template = next(a for a in actors if hosting(a)).name.replace(_formal(host), "{the_country}")
    kind = next(a for a in actors if hosting(a)).type
    present = {a.country for a in kept}
    others = [c for c in _countries_named(cue_text) if c != host and c not in present]
    sides = kept + [with_country(Actor(template, kind), c) for c in others]
    if (
        len(sides) < 2
        or "{the_country}" not in template
        or not all(a.type in _STATE_TYPES for a in sides[:2])
    ):
        return actors  # a state's accord with an armed group at home: its own state is a party
    return sides[0], sides[1]


def _formal(code: str) -> str:
    """The country's name after "of" in ACLED's state actors ("the United States")."""
    names = ActorDictionary.default().countries.get(code)
    return names.formal if names is not None else code
