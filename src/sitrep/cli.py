"""The ``sitrep`` command: a thin shell over the library (pipeline, store, export)."""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sitrep.codebook import codebook
from sitrep.config import Settings
from sitrep.ingest import by_language, read_paths
from sitrep.model import Article, ArticleResult, IngestError

if TYPE_CHECKING:
    from sitrep.store import EventFilter

EVENT_TYPES = tuple(codebook().event_types)
SUB_EVENT_TYPES = tuple(codebook().sub_event_types)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep", message="sitrep %(version)s")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file ([sitrep] table).")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """sitrep: dated news articles in, coded conflict events out (ACLED-style, with evidence)."""
    ctx.obj = Settings.load(config)


def _split(items: Iterable[Article | IngestError]) -> tuple[Iterator[Article], list[IngestError]]:
    """Articles lazily, errors collected as they pass."""
    errors: list[IngestError] = []

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, IngestError):
                errors.append(item)
            else:
                yield item

    return articles(), errors


def _report_skipped(skipped: Counter[str]) -> None:
    if skipped:
        counts = ", ".join(f"{lang} {n}" for lang, n in skipped.most_common())
        click.echo(f"{sum(skipped.values())} article(s) skipped by language ({counts})", err=True)


def _report_errors(errors: Sequence[IngestError | str], total: int) -> None:
    for err in errors:
        click.echo(f"error: {err}", err=True)
    if errors:
        click.echo(f"{len(errors)} input error(s); {total} article(s) processed.", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True
)
@click.option(
    "--workers", type=click.IntRange(min=1), help="Worker processes (default: the n_process setting, 1)."
)
@click.pass_obj
def extract(settings: Settings, paths: tuple[str, ...], fmt: str, workers: int | None) -> None:
    """Print the events of articles in PATHS (files, folders, or - for stdin); no database.

    Exits with status 1 when any input could not be read (the others are still printed).
    """
    from sitrep.pipeline import extract_parallel

    skipped: Counter[str] = Counter()
    articles, errors = _split(by_language(read_paths(paths, settings.columns), settings.language, skipped))
    results = list(extract_parallel(articles, settings, workers or settings.n_process))
    failures = [f"{r.article.origin}: {r.error}" for r in results if r.error]
    if fmt == "json":
        payload = {
            "articles": [r.to_json() for r in results],
            "errors": [{"origin": e.origin, "message": e.message, "stage": e.stage} for e in errors]
            + [
                {"origin": r.article.origin, "message": r.error, "stage": r.stage} for r in results if r.error
            ],
            "skipped": {"language": dict(sorted(skipped.items()))},
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in results:
            for event in r.events:
                click.echo(json.dumps({"article_id": r.article.id, **event.to_json()}, ensure_ascii=False))
    else:
        click.echo(_table(_result_rows(results)))
    _report_skipped(skipped)
    _report_errors([*errors, *failures], len(results))
    if errors or failures:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help="DuckDB file (default from settings: sitrep.duckdb).")
@click.option(
    "--workers", type=click.IntRange(min=1), help="Worker processes (default: the n_process setting, 1)."
)
@click.option(
    "--batch",
    "batch_size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Articles per transaction.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def ingest(
    settings: Settings,
    paths: tuple[str, ...],
    db: str | None,
    workers: int | None,
    batch_size: int,
    quiet: bool,
) -> None:
    """Extract events from PATHS and store them; re-ingesting the same input adds nothing.

    Each batch is written in one transaction. Exits with status 1 when any input failed.
    """
    from tqdm import tqdm

    from sitrep.batch import ingest_batches
    from sitrep.pipeline import ExtractorPool
    from sitrep.pipeline import versions as pipeline_versions

    skipped_lang: Counter[str] = Counter()
    articles, errors = _split(
        by_language(read_paths(paths, settings.columns), settings.language, skipped_lang)
    )
    versions = pipeline_versions(settings=settings)
    added = known = events = incidents = 0
    failures: list[IngestError] = []
    target = db or settings.db
    processes = workers or settings.n_process
    processes = processes if processes > 1 else 0  # one: extract in this process
    with _open(target) as store, ExtractorPool(settings, processes) as pool:
        bar = tqdm(desc="articles", unit="art", disable=quiet, file=sys.stderr)
        batches = iter(lambda: list(islice(articles, batch_size)), [])
        for summary in ingest_batches(store, batches, pool, versions=versions, fusion=settings.fusion):
            added += summary.articles_added
            known += summary.articles_known
            events += summary.events_added
            incidents += summary.incidents_changed
            failures += summary.errors
            bar.update(summary.articles_added + summary.articles_known + len(summary.errors))
        bar.close()
    click.echo(
        f"{added} article(s) added, {known} already stored, {events} event(s) added, "
        f"{incidents:+d} incident(s) in {target}"
    )
    _report_skipped(skipped_lang)
    _report_errors([*errors, *failures], added + known)
    if errors or failures:
        sys.exit(1)


