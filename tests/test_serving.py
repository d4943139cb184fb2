"""The guard and the server under hostile clients: tokens, Host headers, body limits and
timeouts, JSON errors with the security headers, a bounded extraction queue, concurrent reads
and slow clients cut off."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.serving import LOOPBACK_NAMES, Guard, host_name, protocol_with_timeout
from sitrep.store import open_store

TOKEN = "a-long-random-token"
BODY = {"text": "Police fired tear gas at protesters in Dhaka on Friday.", "published": "2024-02-08"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("serving") / "s.duckdb")
    open_store(path).close()
    return path


def test_writes_need_the_token(db: str, extractor) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(db, allow_write=True)
    with TestClient(create_app(db, allow_write=True, write_token=TOKEN, extractor=extractor)) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            refused = c.post("/articles", json=BODY, headers=headers)
            assert refused.status_code == 401 and "Bearer" in refused.json()["detail"]
            assert refused.headers["x-content-type-options"] == "nosniff"
        ok = c.post("/articles", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 201, ok.text


def test_the_token_can_come_from_the_environment(db: str, extractor) -> None:
    settings = Settings.load(env={"SITREP_WRITE_TOKEN": TOKEN})
    with TestClient(create_app(db, allow_write=True, settings=settings, extractor=extractor)) as c:
        assert c.post("/articles", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("[::1]:80", "::1"),
        ("LocalHost", "localhost"),
        ("evil.example:80", "evil.example"),
    ],
)
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


def test_a_loopback_server_refuses_foreign_host_headers(db: str) -> None:
    with TestClient(create_app(db, allowed_hosts=LOOPBACK_NAMES), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/events").status_code == 200
        assert c.get("/events", headers={"Host": "localhost:8000"}).status_code == 200
        rebound = c.get("/events", headers={"Host": "attacker.example:8000"})
        assert rebound.status_code == 400 and "Host" in rebound.json()["detail"]
        assert rebound.headers["content-security-policy"]


def test_a_streamed_body_over_the_limit_is_a_json_413(db: str) -> None:
    def chunks():
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * 100_000
        yield b'", "published": "2024-02-08"}'

    with TestClient(create_app(db)) as c:
        response = c.post("/extract", content=chunks(), headers={"content-type": "application/json"})
        assert response.status_code == 413 and "limit" in response.json()["detail"]
        assert response.headers["x-frame-options"] == "DENY"


def test_an_unhandled_error_is_a_json_500_with_the_headers(db: str, monkeypatch) -> None:
    app = create_app(db)

    def broken(fn):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app.state.service, "read", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/facets")
        assert response.status_code == 500 and response.json() == {
            "detail": "internal error (logged on the server)"
        }
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "disk on fire" not in response.text


def test_a_stalled_body_times_out_as_json_408() -> None:
    sent: list[dict] = []

    async def app(scope, receive, send):
        await receive()
        raise AssertionError("the app must not see a stalled body")

    async def receive():
        await asyncio.sleep(5)

    async def send(message):
        sent.append(message)

    guard = Guard(app, body_timeout=0.1)
    asyncio.run(guard({"type": "http", "headers": [], "query_string": b""}, receive, send))
    assert sent[0]["status"] == 408
    assert (b"x-content-type-options", b"nosniff") in sent[0]["headers"]
    assert "not received" in json.loads(sent[1]["body"])["detail"]


def test_a_full_extraction_queue_is_503_and_reads_go_on(db: str, extractor) -> None:
    app = create_app(db, extractor=extractor, settings=Settings(extract_queue=2))
    with TestClient(app) as c:
        app.state.service._admitted = 2  # two extractions running
        busy = c.post("/extract", json=BODY)
        assert busy.status_code == 503 and busy.headers["retry-after"] == "30"
        assert "queue is full" in busy.json()["detail"]
        assert c.get("/events").status_code == 200
        app.state.service._admitted = 0
        assert c.post("/extract", json=BODY).status_code == 200


def test_reads_run_concurrently(db: str) -> None:
    app = create_app(db, settings=Settings(read_connections=4))
    service = app.state.service
    barrier = threading.Barrier(3, timeout=10)
    results: list[int] = []

    def reader() -> None:
        results.append(service.read(lambda s: (barrier.wait(), s.count_events())[1]))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [results[0]] * 3  # three reads were inside the store at once
    service.close()


def test_slow_headers_are_cut_off_and_other_clients_served(db: str) -> None:
    app = create_app(db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http=protocol_with_timeout(0.5)
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.time() + 20
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(5)]
        for s in slow:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        time.sleep(1.5)
        for s in slow:
            s.settimeout(2)
            assert s.recv(100) == b""  # closed by the server
            s.close()
        with socket.create_connection(("127.0.0.1", port)) as ok:
            ok.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert ok.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_serve_help_names_watch_and_feed() -> None:
    from click.testing import CliRunner

    from sitrep.cli import main

    text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--watch" in text and "--feed" in text and "--token-file" in text


def test_cached_pages_are_dropped_by_a_write(tmp_path, extractor) -> None:
    app = create_app(str(tmp_path / "c.duckdb"), allow_write=True, write_token=TOKEN, extractor=extractor)
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        assert c.get("/events").json()["total"] == 0
        assert c.get("/events").json()["total"] == 0 and c.get("/health").json()["read_cache_hits"] == 1
        assert c.post("/articles", json=BODY).status_code == 201
        assert c.get("/events").json()["total"] >= 1  # not the cached empty page
        assert c.get("/incidents").json()["incidents"] and c.get("/facets").json()["countries"]


def test_postgres_pages_are_not_cached(postgres_url: str) -> None:
    with TestClient(create_app(postgres_url)) as c:
        c.get("/events")
        c.get("/events")
        assert c.get("/health").json()["read_cache_hits"] == 0  # another process may write


def test_split_and_join_need_the_token_and_drop_the_cached_pages(tmp_path, extractor) -> None:
    app = create_app(str(tmp_path / "r.duckdb"), allow_write=True, write_token=TOKEN, extractor=extractor)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    other = {
        "text": "Two people were killed in an air strike on Kharkiv last night.",
        "published": "2024-09-15",
    }
    with TestClient(app) as c:
        ids = []
        for body in (BODY, other):
            stored = c.post("/articles", json=body, headers=auth)
            assert stored.status_code == 201, stored.text
            ids.append(stored.json()["article"]["events"][0]["id"])
        a, b = ids
        assert len(c.get("/incidents").json()["incidents"]) == 2
        assert len(c.get("/incidents").json()["incidents"]) == 2  # cached
        for path, body in (
            ("/incidents/join", {"event_a": a, "event_b": b}),
            ("/incidents/split", {"event_id": b}),
        ):
            for headers in ({}, {"Authorization": "Bearer wrong"}):
                refused = c.post(path, json=body, headers=headers)
                assert refused.status_code == 401 and "Bearer" in refused.json()["detail"]
        joined = c.post(
            "/incidents/join", json={"event_a": a, "event_b": b, "note": "one protest"}, headers=auth
        )
        assert joined.status_code == 200, joined.text
        assert [len(i["sources"]) for i in c.get("/incidents").json()["incidents"]] == [2]
        assert c.post("/incidents/join", json={"event_a": a, "event_b": a}, headers=auth).status_code == 404
        split = c.post("/incidents/split", json={"event_id": b}, headers=auth)
        assert split.status_code == 200, split.text
        assert len(c.get("/incidents").json()["incidents"]) == 2
        assert c.post("/incidents/split", json={"event_id": "nope"}, headers=auth).status_code == 404


def test_split_and_join_are_absent_without_allow_write(db: str) -> None:
    with TestClient(create_app(db)) as c:
        paths = c.get("/openapi.json").json()["paths"]
        assert "/incidents/split" not in paths and "/incidents/join" not in paths
