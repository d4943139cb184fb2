"""The store: migrations once, idempotent all-or-nothing batches, filtered reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

from sitrep.model import (
    Actor,
    Article,
    ArticleResult,
    Claim,
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
from sitrep.store import EventFilter, Store, open_store
from sitrep.store import base as store_base

BAGHDAD = Location("Baghdad", "IQ", "Baghdad", 33.34058, 44.40088, GeoPrecision.EXACT, 98182, "city")
KYIV = Location("Kyiv", "UA", "Kyiv City", 50.45466, 30.5238, GeoPrecision.EXACT, 703448, "city")
MILITIA = Actor("Kata'ib Hezbollah", "Political militia", "IQ")
US_FORCES = Actor("Military Forces of the United States", "External/Other forces", "US")
CIVILIANS = Actor("Civilians (Iraq)", "Civilians", "IQ")


def make_article(text: str, published: date, title: str = "t") -> Article:
    return Article(
        id=Article.make_id(text, published),
        published=published,
        text=text,
        source="Reuters",
        url=f"https://example.org/{title}",
        title=title,
        origin="seed.jsonl:1",
    )


def make_event(article: Article, key: str, **changes: object) -> Event:
    event = Event(
        id=f"ev-{key}",
        article_id=article.id,
        event_date=EventDate(article.published, DatePrecision.DAY, DateSource.TEXT),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover="ATTACK",
        cameo="195",
        role=EventRole.MAIN,
        actor1=US_FORCES,
        actor2=MILITIA,
        location=BAGHDAD,
        fatalities=Fatalities(3, 2, 4, Span(40, 45, "three")),
        assoc_actors=(Actor("Coalition", "External/Other forces", ""),),
        victims=("Abu Baqir al-Saadi",),
        claims=(Claim("Pentagon", "we struck", Span(0, 9, article.text[0:9]), "supports"),),
        evidence={"event_type": Span(10, 16, article.text[10:16]), "location": Span(20, 27)},
        confidence=0.8,
        trigger="A US drone strike hit a car in Baghdad.",
    )
    return replace(event, **changes)


def make_batch() -> list[ArticleResult]:
    text1 = "US forces struck a car in Mashtal, Baghdad, killing three. " * 2
    text2 = "Protesters gathered in Kyiv on Sunday to demand the release of prisoners."
    a1 = make_article(text1, date(2024, 2, 8), "strike")
    a2 = make_article(text2, date(2024, 3, 3), "protest")
    e1 = make_event(a1, "1")
    e2 = make_event(
        a1,
        "2",
        event_date=EventDate(date(2024, 1, 1), DatePrecision.MONTH, DateSource.TEXT),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=MILITIA,
        actor2=CIVILIANS,
        assoc_actors=(),
        fatalities=None,
        role=EventRole.BACKGROUND,
    )
    e3 = make_event(
        a2,
        "3",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1=Actor("Protesters (Ukraine)", "Protesters", "UA"),
        actor2=None,
        assoc_actors=(),
        location=KYIV,
        fatalities=Fatalities(0, 0, 0),
        victims=(),
        claims=(),
        evidence={},
    )
    failed = ArticleResult(make_article("unreadable", date(2024, 3, 4), "bad"), error="nlp: boom")
    return [ArticleResult(a1, (e1, e2)), ArticleResult(a2, (e3,)), failed]


@pytest.fixture(params=["duckdb", "portable", "postgres"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The DuckDB store, the engine-neutral Store (row-wise SQL) on DuckDB, and PostgreSQL."""
    if request.param == "duckdb":
        with open_store(":memory:") as s:
            yield s
    elif request.param == "postgres":
        with open_store(request.getfixturevalue("postgres_url")) as s:
            yield s
    else:
        with Store(_duck()) as s:
            s.migrate()
            yield s


def test_migrations_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "sitrep.duckdb"
    with open_store(str(path)) as s:
        assert [name for name, _ in s.migrations()] == [
            "0001_initial",
            "0002_incidents",
            "0003_fusion_review",
            "0004_claim_fields",
        ]
    with open_store(str(path)) as s:
        assert s.migrate() == []
        assert [name for name, _ in s.migrations()] == [
            "0001_initial",
            "0002_incidents",
            "0003_fusion_review",
            "0004_claim_fields",
        ]


def test_later_migration_applied_in_order(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_initial.sql").write_text(
        (store_base.MIGRATIONS_DIR / "0001_initial.sql").read_text(encoding="utf-8")
    )
    with Store(_duck(), migrations_dir=migrations) as s:
        assert s.migrate() == ["0001_initial"]
        (migrations / "0002_notes.sql").write_text(
            "-- a note; with a semicolon\nALTER TABLE events ADD COLUMN note TEXT;\n"
        )
        assert s.migrate() == ["0002_notes"]
        assert [n for n, _ in s.migrations()] == ["0001_initial", "0002_notes"]


def _duck() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


