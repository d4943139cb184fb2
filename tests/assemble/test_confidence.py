"""The confidence score: evidence adds its weight, and the weights are settings."""

from dataclasses import replace

import pytest
from handmade import clause

from sitrep.assemble.confidence import confidence
from sitrep.assemble.records import Draft
from sitrep.config import AssembleSettings
from sitrep.events import WEAK
from sitrep.model import Actor

ARMY = Actor("Military Forces of Iraq", "State forces", "IQ")


def score(draft: Draft, settings: AssembleSettings | None = None, **evidence) -> float:
    given = {"dated": False, "located": False, "actor1": None, "actor2": None} | evidence
    return confidence(draft, settings=settings or AssembleSettings(), **given)


def test_each_piece_of_evidence_adds_its_weight() -> None:
    one = Draft([clause(0)])
    assert score(one) == pytest.approx(0.5)  # base and a trigger that names the type
    assert score(one, dated=True, located=True, actor1=ARMY) == pytest.approx(0.8)
    assert score(Draft([clause(0), clause(100)]), actor2=ARMY) == pytest.approx(0.6)


def test_a_weak_trigger_adds_nothing_and_full_evidence_gives_the_most() -> None:
    weak = Draft([clause(0)])
    weak.clauses[0].mentions[0] = replace(weak.mentions[0], strength=WEAK)
    assert score(weak) == pytest.approx(0.3)
    full = score(Draft([clause(0), clause(100)]), dated=True, located=True, actor1=ARMY, actor2=ARMY)
    assert full == pytest.approx(0.9)


def test_weights_come_from_the_settings() -> None:
    settings = AssembleSettings(confidence_base=0.1, confidence_location=0.5, confidence_max=0.7)
    assert score(Draft([clause(0)]), settings, located=True) == pytest.approx(0.7)
    assert score(Draft([clause(0)]), settings) == pytest.approx(0.3)
