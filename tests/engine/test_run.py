"""``sitrep run``: shards to Parquet by month with a manifest, Ray equal to one process, resumable."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.config import Settings
from sitrep.engine.fusion_stage import fuse_partitioned, partitions, read_reports
from sitrep.engine.records import incident_of, result_of
from sitrep.engine.run import longest_first, read_manifest, run, shards_of
from sitrep.fusion import Report, fuse
from sitrep.model import Actor, Article, DatePrecision, Event, EventDate, EventRole, GeoPrecision, Location
from sitrep.store import open_store

SETTINGS = Settings()


def table(out: Path, name: str) -> list[dict]:
    rows = [r for p in sorted((out / name).glob("month=*/*.parquet")) for r in pq.read_table(p).to_pylist()]
    return sorted(rows, key=lambda r: r["id"])


def incidents(out: Path) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((i.id, i.event_ids) for i in map(incident_of, table(out, "incidents")))


@pytest.fixture(scope="module")
def local_out(crawl_warc, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("local")
    return out, run([str(crawl_warc)], out, SETTINGS, engine="local", shard_size=32)


@pytest.fixture(scope="module")
def ray_out(crawl_warc, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("ray")
    return out, run([str(crawl_warc)], out, SETTINGS, engine="ray", workers=2, shard_size=32)


def test_a_crawl_becomes_parquet_by_month_with_a_manifest(local_out):
    out, summary = local_out
    assert summary.languages == Counter({"fr": 10, "de": 10, "es": 10})  # counted, not coded
    assert summary.articles == 42 + 120
    assert summary.events >= 42
    messages = [e.message for e in summary.errors]
    assert "empty or binary page" in messages
    assert any("unreadable WARC record" in m for m in messages)  # the broken tail
    manifest = read_manifest(out)
    assert len(manifest["shards"]) == summary.shards == 6
    assert manifest["skipped_language"] == {"de": 10, "es": 10, "fr": 10}
    months = {p.parent.name for p in (out / "events").glob("month=*/*.parquet")}
    assert "month=2024-03" in months
    for row in table(out, "events"):
        assert row["date_start"].strftime("%Y-%m") == _month_of(out, row)
    assert summary.incidents == len(table(out, "incidents")) > 0


def _month_of(out: Path, row: dict) -> str:
    hits = [
        p
        for p in (out / "events").glob("month=*/*.parquet")
        if row["id"] in pq.read_table(p)["id"].to_pylist()
    ]
    return hits[0].parent.name.removeprefix("month=")


def test_ray_with_two_workers_gives_what_one_process_gives(local_out, ray_out):
    (local, _), (ray, summary) = local_out, ray_out
    assert summary.done == summary.shards == 6
    assert [(r["id"], r["n_events"]) for r in table(ray, "articles")] == [
        (r["id"], r["n_events"]) for r in table(local, "articles")
    ]
    assert [r["record"] for r in table(ray, "events")] == [r["record"] for r in table(local, "events")]
    assert incidents(ray) == incidents(local)


def test_partitioned_fusion_equals_fusing_everything_at_once(local_out):
    out, _ = local_out
    reports = read_reports(out)
    assert incidents(out) == sorted((i.id, i.event_ids) for i in fuse(reports, SETTINGS.fusion))


def strike(day: date, key: str) -> Report:
    sumy = Location("Sumy", "UA", "Sumy", 50.9174, 34.7991, GeoPrecision.EXACT, 692194, "city")
    event = Event(
        f"ev-{key}", f"art-{key}", EventDate(day, DatePrecision.DAY), "Explosions/Remote violence",
        "Air/drone strike", "", "", EventRole.MAIN, Actor("Military Forces of Russia", "State forces", "RU"),
        None, sumy, None,
    )  # fmt: skip
    return Report.of(event, day, "Russian drones struck a fuel depot in Sumy.")


def test_an_incident_on_a_partition_edge_is_not_cut_in_two():
    edge = date.fromordinal((date(2024, 3, 1).toordinal() // 28 + 1) * 28)  # first day of a period
    reports = [
        strike(edge - timedelta(days=1), "a"),
        strike(edge, "b"),
        strike(edge + timedelta(days=40), "c"),
    ]
    assert sum(1 for part in partitions(reports, SETTINGS).values() if reports[0] in part) == 2
    fused = fuse_partitioned(reports, SETTINGS)
    assert sorted(i.event_ids for i in fused) == sorted(i.event_ids for i in fuse(reports, SETTINGS.fusion))
    assert ("ev-a", "ev-b") in [i.event_ids for i in fused]


def test_a_second_run_skips_done_shards_and_loading_twice_adds_nothing(local_out, crawl_warc, tmp_path):
    out, first = local_out
    again = run([str(crawl_warc)], out, SETTINGS, engine="local", shard_size=32)
    assert (again.done, again.skipped, again.incidents) == (0, 6, first.incidents)
    db = str(tmp_path / "crawl.duckdb")
    runner = CliRunner()
    loaded = runner.invoke(main, ["load", str(out), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert f"{first.articles} article(s) added" in loaded.output
    with open_store(db) as store:
        counts = store.counts()
        stored = store._query("SELECT COUNT(*) FROM incidents")[0][0]
    assert (counts["articles"], counts["events"], stored) == (first.articles, first.events, first.incidents)
    twice = runner.invoke(main, ["load", str(out), "--db", db])
    assert (
        "0 article(s) added" in twice.output
        and "0 event(s) added, 0 incident(s) added and 0 updated" in twice.output
    )


def test_the_cli_reports_skipped_languages_and_bad_records(crawl_warc, tmp_path):
    result = CliRunner().invoke(
        main, ["run", str(crawl_warc), "--out", str(tmp_path / "o"), "--shard-size", "64"]
    )
    assert result.exit_code == 1  # the empty page and the broken tail are input errors
    assert "30 article(s) skipped by language (" in result.output
    assert "3 shard(s) extracted, 0 already done, 0 failed; 162 article(s)" in result.output


def test_a_failing_shard_is_tried_again(monkeypatch, tmp_path):
    articles = [
        Article(Article.make_id(f"text {i}", date(2024, 1, 1)), date(2024, 1, 1), f"text {i}")
        for i in range(4)
    ]
    first = next(shards_of(articles, 2))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        "".join(json.dumps({"text": a.text, "published": "2024-01-01"}) + "\n" for a in articles)
    )
    monkeypatch.setenv("SITREP_FAIL_SHARD", first.id)
    summary = run([str(folder)], tmp_path / "out", SETTINGS, shard_size=2)
    assert summary.done == 2 and not summary.failed
    assert read_manifest(tmp_path / "out")["shards"][first.id]["attempts"] == 2
    assert all(result_of(r).article.text.startswith("text") for r in table(tmp_path / "out", "articles"))


def test_the_longest_shards_go_first_and_keep_their_ids():
    day = date(2024, 2, 8)
    short = [Article(f"s{i}", day, "A short brief.") for i in range(4)]
    long = [Article(f"l{i}", day, "A long report of an air strike. " * 50) for i in range(2)]
    shards = list(shards_of([*short, *long], 2))  # the long shard comes last in the input
    ordered = longest_first(shards)
    assert ordered[0].articles == tuple(long)
    assert sorted(s.id for s in ordered) == sorted(s.id for s in shards)
