"""Exports: each format parses back, and ACLED's columns carry ACLED's codes."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from sitrep.export import (
    ACLED_COLUMNS,
    PARQUET_TYPES,
    ROW_FIELDS,
    acled_record,
    disorder_type,
    export,
    inter_code,
    interaction,
)
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
from sitrep.store import EventRow, open_store

STRIKE = EventRow(
    event_id="ab12",
    article_id="art1",
    event_date="2024-02-07",
    date_start=date(2024, 2, 7),
    date_end=date(2024, 2, 7),
    date_precision="day",
    date_source="text",
    event_type="Explosions/Remote violence",
    sub_event_type="Air/drone strike",
    plover="ATTACK",
    cameo="195",
    role="main",
    actor1="Military Forces of the United States",
    actor1_type="External/Other forces",
    actor1_country="US",
    actor2="Kata'ib Hezbollah",
    actor2_type="Political militia",
    actor2_country="IQ",
    assoc_actors=("Coalition", "Allies"),
    location="Mashtal",
    country="IQ",
    admin1="Baghdad",
    latitude=33.3412345,
    longitude=44.4567891,
    geo_precision=1,
    geonameid=None,
    fatalities_best=3,
    fatalities_low=2,
    fatalities_high=4,
    confidence=0.8,
    trigger="A US drone strike hit a car,\nkilling three.",
    source="Reuters",
    url="https://example.org/a",
    title="Strike in Baghdad",
    published=date(2024, 2, 8),
    ingested_at=datetime(2024, 2, 8, 12, 0, 0),
    model_version="m1",
    data_version="d1",
)
PROTEST = replace(
    STRIKE,
    event_id="cd34",
    event_date="2024-W09",
    date_start=date(2024, 2, 26),
    date_end=date(2024, 3, 3),
    date_precision="week",
    event_type="Protests",
    sub_event_type="Peaceful protest",
    actor1="Protesters (Ukraine)",
    actor1_type="Protesters",
    actor2="",
    actor2_type="",
    assoc_actors=(),
    location="",
    country="UA",
    latitude=None,
    longitude=None,
    geo_precision=None,
    fatalities_best=None,
    fatalities_low=None,
    fatalities_high=None,
    ingested_at=None,
)
ROWS = [STRIKE, PROTEST]


def test_acled_csv_columns_and_values(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(ROWS, "acled-csv", out).written == 2
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        strike, protest = list(reader)
    assert strike["event_id_cnty"] == "IRQab12"
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2024-02-07", "2024", "1")
    assert strike["disorder_type"] == "Political violence"
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "3", "38")
    assert strike["assoc_actor_1"] == "Coalition; Allies"
    assert (strike["iso"], strike["country"], strike["admin1"]) == ("368", "Iraq", "Baghdad")
    assert (strike["latitude"], strike["longitude"]) == ("33.3412", "44.4568")
    assert (strike["fatalities"], strike["notes"]) == ("3", "A US drone strike hit a car, killing three.")
    assert strike["timestamp"] == "1707393600"  # naive ingested_at is UTC
    assert (protest["disorder_type"], protest["time_precision"], protest["interaction"]) == (
        "Demonstrations",
        "2",
        "60",
    )
    assert (protest["inter2"], protest["fatalities"], protest["latitude"]) == ("0", "0", "")
    assert (protest["iso"], protest["country"]) == ("804", "Ukraine")


@pytest.mark.parametrize(
    ("actor_type", "name", "code"),
    [
        ("State forces", "Police", 1),
        ("rebel group", "X", 2),
        ("Civilians", "C", 7),
        ("", "", 0),
        ("Gang", "G", 8),
    ],
)
def test_inter_code(actor_type: str, name: str, code: int) -> None:
    assert inter_code(actor_type, name) == code


@pytest.mark.parametrize(
    ("a", "b", "combo"), [(7, 1, "17"), (1, 7, "17"), (6, 0, "60"), (0, 0, ""), (3, 3, "33")]
)
def test_interaction(a: int, b: int, combo: str) -> None:
    assert interaction(a, b) == combo


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Strategic developments", "Arrests", "Strategic developments"),
    ],
)
def test_disorder_type(event_type: str, sub: str, expected: str) -> None:
    assert disorder_type(event_type, sub) == expected


def test_civilian_targeting() -> None:
    row = replace(
        STRIKE, event_type="Violence against civilians", actor2="Civilians (Iraq)", actor2_type="Civilians"
    )
    assert acled_record(row)["civilian_targeting"] == "Civilian targeting"
    assert acled_record(STRIKE)["civilian_targeting"] == ""


def test_geojson_skips_events_without_coordinates() -> None:
    buf = io.StringIO()
    summary = export(ROWS, "geojson", buf)
    assert (summary.written, summary.skipped) == (1, 1)
    doc = json.loads(buf.getvalue())
    assert doc["type"] == "FeatureCollection"
    (feature,) = doc["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.45679, 33.34123]}
    assert feature["properties"]["event_id"] == "ab12"
    assert feature["properties"]["date_start"] == "2024-02-07"


def test_geojson_empty_is_valid() -> None:
    buf = io.StringIO()
    export([], "geojson", buf)
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_jsonl_to_a_binary_stream() -> None:
    buf = io.BytesIO()
    assert export(ROWS, "jsonl", buf).written == 2
    assert not buf.closed
    lines = [json.loads(line) for line in buf.getvalue().decode("utf-8").splitlines()]
    assert [line["event_id"] for line in lines] == ["ab12", "cd34"]
    assert lines[0]["assoc_actors"] == ["Coalition", "Allies"]
    assert lines[1]["latitude"] is None
    assert set(lines[0]) == set(ROW_FIELDS)


def test_parquet_reads_back_typed(tmp_path: Path) -> None:
    out = tmp_path / "it's.parquet"
    assert export(ROWS, "parquet", out).written == 2
    con = duckdb.connect()
    got = con.execute(
        "SELECT event_id, date_start, latitude, fatalities_best, assoc_actors, ingested_at "
        "FROM read_parquet(?) ORDER BY event_id",
        [str(out)],
    ).fetchall()
    assert got == [
        ("ab12", date(2024, 2, 7), 33.3412345, 3, ["Coalition", "Allies"], datetime(2024, 2, 8, 12)),
        ("cd34", date(2024, 2, 26), None, None, [], None),
    ]
    names = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(out)]).fetchall()]
    assert tuple(names) == ROW_FIELDS


def test_parquet_to_binary_stream_and_refuses_text() -> None:
    buf = io.BytesIO()
    export(ROWS, "parquet", buf)
    assert buf.getvalue()[:4] == b"PAR1"
    with pytest.raises(TypeError):
        export(ROWS, "parquet", io.StringIO())


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="acled-csv"):
        export(ROWS, "xlsx", io.StringIO())


def test_parquet_types_name_real_fields() -> None:
    assert set(PARQUET_TYPES) <= {f.name for f in dataclasses.fields(EventRow)}


def test_export_from_the_store(tmp_path: Path) -> None:
    text = "Militants attacked a police post in Kirkuk, killing two officers."
    article = Article(Article.make_id(text, date(2024, 5, 2)), date(2024, 5, 2), text, source="AFP")
    event = Event(
        id="ev-k",
        article_id=article.id,
        event_date=EventDate(date(2024, 5, 1), DatePrecision.DAY),
        event_type="Battles",
        sub_event_type="Armed clash",
        plover="FIGHT",
        cameo="190",
        role=EventRole.MAIN,
        actor1=Actor("Islamic State (Iraq)", "Rebel group", "IQ"),
        actor2=Actor("Police Forces of Iraq", "State forces", "IQ"),
        location=Location("Kirkuk", "IQ", "Kirkuk", 35.46806, 44.39222, GeoPrecision.EXACT),
        fatalities=Fatalities(2, 2, 2),
    )
    with open_store(":memory:") as store:
        store.write_batch([ArticleResult(article, (event,))])
        out = tmp_path / "acled.csv"
        export(store.events(country="IQ"), "acled-csv", out)
    with out.open(newline="", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["event_date"], row["interaction"], row["fatalities"], row["source"]) == (
        "2024-05-01",
        "12",
        "2",
        "AFP",
    )
    assert row["timestamp"].isdigit()
