"""The server's read side: rows rendered once, kept across writes where they cannot have changed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sitrep.batch import ingest_batch
from sitrep.config import Settings
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
    Span,
)
from sitrep.reads import Reads, events_key
from sitrep.store import EventFilter, open_store
from sitrep.store.duckdb import DuckDBStore

KHARKIV = Location("Kharkiv", "UA", "Kharkiv", 49.98, 36.25, GeoPrecision.EXACT, 706483, "city")
KHARTOUM = Location("Khartoum", "SD", "Khartoum", 15.55, 32.53, GeoPrecision.EXACT, 379252, "city")
RUSSIA = Actor("Military Forces of Russia", "State forces", "RU")
TEXTS = {
    "wire": "A Russian glide bomb hit Kharkiv on Sunday, killing seven people, the mayor said.",
    "daily": "Seven people were killed when a Russian glide bomb hit Kharkiv on Sunday, officials said.",
    "later": "Russian shelling hit Kharkiv on Thursday, wounding two people, the governor said.",
}


def report(source: str, day: date, published: date, place: Location = KHARKIV) -> ArticleResult:
    """One article and its event: a strike on ``place`` (Kharkiv) on ``day``."""
    text = TEXTS[source]
    article = Article(
        Article.make_id(text, published), published, text, source, f"https://example.org/{source}", source
    )
    start = text.index("Kharkiv")
    event = Event(
        id=f"ev-{source}",
        article_id=article.id,
        event_date=EventDate(day, DatePrecision.DAY, DateSource.TEXT),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover="ASSAULT",
        cameo="195",
        role=EventRole.MAIN,
        actor1=RUSSIA,
        actor2=None,
        location=place,
        fatalities=Fatalities(7, 7, 7),
        confidence=0.8,
        trigger="hit Kharkiv",
        evidence={"event_type": Span(start - 4, start + 7, text[start - 4 : start + 7])},
    )
    return ArticleResult(article, (event,))


def ingest(store, *results: ArticleResult):
    by_id = {r.article.id: r for r in results}
    return ingest_batch(
        store, [r.article for r in results], lambda todo: [by_id[a.id] for a in todo], versions={}
    )


def page(reads: Reads, kind: str) -> dict:
    if kind == "events":
        return json.loads(reads.events_page(EventFilter(), 100, 0, None))
    return json.loads(reads.incidents_page(EventFilter(), 100, 0, None))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The ids each reading query was asked for: what was rendered again rather than kept."""
    asked: dict[str, list[str]] = {"events": [], "incidents": []}
    events_by_id, incidents_by_id = DuckDBStore.events_by_id, DuckDBStore.incidents_by_id

    def count_events(self, ids):
        asked["events"] += ids
        return events_by_id(self, ids)

    def count_incidents(self, ids):
        asked["incidents"] += ids
        return incidents_by_id(self, ids)

    monkeypatch.setattr(DuckDBStore, "events_by_id", count_events)
    monkeypatch.setattr(DuckDBStore, "incidents_by_id", count_incidents)
    return asked


def test_a_write_renders_again_only_the_incidents_it_changed(tmp_path, counted) -> None:
    store = open_store(str(tmp_path / "r.duckdb"))
    reads = Reads(store, Settings())
    summary = ingest(store, report("wire", date(2024, 9, 15), date(2024, 9, 15)),
                     report("later", date(2024, 9, 19), date(2024, 9, 19)))  # fmt: skip
    assert len(summary.incident_ids) == 2
    before = page(reads, "incidents")["incidents"]
    assert [len(i["sources"]) for i in before] == [1, 1]
    page(reads, "events")
    counted["events"].clear()
    counted["incidents"].clear()

    summary = ingest(store, report("daily", date(2024, 9, 15), date(2024, 9, 16)))
    reads.changed(summary.incident_ids)
    after = page(reads, "incidents")["incidents"]
    assert [len(i["sources"]) for i in after] == [2, 1]  # the second report joined the first: not a stale row
    assert after[1] == before[1]
    assert counted["incidents"] == [after[0]["id"]]  # the untouched incident was kept
    assert [e["event_id"] for e in page(reads, "events")["events"]] == ["ev-daily", "ev-wire", "ev-later"]
    assert counted["events"] == ["ev-daily"]  # stored events never change: only the new one is read
    reads.close()
    store.close()


