"""Incremental fusion: a batch is fused with the incidents around it, never a whole chain."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from sitrep.config import FusionSettings
from sitrep.evaluation.fusion import article_file, extract_corpus
from sitrep.model import (
    Actor,
    Article,
    ArticleResult,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Location,
)
from sitrep.store import open_store
from sitrep.store.linking import link_incidents, local_group, windows

CORPUS = Path(__file__).parents[1] / "data" / "fusion"
SETTINGS = FusionSettings()
SUMY = Location("Sumy", "UA", "Sumy", 50.9174, 34.7991, GeoPrecision.EXACT, 692194, "city")
RUSSIA = Actor("Military Forces of Russia", "State forces", "RU")
START = date(2024, 1, 1)


def strike(day: int, key: str = "") -> ArticleResult:
    """One article reporting a drone strike on Sumy ``day`` days after the start."""
    when = START + timedelta(days=day)
    text = f"Russian drones struck a {['depot', 'school', 'market'][day % 3]} in Sumy{key}, killing {day % 5 + 1}."
    article = Article(Article.make_id(text, when), when, text, source="wire")
    event = Event(
        id=f"ev-{day}{key}",
        article_id=article.id,
        event_date=EventDate(when, DatePrecision.DAY, DateSource.TEXT),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover="ATTACK",
        cameo="195",
        role=EventRole.MAIN,
        actor1=RUSSIA,
        actor2=None,
        location=SUMY,
        fatalities=Fatalities(day % 5 + 1, day % 5 + 1, day % 5 + 1),
    )
    return ArticleResult(article, (event,))


def _membership(store) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((r.incident.id, r.incident.event_ids) for r in store.incidents())


def test_windows_merge_nearby_dates_per_country():
    with open_store(":memory:") as store:
        results = [strike(0), strike(2), strike(60)]
        store.write_batch(results)
        seeds = store.fusion_reports_by_id([e.id for r in results for e in r.events])
    spans = windows(seeds, SETTINGS)
    assert [country for country, _ in spans] == ["UA", "UA"]
    (lo1, hi1), (lo2, hi2) = (s for _, s in spans)
    assert lo1 < START <= START + timedelta(days=2) < hi1 < lo2 < START + timedelta(days=60) < hi2


def test_a_daily_chain_loads_only_the_incidents_near_the_batch():
    """120 daily strikes chain one country's candidate graph; a new report loads a few days of it."""
    with open_store(":memory:") as store:
        for first in range(0, 120, 10):
            batch = [strike(d) for d in range(first, first + 10)]
            store.write_batch(batch)
            link_incidents(store, [e.id for r in batch for e in r.events], SETTINGS)
        late = strike(60, key=" city")
        store.write_batch([late])
        seeds = store.fusion_reports_by_id([late.events[0].id])
        assert len(store._closed_group(seeds, SETTINGS)) > 100  # what the exact refresh would re-fuse
        assert len(local_group(store, seeds, SETTINGS)) < 30  # a few days (and their incidents)
        summary = link_incidents(store, [late.events[0].id], SETTINGS)
        assert summary.added + summary.updated >= 1
        stored = {e for _, ids in _membership(store) for e in ids}
        assert stored == {f"ev-{d}" for d in range(120)} | {"ev-60 city"}  # every main event in an incident


@pytest.fixture(scope="module")
def corpus_results(extractor) -> list[ArticleResult]:
    return extract_corpus(CORPUS, extractor)


def test_linking_in_batches_gives_the_incidents_of_fusing_all_at_once(corpus_results):
    with open_store(":memory:") as once:
        once.write_batch(corpus_results)
        once.refresh_incidents(None, SETTINGS)
        expected = _membership(once)
    order = sorted(corpus_results, key=article_file, reverse=True)
    with open_store(":memory:") as store:
        for k in range(0, len(order), 7):
            batch = order[k : k + 7]
            store.write_batch(batch)
            link_incidents(store, [e.id for r in batch for e in r.events], SETTINGS)
        assert _membership(store) == expected
        again = link_incidents(store, [e.id for r in corpus_results for e in r.events], SETTINGS)
        assert (again.added, again.updated, again.removed) == (0, 0, 0)