def test_write_batch_is_idempotent(store: Store) -> None:
    batch = make_batch()
    first = store.write_batch(batch, versions={"model_version": "m1", "data_version": "d1"})
    assert (first.articles_added, first.articles_skipped, first.events_added) == (3, 0, 3)
    counts = store.counts()
    assert counts == {
        "articles": 3,
        "actors": 5,
        "locations": 2,
        "events": 3,
        "event_actors": 6,
        "victims": 2,
        "claims": 2,
        "evidence": 4,
    }
    second = store.write_batch(batch)
    assert (second.articles_added, second.articles_skipped, second.events_added) == (0, 3, 0)
    assert store.counts() == counts


def test_duplicates_inside_one_batch_are_skipped(store: Store) -> None:
    batch = make_batch()
    summary = store.write_batch(batch + batch[:1])
    assert (summary.articles_added, summary.articles_skipped, summary.events_added) == (3, 1, 3)


def test_failing_batch_rolls_back_entirely(store: Store) -> None:
    batch = make_batch()
    orphan = make_event(make_article("never stored", date(2024, 1, 1)), "orphan")
    broken = batch[:1] + [ArticleResult(batch[1].article, batch[1].events + (orphan,))]
    with pytest.raises(Exception, match="(?i)foreign key"):
        store.write_batch(broken)
    assert set(store.counts().values()) == {0}
    assert store.write_batch(batch).events_added == 3  # the store is still usable


def test_failure_in_a_late_table_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = store._insert

    def failing(table: str, *args: object, **kwargs: object) -> set[str]:
        if table == "claims":
            raise RuntimeError("disk full")
        return real(table, *args, **kwargs)

    monkeypatch.setattr(store, "_insert", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        store.write_batch(make_batch())
    assert set(store.counts().values()) == {0}


def test_pipeline_versions_are_folded_into_two_columns(store: Store) -> None:
    versions = {"sitrep": "0.1.0", "spacy_model": "sm-3.8.0", "actors": "a2", "event_lexicon": "l1"}
    store.write_batch(make_batch(), versions=versions)
    row = store.events()[0]
    assert row.model_version == "sitrep=0.1.0;spacy_model=sm-3.8.0"
    assert row.data_version == "actors=a2;event_lexicon=l1"


def test_filters(store: Store) -> None:
    store.write_batch(make_batch(), versions={"model_version": "m1"})
    assert [r.event_id for r in store.events()] == ["ev-2", "ev-1", "ev-3"]
    assert [r.event_id for r in store.events(country="IQ")] == ["ev-2", "ev-1"]
    assert [r.event_id for r in store.events(country="Ukraine")] == ["ev-3"]
    assert [r.event_id for r in store.events(since=date(2024, 2, 1))] == ["ev-1", "ev-3"]
    assert [r.event_id for r in store.events(until=date(2024, 1, 15))] == ["ev-2"]
    assert [r.event_id for r in store.events(event_type="Protests")] == ["ev-3"]
    assert [r.event_id for r in store.events(limit=1, offset=1)] == ["ev-1"]
    assert store.events(country="IQ", event_type="Protests") == []


def test_filter_values_are_parameters_not_sql(store: Store) -> None:
    store.write_batch(make_batch())
    assert store.events(event_type="x' OR '1'='1") == []
    assert store.counts()["events"] == 3


def test_event_row_is_flat_and_complete(store: Store) -> None:
    store.write_batch(make_batch(), versions={"model_version": "m1", "data_version": "d1"})
    row = next(r for r in store.events() if r.event_id == "ev-1")
    assert (row.actor1, row.actor1_type, row.actor2, row.actor2_type) == (
        US_FORCES.name,
        "External/Other forces",
        MILITIA.name,
        "Political militia",
    )
    assert row.assoc_actors == ("Coalition",)
    assert (row.location, row.country, row.latitude, row.geo_precision) == ("Baghdad", "IQ", 33.34058, 1)
    assert (row.fatalities_best, row.fatalities_low, row.fatalities_high) == (3, 2, 4)
    assert (row.event_date, row.date_precision, row.published) == ("2024-02-08", "day", date(2024, 2, 8))
    assert (row.source, row.model_version, row.data_version) == ("Reuters", "m1", "d1")
    protest = next(r for r in store.events() if r.event_id == "ev-3")
    assert (protest.actor2, protest.actor2_type, protest.assoc_actors) == ("", "", ())


def test_event_detail_matches_the_json_contract(store: Store) -> None:
    batch = make_batch()
    store.write_batch(batch, versions={"model_version": "m1"})
    for result in batch:
        for event in result.events:
            detail = store.event_detail(event.id)
            assert detail is not None
            article = detail.pop("article")
            assert article["id"] == detail.pop("article_id") == result.article.id
            assert article["title"] == result.article.title
            assert detail.pop("model_version") == "m1"
            assert detail.pop("data_version") == ""
            assert detail == event.to_json()
    assert store.event_detail("missing") is None


def test_get_event_rebuilds_spans_from_the_article(store: Store) -> None:
    batch = make_batch()
    store.write_batch(batch)
    event = store.get_event("ev-1")
    assert event is not None
    assert event.evidence["location"].text == batch[0].article.text[20:27]
    assert event.claims[0].span == batch[0].events[0].claims[0].span


# -- the filters and reads behind the HTTP API ------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(), ["ev-2", "ev-1", "ev-3"]),
        (EventFilter(admin1="baghdad"), ["ev-2", "ev-1"]),
        (EventFilter(event_type="protests"), ["ev-3"]),
        (EventFilter(sub_event_type="air/drone strike"), ["ev-1"]),
        (EventFilter(actor="hezbollah"), ["ev-2", "ev-1"]),
        (EventFilter(actor="coalition"), ["ev-1"]),
        (EventFilter(min_fatalities=1), ["ev-1"]),
        (EventFilter(min_fatalities=0), ["ev-1", "ev-3"]),
        (EventFilter(bbox=(44.0, 33.0, 45.0, 34.0)), ["ev-2", "ev-1"]),
        (EventFilter(bbox=(30.0, 50.0, 31.0, 51.0)), ["ev-3"]),
        (EventFilter(bbox=(170.0, -90.0, 40.0, 90.0)), ["ev-3"]),  # across the antimeridian
        (EventFilter(q="drone kyiv"), ["ev-3"]),  # every word, anywhere
        (EventFilter(q="KYIV"), ["ev-3"]),
        (EventFilter(q="protesters"), ["ev-3"]),
        (EventFilter(q="100%"), []),
        (EventFilter(q="a_b"), []),
        (EventFilter(country="IQ", since=date(2024, 2, 1)), ["ev-1"]),
        (EventFilter(article_id="missing"), []),
    ],
)
def test_event_filter(store: Store, filters: EventFilter, expected: list[str]) -> None:
    store.write_batch(make_batch())
    assert [r.event_id for r in store.events(filters)] == expected
    assert store.count_events(filters) == len(expected)
    assert store.event_keys(filters, limit=2) == (len(expected), expected[:2])  # ids and total
    assert store.event_keys(filters, limit=2, offset=1)[1] == expected[1:3]
    assert store.any_event_matches(filters, ["ev-1", "ev-2", "ev-3"]) is bool(expected)
    assert [r.event_id for r in store.events_by_id(expected[::-1])] == expected[::-1]