def _open(db: str, *, create: bool = True):
    """The store, or one line that says why not (missing, locked) and what to do."""
    from sitrep.store import StoreError, open_store

    try:
        return open_store(db, create=create)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # an unreachable PostgreSQL server, a file that is not a database ...
        raise click.ClickException(f"cannot open the store {db}: {str(exc).splitlines()[0]}") from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output folder.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--workers", type=int, default=2, show_default=True, help="Worker processes (Ray actors).")
@click.option("--shard-size", type=int, default=64, show_default=True, help="Articles per shard.")
@click.option("--retries", type=int, default=2, show_default=True, help="Tries again for a failing shard.")
@click.pass_obj
def run(
    settings: Settings,
    paths: tuple[str, ...],
    out: Path,
    engine: str,
    workers: int,
    shard_size: int,
    retries: int,
) -> None:
    """Extract PATHS in shards into Parquet under OUT (by month, with a manifest), then fuse.

    Shards already in OUT's manifest are skipped, so a second run only does what is missing.
    ``--engine ray`` spreads the shards over Ray actors (one pipeline per worker)
    and fuses partitions (country x 4 weeks, 2 weeks of overlap) as Ray tasks. Load the
    result with ``sitrep load OUT --db ...``. Exits with status 1 when any input failed.
    """
    from sitrep.engine.run import run as run_engine

    summary = run_engine(
        paths, out, settings, engine=engine, workers=workers, shard_size=shard_size, retries=retries
    )
    click.echo(
        f"{summary.done} shard(s) extracted, {summary.skipped} already done, {len(summary.failed)} failed; "
        f"{summary.articles} article(s), {summary.events} event(s), {summary.incidents} incident(s) in {out}"
    )
    _report_skipped(summary.languages)
    _report_errors([*summary.errors, *summary.failed], summary.articles)
    if summary.errors or summary.failed:
        sys.exit(1)


@main.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", help="DuckDB file or PostgreSQL URL (default from settings: sitrep.duckdb).")
@click.pass_obj
def load(settings: Settings, out: Path, db: str | None) -> None:
    """Bulk-load the Parquet output of ``sitrep run`` into the store; loading twice adds nothing."""
    from sitrep.engine.load import load as load_run

    try:
        with _open(db or settings.db) as store:
            summary = load_run(out, store)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"{summary.articles_added} article(s) added, {summary.articles_skipped} already stored, "
        f"{summary.events_added} event(s) added, {summary.incidents_added} incident(s) added "
        f"and {summary.incidents_updated} updated in {db or settings.db}"
    )


def _filters(
    country: str | None,
    since: str | None,
    until: str | None,
    event_type: str | None,
    sub_event_type: str | None,
) -> EventFilter:
    """The filter options as the store's filter (events and incidents take the same)."""
    from sitrep.store import EventFilter

    try:
        return EventFilter(
            country=country.upper() if country else None,
            since=date.fromisoformat(since) if since else None,
            until=date.fromisoformat(until) if until else None,
            event_type=event_type,
            sub_event_type=sub_event_type,
        )
    except ValueError as exc:
        raise click.BadParameter(f"dates are YYYY-MM-DD ({exc})") from None


