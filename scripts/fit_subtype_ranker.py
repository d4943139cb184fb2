"""Fit the sub-type ranker (``sitrep.assemble.subtype_rank``) on the development half of the real-news corpus.

The coder runs on the dev half with the rules choosing the sub-type; at each event the ranker's
candidates (every sub-type the codebook has and ACLED's hard rules allow, with their features)
are recorded. Each matched main event is one example: the candidate that is the analyst's
sub-type. An event whose analyst's sub-type is no candidate (ACLED's "Other", or one the bounds
forbid) teaches nothing and is left out of the fit, but counts as a miss in the scores.

A softmax (conditional logit) model with an L2 penalty is fitted with scipy. The penalty is
chosen by cross-validation grouped by incident (every report of an incident in one fold): the
highest held-out sub-type accuracy, printed against the rules' accuracy on the same events.
``--no-rules`` leaves out the rules' choice as a feature (they were tuned on these articles).
The weights go to ``src/sitrep/data/subtype_ranker.json`` (versioned).

    .venv/bin/python scripts/fit_subtype_ranker.py [--no-rules] [--l2 0.3 1 3 10] [--seeds 5] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

import sitrep.assemble as assemble
from sitrep.assemble.subtype_rank import (
    Candidate,
    Cues,
    EventEvidence,
    SubtypeRanker,
    allowed,
    candidates,
    in_scope,
    sub_types,
)
from sitrep.codebook import codebook
from sitrep.config import Settings
from sitrep.evaluation.news import NEWS_CORPUS, matched_main_events
from sitrep.events import Lexicon
from sitrep.pipeline import Extractor

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "subtype_ranker.json"
RULES = ("rules", "rules_type")


@dataclass
class Example:
    group: str  # the incident: folds never split one
    evidence: EventEvidence  # what the ranker read of the event
    candidates: list[Candidate]  # the sub-types ACLED's bounds allow it, with their features
    gold: str  # the analyst's sub-type
    gold_type: str
    article: str = ""  # its name in the corpus (a batch letter first)

    @property
    def rules(self) -> str:
        return self.evidence.rules


def example(group: str, evidence: EventEvidence, gold: str, gold_type: str, article: str = "") -> Example:
    """One training example: the candidates the ranker would choose among in the pipeline."""
    cands = candidates(evidence, allowed(sub_types(), evidence, Lexicon.default()))
    return Example(group, evidence, cands, gold, gold_type, article)


def collect(split: str = "dev") -> list[Example]:
    """The matched main events of the corpus half, with what the ranker reads, as the rules code them."""
    by_event: dict[int, EventEvidence] = {}
    seen: list[EventEvidence] = []
    build, rank = assemble._build_event, assemble.rank_sub_type

    def recording_build(*args):
        before = len(seen)
        event = build(*args)
        if len(seen) > before:
            by_event[id(event)] = seen[-1]
        return event

    def recording_rank(evidence: EventEvidence, lexicon: Lexicon, ranker: SubtypeRanker) -> str:
        seen.append(evidence)
        return evidence.rules  # the rules decide, so the events match as the rules code them

    load = assemble.load_subtype_ranker
    assemble._build_event, assemble.rank_sub_type = recording_build, recording_rank
    assemble.load_subtype_ranker = lambda: SubtypeRanker("recorder", {})
    try:
        settings = Settings.load()
        settings = replace(settings, assemble=replace(settings.assemble, subtype_ranker=True))
        extractor = Extractor.from_settings(settings)
        examples = []
        for item, group, gold, event in matched_main_events(extractor.extract_many, NEWS_CORPUS, split):
            if id(event) in by_event:
                examples.append(
                    example(group, by_event[id(event)], gold["sub_event_type"], gold["event_type"], item.name)
                )
    finally:
        assemble._build_event, assemble.rank_sub_type, assemble.load_subtype_ranker = build, rank, load
    return examples


def design(examples: list[Example], vocabulary: dict[str, int]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """All candidates of all examples as rows of one sparse matrix, and where each example starts."""
    rows, cols, vals, starts = [], [], [], []
    row = 0
    for e in examples:
        starts.append(row)
        for c in e.candidates:
            for name, value in c.features.items():
                if name in vocabulary:
                    rows.append(row)
                    cols.append(vocabulary[name])
                    vals.append(value)
            row += 1
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(row, len(vocabulary)))
    return matrix, np.array(starts)


def scoped(examples: list[Example], scope: str) -> list[Example]:
    """The examples with only the candidates the ranker may choose among in ``scope``."""
    out = []
    for e in examples:
        kept = set(in_scope([c.sub for c in e.candidates], e.rules, scope))
        out.append(replace(e, candidates=[c for c in e.candidates if c.sub in kept]))
    return out


def fit(examples: list[Example], l2: float, frozen: tuple[str, ...] = ()) -> dict[str, float]:
    """Conditional logit over each example's candidates, the analyst's choice the target."""
    examples = [e for e in examples if any(c.sub == e.gold for c in e.candidates)]
    names = sorted({n for e in examples for c in e.candidates for n in c.features if n not in frozen})
    vocabulary = {n: i for i, n in enumerate(names)}
    x, starts = design(examples, vocabulary)
    target = np.array([float(c.sub == e.gold) for e in examples for c in e.candidates])
    sizes = np.diff(np.append(starts, x.shape[0]))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        s = s - np.repeat(np.maximum.reduceat(s, starts), sizes)
        z = np.exp(s)
        p = z / np.repeat(np.add.reduceat(z, starts), sizes)
        total = -float(target @ np.log(p + 1e-12))
        return total + l2 * float(w @ w) / 2, x.T @ (p - target) + l2 * w

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return {n: float(v) for n, v in zip(names, w, strict=True) if abs(v) > 1e-6}


def accuracy(examples: list[Example], chosen: list[str]) -> tuple[float, float]:
    """Sub-type and event-type accuracy of a choice per example."""
    book = codebook()
    sub = np.mean([c == e.gold for e, c in zip(examples, chosen, strict=True)])
    kind = np.mean(
        [book.sub_event_type(c).event_type == e.gold_type for e, c in zip(examples, chosen, strict=True)]
    )
    return float(sub), float(kind)


def folds_of(examples: list[Example], folds: int, seed: int = 0) -> dict[str, int]:
    groups = sorted({e.group for e in examples})
    np.random.default_rng(seed).shuffle(groups)
    return {g: i % folds for i, g in enumerate(groups)}


def cross_validate(
    examples: list[Example], l2: float, frozen: tuple[str, ...], folds: int, seed: int = 0
) -> list[str]:
    """The held-out choice for every example, each fold fitted on the others."""
    fold = folds_of(examples, folds, seed)
    chosen = [""] * len(examples)
    for k in range(folds):
        ranker = SubtypeRanker("cv", fit([e for e in examples if fold[e.group] != k], l2, frozen))
        for i, e in enumerate(examples):
            if fold[e.group] == k:
                chosen[i] = ranker.choose(e.candidates, e.rules).sub
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-rules", action="store_true", help="leave the rules' choice out")
    parser.add_argument(
        "--scope", nargs="+", default=["type", "all"], help="candidates: the rules' type, or all"
    )
    parser.add_argument("--l2", type=float, nargs="+", default=[0.3, 1.0, 3.0, 10.0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=5, help="fold shuffles averaged")
    parser.add_argument(
        "--hold-out", nargs="+", default=[], help="batches (name prefixes) left out of the fit, scored"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    examples = collect()
    batches = tuple(args.hold_out)
    held = [e for e in examples if e.article.startswith(batches)]  # startswith(()) is never true
    examples = [e for e in examples if not e.article.startswith(batches)]
    frozen = RULES if args.no_rules else ()
    rules = accuracy(examples, [e.rules for e in examples])
    print(
        f"{len(examples)} matched main events; the rules (tuned on them): sub-type {rules[0]:.3f}, type {rules[1]:.3f}"
    )
    print("| scope | l2 | sub-type (grouped CV) | type | changed from the rules: right / wrong |")
    print("|---|---:|---:|---:|---:|")
    scores = {}
    for scope in args.scope:
        for l2 in args.l2:
            runs = [
                cross_validate(scoped(examples, scope), l2, frozen, args.folds, seed)
                for seed in range(args.seeds)
            ]
            got = np.mean([accuracy(examples, run) for run in runs], axis=0)
            right, wrong = np.mean([_changes(examples, run) for run in runs], axis=0)
            scores[scope, l2] = (float(got[0]), float(got[1]))
            print(f"| {scope} | {l2} | {got[0]:.3f} | {got[1]:.3f} | {right:.1f} / {wrong:.1f} |")
    scope, l2 = max(scores, key=lambda k: (*scores[k], k[1]))  # ties: the stronger penalty
    weights = fit(scoped(examples, scope), l2, frozen)
    out = {
        "version": f"{date.today():%Y.%m.%d}-{scope}{'-no-rules' if args.no_rules else ''}",
        "cues": Cues.default().version,
        "fitted_on": f"corpus/news dev half, {len(examples)} matched main events",
        "scope": scope,
        "l2": l2,
        "cv_sub_type": round(scores[scope, l2][0], 3),
        "cv_type": round(scores[scope, l2][1], 3),
        "rules_sub_type": round(rules[0], 3),
        "rules_type": round(rules[1], 3),
        "weights": {n: round(v, 4) for n, v in sorted(weights.items()) if abs(v) >= 5e-4},
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"scope {scope}, l2 {l2}: written to {args.out}")
    if held:
        ranker = SubtypeRanker("held-out", weights, scope)
        chosen = [ranker.choose(scoped([e], scope)[0].candidates, e.rules).sub for e in held]
        ruled, got = accuracy(held, [e.rules for e in held]), accuracy(held, chosen)
        right, wrong = _changes(held, chosen)
        print(f"held out ({' '.join(args.hold_out)}, {len(held)} matched main events, never fitted on):")
        print(
            f"  rules: sub-type {ruled[0]:.3f}, type {ruled[1]:.3f}; ranker: sub-type {got[0]:.3f}, type {got[1]:.3f}"
        )
        print(f"  changed from the rules: {right} to the analyst's, {wrong} away from it")


def _changes(examples: list[Example], chosen: list[str]) -> tuple[int, int]:
    """Events the choice changed from the rules' to the analyst's, and from the analyst's away."""
    right = sum(c == e.gold != e.rules for e, c in zip(examples, chosen, strict=True))
    wrong = sum(c != e.gold == e.rules for e, c in zip(examples, chosen, strict=True))
    return right, wrong


if __name__ == "__main__":
    main()
