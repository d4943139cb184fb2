"""The fitted sub-type ranker: its candidates, ACLED's bounds on it, the shipped weights, its
setting, and its fitter."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import sitrep.assemble as assemble
from sitrep.assemble.subtype_rank import (
    BASE,
    Candidate,
    EventEvidence,
    SubtypeRanker,
    allowed,
    candidates,
    in_scope,
    load_subtype_ranker,
    rank_sub_type,
    sub_types,
)
from sitrep.codebook import codebook, packaged_text
from sitrep.config import Settings
from sitrep.events import Lexicon, find_event_mentions
from sitrep.model import Actor, Article, Span
from sitrep.pipeline import Extractor

_SPEC = importlib.util.spec_from_file_location(
    "fit_subtype_ranker", Path(__file__).resolve().parents[2] / "scripts" / "fit_subtype_ranker.py"
)
fit_subtype_ranker = importlib.util.module_from_spec(_SPEC)
sys.modules["fit_subtype_ranker"] = fit_subtype_ranker  # its dataclasses look their module up
_SPEC.loader.exec_module(fit_subtype_ranker)

POLICE = Actor("Police Forces of Kenya", "State forces", "KE")


def _evidence(text: str, rules: str, **kwargs) -> EventEvidence:
    """What the ranker reads of a one-sentence event, its triggers found by the lexicon."""
    mentions = find_event_mentions(text, [Span(0, len(text), text)], Lexicon.default())
    return EventEvidence(tuple(mentions), rules, **kwargs)


def _pushing_to(sub: str, weight: float = 50.0) -> SubtypeRanker:
    """A ranker that wants ``sub`` above all (and everything within every type)."""
    return SubtypeRanker("test", {f"bias|sub={sub}": weight}, scope="all")


@pytest.fixture(scope="module")
def extractors() -> tuple[Extractor, Extractor]:
    settings = Settings()
    off = replace(settings, assemble=replace(settings.assemble, subtype_ranker=False))
    return Extractor.from_settings(settings), Extractor.from_settings(off)


def _main_sub(extractor: Extractor, text: str) -> tuple[str, str]:
    (result,) = extractor.extract_many([Article("sub", date(2024, 5, 2), text)])
    event = next(e for e in result.events if e.role.value == "main")
    return event.event_type, event.sub_event_type


def test_the_shipped_model_is_for_this_modules_features() -> None:
    data = json.loads(packaged_text("subtype_ranker.json"))
    assert data["scope"] in ("type", "all")
    assert data["cv_sub_type"] >= data["rules_sub_type"], "shipped on although the rules did better in CV"
    names = set(sub_types())
    for feature in data["weights"]:
        assert feature in BASE or feature.split("|sub=")[-1] in names or "|type=" in feature, feature
    ranker = load_subtype_ranker()
    assert ranker.weights["rules"] > 0  # the rules' choice speaks for itself
    assert ranker is load_subtype_ranker()  # read once


def test_every_sub_type_but_the_catch_all_is_a_candidate() -> None:
    evidence = _evidence("Gunmen massacred five villagers in Zamfara on Monday.", "Attack")
    cands = candidates(evidence)
    assert [c.sub for c in cands] == list(sub_types())
    assert "Other" not in sub_types()
    attack = next(c for c in cands if c.sub == "Attack")
    assert attack.features["rules"] == 1.0 and attack.features["strong"] == 1.0
    assert attack.features["w:gunmen|sub=Attack"] == 1.0
    assert attack.features["w:civilians|type=Violence against civilians"] == 1.0


def test_a_suicide_bombing_stays_a_suicide_bomb() -> None:
    evidence = _evidence(
        "A suicide bomber blew himself up at a police checkpoint in Mogadishu on Sunday, killing five officers.",
        "Suicide bomb",
    )
    assert (
        rank_sub_type(evidence, Lexicon.default(), _pushing_to("Remote explosive/landmine/IED"))
        == "Suicide bomb"
    )


def test_drones_shot_down_stay_disrupted_weapons_use() -> None:
    evidence = _evidence(
        "Air defences shot down 14 drones over the Belgorod region overnight.", "Disrupted weapons use"
    )
    ranker = _pushing_to("Air/drone strike")
    assert rank_sub_type(evidence, Lexicon.default(), ranker) == "Disrupted weapons use"


@pytest.mark.parametrize(
    "text",
    [
        "Police fired tear gas at hundreds of protesters in Nairobi on Tuesday.",  # force on the crowd
        "Protesters hurled stones at police and set tyres ablaze in Nairobi on Tuesday.",  # violent crowd
    ],
)
def test_a_demonstration_with_force_or_violence_is_never_peaceful(text: str) -> None:
    evidence = _evidence(text, "Protest with intervention", actor1=POLICE)
    assert rank_sub_type(evidence, Lexicon.default(), _pushing_to("Peaceful protest")) != "Peaceful protest"


def test_excessive_force_needs_shooting_or_the_dead() -> None:
    quiet = _evidence(
        "Police kept the opposition leader away from the demonstration in Nairobi.", "Peaceful protest"
    )
    assert rank_sub_type(quiet, Lexicon.default(), _pushing_to("Excessive force against protesters")) != (
        "Excessive force against protesters"
    )
    shot = _evidence(
        "Police fired live rounds at protesters in Nairobi, killing two.", "Protest with intervention"
    )
    kept = set(allowed(sub_types(), shot, Lexicon.default()))
    assert "Excessive force against protesters" in kept
    assert "Protest with intervention" not in kept  # lethal force is no mere intervention


def test_territory_goes_to_the_state_only_when_it_is_actor1() -> None:
    evidence = _evidence(
        "Rebels captured the town of Kitshanga on Thursday after the army withdrew.",
        "Non-state actor overtakes territory",
        actor1=Actor("M23", "Rebel group", "CD"),
    )
    ranker = _pushing_to("Government regains territory")
    assert rank_sub_type(evidence, Lexicon.default(), ranker) == "Non-state actor overtakes territory"


def test_people_killed_make_no_looting() -> None:
    raid = (
        "Rebels raided Vido village overnight, killing ten people, and set fire to some twenty houses, "
        "civil society said."
    )
    ranker = _pushing_to("Looting/property destruction")
    deadly = _evidence(raid, "Attack", actor1=Actor("ADF", "Rebel group", "CD"), deaths=10)
    assert rank_sub_type(deadly, Lexicon.default(), ranker) != "Looting/property destruction"
    assert "Looting/property destruction" not in allowed(sub_types(), deadly, Lexicon.default())
    burned = _evidence(
        "Settlers set fire to Palestinian cars and homes in Bruqin overnight.", "Looting/property destruction"
    )
    assert rank_sub_type(burned, Lexicon.default(), ranker) == "Looting/property destruction"


@pytest.mark.parametrize(
    "text",
    [
        "At least 58 inmates were killed in a prison riot in Guayaquil on Saturday, the police said.",
        "A riot in a jail in Guayaquil, in south-western Ecuador, has killed 58 people.",
        "Inmates rioted at the Litoral penitentiary overnight, and 68 of them died.",
    ],
)
def test_a_prison_riot_stays_mob_violence(text: str) -> None:
    evidence = _evidence(text, "Mob violence", deaths=58)
    assert rank_sub_type(evidence, Lexicon.default(), _pushing_to("Attack")) == "Mob violence"


def test_a_street_mob_is_still_the_rankers_to_weigh() -> None:
    evidence = _evidence("An angry mob beat a suspected thief to death in Kano on Sunday.", "Mob violence")
    assert rank_sub_type(evidence, Lexicon.default(), _pushing_to("Attack")) == "Attack"


def test_in_type_scope_the_rules_keep_the_event_type() -> None:
    evidence = _evidence("Soldiers and insurgents clashed near Monguno on Friday.", "Armed clash")
    subs = in_scope(sub_types(), "Armed clash", "type")
    assert {codebook().sub_event_type(s).event_type for s in subs} == {"Battles"}
    pushed = SubtypeRanker("test", {"bias|sub=Attack": 50.0}, scope="type")
    assert rank_sub_type(evidence, Lexicon.default(), pushed) in subs


def test_protesters_arrested_at_a_camp_are_a_protest_with_intervention(extractors) -> None:
    """ACLED: protesters arrested at their protest make it a protest with intervention, also when
    the arrest is told in a relative clause ("students who refused to go were arrested"), with
    the ranker and without it."""
    on, off = extractors
    text = (
        "Riot police surrounded a protest camp at the University of Bristol before dawn on Thursday "
        "and gave the protesters ten minutes to leave. According to the university, 14 students who "
        "refused to go were arrested."
    )
    assert _main_sub(off, text) == ("Protests", "Protest with intervention")
    assert _main_sub(on, text) == ("Protests", "Protest with intervention")


def test_a_peaceful_march_stays_peaceful(extractors) -> None:
    on, _ = extractors
    text = (
        "Thousands of teachers marched peacefully through Nairobi on Tuesday to demand higher pay, "
        "carrying placards and singing."
    )
    assert _main_sub(on, text) == ("Protests", "Peaceful protest")


def test_with_the_setting_off_the_ranker_is_never_loaded(extractors, monkeypatch) -> None:
    _, off = extractors

    def refuse():
        raise AssertionError("the sub-type ranker was loaded with subtype_ranker = false")

    monkeypatch.setattr(assemble, "load_subtype_ranker", refuse)
    text = (
        "A roadside bomb struck a military convoy near Gao on Monday, killing three soldiers, the army said."
    )
    assert _main_sub(off, text) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_the_setting_is_read_from_a_config_table() -> None:
    settings = Settings.from_mapping({"assemble": {"subtype_ranker": False}})
    assert settings.assemble.subtype_ranker is False
    assert Settings().assemble.subtype_ranker is True


def _sample(group: str, cue: str, gold: str, rules: str) -> object:
    """One tiny training example: two candidates, a cue that speaks for the analyst's."""
    cands = [
        Candidate(sub, {"rules": float(sub == rules), f"{cue}|sub={sub}": 1.0, f"bias|sub={sub}": 1.0})
        for sub in ("Peaceful protest", "Protest with intervention")
    ]
    return fit_subtype_ranker.Example(group, EventEvidence((), rules), cands, gold, "Protests")