_filter_options = [
    click.option("--db", help="DuckDB file (default from settings)."),
    click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. IQ."),
    click.option("--since", help="Earliest event date, YYYY-MM-DD."),
    click.option("--until", help="Latest event date, YYYY-MM-DD."),
    click.option("--type", "event_type", type=click.Choice(EVENT_TYPES), help="ACLED event type."),
    click.option(
        "--sub-type", "sub_event_type", type=click.Choice(SUB_EVENT_TYPES), help="ACLED sub-event type."
    ),
]


_FILTER_KEYS = ("country", "since", "until", "event_type", "sub_event_type")


def _with_filters(fn):
    """The filter options, handed to the command as one ``filters`` argument."""

    @functools.wraps(fn)
    def with_filters(*args, **kwargs):
        kwargs["filters"] = _filters(*(kwargs.pop(key) for key in _FILTER_KEYS))
        return fn(*args, **kwargs)

    for option in reversed(_filter_options):
        with_filters = option(with_filters)
    return with_filters


@main.command()
@_with_filters
@click.option(
    "--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Show the newest N events."
)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.pass_obj
def events(settings: Settings, db, filters: EventFilter, limit: int, fmt: str) -> None:
    """List the newest stored events (by event date), newest first, with filters."""
    with _open(db or settings.db, create=False) as store:
        total = store.count_events(filters)
        rows = store.events(filters, limit=limit, offset=max(0, total - limit))[::-1]
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(asdict(row), default=str, ensure_ascii=False))
        return
    click.echo(_table([_row_cells(r) for r in rows]))
    more = f" (the newest of {total}; --limit to see more)" if total > len(rows) else ""
    click.echo(f"{len(rows)} event(s), newest first{more}")


@main.command()
@_with_filters
@click.option(
    "--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl", "parquet"]), required=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Output file (stdout if omitted; required for parquet)."
)
@click.option(
    "--per",
    type=click.Choice(["event", "incident"]),
    default="event",
    show_default=True,
    help="One row per coded event, or per incident (reconciled fields, sources joined).",
)
@click.pass_obj
def export(settings: Settings, db, filters: EventFilter, fmt: str, out: str | None, per: str) -> None:
    """Export stored events (or incidents) as ACLED-style CSV, GeoJSON, JSONL or Parquet."""
    from sitrep.export import export as write_export

    if fmt == "parquet" and not out:
        raise click.UsageError("--out FILE is required for parquet")
    if out and not Path(out).expanduser().resolve().parent.is_dir():
        raise click.BadParameter(f"no folder {Path(out).parent} to write {out} into", param_hint="--out")
    with _open(db or settings.db, create=False) as store:
        rows = store.incident_rows(filters) if per == "incident" else store.events(filters)
    if out:
        try:
            summary = write_export(rows, fmt, Path(out))
        except OSError as exc:
            raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
        click.echo(f"wrote {summary.written} {per}(s) to {out}", err=True)
    else:
        write_export(rows, fmt, sys.stdout)


