"""Fit the claim model (``sitrep.claim_model``) on the development half of the real-news corpus.

The coder runs on each dev article with a recorder in place of the model: it keeps every claim
and records the cues of each. The claims are paired with the analyst's as ``sitrep eval news``
pairs them (``score_claims``). Two logistic models with an L2 penalty are fitted with scipy:

- ``accuses``: on found claims the rules put in asserts or accuses (no verb deciding it) that the
  analyst coded asserts or accuses, whether the analyst coded an accusation;
- ``keep``: on every claim the coder shows (with the fitted stance model in place), whether it is
  one the analyst coded.

The penalty (and the keep threshold) are chosen by cross-validation grouped by incident (every
report of an incident in one fold), against the rules alone on the same claims. A model that does
not beat the rules held out by a point (``MARGIN``) is not shipped (its weights are left empty). The weights go to
``src/sitrep/data/claim_model.json``.

    .venv/bin/python scripts/fit_claim_model.py [--l2 0.3 1 3 10] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from sitrep.claim_model import ClaimCues, ClaimModel, keep_features, stance_features
from sitrep.evaluation.news import NEWS_CORPUS, _paired_claim, load_corpus
from sitrep.ingest.text import read_seed_text
from sitrep.pipeline import Extractor

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "claim_model.json"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
MARGIN = 0.01  # a model ships only when it beats the rules held out by at least this much


@dataclass
class Example:
    group: str  # the incident: folds never split one
    cues: ClaimCues
    gold: dict | None  # the analyst's claim it is paired with, if any


class _Recorder(ClaimModel):
    """Keeps every claim, applies the given stance weights, and records the cues of each claim."""

    def keeps(self, cues: ClaimCues) -> bool:
        self.seen.append(cues)  # type: ignore[attr-defined]
        return True


def collect(accuses: dict[str, float]) -> tuple[list[Example], int]:
    """Every claim the coder shows on dev, with its cues and the analyst's claim it covers; and the gold count."""
    recorder = _Recorder("recorder", accuses, {})
    object.__setattr__(recorder, "seen", [])
    ClaimModel.default = lambda: recorder  # type: ignore[method-assign]
    extractor = Extractor.from_settings()
    examples, gold_count = [], 0
    for item in load_corpus(NEWS_CORPUS, "dev"):
        recorder.seen.clear()
        article = next(iter(read_seed_text(item.path.name, item.path.read_text("utf-8"))))
        result = next(iter(extractor.extract_many([article])))
        text = result.article.text
        group = next(
            (e.get("incident") for e in item.gold.get("events") or [] if e.get("incident")), item.name
        )
        system = list(
            {
                (c.span.start, c.span.end, c.speaker, c.text): c for e in result.events for c in e.claims
            }.values()
        )
        paired: dict[int, dict] = {}
        for claim in item.gold.get("claims") or []:
            start = text.find(claim.get("text", ""))
            if not claim.get("text") or start < 0:
                continue
            gold_count += 1
            hit = _paired_claim(system, start, start + len(claim["text"]), set(paired))
            if hit is not None and id(hit) not in paired:
                paired[id(hit)] = claim
        for claim in system:
            cues = next(
                (c for c in recorder.seen if c.speaker == claim.speaker and claim.text.startswith(c.text)),
                None,
            )
            if cues is not None:
                examples.append(Example(group, cues, paired.get(id(claim))))
    return examples, gold_count


def fit(rows: np.ndarray, labels: np.ndarray, l2: float) -> np.ndarray:
    """L2-penalised logistic regression (the bias, column 0, unpenalised)."""
    mask = np.ones(rows.shape[1])
    mask[0] = 0.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1 / (1 + np.exp(-np.clip(rows @ w, -30, 30)))
        total = -float(labels @ np.log(p + 1e-12) + (1 - labels) @ np.log(1 - p + 1e-12))
        return total + l2 * float((w * mask) @ w) / 2, rows.T @ (p - labels) + l2 * w * mask

    return minimize(loss, np.zeros(rows.shape[1]), jac=True, method="L-BFGS-B").x


