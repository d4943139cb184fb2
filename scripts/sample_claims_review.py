"""Draw a blind review sample of the coder's claims on one half of the real-news corpus.

Every claim of the half is paired with the analysts' coded claims as ``sitrep eval news``
pairs them; a shuffled sample of unpaired ("spurious") and paired claims goes to
``sample.jsonl`` with its context and the events the analyst coded, and which is which to
``key.jsonl``, kept from the reviewer. ``scripts/score_claims_review.py`` scores the labels.

    python scripts/sample_claims_review.py OUT_FOLDER [--split test] [--spurious 120] [--paired 40]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from sitrep.evaluation.news import NEWS_CORPUS, load_corpus, pair_claims
from sitrep.ingest import read_file
from sitrep.pipeline import Extractor


def claims_of_half(split: str) -> tuple[list[dict], list[dict]]:
    """(unpaired, paired) claims of the half, each with its context and the coded events."""
    items = load_corpus(NEWS_CORPUS, split)
    articles = [next(iter(read_file(i.path))) for i in items]
    unpaired, paired_rows = [], []
    for item, result in zip(items, Extractor.from_settings().extract_many(articles), strict=True):
        text = result.article.text
        system, pairs = pair_claims(item, result)
        paired = {id(hit) for _, hit in pairs if hit is not None}
        events = [
            f"{e['role']}: {e['sub_event_type']} on {e['event_date']} at {(e.get('location') or {}).get('name')}"
            for e in item.gold.get("events") or []
        ]
        for c in system:
            row = {
                "article": item.name,
                "events": events or ["(the analyst coded no event)"],
                "context": text[max(0, c.span.start - 250) : c.span.end + 150],
                "sentence": text[c.span.start : c.span.end],
                "speaker": c.speaker,
                "speaker_role": c.speaker_role or "",
                "statement": c.text,
                "stance": c.stance,
            }
            (paired_rows if id(c) in paired else unpaired).append(row)
    return unpaired, paired_rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", default="test")
    parser.add_argument("--spurious", type=int, default=120)
    parser.add_argument("--paired", type=int, default=40)
    args = parser.parse_args()
    unpaired, paired = claims_of_half(args.split)
    rng = random.Random(16)
    sample = [(r, "spurious") for r in rng.sample(unpaired, args.spurious)]
    sample += [(r, "paired") for r in rng.sample(paired, args.paired)]
    rng.shuffle(sample)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "sample.jsonl").open("w") as rows, (args.out / "key.jsonl").open("w") as key:
        for i, (row, kind) in enumerate(sample):
            rows.write(json.dumps({"id": i, **row}, ensure_ascii=False) + "\n")
            key.write(json.dumps({"id": i, "kind": kind}) + "\n")
    print(f"{args.split}: {len(unpaired)} unpaired claims, {len(paired)} paired; sampled {len(sample)}")


if __name__ == "__main__":
    main()