@main.command()
@click.option("--db", help="DuckDB file or postgresql://user:password@host/dbname (default from settings).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--allow-write",
    is_flag=True,
    help="Enable POST /articles, /incidents/split and /incidents/join (needs a token: --token-file or SITREP_WRITE_TOKEN).",
)
@click.option(
    "--token-file", type=click.Path(dir_okay=False, exists=True), help="File holding the write token."
)
@click.option(
    "--watch",
    "watch",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="Folder to ingest from while serving (repeatable).",
)
@click.option(
    "--feed", "feeds", multiple=True, help="RSS/Atom feed URL to ingest from while serving (repeatable)."
)
@click.option(
    "--interval",
    type=click.FloatRange(min=1),
    help="Seconds between polls of --watch and --feed (default from settings: 60).",
)
@click.option(
    "--cors-origin",
    multiple=True,
    help="Browser origin allowed to call the API (repeatable; none by default).",
)
@click.pass_obj
def serve(
    settings: Settings, db: str | None, host: str, port: int, allow_write: bool, token_file: str | None,
    watch: tuple[str, ...], feeds: tuple[str, ...], interval: float | None, cors_origin: tuple[str, ...],
) -> None:  # fmt: skip
    """Serve the web map at / and the HTTP API (OpenAPI at /openapi.json); read-only by default.

    With --watch and --feed the server ingests new articles itself while it serves, so one
    process owns the DuckDB file.
    """
    import uvicorn

    from sitrep.api import create_app
    from sitrep.serving import LOOPBACK_NAMES, protocol_with_timeout

    token = Path(token_file).read_text(encoding="utf-8").strip() if token_file else settings.write_token
    if allow_write and not token:
        raise click.UsageError("--allow-write needs a token: --token-file FILE or SITREP_WRITE_TOKEN")
    if interval:
        settings = replace(settings, watch_interval=interval)
    target = db or settings.db
    _open(target, create=bool(watch or feeds or allow_write)).close()  # one-line errors: missing, locked
    try:
        app = create_app(
            target, allow_write=allow_write, write_token=token, settings=settings, cors_origins=cors_origin,
            allowed_hosts=LOOPBACK_NAMES if host in LOOPBACK_NAMES else (),
            watch=[Path(w) for w in watch], feeds=feeds,
        )  # fmt: skip
    except Exception as exc:  # the file taken meanwhile, an unreachable PostgreSQL server ...
        raise click.ClickException(f"cannot open the store {target}: {str(exc).splitlines()[0]}") from None
    click.echo(f"sitrep: serving {target} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(
        app, host=host, port=port, server_header=False, limit_concurrency=1000, timeout_keep_alive=5,
        http=protocol_with_timeout(settings.header_timeout),
    )  # fmt: skip


@main.command()
@_with_filters
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Show the first N incidents (oldest first).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option(
    "--rebuild", is_flag=True, help="Fuse every stored event again first (e.g. after changing settings)."
)
@click.pass_obj
def incidents(settings: Settings, db, filters: EventFilter, limit: int, fmt: str, rebuild: bool) -> None:
    """List incidents (events of several articles linked by fusion) with their sources, oldest first."""

    with _open(db or settings.db, create=False) as store:
        if rebuild:
            store.refresh_incidents(None, settings.fusion)
        records = store.incidents(filters, limit=limit + 1)  # one more tells whether the limit cut
    more, records = len(records) > limit, records[:limit]
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record.to_json(), ensure_ascii=False))
        return
    lines = []
    for record in records:
        inc = record.incident
        fat = (
            ""
            if inc.fatalities is None
            else f"{inc.fatalities.best} ({inc.fatalities.low}-{inc.fatalities.high})"
        )
        place = f"{inc.location.name}, {inc.location.country}" if inc.location else "?"
        lines.append(f"{inc.id}  {inc.event_date.iso}  {inc.sub_event_type}  {place}  fatalities {fat}")
        for s in record.sources:
            toll = "-" if s.fatalities_best is None else s.fatalities_best
            lines.append(
                f"    {s.published}  {s.role:<10}  {s.sub_event_type}, {s.location or '?'}, fatalities {toll}"
                f"  [{s.source or 'article ' + s.article_id}{'  ' + (s.title or s.url) if s.title or s.url else ''}]"
            )
    click.echo("\n".join(lines))
    click.echo(
        f"{len(records)} incident(s), oldest first" + (" (more match: --limit to see them)" if more else "")
    )


@main.command()
@click.argument("incident_id")
@click.option("--db", help="DuckDB file (default from settings: sitrep.duckdb).")
@click.pass_obj
def incident(settings: Settings, incident_id: str, db: str | None) -> None:
    """Show one incident as JSON: fields, sources, why each report was linked, and its versions."""
    with _open(db or settings.db, create=False) as store:
        record = store.incident(incident_id)
    if record is None:
        raise click.ClickException(f"no incident {incident_id!r}")
    click.echo(json.dumps(record.to_json(), ensure_ascii=False, indent=1, default=str))


@main.command()
@click.argument("event_id")
@click.option("--db", help="DuckDB file (default from settings: sitrep.duckdb).")
@click.option("--note", default="", help="Why (kept with the decision).")
@click.pass_obj
def split(settings: Settings, event_id: str, db: str | None, note: str) -> None:
    """Take an event out of its incident; fusion keeps it apart from those reports on every rebuild."""
    from sitrep.store.review import split_event

    with _open(db or settings.db, create=False) as store, store.transaction():  # the decision and its fusion
        try:
            now = split_event(store, event_id, settings.fusion, note)
        except KeyError as exc:
            raise click.ClickException(str(exc.args[0])) from None
    click.echo(f"event {event_id} is now in incident {now}")