def held_out(groups: list[str], rows: np.ndarray, labels: np.ndarray, l2: float, folds: int) -> np.ndarray:
    """Each example's probability from a model fitted without its incident's fold."""
    names = sorted(set(groups))
    np.random.default_rng(0).shuffle(names)
    fold = np.array([{g: i % folds for i, g in enumerate(names)}[g] for g in groups])
    out = np.zeros(len(groups))
    for k in range(folds):
        w = fit(rows[fold != k], labels[fold != k], l2)
        out[fold == k] = 1 / (1 + np.exp(-np.clip(rows[fold == k] @ w, -30, 30)))
    return out


def matrix(examples: list[Example], features) -> tuple[list[str], np.ndarray]:
    dicts = [features(e.cues) for e in examples]
    names = list(dicts[0])
    return names, np.array([[d[n] for n in names] for d in dicts])


def fit_stance(examples: list[Example], l2s: list[float], folds: int) -> tuple[dict[str, float], dict]:
    """The accuses model, or no weights when it does not beat the rules held out."""
    both = ("asserts", "accuses")
    chosen = [
        e for e in examples
        if e.gold and e.gold.get("stance") in both and e.cues.stance in both
        and e.cues.verb not in ("accuse", "blame", "allege")
    ]  # fmt: skip
    names, rows = matrix(chosen, stance_features)
    labels = np.array([float(e.gold["stance"] == "accuses") for e in chosen])
    rules = float(
        np.mean([(e.cues.stance == "accuses") == bool(y) for e, y in zip(chosen, labels, strict=True)])
    )
    scores = {}
    for l2 in l2s:
        p = held_out([e.group for e in chosen], rows, labels, l2, folds)
        scores[l2] = float(np.mean((p >= 0.5) == (labels > 0)))
        print(f"| accuses | {l2} | {scores[l2]:.3f} | rules {rules:.3f} | {len(chosen)} claims |")
    best = max(scores, key=scores.get)
    report = {"claims": len(chosen), "rules": round(rules, 3), "cv": round(scores[best], 3), "l2": best}
    if scores[best] < rules + MARGIN:
        return {}, report
    return _weights(names, fit(rows, labels, best)), report


def fit_keep(
    examples: list[Example], gold_count: int, l2s: list[float], folds: int
) -> tuple[dict, float, dict]:
    """The keep model and threshold with the best held-out F1 of claims, or none if keeping all is better."""
    names, rows = matrix(examples, keep_features)
    labels = np.array([float(e.gold is not None) for e in examples])

    def f1(kept: np.ndarray) -> tuple[float, float, float]:
        true = float(labels[kept].sum())
        p, r = true / max(1, kept.sum()), true / gold_count
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    base = f1(np.ones(len(labels), bool))
    print(f"| keep all | | P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f} | {len(labels)} claims |")
    best = (base[2], None, 0.0, base)
    for l2 in l2s:
        p = held_out([e.group for e in examples], rows, labels, l2, folds)
        for t in THRESHOLDS:
            score = f1(p >= t)
            print(f"| keep | {l2} / {t} | P {score[0]:.3f} R {score[1]:.3f} F1 {score[2]:.3f} | |")
            if score[2] > best[0] and score[2] >= base[2] + MARGIN:
                best = (score[2], l2, t, score)
    report = {"claims": len(labels), "all": [round(x, 3) for x in base], "cv": [round(x, 3) for x in best[3]],
              "l2": best[1], "threshold": best[2]}  # fmt: skip
    if best[1] is None:
        return {}, 0.5, report
    return _weights(names, fit(rows, labels, best[1])), best[2], report


def _weights(names: list[str], w: np.ndarray) -> dict[str, float]:
    return {n: round(float(v), 5) for n, v in zip(names, w, strict=True) if abs(v) > 1e-6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, nargs="+", default=[0.3, 1.0, 3.0, 10.0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    examples, _ = collect({})
    accuses, stance_report = fit_stance(examples, args.l2, args.folds)
    examples, gold_count = collect(accuses)
    keep, threshold, keep_report = fit_keep(examples, gold_count, args.l2, args.folds)
    out = {
        "version": f"{date.today():%Y.%m.%d}",
        "fitted_on": "corpus/news dev half (grouped CV by incident)",
        "accuses_cv": stance_report,
        "keep_cv": keep_report,
        "keep_threshold": threshold,
        "weights": {"accuses": accuses, "keep": keep},
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