def test_the_fitter_learns_a_cue_the_rules_miss() -> None:
    """Rules that always say peaceful; arrests mean intervention: the fit and its grouped CV find it."""
    examples = [
        _sample(f"g{i}", cue, gold, "Peaceful protest")
        for i in range(12)
        for cue, gold in (("w:arrested", "Protest with intervention"), ("w:peaceful", "Peaceful protest"))
    ]
    weights = fit_subtype_ranker.fit(examples, 0.3)
    assert weights["w:arrested|sub=Protest with intervention"] > weights["w:arrested|sub=Peaceful protest"]
    chosen = fit_subtype_ranker.cross_validate(examples, 0.3, (), folds=3)
    assert fit_subtype_ranker.accuracy(examples, chosen)[0] == 1.0
    assert fit_subtype_ranker.accuracy(examples, [e.rules for e in examples])[0] == 0.5
    frozen = fit_subtype_ranker.fit(examples, 0.3, frozen=fit_subtype_ranker.RULES)
    assert "rules" not in frozen
    one_fold = {fit_subtype_ranker.folds_of(examples, 3)[e.group] for e in examples if e.group == "g1"}
    assert len(one_fold) == 1  # both reports of an incident fall in one fold


@pytest.mark.parametrize(
    "text, rules",
    [
        ("Gunmen massacred five villagers and torched their homes in Zamfara on Monday.", "Attack"),
        (
            "Police fired tear gas at hundreds of protesters in Nairobi on Tuesday.",
            "Protest with intervention",
        ),
        ("Soldiers and insurgents clashed near Monguno on Friday, leaving eight dead.", "Armed clash"),
        ("Rebels captured the town of Kitshanga on Thursday after the army withdrew.", "Armed clash"),
    ],
)
def test_the_pipelines_fast_path_ranks_as_the_candidates_do(text: str, rules: str) -> None:
    """``ranked`` (cue weights summed once) orders sub-types as ``choose`` scores the candidates."""
    ranker = load_subtype_ranker()
    evidence = _evidence(text, rules, actor1=POLICE)
    subs = list(sub_types())
    slow = sorted(candidates(evidence, subs), key=lambda c: (ranker.score(c), c.sub == rules), reverse=True)
    assert ranker.ranked(evidence, subs)[:5] == [c.sub for c in slow[:5]]
    assert ranker.choose(candidates(evidence, subs), rules).sub == ranker.ranked(evidence, subs)[0]