def test_keyword_filters_merge_into_a_filter(store: Store) -> None:
    store.write_batch(make_batch())
    rows = store.events(EventFilter(actor="hezbollah"), country="IQ", since=date(2024, 2, 1))
    assert [r.event_id for r in rows] == ["ev-1"]


def test_keyset_paging_visits_every_event_once(store: Store) -> None:
    store.write_batch(make_batch())
    seen, after = [], None
    while page := store.events(limit=1, after=after):
        seen += [r.event_id for r in page]
        after = (page[-1].date_start, page[-1].event_id)
    assert seen == ["ev-2", "ev-1", "ev-3"]
    first = store.events(limit=1)[0]
    assert store.event_keys(limit=5, after=(first.date_start, first.event_id)) == (3, ["ev-1", "ev-3"])
    assert store.event_order(2) == [(r.date_start, r.event_id) for r in store.events(limit=2)]


def test_like_wildcards_in_filters_are_literal(store: Store) -> None:
    store.write_batch(make_batch())
    assert store.events(EventFilter(actor="%")) == []
    assert store.events(EventFilter(q="' OR 1=1 --")) == []
    assert store.count_events() == 3


def test_facets(store: Store) -> None:
    store.write_batch(make_batch())
    facets = store.facets()
    assert facets["countries"] == [("IQ", 2), ("UA", 1)]
    assert ("Protests", 1) in facets["event_types"]
    assert ("Air/drone strike", 1) in facets["sub_event_types"]


def test_article_has_text_and_event_offsets(store: Store) -> None:
    batch = make_batch()
    store.write_batch(batch)
    article = batch[0].article
    record = store.article(article.id)
    assert record is not None
    assert (record["text"], record["published"], record["title"]) == (article.text, "2024-02-08", "strike")
    assert [e["id"] for e in record["events"]] == ["ev-2", "ev-1"]
    assert record["events"][1]["evidence"] == {"event_type": [10, 16], "location": [20, 27]}
    assert record["events"][1]["claims"][0]["evidence"] == [0, 9]
    assert store.article("missing") is None
    assert store.article(batch[2].article.id)["error"] == "nlp: boom"


def test_open_store_dispatches_postgres_urls(postgres_url: str) -> None:
    from sitrep.store.postgres import PostgresStore

    with open_store(postgres_url) as s:
        assert isinstance(s, PostgresStore)
        assert [name for name, _ in s.migrations()][0] == "0001_initial"
    with open_store(postgres_url) as s:
        assert s.migrate() == []
