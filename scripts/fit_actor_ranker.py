"""Fit the actor ranker (``sitrep.assemble.actor_rank``) on the development half of the real-news corpus.

The coder runs on the dev half with the rule cascade choosing the actors; at each event the
ranker's candidates (with their features) are recorded. Each matched main event is one
example for actor 1 (the candidate that is the analyst's actor 1) and one for actor 2 (the
analyst's actor 2, or the "nobody" row when the analyst coded none). Events whose analyst
actor is no candidate teach nothing for that role and are left out of its fit.

Two softmax (conditional logit) models with an L2 penalty are fitted with scipy. The penalty
is chosen by cross-validation grouped by incident (every report of an incident in one fold):
the highest held-out accuracy of actor 1 and 2 together. ``--no-cascade`` leaves out the
cascade's choice as a feature: the cascade was tuned on these very articles, so the fit would
trust it more than it deserves on reports it has not met. The weights go to
``src/sitrep/data/actor_ranker.json`` (versioned).

    .venv/bin/python scripts/fit_actor_ranker.py [--no-cascade] [--l2 0.3 1 3 10] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

import sitrep.assemble as assemble
from sitrep.assemble.actor_rank import FEATURES, ActorRanker, Candidate
from sitrep.config import Settings
from sitrep.evaluation.news import NEWS_CORPUS, matched_main_events, same_actor
from sitrep.model import Actor
from sitrep.pipeline import Extractor

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "actor_ranker.json"
CASCADE = [FEATURES.index("cascade_actor1"), FEATURES.index("cascade_actor2")]


@dataclass
class Example:
    group: str  # the incident: folds never split one
    x: np.ndarray  # candidates x features, the "nobody" row last
    y1: np.ndarray  # 1 where the candidate is the analyst's actor 1
    y2: np.ndarray
    actors: list[Actor | None]
    event_type: str
    sub_event_type: str = ""


class _Recorder(ActorRanker):
    """Keeps the rule cascade's choice and records what the ranker would have chosen among."""

    def __init__(self) -> None:
        super().__init__("recorder", np.zeros(len(FEATURES)), np.zeros(len(FEATURES)))
        object.__setattr__(self, "seen", [])

    def choose(
        self, candidates: list[Candidate], event_type: str = "", sub_event_type: str = ""
    ) -> tuple[Candidate, Candidate]:
        self.seen.append(candidates)
        cascade = [max(candidates, key=lambda c, i=i: c.features[CASCADE[i]]) for i in (0, 1)]
        nobody = candidates[-1]
        return tuple(c if c.features[CASCADE[i]] else nobody for i, c in enumerate(cascade))


def collect() -> list[Example]:
    recorder = _Recorder()
    by_event: dict[int, list[Candidate]] = {}
    build = assemble._build_event

    def recording_build(*args):
        before = len(recorder.seen)
        event = build(*args)
        if len(recorder.seen) > before:
            by_event[id(event)] = recorder.seen[-1]
        return event

    assemble._build_event, assemble.load_ranker = recording_build, lambda: recorder
    settings = Settings.load()
    settings = replace(settings, assemble=replace(settings.assemble, actor_ranker=True))
    extractor = Extractor.from_settings(settings)
    examples = []
    for _, group, gold, event in matched_main_events(extractor.extract_many, NEWS_CORPUS, "dev"):
        if id(event) not in by_event:
            continue
        candidates = by_event[id(event)]
        names = [c.actor.name if c.actor else None for c in candidates]
        y1 = np.array([float(n is not None and same_actor(gold.get("actor1"), n)) for n in names])
        y2 = np.array([float(same_actor(gold.get("actor2"), n)) for n in names])
        y2[-1] = float(not gold.get("actor2"))
        rows = np.array([c.features for c in candidates])
        actors = [c.actor for c in candidates]
        examples.append(Example(group, rows, y1, y2, actors, event.event_type, event.sub_event_type))
    return examples


