"""The ``sitrep`` command line: help texts, eval suites, input errors, idempotent ingest, GeoJSON export."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.config import Settings

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "tests" / "data" / "inputs"
SAMPLES = REPO / "src" / "sitrep" / "data" / "samples"
# Gold data lives beside the repo (../shared/data), never inside it; SITREP_DATA_DIR overrides.
DATA = Path(os.environ.get("SITREP_DATA_DIR") or REPO.parent / "shared" / "data")


def _needs_data() -> None:
    """Skip only when the whole data folder is absent (the reason shows in the -ra summary).

    If the folder is there, a missing corpus inside it is a failure, not a skip.
    """
    if not DATA.is_dir():
        pytest.skip(f"gold data folder {DATA} is missing (set SITREP_DATA_DIR)")


@pytest.fixture(scope="module", autouse=True)
def _load_models_once() -> Iterator[None]:
    """Share one Extractor per settings across the CLI calls of this module (spaCy loads take seconds)."""
    from sitrep.pipeline import Extractor

    build = Extractor.from_settings.__func__
    cache: dict[Settings, Extractor] = {}

    def cached(cls, settings: Settings | None = None) -> Extractor:
        key = settings or Settings()
        if key not in cache:
            cache[key] = build(cls, key)
        return cache[key]

    patch = pytest.MonkeyPatch()
    patch.setattr(Extractor, "from_settings", classmethod(cached))
    yield
    patch.undo()


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, cmd in sorted(group.commands.items()):
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    commands = dict(_commands(main))
    assert {"extract", "ingest", "events", "export", "eval"} <= set(commands)
    readme = (REPO / "README.md").read_text("utf-8")
    undocumented = [name for name, cmd in commands.items() if not (cmd.help or "").strip()]
    assert not undocumented, f"commands without a docstring/help: {undocumented}"
    missing = [name for name in commands if f"sitrep {name}" not in readme]
    assert not missing, f"commands the README does not mention: {missing}"
    for name in commands:
        result = run(*name.split(), "--help")
        assert result.exit_code == 0, result.stderr
        assert "Usage:" in result.stdout


def test_eval_seed_json() -> None:
    _needs_data()
    result = run("eval", "seed", "--json", "--data-dir", str(DATA.parent / "seed"))
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["suite"] == "seed"
    assert report["total"] > 0 and 0 <= report["right"] <= report["total"]
    assert {"event", "field", "gold", "system", "right"} <= set(report["checks"][0])


@pytest.mark.parametrize(("suite", "headline"), [("temporal", "value"), ("geo", "accuracy@161km")])
def test_eval_prints_a_table(suite: str, headline: str) -> None:
    _needs_data()
    result = run("eval", suite, "--limit", "2", "--data-dir", str(DATA))
    assert result.exit_code == 0, result.stderr
    assert headline in result.stdout
    with_errors = run("eval", suite, "--limit", "2", "--show-errors", "--data-dir", str(DATA))
    assert with_errors.exit_code == 0, with_errors.stderr
    assert len(with_errors.stdout) > len(result.stdout)


def test_eval_without_gold_data_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "temporal", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "gold data not found" in result.stderr


def test_extract_reports_bad_lines_and_prints_the_good_articles() -> None:
    result = run("extract", str(INPUTS / "mixed.jsonl"), "--format", "json")
    assert result.exit_code == 1
    assert "mixed.jsonl:3" in result.stderr
    payload = json.loads(result.stdout)
    assert len(payload["articles"]) == 2  # lines 1 and 5; lines 2-4 are broken
    assert any(
        e["location"] and e["location"]["name"] == "Kabul" for a in payload["articles"] for e in a["events"]
    )
    assert any(err["origin"].endswith("mixed.jsonl:3") for err in payload["errors"])


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "events.duckdb"
    first = run("ingest", str(SAMPLES), "--db", str(db), "--quiet")
    assert first.exit_code == 0, first.stderr
    assert " 0 article(s) added" not in f" {first.stdout}"
    with duckdb.connect(str(db), read_only=True) as conn:
        before = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "events")}
    assert before["articles"] > 0 and before["events"] > 0
    second = run("ingest", str(SAMPLES), "--db", str(db), "--quiet")
    assert second.exit_code == 0, second.stderr
    assert second.stdout.startswith("0 article(s) added")
    assert "0 event(s) added" in second.stdout
    with duckdb.connect(str(db), read_only=True) as conn:
        after = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "events")}
    assert after == before


def test_export_geojson_is_valid(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "events.geojson"
    assert run("ingest", str(SAMPLES), "--db", str(db), "--quiet").exit_code == 0
    result = run("export", "--db", str(db), "--format", "geojson", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    collection = json.loads(out.read_text("utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert features, "the samples have located events"
    for feature in features:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    stdout = run("export", "--db", str(db), "--format", "geojson")
    assert json.loads(stdout.stdout) == collection


# -- operator mistakes: one line, no traceback, no empty store ---------------------------------


def test_a_mistyped_db_is_an_error_not_an_empty_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    for command in (["events"], ["incidents"], ["export", "--format", "jsonl"]):
        result = CliRunner().invoke(main, [*command, "--db", str(missing)])
        assert result.exit_code == 1, command
        assert f"no sitrep store at {missing}" in result.stderr and "Traceback" not in result.output
    assert not missing.exists()


def test_a_locked_store_is_one_line_naming_the_way_out(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    run("ingest", str(SAMPLES / "04_bangladesh_dhaka_protest.txt"), "--db", str(db), "--quiet")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        for command in (["events"], ["ingest", str(SAMPLES)], ["serve"]):
            result = CliRunner().invoke(main, [*command, "--db", str(db)])
            assert result.exit_code == 1, result.output
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and f"process {holder.pid}" in lines[0], result.stderr
            assert "--watch" in lines[0] and "PostgreSQL" in lines[0]
    finally:
        holder.kill()
        holder.wait()


def test_bad_output_path_and_negative_limit_are_usage_errors(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    run("ingest", str(SAMPLES / "04_bangladesh_dhaka_protest.txt"), "--db", str(db), "--quiet")
    out = CliRunner().invoke(
        main, ["export", "--db", str(db), "--format", "jsonl", "--out", str(tmp_path / "no" / "x.jsonl")]
    )
    assert out.exit_code == 2 and "no folder" in out.stderr and "Traceback" not in out.output
    for command in ("events", "incidents"):
        limit = CliRunner().invoke(main, [command, "--db", str(db), "--limit", "-1"])
        assert limit.exit_code == 2 and "--limit" in limit.stderr


def test_serve_refuses_writes_without_a_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "s.duckdb"), "--allow-write"], env={"SITREP_WRITE_TOKEN": ""}
    )
    assert result.exit_code == 2 and "token" in result.stderr


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [({}, [], 1), ({"SITREP_N_PROCESS": "3"}, [], 3), ({"SITREP_N_PROCESS": "3"}, ["--workers", "2"], 2)],
)
def test_workers_default_to_the_n_process_setting(monkeypatch, env, args, expected) -> None:
    seen = []

    def spy(articles, settings, workers):
        seen.append(workers)
        return iter(())

    monkeypatch.setattr("sitrep.pipeline.extract_parallel", spy)
    for key in ("SITREP_N_PROCESS", "SITREP_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), *args])
    assert result.exit_code == 0, result.output
    assert seen == [expected]


def test_events_lists_the_newest_first_and_the_limit_keeps_the_newest(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    assert run("ingest", str(SAMPLES), "--db", str(db), "--quiet").exit_code == 0
    every = [
        json.loads(line) for line in run("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    ]
    assert len(every) >= 3
    starts = [e["date_start"] for e in every]
    assert starts == sorted(starts, reverse=True)
    newest = run("events", "--db", str(db), "--limit", "2")
    assert newest.exit_code == 0, newest.stderr
    assert f"2 event(s), newest first (the newest of {len(every)}" in newest.stdout
    top = [
        json.loads(line)
        for line in run("events", "--db", str(db), "--limit", "2", "--format", "jsonl").stdout.splitlines()
    ]
    assert [e["event_id"] for e in top] == [e["event_id"] for e in every[:2]]


def test_incidents_say_their_order_and_when_the_limit_cuts(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "incidents.csv"
    assert run("ingest", str(SAMPLES), "--db", str(db), "--quiet").exit_code == 0
    listed = run("incidents", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    every = [json.loads(line) for line in listed]
    assert len(every) >= 2
    assert [i["event_date"] for i in every] == sorted(i["event_date"] for i in every)
    table = run("incidents", "--db", str(db)).stdout.rstrip()
    assert table.endswith(f"{len(every)} incident(s), oldest first")
    first = run("incidents", "--db", str(db), "--limit", "1")
    assert first.stdout.rstrip().endswith("1 incident(s), oldest first (more match: --limit to see them)")
    assert every[0]["id"] in first.stdout
    written = run("export", "--db", str(db), "--format", "acled-csv", "--per", "incident", "--out", str(out))
    assert written.exit_code == 0, written.stderr
    assert f"wrote {len(every)} incident(s)" in written.stderr


def test_version_is_the_installed_package_version() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"sitrep {version('sitrep')}"
