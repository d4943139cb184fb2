"""The fitted actor ranker: its candidates, its choice, the shipped weights, and its fitter."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from sitrep.assemble.actor_rank import FEATURES, ActorRanker, Candidate, load_ranker
from sitrep.codebook import packaged_text
from sitrep.config import Settings
from sitrep.model import Actor, Article
from sitrep.pipeline import Extractor

_SPEC = importlib.util.spec_from_file_location(
    "fit_actor_ranker", Path(__file__).resolve().parents[2] / "scripts" / "fit_actor_ranker.py"
)
fit_actor_ranker = importlib.util.module_from_spec(_SPEC)
sys.modules["fit_actor_ranker"] = fit_actor_ranker  # its dataclasses look their module up
_SPEC.loader.exec_module(fit_actor_ranker)


@pytest.fixture(scope="module")
def ranked() -> Extractor:
    settings = Settings()
    return Extractor.from_settings(replace(settings, assemble=replace(settings.assemble, actor_ranker=True)))


def _main(extractor: Extractor, text: str):
    (result,) = extractor.extract_many([Article("ranked", date(2024, 3, 8), text)])
    return next(e for e in result.events if e.role.value == "main")


def test_the_shipped_weights_are_for_this_modules_features() -> None:
    data = json.loads(packaged_text("actor_ranker.json"))
    for role in ("actor1", "actor2"):
        assert set(data["weights"][role]) <= set(FEATURES), "a weight for a feature the ranker no longer has"
        assert len(data["weights"][role]) > 20
    ranker = load_ranker()
    assert ranker.actor1.shape == ranker.actor2.shape == (len(FEATURES),)


def test_actor1_is_never_nobody_and_actor2_never_repeats_it() -> None:
    nobody_first = np.zeros(len(FEATURES))
    nobody_first[FEATURES.index("nobody")] = 1.0
    named = np.zeros(len(FEATURES))
    named[FEATURES.index("in_lead")] = 1.0
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("nobody")] = 5.0
    weights[FEATURES.index("in_lead")] = 1.0
    group = Candidate(Actor("Al Shabaab", "Rebel group"), named)
    first, second = ActorRanker("test", weights, -weights).choose([group, Candidate(None, nobody_first)])
    assert first is group and second.actor is None


def test_a_named_group_that_attacked_civilians_is_actor1(ranked: Extractor) -> None:
    event = _main(
        ranked,
        "MOGADISHU - Al-Shabaab gunmen opened fire on shoppers at a market in Mogadishu late on "
        "Friday, killing nine civilians, police said. Security forces later sealed off the area.",
    )
    assert event.actor1 is not None and event.actor1.name == "Al Shabaab"
    assert event.actor2 is not None and event.actor2.type == "Civilians"
    assert event.evidence["actor1"].text.lower().startswith("al-shabaab")


def test_a_peaceful_protest_has_protesters_and_no_second_side(ranked: Extractor) -> None:
    event = _main(
        ranked,
        "Thousands of teachers marched peacefully through Nairobi on Tuesday to demand higher "
        "pay, carrying placards and singing. The march ended without incident.",
    )
    assert event.event_type == "Protests"
    assert event.actor1 is not None and event.actor1.name == "Protesters (Kenya)"
    assert event.actor2 is None


def test_a_battles_other_side_is_never_civilians(ranked: Extractor) -> None:
    event = _main(
        ranked,
        "On Monday police fought gunmen who were trying to seize Solino, one of the few "
        "neighbourhoods of Port-au-Prince that gangs do not control. Residents fled their homes.",
    )
    assert event.event_type == "Battles"
    assert event.actor2 is None or event.actor2.type not in ("Civilians", "Protesters", "Rioters")


def test_the_fitter_learns_to_pick_the_right_candidate() -> None:
    """Candidates whose analyst's choice is the one voted actor 1: the fit must find it."""
    rng = np.random.default_rng(1)
    vote = FEATURES.index("vote_actor1")
    data = []
    for _ in range(40):
        x = rng.random((4, len(FEATURES))) * 0.1
        right = int(rng.integers(0, 3))
        x[right, vote] = 1.0
        y = np.zeros(4)
        y[right] = 1.0
        data.append((x, y))
    w = fit_actor_ranker.fit(data, 0.3, frozen=[])
    assert w[vote] > 1.0
    assert sum(int(np.argmax(x @ w) == int(np.argmax(y))) for x, y in data) == len(data)
    frozen = fit_actor_ranker.fit(data, 0.3, frozen=[vote])
    assert frozen[vote] == 0.0


