"""Precision of the claims by a blind review: what share of the claims no analyst coded are
real attributed statements about the article's events, and the precision that gives.

The strict precision of ``sitrep eval news`` counts every claim the analyst did not code as
wrong; analysts skip some real statements, so a reviewer who never saw the code labels a
shuffled sample of claims (paired and unpaired alike, not told which) from the context alone
(``scripts/sample_claims_review.py`` draws it). Paired claims judged real check the reviewer.

    python scripts/score_claims_review.py corpus/news/reviews/claims-test-2026-12-02 PAIRED SPURIOUS
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path


def main(folder: Path, paired_total: int, spurious_total: int) -> None:
    kind = {r["id"]: r["kind"] for r in map(json.loads, (folder / "key.jsonl").open())}
    labels = {r["id"]: r for r in map(json.loads, (folder / "labels.jsonl").open())}
    for group in ("paired", "spurious"):
        ids = [i for i in kind if kind[i] == group]
        real = sum(labels[i]["attributed"] and labels[i]["about_events"] for i in ids)
        print(f"{group}: {real} of {len(ids)} sampled are real attributed statements about the events")
    ids = [i for i in kind if kind[i] == "spurious"]
    share = sum(labels[i]["attributed"] and labels[i]["about_events"] for i in ids) / len(ids)
    half = 1.96 * math.sqrt(share * (1 - share) / len(ids))
    total = paired_total + spurious_total
    for name, s in (("estimate", share), ("low", share - half), ("high", share + half)):
        print(f"precision, {name}: {(paired_total + spurious_total * s) / total:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
