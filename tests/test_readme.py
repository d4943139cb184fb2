"""Every command in the README runs on a fresh clone: the examples are read from the README and run.

The commands of the README's ``sh`` blocks that start with ``sitrep`` or ``.venv/bin/sitrep``
(optionally fed by ``cat FILE |``) run in order, in-process, from the repository's root, with
``--db`` and ``--out`` moved to a temporary folder. ``serve`` would not return, so it is checked
with ``--help`` only; a command whose comment says it needs ``../shared`` (gold data outside the
repository) is not run; a PostgreSQL URL becomes a throwaway database (skipped without
PostgreSQL). The placeholders INCIDENT_ID, EVENT_ID, EVENT_A and EVENT_B are filled from the
database the earlier commands built. The ``python`` blocks are run too.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.config import Settings

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
OUTSIDE_DATA = "../shared"  # a comment naming it marks a command that needs data outside the repository
PLACEHOLDERS = ("INCIDENT_ID", "EVENT_ID", "EVENT_A", "EVENT_B")


@dataclass(frozen=True)
class Example:
    """One ``sitrep`` command of the README."""

    line: int
    args: tuple[str, ...]  # after ``sitrep``
    stdin: str | None  # the file fed by ``cat FILE |``
    comment: str

    @property
    def needs_outside_data(self) -> bool:
        return OUTSIDE_DATA in self.comment

    @property
    def needs_postgres(self) -> bool:
        return any(a.startswith("postgresql://") for a in self.args)

    @property
    def long_running(self) -> bool:
        return self.args[:1] == ("serve",)

    @property
    def label(self) -> str:
        return f"L{self.line}-{'-'.join(self.args[:1])}"


def _blocks(text: str, languages: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line inside a fenced block of one of ``languages``."""
    language = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            language = line[3:].strip() if language is None else None
            continue
        if language in languages:
            yield number, line


def readme_examples(text: str) -> list[Example]:
    """The ``sitrep`` commands of the README's shell blocks, continuation lines joined."""
    examples, pending, start = [], "", 0
    for number, line in _blocks(text, ("sh", "bash", "shell")):
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        line, pending = pending + line, ""
        comment = m.group(1) if (m := re.search(r"\s#\s(.*)$", line)) else ""
        tokens = shlex.split(line, comments=True)
        stdin = None
        if "|" in tokens:
            feeder, tokens = tokens[: tokens.index("|")], tokens[tokens.index("|") + 1 :]
            assert feeder[:1] == ["cat"] and len(feeder) == 2, (
                f"README line {start}: only `cat FILE |` is run"
            )
            stdin = feeder[1]
        if tokens[:1] in (["sitrep"], [".venv/bin/sitrep"]):
            examples.append(Example(start, tuple(tokens[1:]), stdin, comment))
    return examples


EXAMPLES = readme_examples(README.read_text("utf-8"))


@dataclass(frozen=True)
class Outcome:
    args: tuple[str, ...]
    exit_code: int
    output: str
    out_file: Path | None


def _rewrite(args: tuple[str, ...], tmp: Path, postgres_url: str | None) -> list[str]:
    """``--db`` and ``--out`` moved to ``tmp`` (a PostgreSQL URL to the test server), and the
    folder ``sitrep load`` reads (the ``--out`` of an earlier ``sitrep run``)."""
    rewritten = []
    for previous, arg in zip((None, *args), args, strict=False):
        if previous in ("--db", "--out") or (previous == "load" and args[0] == "load"):
            arg = postgres_url if arg.startswith("postgresql://") else str(tmp / Path(arg).name)
        rewritten.append(arg)
    return rewritten


def _invoke(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=True, prog_name="sitrep")


