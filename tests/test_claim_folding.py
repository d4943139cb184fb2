"""A sentence's statements folded into one claim (``sitrep.claim_folding``), without a model."""

from __future__ import annotations

import pytest

from sitrep.claim_folding import going_on
from sitrep.model import Claim, Span


def _claim(text: str, stance: str, field: str, value: str = "", speaker: str = "the police chief") -> Claim:
    return Claim(speaker, text, Span(0, 200, ""), stance, "", "police", field, value)


@pytest.mark.parametrize(
    ("later", "folded"),
    [
        # a toll still uncounted ("no precise count yet") goes on from the account: one claim, on the fatalities
        (_claim("there was no precise count of the dead yet", "asserts", "fatalities"), [("confirms", "fatalities")]),
        # a count of the wounded is a claim of its own
        (_claim("21 other people were wounded", "asserts", "injuries", "21"), [("confirms", "event"), ("asserts", "injuries")]),
        # so is a counted toll, and a warning
        (_claim("nine people died", "asserts", "fatalities", "9"), [("confirms", "event"), ("asserts", "fatalities")]),
        (_claim("the toll could rise", "warns", "fatalities"), [("confirms", "event"), ("warns", "fatalities")]),
    ],
)  # fmt: skip
def test_a_speaker_going_on(later: Claim, folded: list[tuple[str, str]]) -> None:
    earlier = _claim("there had been an explosion inside the mosque", "confirms", "event")
    assert [(c.stance, c.field) for c in going_on([earlier, later])] == folded


def test_another_speaker_is_another_claim() -> None:
    earlier = _claim("there had been an explosion inside the mosque", "confirms", "event")
    later = _claim("there was no precise count of the dead yet", "asserts", "fatalities", speaker="a witness")
    assert len(going_on([earlier, later])) == 2
