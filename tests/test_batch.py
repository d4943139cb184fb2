"""The one write path: ``ingest_batch`` skips stored articles before extraction and writes
events and incidents in one transaction; the CLI and the API both go through it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep import batch
from sitrep.api import create_app
from sitrep.batch import ingest_batch
from sitrep.ingest import read_paths
from sitrep.model import Article, ArticleResult
from sitrep.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "samples"
VERSIONS = {"model_version": "m", "data_version": "d"}


def _samples() -> list[Article]:
    return [a for a in read_paths([SAMPLES]) if isinstance(a, Article)]


class Counting:
    """An extract function that remembers which articles it was given."""

    def __init__(self, extractor) -> None:
        self.extractor = extractor
        self.seen: list[str] = []

    def __call__(self, articles: Sequence[Article]) -> list[ArticleResult]:
        self.seen += [a.id for a in articles]
        return list(self.extractor.extract_many(articles))


def test_a_resumed_batch_extracts_only_what_is_not_stored(tmp_path: Path, extractor) -> None:
    articles = _samples()
    extract = Counting(extractor)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        first = ingest_batch(store, articles[:3], extract, versions=VERSIONS)
        assert first.articles_added == 3 and len(extract.seen) == 3
        second = ingest_batch(store, articles, extract, versions=VERSIONS)
        assert extract.seen[3:] == [a.id for a in articles[3:]]  # the first three were not parsed again
        assert second.articles_known == 3 and second.articles_added == len(articles) - 3


def test_events_and_incidents_are_one_transaction(tmp_path: Path, extractor, monkeypatch) -> None:
    def killed(*args, **kwargs):
        raise RuntimeError("killed between events and incidents")

    monkeypatch.setattr(batch, "link_incidents", killed)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        with pytest.raises(RuntimeError):
            ingest_batch(store, _samples(), extractor.extract_many, versions=VERSIONS)
        assert store.counts()["events"] == 0 and store.counts()["articles"] == 0  # nothing half-written
        monkeypatch.undo()
        summary = ingest_batch(store, _samples(), extractor.extract_many, versions=VERSIONS)
        unfused = store._query(
            "SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM incident_events ie WHERE ie.event_id = e.id)"
        )[0][0]
        assert summary.events_added > 0 and unfused == 0


def test_a_failing_article_is_an_error_and_the_rest_is_stored(tmp_path: Path, extractor) -> None:
    articles = _samples()

    def extract(items: Sequence[Article]) -> list[ArticleResult]:
        return [
            ArticleResult(a, error="extract: boom")
            if a.id == articles[0].id
            else next(extractor.extract_many([a]))
            for a in items
        ]

    with open_store(str(tmp_path / "s.duckdb")) as store:
        summary = ingest_batch(store, articles, extract, versions=VERSIONS)
        assert [e.message for e in summary.errors] == ["extract: boom"]
        assert summary.articles_added == len(articles) - 1


def test_posted_articles_are_fused_like_ingested_ones(tmp_path: Path, extractor) -> None:
    article = _samples()[0]
    app = create_app(str(tmp_path / "w.duckdb"), allow_write=True, write_token="t", extractor=extractor)
    with TestClient(app, headers={"Authorization": "Bearer t"}) as c:
        posted = c.post("/articles", json={"text": article.text, "published": article.published.isoformat()})
        assert posted.status_code == 201, posted.text
        events = c.get("/events").json()["events"]
        assert events
        for event in events:
            assert c.get(f"/events/{event['event_id']}/incident").status_code == 200  # in an incident


def test_the_cli_resumes_without_parsing_stored_articles(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from sitrep import pipeline
    from sitrep.cli import main

    db = str(tmp_path / "s.duckdb")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2024-02-08 Police fired tear gas at protesters in Dhaka.\n")
    assert CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet"]).exit_code == 0

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded to re-ingest stored articles")

    monkeypatch.setattr(pipeline.Extractor, "from_settings", classmethod(no_model))
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet"])
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("0 article(s) added, 1 already stored")


def test_one_bad_file_costs_only_itself(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitrep.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n}.txt").write_text(
            f" date 2024-02-{n + 1:02d} Police fired tear gas at protesters in Dhaka. {n}\n"
        )
    (folder / "hostile.jsonl").write_text(
        "[" * 1000 + "]" * 1000 + '\n{"text": "a\\ud800b", "published": "2024-02-08"}\n'
    )
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 1 and "hostile.jsonl:1" in result.stderr
    assert result.stdout.startswith("13 article(s) added")
    with open_store(db) as store:
        assert store.counts()["articles"] == 13


class Deferred:
    """A pool whose parts stay pending until their results are asked for, counting what it holds."""

    processes = 2

    def __init__(self, extractor) -> None:
        self.extractor = extractor
        self.in_flight = 0
        self.most = 0

    def submit_parts(self, articles: Sequence[Article]) -> list:
        pool, half = self, max(-(-len(articles) // 2), 1)

        class Part:
            def __init__(self, part: Sequence[Article]) -> None:
                self.part = list(part)
                pool.in_flight += 1
                pool.most = max(pool.most, pool.in_flight)

            def result(self) -> list[ArticleResult]:
                pool.in_flight -= 1
                return list(pool.extractor.extract_many(self.part))

        return [Part(articles[i : i + half]) for i in range(0, len(articles), half)]


def test_batches_with_extraction_ahead_store_what_batch_by_batch_stores(tmp_path: Path, extractor) -> None:
    articles = _samples()
    batches = [articles[i : i + 2] for i in range(0, len(articles), 2)] + [articles[:2]]  # the last: stored
    with open_store(str(tmp_path / "one.duckdb")) as store:
        one = [ingest_batch(store, b, extractor.extract_many, versions=VERSIONS) for b in batches]
        expected = store.counts()
    pool = Deferred(extractor)
    with open_store(str(tmp_path / "ahead.duckdb")) as store:
        ahead = list(batch.ingest_batches(store, iter(batches), pool, versions=VERSIONS, ahead=2))
        assert store.counts() == expected
    assert pool.most > 2  # the parts of the next batches were in flight while one was stored
    assert [s.articles_added for s in ahead] == [s.articles_added for s in one]
    assert [s.events_added for s in ahead] == [s.events_added for s in one]
    assert sum(s.articles_known for s in ahead) == sum(s.articles_known for s in one) == 2