def test_civilians_a_statement_rules_out_were_not_hit() -> None:
    from sitrep.assemble.actor_rank import _civilians_hit

    assert not _civilians_hit(
        'CENTCOM said there were "no indications of collateral damage or civilian casualties"'
    )
    assert not _civilians_hit("The army statement ruled out the potential for civilian casualties.")
    assert _civilians_hit("The strike on the market killed 12 civilians, medics said.")


def test_a_peaceful_protest_has_no_other_side(ranked: Extractor) -> None:
    """Police who lined the route of a march did not meet it: ACLED codes no actor 2."""
    event = _main(
        ranked,
        "Thousands of teachers marched through Tunis on Saturday to demand higher pay, chanting "
        "slogans against the government as police officers lined the route. The march ended "
        "peacefully outside parliament.",
    )
    assert event.sub_event_type == "Peaceful protest"
    assert event.actor1 is not None and event.actor1.type == "Protesters"
    assert event.actor2 is None


def test_acled_s_sides_bound_the_choice() -> None:
    """An attack's other side is civilians and an arrest's actor 1 the arresting force, however
    the scores fall: the police who came to the massacre scene score higher here."""
    lead = np.zeros(len(FEATURES))
    lead[FEATURES.index("in_lead")] = 1.0
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("in_lead")] = 1.0
    gunmen = Candidate(Actor("Unidentified Armed Group (Nigeria)", "Political militia"), lead)
    police = Candidate(Actor("Police Forces of Nigeria", "State forces"), lead)
    civilians = Candidate(Actor("Civilians (Nigeria)", "Civilians"), np.zeros(len(FEATURES)))
    nobody = Candidate(None, np.zeros(len(FEATURES)))
    ranker = ActorRanker("test", weights, weights)
    _, second = ranker.choose([gunmen, police, civilians, nobody], "Violence against civilians", "Attack")
    assert second is civilians
    first, _ = ranker.choose([gunmen, police, civilians, nobody], "Strategic developments", "Arrests")
    assert first is police


def test_a_state_is_never_on_both_sides() -> None:
    """ "Kyrgyz troops fired on Tajik border guards ... police officers said": the state's police,
    named more than the other state's guards, are not the other side of its army's clash."""
    lead = np.zeros(len(FEATURES))
    lead[FEATURES.index("in_lead")] = 1.0
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("in_lead")] = 1.0
    army = Candidate(Actor("Military Forces of Kyrgyzstan", "State forces", "KG"), lead * 2)
    police = Candidate(Actor("Police Forces of Kyrgyzstan", "State forces", "KG"), lead)
    guards = Candidate(Actor("Military Forces of Tajikistan", "State forces", "TJ"), lead * 0.5)
    nobody = Candidate(None, np.zeros(len(FEATURES)))
    first, second = ActorRanker("test", weights, weights).choose(
        [army, police, guards, nobody], "Battles", "Armed clash"
    )
    assert (first, second) == (army, guards)


def test_a_group_the_report_only_recalls_after_no_claim_is_an_unidentified_armed_group(
    ranked: Extractor,
) -> None:
    text = (
        "A suicide bomber rammed an explosives-laden car into an army checkpoint in Mir Ali on Thursday, "
        "killing three soldiers, officials said.\n\nNo group has claimed the bombing. The district has been hit "
        "repeatedly by attacks carried out by the Tehreek-e-Taliban Pakistan (TTP)."
    )
    event = _main(ranked, text)
    assert event.actor1 is not None and event.actor1.name == "Unidentified Armed Group (Pakistan)"


def test_gunmen_under_a_headline_that_names_the_group_are_its_men(ranked: Extractor) -> None:
    text = (
        "Somalia: Al-Shabaab gunmen storm hotel in Kismayo\n\n"
        "Gunmen stormed a hotel in the southern port of Kismayo on Friday and killed nine guests, a police "
        "officer said."
    )
    event = _main(ranked, text)
    assert event.actor1 is not None and event.actor1.name == "Al Shabaab"


def test_the_group_an_attack_answered_is_not_its_actor1(ranked: Extractor) -> None:
    """ "In retaliation for the killing of four settlers by Hamas gunmen": Hamas provoked the
    settlers' raid, it did not carry it out."""
    text = (
        "Hundreds of Israeli settlers set fire to homes and cars in Turmus Ayya on Wednesday in raids launched "
        "in retaliation for Tuesday's killing of four settlers by Hamas gunmen outside the Eli settlement, "
        "Palestinian officials said."
    )
    event = _main(ranked, text)
    assert event.actor1 is not None and event.actor1.name == "Settlers (Israel)"
    assert event.actor2 is None or event.actor2.name != "Hamas Movement"
