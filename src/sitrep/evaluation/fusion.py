"""Scores fusion on a hand-labelled corpus: pairwise precision and recall of "same incident".

The gold file (``tests/data/fusion/gold.yaml``) maps each article file to the incident its
main event reports and, optionally, the incident a background sentence recalls. A pair of
articles is positive when both report the same incident; the prediction for an article is
the incident of its first main event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from sitrep.config import FusionSettings
from sitrep.fusion import fuse, reports_from_results
from sitrep.model import Article, ArticleResult, EventRole, Incident


@dataclass(frozen=True, slots=True)
class PairwiseScore:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Gold:
    incident: dict[str, str]  # article file -> incident label
    recalls: dict[str, str]  # article file -> label of the incident its background sentence recalls


@dataclass(frozen=True, slots=True)
class CorpusFusion:
    """What fusion made of the corpus, article by article."""

    incidents: list[Incident]
    predicted: dict[str, str]  # article file -> incident id of its first main event
    recalled: dict[str, tuple[str, ...]]  # article file -> incident ids its background events joined
    score: PairwiseScore
    gold: dict[str, str] = field(default_factory=dict)  # article file -> gold incident label

    def table(self) -> str:
        """The pairwise measure, as ``sitrep eval fusion`` prints it."""
        s = self.score
        return (
            f"fusion (hand-written corpus): articles {len(self.gold)}, incidents {len(self.incidents)}\n"
            f"  pairs           P {s.precision:.3f} R {s.recall:.3f} "
            f"({s.correct_pairs} right of {s.predicted_pairs} linked, {s.true_pairs} true)"
        )

    def errors(self) -> list[tuple[str, str, str]]:
        """(missed | wrong, article, article): true pairs fusion kept apart, linked pairs that are two incidents."""
        label = {n: self.predicted.get(n, f"__alone__{n}") for n in self.gold}
        found = []
        for a, b in combinations(sorted(self.gold), 2):
            same, linked = self.gold[a] == self.gold[b], label[a] == label[b]
            if same != linked:
                found.append(("missed" if same else "wrong", a, b))
        return found

    def errors_table(self) -> str:
        return "\n".join(f"{what} pair: {a} | {b}" for what, a, b in self.errors()) or "no errors"

    def to_json(self) -> dict:
        s = self.score
        return {
            "suite": "fusion",
            "articles": len(self.gold),
            "incidents": len(self.incidents),
            "precision": round(s.precision, 3),
            "recall": round(s.recall, 3),
            "true_pairs": s.true_pairs,
            "predicted_pairs": s.predicted_pairs,
            "correct_pairs": s.correct_pairs,
            "errors": [{"error": w, "a": a, "b": b} for w, a, b in self.errors()],
        }


def load_gold(path: Path) -> Gold:
    """The gold labels of a fusion corpus."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    articles = data["articles"]
    return Gold(
        incident={name: entry["incident"] for name, entry in articles.items()},
        recalls={name: entry["recalls"] for name, entry in articles.items() if entry.get("recalls")},
    )


def pairwise(gold: Mapping[str, str], predicted: Mapping[str, str]) -> PairwiseScore:
    """Pairwise precision / recall over the articles of ``gold`` (a missing prediction is a singleton)."""
    names = sorted(gold)
    label = {n: predicted.get(n, f"__alone__{n}") for n in names}
    true_pairs = {(a, b) for a, b in combinations(names, 2) if gold[a] == gold[b]}
    predicted_pairs = {(a, b) for a, b in combinations(names, 2) if label[a] == label[b]}
    correct = len(true_pairs & predicted_pairs)
    return PairwiseScore(
        precision=correct / len(predicted_pairs) if predicted_pairs else 1.0,
        recall=correct / len(true_pairs) if true_pairs else 1.0,
        true_pairs=len(true_pairs),
        predicted_pairs=len(predicted_pairs),
        correct_pairs=correct,
    )


def fuse_corpus(results: Sequence[ArticleResult], gold: Gold, settings: FusionSettings) -> CorpusFusion:
    """Fuse the extracted corpus and score it against ``gold``."""
    incidents = fuse(reports_from_results(results), settings)
    owner = {event_id: inc.id for inc in incidents for event_id in inc.event_ids}
    predicted: dict[str, str] = {}
    recalled: dict[str, tuple[str, ...]] = {}
    for r in results:
        name = article_file(r)
        mains = [owner[e.id] for e in r.events if e.role is EventRole.MAIN and e.id in owner]
        if mains:
            predicted[name] = mains[0]
        recalled[name] = tuple(
            owner[e.id] for e in r.events if e.role is not EventRole.MAIN and e.id in owner
        )
    return CorpusFusion(incidents, predicted, recalled, pairwise(gold.incident, predicted), gold.incident)


def article_file(result: ArticleResult) -> str:
    """The file name an article was read from (its origin is ``path:line``)."""
    return Path(result.article.origin.rsplit(":", 1)[0]).name


def extract_corpus(folder: Path, extractor, *, limit: int | None = None) -> list[ArticleResult]:
    """Read and extract every article (the first ``limit``) of a corpus folder with a loaded ``Extractor``."""
    from sitrep.ingest import read_paths

    items = read_paths(sorted(folder.glob("*.txt"))[:limit])
    return list(extractor.extract_many(a for a in items if isinstance(a, Article)))


def score_fusion_corpus(folder: Path, settings: FusionSettings, *, limit: int | None = None) -> CorpusFusion:
    """Extract a fusion corpus (its ``*.txt`` and ``gold.yaml``; the first ``limit`` articles)
    with the default pipeline, fuse it and score it: ``sitrep eval fusion``."""
    from sitrep.pipeline import Extractor

    gold = load_gold(folder / "gold.yaml")
    results = extract_corpus(folder, Extractor.from_settings(), limit=limit)
    names = {article_file(r) for r in results}
    kept = Gold({n: i for n, i in gold.incident.items() if n in names}, gold.recalls)
    return fuse_corpus(results, kept, settings)
