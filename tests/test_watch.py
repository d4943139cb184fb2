"""The server ingests while it serves: watched folders and feeds go through ``ingest_batch``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.model import Article, IngestSummary
from sitrep.watch import Watcher, fetch_feed

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "sitrep" / "data" / "samples"
FEEDS = REPO / "tests" / "data" / "inputs" / "feeds"


def test_only_new_or_changed_files_are_read_again(tmp_path: Path) -> None:
    batches: list[list[Article]] = []

    def ingest(articles: list[Article]) -> IngestSummary:
        batches.append(articles)
        return IngestSummary(articles_added=len(articles))

    shutil.copy(SAMPLES / "01_kharkiv_strike_wire.txt", tmp_path)
    watcher = Watcher([tmp_path], [], ingest)
    watcher.poll()
    assert len(batches) == 1 and len(batches[0]) == 1
    watcher.poll()
    assert len(batches) == 1  # nothing changed: nothing read
    shutil.copy(SAMPLES / "04_bangladesh_dhaka_protest.txt", tmp_path)
    watcher.poll()
    assert [a.origin.rsplit("/", 1)[-1] for a in batches[-1]] == ["04_bangladesh_dhaka_protest.txt:1"]
    path = tmp_path / "01_kharkiv_strike_wire.txt"
    path.write_text(path.read_text() + "\n")
    os.utime(path, ns=(1, 1))
    watcher.poll()
    assert len(batches) == 3 and watcher.status.polls == 4 and watcher.status.articles_added == 3


def test_feed_errors_are_counted_not_raised(tmp_path: Path) -> None:
    watcher = Watcher(
        [tmp_path / "gone"],
        ["ftp://example.org/feed", (FEEDS / "broken.rss").as_uri()],
        lambda a: IngestSummary(),
    )
    status = watcher.poll()
    assert status.errors >= 3 and status.polls == 1


def test_a_feed_is_read_from_a_url() -> None:
    items = fetch_feed((FEEDS / "news.rss").as_uri())
    assert any(isinstance(i, Article) for i in items)


def test_the_server_ingests_a_watched_folder_and_a_feed(tmp_path: Path, extractor) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    app = create_app(
        str(tmp_path / "s.duckdb"), extractor=extractor, watch=[folder], feeds=[(FEEDS / "news.rss").as_uri()]
    )
    with TestClient(app) as c:
        watcher = app.state.service.watcher
        watcher.stop()  # drive the polls from the test
        shutil.copy(SAMPLES / "03_sudan_gezira_village_attack.txt", folder)
        watcher.poll()
        events = c.get("/events").json()["events"]
        assert events and c.get(f"/events/{events[0]['event_id']}/incident").status_code == 200
        health = c.get("/health").json()
        assert health["watch"]["articles_added"] >= 1 and health["watch"]["polls"] >= 1


def test_articles_in_other_languages_are_counted_not_ingested(tmp_path: Path) -> None:
    from sitrep.ingest.warc import news_page, write_warc

    english = "A drone strike hit a car in Baghdad on Wednesday night, killing three men, officials said."
    french = "Une frappe de drone a touché une voiture à Bagdad mercredi soir, tuant trois hommes, selon des responsables."
    batches: list[list[Article]] = []

    def ingest(articles: list[Article]) -> IngestSummary:
        batches.append(articles)
        return IngestSummary(articles_added=len(articles))

    with (tmp_path / "crawl.warc.gz").open("wb") as out:
        write_warc(out, [
            ("https://news.example.org/strike", news_page("Drone strike in Baghdad", english, "2024-02-08")),
            ("https://journal.example.fr/frappe", news_page("Frappe à Bagdad", french, "2024-02-08", lang="fr")),
        ])  # fmt: skip
    watcher = Watcher([tmp_path], [], ingest, language="en")
    status = watcher.poll()
    assert batches and all(a.lang == "en" for batch in batches for a in batch)
    assert sum(status.skipped_languages.values()) >= 1 and "en" not in status.skipped_languages
    assert status.to_json()["skipped_languages"] == dict(status.skipped_languages)