def fit(data: list[tuple[np.ndarray, np.ndarray]], l2: float, frozen: list[int]) -> np.ndarray:
    """Conditional logit: the softmax over an event's candidates, targets spread over the right ones."""
    data = [(x, y / y.sum()) for x, y in data if y.sum() > 0]
    mask = np.ones(len(FEATURES))
    mask[frozen] = 0.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        w = w * mask
        total, grad = 0.0, np.zeros_like(w)
        for x, t in data:
            s = x @ w
            s -= s.max()
            p = np.exp(s) / np.exp(s).sum()
            total -= float(t @ np.log(p + 1e-12))
            grad -= x.T @ (t - p)
        return total + l2 * float(w @ w) / 2, (grad + l2 * w) * mask

    return minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B").x * mask


def choose(example: Example, w1: np.ndarray, w2: np.ndarray) -> tuple[int, int]:
    candidates = [Candidate(a, row) for a, row in zip(example.actors, example.x, strict=True)]
    first, second = ActorRanker("cv", w1, w2).choose(candidates, example.event_type, example.sub_event_type)
    return next(i for i, c in enumerate(candidates) if c is first), next(
        i for i, c in enumerate(candidates) if c is second
    )


def cross_validate(examples: list[Example], l2: float, frozen: list[int], folds: int) -> tuple[float, float]:
    groups = sorted({e.group for e in examples})
    np.random.default_rng(0).shuffle(groups)
    fold = {g: i % folds for i, g in enumerate(groups)}
    right1 = right2 = 0
    for k in range(folds):
        train = [e for e in examples if fold[e.group] != k]
        w1 = fit([(e.x, e.y1) for e in train], l2, frozen)
        w2 = fit([(e.x, e.y2) for e in train], l2, frozen)
        for e in examples:
            if fold[e.group] == k:
                a, b = choose(e, w1, w2)
                right1 += int(e.y1[a] > 0)
                right2 += int(e.y2[b] > 0)
    return right1 / len(examples), right2 / len(examples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cascade", action="store_true", help="leave the cascade's choice out")
    parser.add_argument("--l2", type=float, nargs="+", default=[0.3, 1.0, 3.0, 10.0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    examples = collect()
    frozen = CASCADE if args.no_cascade else []
    cascade = (
        np.mean([e.y1[int(np.argmax(e.x[:, CASCADE[0]]))] > 0 for e in examples]),
        np.mean(
            [
                (e.y2[int(np.argmax(e.x[:, CASCADE[1]]))] if e.x[:, CASCADE[1]].any() else e.y2[-1]) > 0
                for e in examples
            ]
        ),
    )
    print(
        f"{len(examples)} matched main events; the cascade (tuned on them): {cascade[0]:.3f} / {cascade[1]:.3f}"
    )
    print("| l2 | actor 1 (grouped CV) | actor 2 |\n|---:|---:|---:|")
    scores = {}
    for l2 in args.l2:
        scores[l2] = cross_validate(examples, l2, frozen, args.folds)
        print(f"| {l2} | {scores[l2][0]:.3f} | {scores[l2][1]:.3f} |")
    best = max(scores, key=lambda l2: sum(scores[l2]))
    w1 = fit([(e.x, e.y1) for e in examples], best, frozen)
    w2 = fit([(e.x, e.y2) for e in examples], best, frozen)
    out = {
        "version": f"{date.today():%Y.%m.%d}{'-no-cascade' if args.no_cascade else ''}",
        "fitted_on": f"corpus/news dev half, {len(examples)} matched main events",
        "l2": best,
        "cv_actor1": round(scores[best][0], 3),
        "cv_actor2": round(scores[best][1], 3),
        "weights": {
            role: {f: round(float(v), 5) for f, v in zip(FEATURES, w, strict=True) if abs(v) > 1e-6}
            for role, w in (("actor1", w1), ("actor2", w2))
        },
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"l2 {best}: written to {args.out}")


if __name__ == "__main__":
    main()
