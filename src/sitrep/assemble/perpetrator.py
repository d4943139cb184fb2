"""The perpetrator a report names by claim or blame: ACLED codes it as actor 1, and says so.

Real reports rarely make the armed group the subject of the attack's own sentence: "the
bombings, which Daesh has claimed", "was claimed by the West Papua National Liberation Army",
"Al-Shabab ... said through an affiliated radio station that it was responsible", "the man
who blew himself up belonged to the Islamic State". The event's own clauses then give the
victims' side or nobody as actor 1. A claim of responsibility outweighs an accusation, and
either outweighs an actor guessed from the clause.
"""

from __future__ import annotations

import re

from sitrep.actors import is_unidentified, with_country
from sitrep.assemble.records import Findings
from sitrep.codebook import codebook
from sitrep.model import Actor, ActorMention, Span
from sitrep.nlp import doc_text

# Event types an armed group claims; a protest or an agreement is not "claimed".
CLAIMABLE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

_CLAIM_BEFORE = re.compile(
    r"(?:claimed by|responsibility (?:was )?claimed by|carried out by)\s+(?:the\s+)?$", re.I
)
_CLAIM_AFTER = re.compile(
    r"^[^.;]{0,100}?\b(?:(?:has|have|had|later|quickly|swiftly)\s+)*(?:"
    r"claimed(?! (?:that|to|the lives|\d+ lives|lives))|(?:took|taken|takes|taking|accepted|claimed) responsibility|"
    r"(?:said|says) (?:\w+ ){0,8}?(?:it|they) (?:was|were) (?:responsible|behind)|"
    r"(?:said|says|acknowledged|admitted|confirmed) (?:that )?(?:it|they) (?:had )?(?:carried out|conducted|staged))\b",
    re.I,
)
_BLAME_BEFORE = re.compile(
    r"(?:blamed (?:the [^.;]{0,60}?)?on|blamed|accused|attributed (?:the (?:\w+ ){0,3})?to|"
    r"blamed (?:the )?(?:allies|members|supporters|fighters|followers|loyalists|militants|gunmen|elements|men) of|"
    r"(?:put|puts|putting|laid|lays|placed|places|pinned|pins) (?:the )?blame (?:for [^.;]{0,60}? )?on|"
    r"blame (?:for [^.;]{0,60}? )?(?:fell|falls|has fallen|was laid|was placed|was put) on|"
    r"(?:bombers?|attackers?|gunm[ae]n|assailants?|perpetrators?|(?:him|her)self up|suspects?)\b[^.]{0,60}?"
    r"(?:belonged to|(?:was|were) (?:a )?members? of|loyal to))\s+(?:the\s+)?"
    r"(?:(?:rebel|militant|armed|jihadist|insurgent|separatist|extremist|terrorist|criminal|Islamist|outlawed|"
    r"banned|notorious)\s+)?$",
    re.I,
)
# The group the authorities suspect, after its name: "Boko Haram is strongly suspected", "the criminal
# coalition Viv Ansanm, which is suspected of the Kenscoff attack".
_BLAME_AFTER = re.compile(
    r"^,?\s+(?:(?:which|who)\s+)?(?:is|are|was|were|has been|have been|had been)\s+"
    r"(?:strongly\s+|widely\s+|also\s+|now\s+)?(?:suspected|blamed)\b",
    re.I,
)
_WINDOW = 120


def named_perpetrator(findings: Findings, country: str) -> tuple[Actor, str, Span] | None:
    """The armed group the report says claimed (first) or is blamed for the attack, with the
    evidence key (``actor1_claimed`` / ``actor1_blamed``) and the cue's sentence."""
    text = doc_text(findings.doc)
    non_state = codebook().non_state_types()
    found: list[tuple[int, ActorMention, str]] = []
    for mention in findings.actors:
        if mention.actor.type not in non_state or is_unidentified(mention.actor):
            continue
        start, end = mention.span.start, mention.span.end
        before = text[max(0, start - _WINDOW) : start]
        if _CLAIM_BEFORE.search(before) or _CLAIM_AFTER.match(text[end : end + 120]):
            found.append((0, mention, "actor1_claimed"))
        elif blamed(text, start, end):
            found.append((1, mention, "actor1_blamed"))
    if not found:
        return None
    _, mention, basis = min(found, key=lambda f: (f[0], f[1].span.start))
    return with_country(mention.actor, country), basis, _sentence(findings, mention.span)


def blamed(text: str, start: int, end: int) -> bool:
    """The group at ``text[start:end]`` is who the report or the authorities lay the attack on:
    "blamed allies of Fantom 509", "the blame fell on the Grand Grif gang", "Boko Haram is suspected"."""
    return bool(
        _BLAME_BEFORE.search(text[max(0, start - _WINDOW) : start])
        or _BLAME_AFTER.match(text[end : end + 60])
    )


def with_perpetrator(
    findings: Findings, event_type: str, actor1: Actor | None, actor2: Actor | None, country: str
) -> tuple[Actor | None, Actor | None, dict[str, Span]]:
    """Actor 1 replaced by the claimed or blamed group; the group leaves actor 2."""
    if event_type not in CLAIMABLE or (named := named_perpetrator(findings, country)) is None:
        return actor1, actor2, {}
    group, basis, evidence = named
    if actor1 is not None and (actor1.name == group.name or _named_group(actor1)):
        return actor1, actor2, {}  # the event's own clause names its armed group: keep it
    if actor2 is not None and actor2.name == group.name:
        actor2 = actor1 if event_type == "Battles" and actor1 is not None else None
    return group, actor2, {basis: evidence, "actor1": evidence}


def _named_group(actor: Actor) -> bool:
    return actor.type in codebook().non_state_types() and not is_unidentified(actor)


def _sentence(findings: Findings, span: Span) -> Span:
    """The parsed sentence that holds the cue (the evidence a person checks)."""
    sent = findings.doc.char_span(span.start, span.end, alignment_mode="expand").sent
    return Span(sent.start_char, sent.end_char, sent.text)
