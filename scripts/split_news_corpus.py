"""Split the real-news corpus once into a development half and a test half, by incident.

Every article that reports one incident (articles linked through shared ``incident`` keys,
followed transitively) lands on the same side, so that fusion is measured on incidents the
coder was never tuned on. The side of a group is decided by a hash of its smallest key, not
by looking at anything the coder does; articles with no event form groups of their own.

Run when a batch of articles is added; commit ``corpus/news/split.json``. Articles already in
the split keep their half (earlier batches were scored untuned and then moved to ``dev``, so the
split is no longer the hash alone); a new article that shares an incident with them joins their
half; a new group goes where its hash says, except that with ``--validation`` the new groups the
hash puts on the development side are held out as ``validation``: a session judges its changes
on them in aggregate, and moves them to ``dev`` when it ends.

    python scripts/split_news_corpus.py [corpus/news] [--validation]
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def groups(folder: Path) -> dict[str, list[str]]:
    """Group key -> article names, with articles linked through shared incident keys."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys_of: dict[str, list[str]] = {}
    for gold in sorted((folder / "articles").glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        data = json.loads(gold.read_text("utf-8"))
        keys = [f"incident:{e['incident']}" for e in data.get("events") or [] if e.get("incident")]
        keys_of[name] = keys or [f"article:{name}"]
        for key in keys_of[name][1:]:
            parent[find(key)] = find(keys_of[name][0])
    out: dict[str, list[str]] = {}
    for name, keys in keys_of.items():
        out.setdefault(find(keys[0]), []).append(name)
    return {
        min(k for k in parent if find(k) == root) if root in parent else root: names
        for root, names in out.items()
    }


def side(group_key: str) -> str:
    return "test" if int(hashlib.sha256(group_key.encode()).hexdigest(), 16) % 2 else "dev"


def main_incidents(folder: Path) -> dict[str, set[str]]:
    """Article name -> the incidents it reports as news (not those it recalls)."""
    return {
        gold.name[: -len(".gold.json")]: {
            e["incident"]
            for e in json.loads(gold.read_text("utf-8")).get("events") or []
            if e.get("incident") and e.get("role") == "main"
        }
        for gold in (folder / "articles").glob("*.gold.json")
    }


def assign(
    found: dict[str, list[str]],
    before: dict[str, list[str]],
    *,
    validation: bool = False,
    mains: dict[str, set[str]] | None = None,
) -> dict[str, list[str]]:
    """The halves after a batch: old articles where they were, new ones by their group; a new
    article goes where an old one that reports the same incident as news is (a group may span
    both halves through a recalled incident: "the Pazigyi strike in April")."""
    was = {name: half for half, names in before.items() for name in names}
    mains = mains or {}
    split: dict[str, list[str]] = {"dev": [], "test": [], **({"validation": []} if validation else {})}
    for half in before:
        split.setdefault(half, [])
    for key, names in found.items():
        old = [was[n] for n in names if n in was]
        fresh = side(key)
        if validation and fresh == "dev":
            fresh = "validation"
        for name in names:
            if name in was:
                split[was[name]].append(name)
        for together in _told_together([n for n in names if n not in was], mains):
            news = set().union(*(mains.get(n, set()) for n in together))
            told = [was[n] for n in names if n in was and mains.get(n, set()) & news]
            split[(told or old or [fresh])[0]].extend(together)
    for half in split.values():
        half.sort()
    return split


def _told_together(names: list[str], mains: dict[str, set[str]]) -> list[list[str]]:
    """New articles linked through incidents they tell as news, each set going to one half: a new
    report whose incident only new articles tell follows the one of them an old article places."""
    clusters: list[list[str]] = []
    for name in names:
        linked = [c for c in clusters if any(mains.get(name, set()) & mains.get(n, set()) for n in c)]
        merged = [name] + [n for c in linked for n in c]
        clusters = [c for c in clusters if c not in linked] + [merged]
    return clusters


def main(folder: Path, *, validation: bool = False) -> None:
    path = folder / "split.json"
    before = json.loads(path.read_text("utf-8")) if path.exists() else {}
    split = assign(groups(folder), before, validation=validation, mains=main_incidents(folder))
    path.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(", ".join(f"{half} {len(names)} articles" for half, names in split.items()))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--validation"]
    default = Path(__file__).resolve().parents[1] / "corpus" / "news"
    main(Path(args[0]) if args else default, validation="--validation" in sys.argv[1:])
