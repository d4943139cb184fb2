"""Actor 1 from a claim of responsibility or an accusation, when the text names no attacker.

ACLED codes a claimed or blamed perpetrator and says so in its notes; sitrep does the same
and marks it in the evidence (``actor1_claimed`` or ``actor1_blamed``, the claim's sentence),
so the actor is never mistaken for one the report itself names.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.actors import is_unidentified, with_country
from sitrep.model import Actor, ActorMention, Claim, Span, Stance

_BASIS = {Stance.CLAIMS_RESPONSIBILITY.value: "actor1_claimed", Stance.ACCUSES.value: "actor1_blamed"}


def claimed_actor1(
    actor1: Actor | None, claims: Sequence[Claim], mentions: Sequence[ActorMention], country: str
) -> tuple[Actor | None, dict[str, Span]]:
    """The claimed (first) or blamed perpetrator as actor 1 when actor 1 is missing or unidentified."""
    if actor1 is not None and not is_unidentified(actor1):
        return actor1, {}
    ordered = sorted(
        (c for c in claims if c.field == "perpetrator" and c.value and c.stance in _BASIS),
        key=lambda c: c.stance != Stance.CLAIMS_RESPONSIBILITY.value,
    )
    for claim in ordered:
        value = claim.value.lower()
        for mention in mentions:
            inside = claim.span.start <= mention.span.start < claim.span.end
            if inside and mention.span.text.lower() in value and mention.actor.type != "Civilians":
                return with_country(mention.actor, country), {_BASIS[claim.stance]: claim.span}
    return actor1, {}
