"""Ingest cost as the store grows: store writes plus incremental fusion, batch after batch.

100,000 short articles over two years, in publication order as a daily crawl would bring
them; 20% report conflict on 12 hot spots (each incident reported 1-4 times, a day off or a
week vaguer now and then), the rest carry no event (what triage passes over). The events are
made here, not extracted, so that the table shows the store and fusion alone (extraction
costs the same for the 1st and the 100,000th article). Prints the rate of each 10,000.

    .venv/bin/python benchmarks/ingest_scale.py [--articles 100000] [--batch 1000] [--exact]

``--exact`` fuses with the closed-group refresh (``refresh_incidents``) that ingest used
before: its rate falls as chains of reports grow (use a smaller ``--articles``).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sitrep.config import FusionSettings
from sitrep.model import (
    Actor,
    Article,
    ArticleResult,
    DatePrecision,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Location,
)
from sitrep.store import open_store
from sitrep.store.linking import link_incidents

HOT_SPOTS = [
    ("UA", "Kharkiv", 49.98, 36.25), ("UA", "Sumy", 50.92, 34.80), ("UA", "Kherson", 46.64, 32.61),
    ("UA", "Pokrovsk", 48.28, 37.18), ("SD", "El Fasher", 13.63, 25.35), ("SD", "Khartoum", 15.50, 32.56),
    ("SO", "Mogadishu", 2.04, 45.34), ("ML", "Gao", 16.27, -0.04), ("MM", "Sittwe", 20.15, 92.90),
    ("CD", "Goma", -1.68, 29.22), ("SY", "Idlib", 35.93, 36.63), ("PS", "Khan Younis", 31.35, 34.31),
]  # fmt: skip
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
]
START = date(2023, 1, 1)
DAYS = 730


def articles(n: int, seed: int = 7) -> list[ArticleResult]:
    """``n`` article results in publication order, 20% with events."""
    rng = random.Random(seed)
    results: list[ArticleResult] = []
    incident = 0
    while sum(1 for r in results if r.events) < n // 5:
        incident += 1
        country, city, lat, lon = rng.choice(HOT_SPOTS)
        day = START + timedelta(days=rng.randrange(DAYS))
        kind = rng.choice(TYPES)
        place = Location(
            city, country, city, lat + rng.gauss(0, 0.02), lon + rng.gauss(0, 0.02), GeoPrecision.EXACT
        )
        toll = rng.randrange(9)
        for k in range(rng.choice([1, 1, 2, 2, 3, 4])):
            results.append(_report(rng, incident, k, day, kind, place, toll))
    for i in range(n - len(results)):
        when = START + timedelta(days=rng.randrange(DAYS))
        text = f"Story {i}: the city council met on budget item {rng.randrange(10**6)}."
        results.append(ArticleResult(Article(Article.make_id(text, when), when, text, source="wire")))
    return sorted(results, key=lambda r: (r.article.published, r.article.id))


def _report(rng, incident: int, k: int, day: date, kind, place: Location, toll: int) -> ArticleResult:
    published = day + timedelta(days=rng.choice([0, 0, 1]))
    text = f"Report {incident}-{k}: an attack hit {place.name} on {day:%A}, killing {toll}."
    article = Article(Article.make_id(text, published), published, text, source=f"outlet{k}")
    when = EventDate(day, DatePrecision.DAY)
    if rng.random() < 0.1:
        when = EventDate(day - timedelta(days=day.weekday()), DatePrecision.WEEK)
    event = Event(
        id=f"e{incident}-{k}", article_id=article.id, event_date=when, event_type=kind[0],
        sub_event_type=kind[1], plover="", cameo="", role=EventRole.MAIN,
        actor1=Actor(f"Armed group {incident % 3} of {place.country}", "Rebel group", place.country),
        actor2=None, location=place, fatalities=Fatalities(toll, toll, toll),
    )  # fmt: skip
    if rng.random() < 0.1:
        event = replace(event, sub_event_type=rng.choice(TYPES)[1])
    return ArticleResult(article, (event,))


def run(n: int, batch: int, exact: bool) -> None:
    data = articles(n)
    settings = FusionSettings()
    fuse = (lambda store, ids, settings: store.refresh_incidents(ids, settings)) if exact else link_incidents
    print(f"{n} articles ({sum(1 for r in data if r.events)} with events), batches of {batch}, "
          f"fusion: {'closed-group refresh' if exact else 'incremental (link_incidents)'}")  # fmt: skip
    print(f"{'articles':>9} {'art/s':>8} {'fusion %':>9} {'events':>7} {'incidents':>9}")
    step = max(n // 10, batch)
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.duckdb")) as store:
        started, fusing = time.perf_counter(), 0.0
        first = last = 0.0
        for k in range(0, n, batch):
            part = data[k : k + batch]
            store.write_batch(part)
            t = time.perf_counter()
            fuse(store, [e.id for r in part for e in r.events], settings)
            fusing += time.perf_counter() - t
            done = k + len(part)
            if done % step == 0 or done == n:
                seconds = time.perf_counter() - started
                counts = store.counts()
                incidents = store._query("SELECT COUNT(*) FROM incidents")[0][0]
                rate = (done - (done - 1) // step * step) / seconds
                first = first or rate
                last = rate
                print(
                    f"{done:>9} {rate:>8.0f} {100 * fusing / seconds:>8.0f}% {counts['events']:>7} {incidents:>9}"
                )
                started, fusing = time.perf_counter(), 0.0
    print(f"last 10% / first 10%: {last / first:.2f} (goal: the last within 1.5x of the first)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--exact", action="store_true", help="Fuse with the closed-group refresh instead.")
    args = parser.parse_args()
    run(args.articles, args.batch, args.exact)


if __name__ == "__main__":
    main()
