"""Split the real-news corpus once into a development half and a test half, by incident.

Every article that reports one incident (articles linked through shared ``incident`` keys,
followed transitively) lands on the same side, so that fusion is measured on incidents the
coder was never tuned on. The side of a group is decided by a hash of its smallest key, not
by looking at anything the coder does; articles with no event form groups of their own.

Run once, when the corpus is written; commit ``corpus/news/split.json``. Re-running on the
same corpus gives the same split, and an article added later keeps the others where they are.

    python scripts/split_news_corpus.py [corpus/news]
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


def main(folder: Path) -> None:
    split: dict[str, list[str]] = {"dev": [], "test": []}
    for key, names in groups(folder).items():
        split[side(key)].extend(names)
    for half in split.values():
        half.sort()
    (folder / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"dev {len(split['dev'])} articles, test {len(split['test'])} articles")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "corpus" / "news")
