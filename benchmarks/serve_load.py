"""Read latency of ``sitrep serve`` under load, on loopback.

Builds a store of synthetic events (10,000 by default, fused into incidents), starts
``sitrep serve --watch DIR`` on it in a child process, then sends ``--requests`` GET
requests (``/events`` with assorted filters and pages, ``/incidents``) from ``--clients``
concurrent clients, in three phases:

1. idle: nothing else runs;
2. watcher: articles are dropped into the watched folder, which the server ingests (rounds
   of ``--requests`` run until it has stored them all, so reads meet its writes);
3. extract: ``--extracts`` POST /extract of a ``--extract-chars`` text run at once
   (the queue is set to admit them all, so they wait for the one extraction process).

Prints p50 / p99 / max latency, requests per second and errors for each phase, and what
happened to the extractions (200, 503 with Retry-After, or still running when the reads ended).

    .venv/bin/python benchmarks/serve_load.py [--events 10000] [--requests 2000] [--clients 50]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fusion import synthetic  # noqa: E402

from sitrep.model import Article, ArticleResult  # noqa: E402
from sitrep.store import open_store  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "samples"
QUERIES = [
    "/events?limit=100",
    "/events?limit=100&offset={offset}",
    "/events?country=C{c:02d}&limit=50",
    "/events?event_type=Battles&since=2024-03-01&until=2024-06-30",
    "/events?min_fatalities=3&limit=20",
    "/events?bbox=-10,-20,40,50&limit=100",
    "/incidents?limit=50",
    "/incidents?country=C{c:02d}&limit=20",
]


def build_store(path: str, n_events: int) -> tuple[int, int]:
    """A store of about ``n_events`` synthetic events in articles, fused; returns (events, incidents)."""
    reports, _ = synthetic(n_events)
    by_article: dict[str, list] = {}
    published = {}
    for report in reports:
        by_article.setdefault(report.event.article_id, []).append(report.event)
        published[report.event.article_id] = report.published
    results = [
        ArticleResult(Article(aid, published[aid], f"Synthetic article {aid}.", "bench"), tuple(events))
        for aid, events in by_article.items()
    ]
    with open_store(path) as store:
        for i in range(0, len(results), 500):
            store.write_batch(results[i : i + 500], versions={"model_version": "bench"})
        store.refresh_incidents()
        counts = store._query("SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM incidents)")[0]
    return int(counts[0]), int(counts[1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            status, _ = get(port, "/health")
            if status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def get(port: int, path: str, conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


def read_load(port: int, requests: int, clients: int, seed: int = 7) -> dict:
    """``requests`` GETs from ``clients`` threads, each on its own keep-alive connection."""
    rng = random.Random(seed)
    paths = [
        rng.choice(QUERIES).format(offset=rng.randrange(0, 9000), c=rng.randrange(20))
        for _ in range(requests)
    ]
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    per_client = [paths[i::clients] for i in range(clients)]

    def client(mine: list[str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for path in mine:
            start = time.perf_counter()
            try:
                status, _ = get(port, path, conn)
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors[str(status)] += 1
        conn.close()

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, per_client))
    return summary(latencies, errors, time.perf_counter() - began)


def summary(latencies: list[float], errors: Counter[str], wall: float) -> dict:
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "p50_ms": 1000 * statistics.median(ordered),
        "p99_ms": 1000 * ordered[int(0.99 * (len(ordered) - 1))],
        "max_ms": 1000 * ordered[-1],
        "rps": len(latencies) / wall,
        "latencies": latencies,
        "wall": wall,
    }


def while_watching(port: int, requests: int, clients: int, drops: int, rounds: int = 20) -> dict:
    """Rounds of ``requests`` GETs until the watcher has stored the dropped articles, so that
    the reads overlap its extraction and its writes (each write drops the rendered pages)."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    wall = 0.0
    for n in range(rounds):
        part = read_load(port, requests, clients, seed=7 + n)
        latencies += part["latencies"]
        errors.update(part["error_kinds"])
        wall += part["wall"]
        if json.loads(get(port, "/health")[1])["watch"]["articles_added"] >= drops:
            break
    return summary(latencies, errors, wall)


def post_extract(port: int, text: str, outcomes: Counter, lock: threading.Lock) -> None:
    body = json.dumps({"text": text, "published": "2024-09-15"})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    try:
        conn.request(
            "POST",
            "/extract",
            body=body,
            headers={"content-type": "application/json", "Host": f"127.0.0.1:{port}"},
        )
        status = conn.getresponse().status
    except (OSError, http.client.HTTPException) as exc:
        status = type(exc).__name__
    finally:
        conn.close()
    with lock:
        outcomes[str(status)] += 1


