"""How often the coder finds an event in general news that reports none (issue 9, point 9).

Runs the coder on a folder of dated seed-format texts (one ``<name>.txt`` per page: a first
line `` date YYYY-MM-DD `` and then the text) and prints, for each page that yields an event,
its name, kind and what was coded; then the share of pages with an event, overall, by kind,
and by the list's halves (``dev``, tuned on, and ``heldout``, never looked at when tuning).

The list (``benchmarks/false_alarms/pages.tsv``) names each page, its URL, publication date,
kind (sport, accident, court, ...), half and the analyst's judgement; the pages' text is not
in the repository (only the project's own rewrites are): save each page as ``<name>.txt`` in
a folder and give that folder.

    PYTHONPATH=src .venv/bin/python benchmarks/false_alarms.py /tmp/pages [--list PATH] [--half dev]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

LIST = Path(__file__).resolve().parent / "false_alarms" / "pages.tsv"


@dataclass(frozen=True)
class Page:
    """One listed page: where it came from and what the analyst judged it to report."""

    name: str
    url: str
    published: str
    kind: str
    half: str
    judgement: str


def read_list(path: Path) -> list[Page]:
    """The listed pages (a header row, then one tab-separated row per page)."""
    with path.open(encoding="utf-8") as f:
        return [Page(**row) for row in csv.DictReader(f, delimiter="\t")]


def coded(folder: Path, names: list[str]) -> dict[str, list[str]]:
    """Each page's events, one short line each (``type / sub-type at place: trigger``)."""
    from sitrep.ingest.text import read_seed_text
    from sitrep.model import Article
    from sitrep.pipeline import Extractor

    articles: list[tuple[str, Article]] = []
    for name in names:
        read = next(iter(read_seed_text(name, (folder / f"{name}.txt").read_text("utf-8"))))
        if isinstance(read, Article):
            articles.append((name, read))
    results = Extractor.from_settings().extract_many(a for _, a in articles)
    out: dict[str, list[str]] = {}
    for (name, _), result in zip(articles, results, strict=True):
        out[name] = [
            f"{e.role.value} {e.sub_event_type} at {e.location.name if e.location else '?'}: {e.trigger!r}"
            for e in result.events
        ]
    return out


def rate_table(pages: list[Page], alarms: set[str], key: str) -> list[str]:
    """One line per value of ``key`` (kind or half): pages with an event of all pages."""
    total = Counter(getattr(p, key) for p in pages)
    hit = Counter(getattr(p, key) for p in pages if p.name in alarms)
    return [f"  {value:<14} {hit[value]:>3} of {total[value]:>3}" for value in sorted(total)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of <name>.txt pages")
    parser.add_argument("--list", type=Path, default=LIST, help="the page list (TSV)")
    parser.add_argument("--half", choices=["dev", "heldout", "all"], default="all")
    args = parser.parse_args()
    pages = [
        p
        for p in read_list(args.list)
        if p.judgement == "no event"
        and args.half in ("all", p.half)
        and (args.folder / f"{p.name}.txt").exists()
    ]
    events = coded(args.folder, [p.name for p in pages])
    alarms = {name for name, lines in events.items() if lines}
    for page in pages:
        for line in events.get(page.name, []):
            print(f"{page.name} [{page.kind}, {page.half}] {line}")
    print(
        f"false alarms: {len(alarms)} of {len(pages)} no-event pages ({len(alarms) / max(len(pages), 1):.1%})"
    )
    print("by half:", *rate_table(pages, alarms, "half"), sep="\n")
    print("by kind:", *rate_table(pages, alarms, "kind"), sep="\n")


if __name__ == "__main__":
    main()
