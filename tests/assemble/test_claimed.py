"""A claimed or blamed perpetrator becomes actor 1 when the text names no attacker, marked as such."""

from __future__ import annotations

from datetime import date

from sitrep.model import Article
from sitrep.pipeline import extract


def _main(text: str):
    events = extract(Article("claimed", date(2024, 3, 8), text))
    return next(e for e in events if e.role.value == "main")


def test_a_claim_of_responsibility_codes_actor1_and_says_so() -> None:
    event = _main(
        "A bomb exploded at a market in Mogadishu on Friday, killing 9 people. "
        "Al-Shabaab claimed responsibility for the attack."
    )
    assert event.actor1 is not None and event.actor1.name == "Al Shabaab"
    assert event.evidence["actor1_claimed"].text.startswith("Al-Shabaab claimed responsibility")
    (claim,) = event.claims
    assert (claim.stance, claim.field, claim.speaker_type) == (
        "claims responsibility",
        "perpetrator",
        "armed group",
    )


def test_an_attacker_the_text_names_is_not_replaced() -> None:
    event = _main(
        "Al-Shabaab fighters stormed a hotel in Mogadishu on Friday, killing 9 people, police said."
    )
    assert event.actor1 is not None and event.actor1.name == "Al Shabaab"
    assert "actor1_claimed" not in event.evidence and "actor1_blamed" not in event.evidence
