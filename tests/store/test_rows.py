"""Rows read by column name: the helpers events and incidents share."""

from datetime import date

from sitrep.model import DatePrecision, DateSource, EventRole, GeoPrecision
from sitrep.store.rows import event_from_row, location_from, paged

ROW = {
    "id": "e1", "article_id": "a1", "date_start": date(2024, 2, 7), "date_precision": "day",
    "date_source": "text", "event_type": "Battles", "sub_event_type": "Armed clash", "plover": "ASSAULT",
    "cameo": "190", "role": "main", "fatalities_best": 3, "fatalities_low": 2, "fatalities_high": 5,
    "confidence": 0.8, "trigger": "clashed", "l_name": "Mashtal", "l_country": "IQ", "l_admin1": "Baghdad",
    "l_latitude": 33.32, "l_longitude": 44.47, "l_geo_precision": 1, "l_geonameid": None, "l_feature": "site",
}  # fmt: skip


def test_an_event_is_rebuilt_from_named_columns() -> None:
    event = event_from_row(ROW, victims=("Abu Baqir",))
    assert (event.id, event.role, event.victims) == ("e1", EventRole.MAIN, ("Abu Baqir",))
    assert (event.event_date.precision, event.event_date.source) == (DatePrecision.DAY, DateSource.TEXT)
    assert (event.fatalities.best, event.fatalities.high) == (3, 5)
    assert event.location.name == "Mashtal" and event.actor1 is None


def test_a_missing_place_and_an_incident_precision() -> None:
    assert location_from({**ROW, "l_name": None}) is None
    assert location_from(ROW, precision=3).geo_precision is GeoPrecision.REGION
    assert location_from(ROW).geo_precision is GeoPrecision.EXACT


def test_paging() -> None:
    sql, params = paged("SELECT e.id FROM events e", ["e.role = ?"], "e.id", 10, 20)
    assert sql == "SELECT e.id FROM events e WHERE e.role = ? ORDER BY e.id LIMIT ? OFFSET ?"
    assert params == [10, 20]
    assert paged("SELECT 1", [], "x", None, 0) == ("SELECT 1 ORDER BY x OFFSET ?", [0])
