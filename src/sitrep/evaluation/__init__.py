"""``sitrep eval``: score the pipeline's own stages against public gold data.

Each suite returns reports with ``table()``, ``errors_table()`` and ``to_json()``.
"""

from __future__ import annotations

from pathlib import Path

from sitrep.config import Settings


def run_suite(
    suite: str,
    settings: Settings,
    *,
    folder: Path | None = None,
    limit: int | None = None,
    corpus: Path | None = None,
    split: str = "test",
) -> list:
    """Reports of one suite; ``folder`` replaces the suite's gold folder from the settings
    (``data_dir`` for temporal and geo, ``seed_dir``, ``articles_dir``; ``fusion`` scores the
    hand-written fusion corpus, ``articles_dir``/fusion). ``news`` scores one
    half (``split``: test, dev or all) of the real-news corpus (``corpus``, default the
    repository's). Missing gold data is a clear error."""
    if suite == "news":
        from sitrep.evaluation.news import NEWS_CORPUS, score_news
        from sitrep.pipeline import Extractor

        extract_many = Extractor.from_settings(settings).extract_many  # the user's configuration
        return [
            score_news(
                corpus or NEWS_CORPUS, split, limit=limit, extract_many=extract_many,
                fusion_settings=settings.fusion,
            )
        ]  # fmt: skip
    if suite == "fusion":
        from sitrep.evaluation.fusion import score_fusion_corpus

        fusion_dir = _need(folder or settings.articles_dir / "fusion")
        return [score_fusion_corpus(fusion_dir, settings.fusion, limit=limit)]
    if suite == "temporal":
        from sitrep.evaluation.temporal import score_timebank

        timebank = _need((folder or settings.data_dir) / "tempeval3" / "TimeBank")
        return [score_timebank(timebank, limit=limit)]
    if suite == "geo":
        from sitrep.evaluation.geo import score_geo

        geo = _need((folder or settings.data_dir) / "geoparsing")
        return [score_geo(geo / name, limit=limit) for name in ("GeoWebNews.xml", "LGL.xml")]
    if suite == "seed":
        from sitrep.evaluation.seed import score_seed

        seed_dir = _need(folder or settings.seed_dir)
        reports = []
        for gold in sorted(seed_dir.glob("*.gold.json"))[:limit]:
            article = gold.with_name(gold.name.replace(".gold.json", ".txt"))
            reports.append(score_seed(article, gold))
        return reports
    if suite == "articles":
        from sitrep.evaluation.articles import score_articles

        keyed = _need(folder or settings.articles_dir)
        if (keyed / "expected.yaml").exists():
            return [score_articles(keyed, limit=limit)]
        folders = [keyed / "articles", keyed / "heldout"]  # the development and held-out sets
        return [score_articles(f, limit=limit) for f in folders if (f / "expected.yaml").exists()]
    raise ValueError(f"unknown suite {suite!r} (temporal, geo, seed, articles, news, fusion)")


def _need(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"gold data not found at {path} (set --data-dir or the settings)")
    return path