def _placeholders(db: str) -> dict[str, str]:
    """Ids for the README's placeholders: an incident told by two reports, and its events."""
    result = _invoke(["incidents", "--db", db, "--format", "jsonl", "--limit", "1000"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    fused = [r for r in records if len(r["sources"]) >= 2]
    assert fused, "the README's examples ingest no incident told by two reports"
    first, last = fused[0]["sources"][0]["event_id"], fused[0]["sources"][-1]["event_id"]
    return {"INCIDENT_ID": fused[0]["id"], "EVENT_ID": last, "EVENT_A": first, "EVENT_B": last}


def _run(example: Example, tmp: Path, postgres_url: str | None, ids: dict[str, str]) -> Outcome:
    args = _rewrite(example.args, tmp, postgres_url)
    if any(p in args for p in PLACEHOLDERS):
        if not ids:
            ids.update(_placeholders(args[args.index("--db") + 1]))
        args = [ids.get(a, a) for a in args]
    if example.long_running:
        args.append("--help")
    stdin = (REPO / example.stdin).read_text("utf-8") if example.stdin else None
    result = _invoke(args, stdin)
    output = result.output + (repr(result.exception) if result.exception and result.exit_code else "")
    out = Path(args[args.index("--out") + 1]) if "--out" in args else None
    return Outcome(tuple(args), result.exit_code, output, out)


@pytest.fixture(scope="module", autouse=True)
def _load_models_once() -> Iterator[None]:
    """One Extractor per settings for every command and example of this module (spaCy loads take seconds)."""
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


@pytest.fixture(scope="module")
def outcomes(request, tmp_path_factory) -> dict[int, Outcome]:
    """Every runnable README command, run once in README order (later ones use earlier databases)."""
    tmp = tmp_path_factory.mktemp("readme")
    postgres_url = None
    if any(e.needs_postgres for e in EXAMPLES):
        with contextlib.suppress(pytest.skip.Exception):
            postgres_url = request.getfixturevalue("postgres_server").new_database()
    ids: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)  # the README's paths are relative to the repository's root
        return {
            e.line: _run(e, tmp, postgres_url, ids)
            for e in EXAMPLES
            if not e.needs_outside_data and (postgres_url or not e.needs_postgres)
        }


def test_the_readme_has_examples_to_run() -> None:
    commands = {e.args[0] for e in EXAMPLES if not e.needs_outside_data}
    assert {
        "extract",
        "ingest",
        "events",
        "export",
        "incidents",
        "incident",
        "split",
        "join",
        "eval",
        "serve",
    } <= commands


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.label for e in EXAMPLES])
def test_readme_command_uses_files_of_the_repository(example: Example) -> None:
    """Paths the command reads are in the repository and tracked by git, so a fresh clone has them."""
    if example.needs_outside_data:
        pytest.skip(f"README line {example.line} says it needs {OUTSIDE_DATA}")
    command = main.commands[example.args[0]]
    with command.make_context(example.args[0], list(example.args[1:]), resilient_parsing=True) as ctx:
        params = ctx.params  # the inputs as click reads them: PATHS, --corpus, --data-dir
    inputs = (*params.get("paths", ()), params.get("corpus"), params.get("data_dir"), example.stdin)
    paths = [p for p in inputs if p and p != "-"]
    for path in paths:
        full = (REPO / path).resolve()
        assert full.is_relative_to(REPO) and full.exists(), (
            f"README line {example.line}: {path} is not in the repository"
        )
        tracked = subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "--", path], capture_output=True, text=True
        )
        if tracked.returncode == 0:  # no git (an unpacked archive): existence is all we can check
            assert tracked.stdout.strip(), f"README line {example.line}: {path} is not committed"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.label for e in EXAMPLES])
def test_readme_command_runs(example: Example, outcomes: dict[int, Outcome]) -> None:
    if example.needs_outside_data:
        pytest.skip(f"README line {example.line} says it needs {OUTSIDE_DATA}")
    if example.line not in outcomes:
        pytest.skip("no PostgreSQL server for this example")
    outcome = outcomes[example.line]
    assert outcome.exit_code == 0, f"sitrep {' '.join(outcome.args)}\n{outcome.output}"
    assert outcome.output.strip(), f"sitrep {' '.join(outcome.args)} printed nothing"
    assert not re.search(r"^0 (event|incident|article)\(s\)", outcome.output, re.M), (
        f"sitrep {' '.join(outcome.args)} shows nothing on the repository's files:\n{outcome.output}"
    )
    if outcome.out_file:
        assert outcome.out_file.stat().st_size > 0


def test_readme_python_example_runs(outcomes: dict[int, Outcome], monkeypatch: pytest.MonkeyPatch) -> None:
    """The library example prints the events of the bundled samples (after ``outcomes`` loaded spaCy)."""
    blocks = "\n".join(line for _, line in _blocks(README.read_text("utf-8"), ("python",)))
    assert "sitrep" in blocks
    monkeypatch.chdir(REPO)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(blocks, str(README), "exec"), {})
    assert "Kharkiv" in printed.getvalue()
