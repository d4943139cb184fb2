"""Fit fusion's pair model on the development half of the real-news corpus.

Every candidate pair (blocking and gates as ``sitrep.fusion``) of the dev half's extracted
events whose both events match a gold main event is an example: positive when the analyst gave
both the same incident key. A logistic regression with an L2 penalty (numpy / scipy) is fitted
on the features of ``sitrep.fusion_model``; the threshold is the middle of the range of probabilities at
which the fused dev half has its best recall with pairwise precision >= ``--precision``. The weights are written to
``src/sitrep/data/fusion_model.json`` (versioned), which ``sitrep.fusion`` loads offline.

    .venv/bin/python scripts/fit_fusion.py [--precision 0.97] [--l2 1.0] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from sitrep.config import FusionSettings
from sitrep.evaluation.news import NEWS_CORPUS, NewsReport, load_corpus, score_article, score_fusion
from sitrep.fusion import BlockIndex, pair_allowed, reports_from_results
from sitrep.fusion_model import FEATURES, PairModel, load_model, pair_features
from sitrep.ingest import read_file
from sitrep.pipeline import Extractor

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "fusion_model.json"


def examples(corpus, results, matched, settings: FusionSettings) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of the candidate pairs whose both events the analyst coded."""
    incident = {
        matched[(item.name, gi)].id: ev["incident"]
        for item in corpus
        for gi, ev in enumerate(item.gold.get("events") or [])
        if (item.name, gi) in matched and ev.get("incident")
    }
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
    """Weights and bias of an L2-penalised logistic regression (the bias is not penalised)."""

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        eps = 1e-9
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + l2 * w @ w / 2
        grad = np.append(x.T @ (p - y) + l2 * w, np.sum(p - y))
        return value, grad

    theta = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B").x
    return theta[:-1], float(theta[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.97, help="Dev pairwise precision to keep.")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    corpus = load_corpus(NEWS_CORPUS, "dev")
    articles = [next(iter(read_file(item.path))) for item in corpus]
    results = list(Extractor.from_settings().extract_many(articles))
    matched: dict = {}
    report = NewsReport(corpus=str(NEWS_CORPUS), split="dev")
    for item, result in zip(corpus, results, strict=True):
        matched.update(score_article(report, item, result))
    settings = FusionSettings()
    x, y = examples(corpus, results, matched, settings)
    w, b = fit(x, y, args.l2)
    weights = {k: round(float(v), 4) for k, v in zip(FEATURES, w, strict=True)}
    print(f"{len(y)} candidate pairs, {int(y.sum())} positive")
    version = f"{json.loads(args.out.read_text())['version'] if args.out.exists() else '0'}"
    scored = []
    for threshold in np.arange(0.05, 0.96, 0.05):
        model = PairModel(version, weights, round(b, 4), round(float(threshold), 2))
        args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        load_model.cache_clear()
        s = score_fusion(corpus, results, matched, replace(settings, threshold=0.0))
        print(f"  threshold {threshold:.2f}: P {s.precision:.3f} R {s.recall:.3f}")
        if s.precision >= args.precision:
            scored.append((s.recall, round(float(threshold), 2)))
    top = max((r for r, _ in scored), default=None)
    plateau = [t for r, t in scored if r == top]  # the middle of the best plateau: least fragile
    threshold = plateau[(len(plateau) - 1) // 2] if plateau else 0.5
    model = PairModel(str(int(version) + 1), weights, round(b, 4), threshold)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"threshold {threshold}; weights written to {args.out}")
    for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {k:<20}{v:+.3f}")


if __name__ == "__main__":
    main()
