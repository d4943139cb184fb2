"""Which statements of one sentence are one claim: a speaker going on ("X said A, adding that B") is
folded into the statement it continues, and an outlet relaying another's statement is no claim of its own.

``claims.py`` finds the statements through the parse; these rules read only the claims it found
(speaker, stance, field), so they are tested without a model.
"""

from __future__ import annotations

import dataclasses

from sitrep.model import Claim, Stance

# A speaker going on in the same sentence ('..., adding that ...') with what names no other field.
_NO_FIELD = frozenset({"event", "none", ""})


def going_on(own: list[Claim]) -> list[Claim]:
    """The sentence's claims with a speaker's later statement folded into their earlier one: 'X said
    A, adding that B' is one claim, as the analyst codes it, unless B takes a stance of its own
    ('..., and warned that ...') or speaks to another field (a toll, then the wounded)."""
    kept: list[Claim] = []
    for claim in own:
        first = next((k for k, c in enumerate(kept) if c.speaker == claim.speaker), None)
        if first is not None and goes_on_from(kept[first], claim):
            kept[first] = folded(kept[first], claim)
        else:
            kept.append(claim)
    return kept


def goes_on_from(earlier: Claim, later: Claim) -> bool:
    """Whether a later statement adds nothing an analyst codes apart: no stance or field of its own,
    or only who was taken ('..., adding that 14 passengers were abducted') or a toll still uncounted
    ('..., and gave no toll'), a detail of the same account that the analysts keep in the speaker's one claim."""
    same_stance = later.stance in (Stance.ASSERTS, earlier.stance)
    uncounted = later.field == "fatalities" and not later.value
    detail = later.field in _NO_FIELD | _DETAIL_FIELDS or uncounted
    return same_stance and (detail or later.field == earlier.field)


# Fields a speaker's later statement may add without making a claim of its own.
_DETAIL_FIELDS = frozenset({"victims"})


def folded(earlier: Claim, later: Claim) -> Claim:
    """One claim from a statement and the one going on from it; it speaks to the later one's field
    when the earlier names none ('X said the bus was attacked, adding that 14 were abducted')."""
    text = f"{earlier.text} {later.text}"
    if earlier.field in _NO_FIELD and later.field not in _NO_FIELD:
        return dataclasses.replace(earlier, text=text, field=later.field, value=later.value)
    return dataclasses.replace(earlier, text=text)


def without_relays(own: list[Claim]) -> list[Claim]:
    """'An Israeli security source claimed ..., Anadolu reports': the claim is the source's; the outlet relays it."""
    sourced = {c.span.start for c in own if c.speaker_type != "media"}
    return [c for c in own if c.speaker_type != "media" or c.span.start not in sourced]
