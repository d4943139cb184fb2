"""The claim model: cues to features, the shipped weights, and what a fitted model decides."""

from __future__ import annotations

import json

from sitrep.claim_model import ClaimCues, ClaimModel, keep_features, stance_features

NARRATIVE = ClaimCues(
    "say", "ELN guerrillas attacked an army base, killing nine soldiers", "military", agent="ELN guerrillas",
    stance="asserts", field="fatalities", speaker="the military",
)  # fmt: skip


def test_features_read_the_statement() -> None:
    stance = stance_features(NARRATIVE)
    assert stance["named"] == 1.0 and stance["toll"] == 1.0 and stance["kind=military"] == 1.0
    assert stance["loaded"] == 0.0 and stance["verb=say"] == 1.0
    keep = keep_features(NARRATIVE)
    assert keep["toll"] == 1.0 and keep["stance=asserts"] == 1.0 and keep["field=fatalities"] == 1.0
    assert keep["pronoun"] == 0.0 and keep["future"] == 0.0


def test_shipped_model_leaves_the_rules_alone() -> None:
    """The fit did not beat the rules held out (README), so the shipped weights are empty."""
    model = ClaimModel.default()
    assert model.stance(NARRATIVE) == "asserts"
    assert model.keeps(NARRATIVE)
    assert model.stance(ClaimCues("deny", "we had no role", "armed group", stance="denies")) == "denies"


def test_fitted_weights_decide_asserts_against_accuses_and_keep() -> None:
    raw = {
        "version": "test",
        "keep_threshold": 0.5,
        "weights": {"accuses": {"bias": -1.0, "named": 3.0}, "keep": {"bias": 1.0, "future": -3.0}},
    }
    model = ClaimModel.from_json(json.dumps(raw))
    assert model.stance(NARRATIVE) == "accuses"
    unnamed = ClaimCues("say", "nine soldiers were killed", "military", stance="asserts")
    assert model.stance(unnamed) == "asserts"
    # a verb that settles the stance is never weighed
    assert (
        model.stance(ClaimCues("accuse", "the army of shelling", "government", stance="accuses")) == "accuses"
    )
    assert model.keeps(NARRATIVE)
    assert not model.keeps(
        ClaimCues("say", "the army will deploy more troops", "government", stance="asserts")
    )
