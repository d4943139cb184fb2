"""Fit fusion's pair model on the development half of the real-news corpus.

Every candidate pair (blocking and gates as ``sitrep.fusion``) of the dev half's extracted
events whose both events match a gold main event is an example: positive when the analyst gave
both the same incident key. A logistic regression with an L2 penalty (numpy / scipy) is fitted
on the features of ``sitrep.fusion_model``; the threshold is the middle of the range of probabilities at
which the fused dev half has its best recall with pairwise precision >= ``--precision``. The weights are written to
``src/sitrep/data/fusion_model.json`` (versioned), which ``sitrep.fusion`` loads offline.

    .venv/bin/python scripts/fit_fusion.py [--precision 0.95] [--l2 1.0] [--no-hand] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from sitrep.config import FusionSettings
from sitrep.evaluation.fusion import article_file, extract_corpus, fuse_corpus, load_gold
from sitrep.evaluation.news import NEWS_CORPUS, NewsReport, load_corpus, score_article, score_fusion
from sitrep.fusion import BlockIndex, pair_allowed, reports_from_results
from sitrep.fusion_model import FEATURES, SIGNS, PairModel, load_model, pair_features
from sitrep.ingest import read_file
from sitrep.model import EventRole
from sitrep.pipeline import Extractor

HAND_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion"
OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "fusion_model.json"


def examples(corpus, results, matched, settings: FusionSettings) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of the candidate pairs whose both events the analyst coded."""
    incident = {
        matched[(item.name, gi)].id: ev["incident"]
        for item in corpus
        for gi, ev in enumerate(item.gold.get("events") or [])
        if (item.name, gi) in matched and ev.get("incident")
    }
    return labelled_pairs(results, incident, settings)


def hand_examples(results, settings: FusionSettings) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of the hand-written fusion corpus (first main event of each article)."""
    gold = load_gold(HAND_CORPUS / "gold.yaml")
    incident = {}
    for r in results:
        mains = [e for e in r.events if e.role is EventRole.MAIN]
        if mains and article_file(r) in gold.incident:
            incident[mains[0].id] = gold.incident[article_file(r)]
    return labelled_pairs(results, incident, settings)


def labelled_pairs(results, incident: dict[str, str], settings: FusionSettings) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (blocking and gates) among the events of ``incident``, labelled same / other."""
    reports = [r for r in reports_from_results(results) if r.event.id in incident]
    index = BlockIndex(settings)
    for i, r in enumerate(reports):
        index.add(i, r)
    rows, labels = [], []
    for j, r in enumerate(reports):
        for i in sorted(index.near(r)):
            if i < j and pair_allowed(reports[i], r, settings):
                f = pair_features(reports[i], r, settings)
                rows.append([f[k] for k in FEATURES])
                labels.append(incident[reports[i].event.id] == incident[r.event.id])
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-penalised logistic regression (the bias is not penalised), each
    weight held to its sign in ``SIGNS`` (agreement >= 0, conflict <= 0, a group's reference 0)."""

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        eps = 1e-9
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + l2 * w @ w / 2
        grad = np.append(x.T @ (p - y) + l2 * w, np.sum(p - y))
        return value, grad

    bounds = [{1: (0.0, None), -1: (None, 0.0), 0: (0.0, 0.0)}[SIGNS[k]] for k in FEATURES] + [(None, None)]
    theta = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
    return theta[:-1], float(theta[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.95, help="Dev pairwise precision to keep.")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights.")
    parser.add_argument("--no-hand", action="store_true", help="Fit on the dev half alone.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    extractor = Extractor.from_settings()
    corpus = load_corpus(NEWS_CORPUS, "dev")
    articles = [next(iter(read_file(item.path))) for item in corpus]
    results = list(extractor.extract_many(articles))
    matched: dict = {}
    report = NewsReport(corpus=str(NEWS_CORPUS), split="dev")
    for item, result in zip(corpus, results, strict=True):
        matched.update(score_article(report, item, result))
    settings = FusionSettings()
    x, y = examples(corpus, results, matched, settings)
    hand = [] if args.no_hand else extract_corpus(HAND_CORPUS, extractor)
    if hand:
        hx, hy = hand_examples(hand, settings)
        x, y = np.vstack([x, hx]), np.concatenate([y, hy])
    w, b = fit(x, y, args.l2)
    weights = {k: round(float(v), 4) for k, v in zip(FEATURES, w, strict=True)}
    print(f"{len(y)} candidate pairs, {int(y.sum())} positive")
    version = f"{json.loads(args.out.read_text())['version'] if args.out.exists() else '0'}"

    def score(threshold: float) -> tuple[float, float, float]:
        """Dev precision and recall and the hand corpus's worse measure at ``threshold``."""
        model = PairModel(version, weights, round(b, 4), threshold)
        args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        load_model.cache_clear()
        s = score_fusion(corpus, results, matched, replace(settings, threshold=0.0))
        h = fuse_corpus(hand, load_gold(HAND_CORPUS / "gold.yaml"), settings).score if hand else None
        return s.precision, s.recall, min(h.precision, h.recall) if h else 1.0

    threshold = pick_threshold(score, args.precision)
    model = PairModel(str(int(version) + 1), weights, round(b, 4), threshold)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"threshold {threshold}; weights written to {args.out}")
    for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {k:<20}{v:+.3f}")


def pick_threshold(score, precision: float) -> float:
    """The middle of the widest run of thresholds with the best dev recall at dev precision >=
    ``precision`` and the hand corpus >= 0.95 (the least fragile choice); 0.5 if none qualifies."""
    scored = []
    for threshold in np.arange(0.05, 0.96, 0.05):
        p, r, hand = score(round(float(threshold), 2))
        print(f"  threshold {threshold:.2f}: dev P {p:.3f} R {r:.3f}, hand min(P, R) {hand:.3f}")
        if p >= precision and hand >= 0.95:
            scored.append((r, round(float(threshold), 2)))
    top = max((r for r, _ in scored), default=None)
    plateau = [t for r, t in scored if r == top]
    return plateau[(len(plateau) - 1) // 2] if plateau else 0.5


if __name__ == "__main__":
    main()
