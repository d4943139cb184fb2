"""The single-process path against the Ray path with 1 and 2 workers, side by side in one run.

Each configuration runs ``sitrep.engine.run.run`` (read, shard, extract into Parquet, fuse)
in a fresh subprocess on the conflict and the mixed corpora of ``benchmarks/throughput.py``.
Printed per configuration: wall seconds of the whole run (start-up, model loads and fusion
included), articles/s over the extraction stage (from the first worker starting its first
shard to the last shard done, by the workers' clocks: model loads and Ray's start excluded), that rate over the
single-process one, and the peak memory of the whole process tree (driver, Ray's daemons
and workers; sampled every 0.2 s from /proc): the sum of RSS, where pages shared between
processes (Ray's 100 MB core library in each of them) count more than once, an upper bound;
and the sum of PSS, where a shared page is split among the processes that map it, the
memory the tree takes from the machine.

    .venv/bin/python benchmarks/engines.py [--conflict 200] [--mixed 500] [--shard-size 16]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import REPO, build_corpora, machine_info, parallel_capacity  # noqa: E402

CONFIGS = [("local", 1), ("ray", 1), ("ray", 2)]


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB of ``pid`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in tree:
                tree.add(child)
                frontier.append(child)
    rss = pss = 0
    for p in tree:
        try:
            fields = dict(
                line.split(":", 1) for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()[1:]
            )
            rss += int(fields["Rss"].split()[0])
            pss += int(fields["Pss"].split()[0])
        except (OSError, KeyError, ValueError):
            continue
    return rss / 1024, pss / 1024


def child(spec: dict) -> None:
    from sitrep.config import Settings
    from sitrep.engine.run import run

    peak = [0.0, 0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            rss, pss = tree_memory_mb(os.getpid())
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    summary = run(
        [spec["corpus"]], Path(spec["out"]), Settings(), engine=spec["engine"], workers=spec["workers"],
        shard_size=spec["shard_size"],
    )  # fmt: skip
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    print(json.dumps({
        "articles": summary.articles, "events": summary.events, "incidents": summary.incidents,
        "wall": wall, "extract": summary.extract_seconds, "peak_mb": peak[0], "peak_pss_mb": peak[1],
    }))  # fmt: skip


def measure(corpus: Path, engine: str, workers: int, shard_size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="sitrep-engine-") as out:
        spec = {
            "corpus": str(corpus),
            "out": out,
            "engine": engine,
            "workers": workers,
            "shard_size": shard_size,
        }
        proc = subprocess.run(
            [sys.executable, __file__, "--child", json.dumps(spec)],
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        raise SystemExit(f"{engine} x{workers} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.environ.get("SITREP_DATA_DIR") or str(REPO.parent / "shared" / "data")
    parser.add_argument("--data-dir", type=Path, default=Path(default_data))
    parser.add_argument("--conflict", type=int, default=200)
    parser.add_argument("--mixed", type=int, default=500)
    parser.add_argument("--share", type=float, default=0.8, help="share of non-conflict news in the mix")
    parser.add_argument("--shard-size", type=int, default=16)
    parser.add_argument("--corpora", nargs="+", default=["conflict", "mixed"], choices=["conflict", "mixed"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    corpora = build_corpora(args.data_dir, args.conflict, args.mixed, args.share, 13)
    print("## sitrep engines: one process vs Ray\n")
    print("\n".join(machine_info()))
    print(f"load average at start: {os.getloadavg()[0]:.2f}\n")
    print(
        "| corpus | engine | workers | articles | events | incidents | wall s | extract s | articles/s "
        "| vs 1 process | peak RSS MB | peak PSS MB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        for name in args.corpora:
            path = Path(tmp) / f"{name}.jsonl"
            path.write_text("".join(json.dumps(a) + "\n" for a in corpora[name]), "utf-8")
            base = None
            for engine, workers in CONFIGS:
                m = measure(path, engine, workers, args.shard_size)
                rate = m["articles"] / m["extract"]
                base = base or rate
                print(
                    f"| {name} | {engine} | {workers} | {m['articles']} | {m['events']} | {m['incidents']} "
                    f"| {m['wall']:.1f} | {m['extract']:.1f} | {rate:.1f} | {rate / base:.2f} | {m['peak_mb']:.0f} "
                    f"| {m['peak_pss_mb']:.0f} |",
                    flush=True,
                )
    print(f"\nload average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"cores two processes get at end (2.0 when idle): {parallel_capacity():.2f}")


if __name__ == "__main__":
    main()