@main.command()
@click.argument("event_a")
@click.argument("event_b")
@click.option("--db", help="DuckDB file (default from settings: sitrep.duckdb).")
@click.option("--note", default="", help="Why (kept with the decision).")
@click.pass_obj
def join(settings: Settings, event_a: str, event_b: str, db: str | None, note: str) -> None:
    """Put two events in one incident; fusion keeps them together on every rebuild."""
    from sitrep.store.review import join_events

    with _open(db or settings.db, create=False) as store, store.transaction():
        found = store._query("SELECT COUNT(*) FROM events WHERE id IN (?, ?)", [event_a, event_b])[0][0]
        if found != 2 or event_a == event_b:
            raise click.ClickException("give two different stored event ids")
        now = join_events(store, event_a, event_b, settings.fusion, note)
    click.echo(f"events {event_a} and {event_b} are in incident {now}")


@main.command(name="eval")
@click.argument("suite", type=click.Choice(["temporal", "geo", "seed", "articles", "news", "fusion"]))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents.")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, exists=True),
    help="news: the real-news corpus folder (default: the repository's corpus/news).",
)
@click.option(
    "--split",
    type=click.Choice(["test", "dev", "validation", "all"]),
    default="test",
    show_default=True,
    help="news: which half of the corpus to score (tune on dev, judge a change on validation, report test).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON document: the report (a list of reports for geo)."
)
@click.option("--show-errors", is_flag=True, help="List what went wrong, item by item.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    help="Gold data folder (default from settings: data_dir, seed_dir or articles_dir).",
)
@click.pass_obj
def evaluate(
    settings: Settings, suite: str, limit: int | None, corpus: str | None, split: str,
    as_json: bool, show_errors: bool, data_dir: str | None,
) -> None:  # fmt: skip
    """Score the pipeline against gold data: TimeBank (temporal), GeoWebNews/LGL (geo), the seed,
    the hand-coded articles of tests/data (articles; --data-dir names another keyed folder) and
    the real-news corpus (news: events found, fields, fusion and claims on one half) and the
    hand-written fusion corpus of tests/data/fusion (fusion: pairwise precision and recall)."""
    from sitrep.evaluation import run_suite

    try:
        reports = run_suite(
            suite, settings, folder=Path(data_dir) if data_dir else None, limit=limit,
            corpus=Path(corpus) if corpus else None, split=split,
        )  # fmt: skip
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:  # one JSON document: the report, or a list when the suite has several (geo)
        payload = [r.to_json() for r in reports]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
        return
    for report in reports:
        click.echo(report.table())
        if show_errors:
            click.echo(report.errors_table())


def _result_rows(results: Sequence[ArticleResult]) -> list[list[str]]:
    rows = []
    for r in results:
        for e in r.events:
            rows.append(
                [
                    e.event_date.iso,
                    e.role.value,
                    e.sub_event_type,
                    e.actor1.name if e.actor1 else "",
                    e.actor2.name if e.actor2 else "",
                    f"{e.location.name}, {e.location.country}" if e.location else "",
                    "" if e.fatalities is None else str(e.fatalities.best),
                    f"{e.confidence:.2f}",
                ]
            )
    return rows


def _row_cells(r) -> list[str]:
    return [
        r.event_date,
        r.role,
        r.sub_event_type,
        r.actor1 or "",
        r.actor2 or "",
        f"{r.location}, {r.country}" if r.location else "",
        "" if r.fatalities_best is None else str(r.fatalities_best),
        f"{r.confidence:.2f}",
    ]


_HEADER = ["date", "role", "sub-event type", "actor 1", "actor 2", "location", "fatal.", "conf."]


def _table(rows: list[list[str]]) -> str:
    """A plain fixed-width table: readable in a terminal and in a README."""
    rows = [_HEADER, *rows]
    widths = [min(max(len(r[i]) for r in rows), 38) for i in range(len(_HEADER))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell[:38].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
