"""Scores fusion on a hand-labelled corpus: pairwise precision and recall of "same incident".

The gold file (``tests/data/fusion/gold.yaml``) maps each article file to the incident its
main event reports and, optionally, the incident a background sentence recalls. A pair of
articles is positive when both report the same incident; the prediction for an article is
the incident of its first main event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    return CorpusFusion(incidents, predicted, recalled, pairwise(gold.incident, predicted))


def article_file(result: ArticleResult) -> str:
    """The file name an article was read from (its origin is ``path:line``)."""
    return Path(result.article.origin.rsplit(":", 1)[0]).name


def extract_corpus(folder: Path, extractor) -> list[ArticleResult]:
    """Read and extract every article of a corpus folder with a loaded ``Extractor``."""
    from sitrep.ingest import read_paths

    items = read_paths(sorted(folder.glob("*.txt")))
    return list(extractor.extract_many(a for a in items if isinstance(a, Article)))
