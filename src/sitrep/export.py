"""Stored events out to the formats analysts load: ACLED-style CSV, GeoJSON, JSONL and Parquet.

ACLED's codebook (interaction codes and disorder types from ``sitrep.codebook``, country
names) is applied here, at the edge, so the store keeps the richer model and each format
stays a pure function of ``EventRow``.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

import duckdb
import pycountry

from sitrep.codebook import codebook
from sitrep.store.rows import EventRow

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

POLITICAL_VIOLENCE = "Political violence"
# Where ACLED's country names differ from ISO's (and pycountry has no common_name).
ACLED_COUNTRY_NAMES = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "KP": "North Korea",
    "PS": "Palestine",
    "RU": "Russia",
    "TR": "Turkey",
}

# Parquet column types, one per EventRow field (a test checks that none is missing).
PARQUET_TYPES = {
    "date_start": "DATE",
    "date_end": "DATE",
    "published": "DATE",
    "ingested_at": "TIMESTAMP",
    "assoc_actors": "VARCHAR[]",
    "latitude": "DOUBLE",
    "longitude": "DOUBLE",
    "confidence": "DOUBLE",
    "geo_precision": "INTEGER",
    "fatalities_best": "INTEGER",
    "fatalities_low": "INTEGER",
    "fatalities_high": "INTEGER",
    "geonameid": "BIGINT",
}
ROW_FIELDS = tuple(f.name for f in dataclasses.fields(EventRow))
_PARQUET_CHUNK = 10_000


@dataclass(frozen=True, slots=True)
class ExportSummary:
    written: int
    skipped: int = 0  # GeoJSON: events without coordinates


def export(rows: Iterable[EventRow], fmt: str, out: BinaryIO | TextIO | Path) -> ExportSummary:
    """Write ``rows`` as ``fmt`` to a path or an open stream; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _export_parquet(rows, out)
    writer = {"acled-csv": write_acled_csv, "geojson": write_geojson, "jsonl": write_jsonl}[fmt]
    with _text_stream(out) as stream:
        return writer(rows, stream)


# -- ACLED -------------------------------------------------------------------------------


def inter_code(actor_type: str, actor_name: str = "") -> int:
    """ACLED interaction code of an actor type; an unknown type of a named actor counts as 8."""
    code = codebook().inter_code(actor_type)
    if code is not None:
        return code
    return 8 if actor_name or actor_type else 0


def interaction(inter1: int, inter2: int) -> str:
    """ACLED's two-digit combination, lower code first; a lone actor gives ``X0``."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return ""
    return f"{codes[0]}0" if len(codes) == 1 else f"{codes[0]}{codes[1]}"


def disorder_type(event_type: str, sub_event_type: str = "") -> str:
    """ACLED's disorder type, from the sub-type where the codebook splits a type."""
    return codebook().disorder_type(event_type, sub_event_type)


@lru_cache(maxsize=512)
def country_info(alpha2: str) -> tuple[str, int | None, str]:
    """(ACLED-style name, numeric ISO code, alpha-3) of an ISO alpha-2 code."""
    country = pycountry.countries.get(alpha_2=alpha2.upper()) if alpha2 else None
    if country is None:
        return alpha2, None, ""
    name = ACLED_COUNTRY_NAMES.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
    return name, int(country.numeric), country.alpha_3


def acled_record(row: EventRow) -> dict[str, Any]:
    """One event in ACLED's column names, values coded as ACLED codes them."""
    name, iso, alpha3 = country_info(row.country)
    inter1 = inter_code(row.actor1_type, row.actor1)
    inter2 = inter_code(row.actor2_type, row.actor2)
    disorder = disorder_type(row.event_type, row.sub_event_type)
    targets_civilians = inter2 == 7 and POLITICAL_VIOLENCE in disorder
    return {
        "event_id_cnty": f"{alpha3}{row.event_id}",
        "event_date": row.date_start.isoformat(),
        "year": row.date_start.year,
        "time_precision": codebook().acled_time_precision.get(row.date_precision, 3),
        "disorder_type": disorder,
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "actor1": row.actor1,
        "assoc_actor_1": "; ".join(row.assoc_actors),
        "inter1": inter1,
        "actor2": row.actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians else "",
        "iso": "" if iso is None else iso,
        "region": "",
        "country": name,
        "admin1": row.admin1,
        "admin2": "",
        "admin3": "",
        "location": row.location,
        "latitude": "" if row.latitude is None else round(row.latitude, 4),
        "longitude": "" if row.longitude is None else round(row.longitude, 4),
        "geo_precision": "" if row.geo_precision is None else row.geo_precision,
        "source": row.source,
        "source_scale": "",
        "notes": " ".join(row.trigger.split()),
        "fatalities": row.fatalities_best or 0,
        "tags": "",
        "timestamp": _epoch(row.ingested_at),
    }


