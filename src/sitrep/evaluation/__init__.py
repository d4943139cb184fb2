"""``sitrep eval``: score the pipeline's own stages against public gold data.

Each suite returns reports with ``table()``, ``errors_table()`` and ``to_json()``.
"""

from __future__ import annotations

from pathlib import Path


def run_suite(
    suite: str, data_dir: Path, *, limit: int | None = None, corpus: Path | None = None, split: str = "test"
) -> list:
    """Reports of one suite (temporal, geo, seed, articles, news); missing gold data is a clear error.

    ``news`` reads the real-news corpus (``corpus``, default the repository's) and scores one
    half of it (``split``: test, dev or all).
    """
    if suite == "news":
        from sitrep.evaluation.news import NEWS_CORPUS, score_news

        return [score_news(corpus or NEWS_CORPUS, split, limit=limit)]
    if suite == "temporal":
        from sitrep.evaluation.temporal import score_timebank

        folder = _need(data_dir / "tempeval3" / "TimeBank")
        return [score_timebank(folder, limit=limit)]
    if suite == "geo":
        from sitrep.evaluation.geo import score_geo

        folder = _need(data_dir / "geoparsing")
        return [score_geo(folder / name, limit=limit) for name in ("GeoWebNews.xml", "LGL.xml")]
    if suite == "seed":
        from sitrep.evaluation.seed import score_seed

        seed_dir = _need(data_dir.parent / "seed")
        reports = []
        for gold in sorted(seed_dir.glob("*.gold.json"))[:limit]:
            article = gold.with_name(gold.name.replace(".gold.json", ".txt"))
            reports.append(score_seed(article, gold))
        return reports
    if suite == "articles":
        from sitrep.evaluation.articles import score_articles

        if (data_dir / "expected.yaml").exists():
            return [score_articles(data_dir, limit=limit)]
        folders = [HAND_CODED / "articles", HAND_CODED / "heldout"]
        return [score_articles(f, limit=limit) for f in folders if (f / "expected.yaml").exists()]
    raise ValueError(f"unknown suite {suite!r} (temporal, geo, seed, articles, news)")


# The hand-coded articles of the repository (development set and held-out set).
HAND_CODED = Path(__file__).resolve().parents[3] / "tests" / "data"


def _need(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"gold data not found at {path} (set --data-dir or SITREP_DATA_DIR)")
    return path
