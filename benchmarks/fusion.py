"""Fusion cost on synthetic events (1k, 10k, 100k) and accuracy on the hand-labelled corpus.

Synthetic events are random but shaped like a real feed: 20 countries, cities with a
Zipf-like share of the events, places jittered a few kilometres around them, dates over a
year, and every incident reported 1-4 times with the usual noise (a day off, a vaguer
week or region, another sub-type, a different toll). Prints time, time per 1k events and
peak traced memory of ``fuse`` for each size (near-constant time per event means near-linear
growth), the synthetic pairwise precision / recall, and the corpus pairwise P/R.

    .venv/bin/python benchmarks/fusion.py [--sizes 1000 10000 100000] [--no-corpus] [--density constant]
        [--shared-articles 0.3]
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sitrep.config import FusionSettings
from sitrep.fusion import Report, fuse
from sitrep.model import (
    Actor,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Location,
)

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion"
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
]
TARGETS = "market school hospital checkpoint depot bridge convoy mosque church bakery station camp " \
    "farm bus truck clinic port airport warehouse office court prison factory".split()  # fmt: skip
DETAILS = "morning evening crowded convoy border river hill road square village camp district " \
    "outskirts entrance gate roof courtyard queue harvest funeral wedding".split()  # fmt: skip


def synthetic(
    n_events: int, seed: int = 1, days: int = 366, shared: float = 0.0
) -> tuple[list[Report], dict[str, str]]:
    """About ``n_events`` reports over ``days`` and the true incident of each (event id -> label);
    a share ``shared`` of the reports is told in one article with another incident's report of
    the same country and day (fusion then pairs the two articles' events off one to one)."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(20)]
    cities = {
        c: [(rng.uniform(-30, 50), rng.uniform(-20, 80)) for _ in range(60)] for c in countries
    }  # one box per country would be tidier; overlap does not matter, countries are blocked apart
    weights = [1 / (k + 1) for k in range(60)]
    reports: list[Report] = []
    truth: dict[str, str] = {}
    incident = 0
    while len(reports) < n_events:
        incident += 1
        country = rng.choice(countries)
        lat, lon = rng.choices(cities[country], weights)[0]
        base = _event(rng, incident, country, lat + rng.gauss(0, 0.03), lon + rng.gauss(0, 0.03), days)
        target = f"{rng.choice(TARGETS)} {rng.choice(DETAILS)} {rng.choice(DETAILS)}"
        for k in range(rng.choice([1, 1, 2, 2, 3, 4])):
            report = _variant(rng, base, k, target)
            reports.append(report)
            truth[report.event.id] = str(incident)
    return _share_articles(reports, rng, shared) if shared else reports, truth


def _share_articles(reports: list[Report], rng: random.Random, shared: float) -> list[Report]:
    """Put some reports in the article of another incident's report of the same country and day."""
    seen: dict[tuple, Report] = {}
    out = []
    for r in reports:
        key = (r.event.location.country, r.event.event_date.start)
        other = seen.get(key)
        if (
            other is not None
            and rng.random() < shared
            and other.event.id.split("-")[0] != r.event.id.split("-")[0]
        ):
            r = replace(r, event=replace(r.event, article_id=other.event.article_id))
            del seen[key]  # two incidents an article at most
        else:
            seen[key] = r
        out.append(r)
    return out


def _event(rng: random.Random, incident: int, country: str, lat: float, lon: float, days: int) -> Event:
    event_type, sub_type = rng.choice(TYPES)
    place = Location(f"P{incident}", country, f"{country}-A{int(lat) % 7}", lat, lon, GeoPrecision.EXACT)
    return Event(
        id=f"i{incident}",
        article_id="",
        event_date=EventDate(date(2000, 1, 1) + timedelta(days=rng.randrange(days)), DatePrecision.DAY),
        event_type=event_type,
        sub_event_type=sub_type,
        plover="",
        cameo="",
        role=EventRole.MAIN,
        actor1=Actor(f"Armed group {rng.randrange(5)} of {country}", "Rebel group", country),
        actor2=None,
        location=place,
        fatalities=Fatalities(*([rng.randrange(12)] * 3)),
    )


def _variant(rng: random.Random, base: Event, k: int, target: str) -> Report:
    """One outlet's report of ``base``: usually faithful, sometimes vaguer or a little off."""
    e = replace(base, id=f"{base.id}-{k}", article_id=f"{base.id}-a{k}")
    roll = rng.random()
    if roll < 0.1:
        start = e.event_date.start - timedelta(days=e.event_date.start.weekday())
        e = replace(e, event_date=EventDate(start, DatePrecision.WEEK))
    elif roll < 0.2:
        e = replace(e, event_date=EventDate(e.event_date.start + timedelta(days=1), DatePrecision.DAY))
    elif roll < 0.25:
        e = replace(e, event_date=replace(e.event_date, source=DateSource.PUBLICATION_DATE))
    if rng.random() < 0.1:
        loc = e.location
        e = replace(
            e, location=replace(loc, name=loc.admin1, geo_precision=GeoPrecision.REGION, feature="admin1")
        )
    if rng.random() < 0.15:
        e = replace(e, sub_event_type=rng.choice(TYPES[:3])[1])
    if rng.random() < 0.3 and e.fatalities:
        n = e.fatalities.best + rng.choice([-1, 1, 2])
        e = replace(e, fatalities=Fatalities(max(n, 0), max(n, 0), max(n, 0)))
    words = target.split()
    sentence = f"Gunmen attacked the {words[0]} near the {rng.choice(words[1:])} {rng.choice(DETAILS)}."
    return Report.of(e, e.event_date.start + timedelta(days=rng.choice([0, 0, 1])), sentence)


def measure(
    n: int, settings: FusionSettings, days: int = 366, *, trace: bool = True, shared: float = 0.0
) -> dict:
    """Time (and, with ``trace``, peak traced memory: a second, several times slower run) of ``fuse``."""
    reports, truth = synthetic(n, days=days, shared=shared)
    started, cpu = time.perf_counter(), time.process_time()
    incidents = fuse(reports, settings)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = float("nan")
    if trace:
        tracemalloc.start()
        fuse(reports, settings)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    predicted = {e: inc.id for inc in incidents for e in inc.event_ids}
    precision, recall = _pairwise_counts(truth, predicted)
    return {
        "events": len(reports),
        "incidents": len(incidents),
        "seconds": seconds,
        "per_1k": seconds / len(reports) * 1000,
        "cpu_per_1k": cpu / len(reports) * 1000,  # CPU seconds: the machine's load moves them less
        "peak_mb": peak / 2**20,
        "precision": precision,
        "recall": recall,
    }


def _pairwise_counts(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall from group sizes (linear, unlike listing the pairs)."""

    def pairs(labels) -> int:
        sizes: dict = defaultdict(int)
        for label in labels:
            sizes[label] += 1
        return sum(n * (n - 1) // 2 for n in sizes.values())

    ids = list(truth)
    true_pairs = pairs(truth[e] for e in ids)
    predicted_pairs = pairs(predicted.get(e, e) for e in ids)
    correct = pairs((truth[e], predicted.get(e, e)) for e in ids)
    return correct / max(predicted_pairs, 1), correct / max(true_pairs, 1)


def corpus_score(settings: FusionSettings):
    from sitrep.evaluation.fusion import extract_corpus, fuse_corpus, load_gold
    from sitrep.pipeline import Extractor

    results = extract_corpus(CORPUS, Extractor.from_settings())
    return fuse_corpus(results, load_gold(CORPUS / "gold.yaml"), settings).score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--no-corpus", action="store_true", help="Skip the corpus (no spaCy load).")
    parser.add_argument("--trace-max", type=int, default=20_000, help="Trace memory only up to this size.")
    parser.add_argument(
        "--density", choices=("constant", "rising", "both"), default="both", help="Which feeds to time."
    )
    parser.add_argument(
        "--shared-articles",
        type=float,
        default=0.0,
        help="Share of reports told in one article with another incident's report of that day.",
    )
    args = parser.parse_args()
    settings = FusionSettings()
    print("fusion on synthetic events (time without tracing; peak = tracemalloc of fuse)")
    # A larger feed covers a longer period at the same density (1 year per 1k events): the
    # fair test of linear growth. A year of ever more events raises density instead: each
    # report then has more true candidates, and pairs grow with the square of events per block.
    feeds = {
        "constant": (
            "growing corpus, constant density (one year per 1,000 events)",
            lambda n: 366 * max(1, n // 1000),
        ),
        "rising": ("one year, rising density", lambda n: 366),
    }
    for name, (title, days_for) in feeds.items():
        if args.density not in (name, "both"):
            continue
        print(f"\n{title}")
        print(
            f"{'events':>8} {'incidents':>9} {'seconds':>8} {'s/1k ev':>8} {'cpu/1k':>7} {'peak MB':>8}"
            f" {'P':>6} {'R':>6}"
        )
        for n in args.sizes:
            m = measure(n, settings, days_for(n), trace=n <= args.trace_max, shared=args.shared_articles)
            print(
                f"{m['events']:>8} {m['incidents']:>9} {m['seconds']:>8.2f} {m['per_1k']:>8.3f} {m['cpu_per_1k']:>7.3f}"
                f" {m['peak_mb']:>8.1f} {m['precision']:>6.3f} {m['recall']:>6.3f}"
            )
    if not args.no_corpus:
        score = corpus_score(settings)
        print(
            f"corpus tests/data/fusion: pairwise precision {score.precision:.3f}, recall {score.recall:.3f}"
            f" ({score.correct_pairs}/{score.predicted_pairs} predicted, {score.true_pairs} true pairs)"
        )


if __name__ == "__main__":
    main()