def write_acled_csv(rows: Iterable[EventRow], out: TextIO) -> ExportSummary:
    """ACLED-style CSV: ACLED's columns in ACLED's order, one line per event."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(acled_record(row))
        n += 1
    return ExportSummary(written=n)


# -- JSON formats ------------------------------------------------------------------------


def row_json(row: EventRow) -> dict[str, Any]:
    """An EventRow as JSON-ready values (ISO dates, lists for tuples)."""
    return {name: _json_value(getattr(row, name)) for name in ROW_FIELDS}


def write_jsonl(rows: Iterable[EventRow], out: TextIO) -> ExportSummary:
    """One JSON object per line and per event."""
    n = 0
    for row in rows:
        out.write(json.dumps(row_json(row), ensure_ascii=False) + "\n")
        n += 1
    return ExportSummary(written=n)


def write_geojson(rows: Iterable[EventRow], out: TextIO) -> ExportSummary:
    """A FeatureCollection of Points, streamed; events without coordinates are skipped and counted."""
    written = skipped = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for row in rows:
        if row.latitude is None or row.longitude is None:
            skipped += 1
            continue
        props = row_json(row)
        feature = {
            "type": "Feature",
            "id": row.event_id,
            "geometry": {"type": "Point", "coordinates": [round(row.longitude, 5), round(row.latitude, 5)]},
            "properties": props,
        }
        out.write(("," if written else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return ExportSummary(written=written, skipped=skipped)


# -- Parquet -----------------------------------------------------------------------------


def write_parquet(rows: Iterable[EventRow], path: Path) -> ExportSummary:
    """Typed Parquet of the EventRow columns, written by an in-memory DuckDB table."""
    con = duckdb.connect(":memory:")
    try:
        cols = ", ".join(f"{name} {PARQUET_TYPES.get(name, 'VARCHAR')}" for name in ROW_FIELDS)
        con.execute(f"CREATE TABLE events ({cols})")
        select = ", ".join(f"unnest(?::{PARQUET_TYPES.get(name, 'VARCHAR')}[])" for name in ROW_FIELDS)
        n = 0
        for chunk in _chunked(rows, _PARQUET_CHUNK):
            columns = [[getattr(r, name) for r in chunk] for name in ROW_FIELDS]
            columns[ROW_FIELDS.index("assoc_actors")] = [list(r.assoc_actors) for r in chunk]
            con.execute(f"INSERT INTO events SELECT {select}", columns)
            n += len(chunk)
        literal = str(path).replace("'", "''")
        con.execute(f"COPY events TO '{literal}' (FORMAT PARQUET)")
    finally:
        con.close()
    return ExportSummary(written=n)


def _export_parquet(rows: Iterable[EventRow], out: BinaryIO | TextIO | Path) -> ExportSummary:
    if isinstance(out, (str, Path)):
        return write_parquet(rows, Path(out))
    if _is_text(out):
        raise TypeError("parquet is binary: give a path or a binary stream")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.parquet"
        summary = write_parquet(rows, path)
        with path.open("rb") as fh:
            shutil.copyfileobj(fh, out)  # type: ignore[misc]
    return summary


# -- helpers -----------------------------------------------------------------------------


@contextlib.contextmanager
def _text_stream(out: BinaryIO | TextIO | Path) -> Iterator[TextIO]:
    """A text stream over a path or any stream; the caller's stream is left open."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    elif _is_text(out):
        yield out  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def _is_text(out: IO[Any]) -> bool:
    return isinstance(out, io.TextIOBase) or (
        hasattr(out, "encoding") and not isinstance(out, io.BufferedIOBase)
    )


def _chunked(rows: Iterable[EventRow], size: int) -> Iterator[list[EventRow]]:
    chunk: list[EventRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _epoch(ts: datetime | None) -> int | str:
    if ts is None:
        return ""
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return int(ts.timestamp())