def large_text(chars: int) -> str:
    parts = [p.read_text(encoding="utf-8").split(" ", 3)[-1] for p in sorted(SAMPLES.glob("*.txt"))]
    text = ""
    while len(text) < chars:
        text += "\n\n".join(parts) + "\n\n"
    return text[:chars]


def drop_articles(folder: Path, count: int) -> None:
    """Articles for the watcher: the samples with a line added, so each is a new article."""
    samples = sorted(SAMPLES.glob("*.txt"))
    for n in range(count):
        source = samples[n % len(samples)].read_text(encoding="utf-8")
        (folder / f"drop_{n:03d}.txt").write_text(
            source.rstrip() + f"\nUpdate {n}: officials gave no new figures.\n"
        )


def table(rows: list[tuple[str, dict]]) -> str:
    head = "| phase | requests | errors | p50 ms | p99 ms | max ms | req/s |\n|---|---:|---:|---:|---:|---:|---:|"
    lines = [
        f"| {name} | {r['requests']:,} | {r['errors']} | {r['p50_ms']:.0f} | {r['p99_ms']:.0f} | {r['max_ms']:.0f} | {r['rps']:.0f} |"
        for name, r in rows
    ]
    return "\n".join([head, *lines])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--extracts", type=int, default=20)
    parser.add_argument("--extract-chars", type=int, default=200_000)
    parser.add_argument("--drops", type=int, default=24, help="articles dropped into the watched folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sitrep-load-"))
    db, watched = str(work / "load.duckdb"), work / "watched"
    watched.mkdir()
    began = time.perf_counter()
    n_events, n_incidents = build_store(db, args.events)
    print(
        f"store: {n_events:,} events, {n_incidents:,} incidents, built in {time.perf_counter() - began:.1f} s"
    )

    port = free_port()
    env = {**os.environ, "SITREP_EXTRACT_QUEUE": str(args.extracts)}
    cmd = [sys.executable, "-m", "sitrep.cli", "serve", "--db", db, "--port", str(port), "--watch", str(watched),
           "--interval", "2"]  # fmt: skip
    started = time.perf_counter()
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows: list[tuple[str, dict]] = []
    outcomes: Counter[str] = Counter()
    try:
        wait_up(port)
        warm = Counter()
        post_extract(port, large_text(2000), warm, threading.Lock())  # the worker loads the model once
        for _ in range(600):  # the server renders the stored rows once, at start
            health = json.loads(get(port, "/health")[1])
            if not health["rendering_rows"]:
                break
            time.sleep(0.5)
        print(
            f"server: up, model loaded and {health['rows_rendered']:,} rows rendered "
            f"{time.perf_counter() - started:.1f} s after its start"
        )
        get(port, "/events?limit=1")
        load_before = os.getloadavg()[0]
        rows.append(("idle", read_load(port, args.requests, args.clients)))

        drop_articles(watched, args.drops)
        rows.append(("watcher ingesting", while_watching(port, args.requests, args.clients, args.drops)))
        watch = json.loads(get(port, "/health")[1])["watch"]

        lock = threading.Lock()
        text = large_text(args.extract_chars)
        posters = [
            threading.Thread(target=post_extract, args=(port, text, outcomes, lock), daemon=True)
            for _ in range(args.extracts)
        ]
        for t in posters:
            t.start()
        time.sleep(1.0)  # let them all be admitted
        rows.append((f"{args.extracts} large POST /extract", read_load(port, args.requests, args.clients)))
        status, _ = get(port, "/health")
        with lock:
            outcomes = Counter(outcomes)  # what was answered before the server is stopped
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"\n{args.requests:,} GET /events and /incidents per phase (the watcher's: rounds of them until it "
        f"has stored its articles), {args.clients} concurrent clients, {n_events:,}-event store, loopback, "
        f"{os.cpu_count()} CPU(s), load average (1 min) {load_before:.1f} before the reads, "
        f"{os.getloadavg()[0]:.1f} after ({os.getloadavg()[1]:.1f} over 5 minutes)\n"
    )
    print(table(rows))
    finished = sum(outcomes.values())
    print(
        f"\nwatcher: {watch['articles_added']} article(s) and {watch['events_added']} event(s) ingested "
        f"by the end of its phase ({watch['polls']} polls, {watch['errors']} errors{', last: ' + watch['last_error'] if watch['errors'] else ''})"
    )
    print(
        f"extractions: {dict(outcomes)} answered by the end of the reads, "
        f"{args.extracts - finished} still queued or running; /health answered {status} during them"
    )


if __name__ == "__main__":
    main()