def test_warm_renders_every_row_ahead_of_requests(tmp_path, counted) -> None:
    store = open_store(str(tmp_path / "w.duckdb"))
    ingest(store, report("wire", date(2024, 9, 15), date(2024, 9, 15)),
           report("later", date(2024, 9, 19), date(2024, 9, 19)))  # fmt: skip
    reads = Reads(store, Settings())
    assert reads.warm(chunk=1) == 4  # two events, two incidents, a key page of one at a time
    assert len(page(reads, "events")["events"]) == 2 and len(page(reads, "incidents")["incidents"]) == 2
    assert counted == {"events": [], "incidents": []}
    reads.close()
    store.close()


def test_pages_by_offset_and_by_key_are_the_same_bytes_as_rendered_afresh(tmp_path) -> None:
    store = open_store(str(tmp_path / "k.duckdb"))
    ingest(store, *(report(s, date(2024, 9, 15 + i), date(2024, 9, 15 + i)) for i, s in enumerate(TEXTS)))
    kept, fresh = Reads(store, Settings()), Reads(store, Settings(read_cache=0, read_cache_rows=0))
    small = Reads(store, Settings(read_cache_rows=2))  # more events than it keeps: pages are queried
    kept.warm()
    first = json.loads(kept.events_page(EventFilter(), 1, 0, None))["events"][0]
    key = (date.fromisoformat(first["date_start"]), first["event_id"])
    for reads in (kept, fresh, small):
        by_offset = json.loads(reads.events_page(EventFilter(), 2, 1, None))
        by_key = json.loads(kept.events_page(EventFilter(), 2, 0, key))
        assert by_offset["events"] == by_key["events"] and by_offset["total"] == by_key["total"] == 3
        assert reads.incidents_page(EventFilter(), 5, 0, None) == fresh.incidents_page(
            EventFilter(), 5, 0, None
        )
    for reads in (kept, fresh, small):
        reads.close()
    store.close()


def test_a_write_keeps_the_filtered_pages_its_events_do_not_match(tmp_path) -> None:
    store = open_store(str(tmp_path / "p.duckdb"))
    reads = Reads(store, Settings())
    ingest(store, report("wire", date(2024, 9, 15), date(2024, 9, 15)))

    def events(**filters: object) -> dict:
        return json.loads(reads.events_page(EventFilter(**filters), 100, 0, None))

    assert (events(country="UA")["total"], events(country="SD")["total"], events()["total"]) == (1, 0, 1)
    summary = ingest(store, report("later", date(2024, 9, 19), date(2024, 9, 19), KHARTOUM))
    reads.changed(
        summary.incident_ids, [(e.event_date.start, e.id) for r in summary.results for e in r.events]
    )
    hits = reads.hits
    assert events(country="UA")["total"] == 1 and reads.hits == hits + 1  # kept: the new event is in Sudan
    assert events(country="SD")["total"] == 1 and events()["total"] == 2  # rendered again
    assert reads.hits == hits + 1
    reads.changed()  # a write that does not say what it added drops every page
    assert events(country="UA")["total"] == 1 and reads.hits == hits + 1
    reads.close()
    store.close()


def test_pages_of_all_events_are_made_from_kept_rows_and_follow_writes(tmp_path, monkeypatch) -> None:
    store = open_store(str(tmp_path / "o.duckdb"))
    ingest(store, report("wire", date(2024, 9, 15), date(2024, 9, 15)))
    reads = Reads(store, Settings())
    reads.warm()
    first = reads.kept(events_key(EventFilter(), 10, 0, None))  # no thread, no query
    assert first is not None and [e["event_id"] for e in json.loads(first)["events"]] == ["ev-wire"]
    assert (
        reads.kept(events_key(EventFilter(country="UA"), 10, 0, None)) is None
    )  # filtered: rendered in a thread

    summary = ingest(store, report("later", date(2024, 9, 19), date(2024, 9, 19), KHARTOUM))
    loads = []
    monkeypatch.setattr(DuckDBStore, "event_order", lambda self, limit: loads.append(limit) or [])
    reads.changed(
        summary.incident_ids, [(e.event_date.start, e.id) for r in summary.results for e in r.events]
    )
    assert reads.kept(events_key(EventFilter(), 10, 0, None)) is None  # the new event is not rendered yet
    body = json.loads(reads.events_page(EventFilter(), 10, 0, None))
    assert (body["total"], [e["event_id"] for e in body["events"]]) == (2, ["ev-wire", "ev-later"])
    after = reads.kept(events_key(EventFilter(), 10, 0, (date(2024, 9, 15), "ev-wire")))
    assert after is not None and [e["event_id"] for e in json.loads(after)["events"]] == ["ev-later"]
    assert loads == []  # the order took the new key in place: not read again
    reads.close()
    store.close()
