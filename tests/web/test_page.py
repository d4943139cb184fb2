"""End to end: the page in headless Chromium against a real server on the ingested samples.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright's Python client; Playwright's
own browser downloads are never used. Every request the page makes must go to the server:
anything else is aborted and fails the test.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def skip_or_fail(reason: str) -> None:
    """Skip locally; under CI (CI=true) a missing browser fails instead of skipping silently."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sample_results, extractor) -> Iterator[str]:
    """uvicorn in a thread on a free loopback port, over a DuckDB file holding the samples."""
    import uvicorn

    from sitrep.api import create_app
    from sitrep.store import open_store

    db = tmp_path_factory.mktemp("web") / "samples.duckdb"
    with open_store(str(db)) as store:
        store.write_batch(sample_results, versions=extractor.versions)
    port = free_port()
    app = create_app(str(db), extractor=extractor)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _rgb(hex_colour: str) -> str:
    """The browser's form of a ``#rrggbb`` colour."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_page_map_filter_and_article(server: str, browser, tmp_path: Path) -> None:
    events = httpx.get(f"{server}/events", params={"limit": 1000}).json()["events"]
    mapped = [e for e in events if e["latitude"] is not None]
    assert mapped, "the samples gave no event with coordinates"

    page = browser.new_page(viewport={"width": 1500, "height": 900}, bypass_csp=True)  # the test evaluates JS
    outside, problems = _watch(page, server)
    page.goto(server + "/")
    page.wait_for_function("window.sitrep && window.sitrep.ready === true", timeout=30_000)

    # the legend takes its types and colours from the codebook the API serves
    book = httpx.get(f"{server}/codebook").json()["event_types"]
    assert [t.strip() for t in page.locator("#legend-list li").all_inner_texts()] == [t["name"] for t in book]
    swatches = page.eval_on_selector_all("#legend-list .swatch", "els => els.map(e => e.style.background)")
    assert swatches == [_rgb(t["colour"]) for t in book]

    # every mapped sample event is on the map: as its own marker or inside a numbered cluster
    page.wait_for_selector(".event-marker, .event-cluster")
    assert _markers_total(page) == len(mapped)
    singles = page.eval_on_selector_all(
        ".event-marker", "els => els.map(e => e.getAttribute('data-event-id'))"
    )
    assert set(singles) <= {e["event_id"] for e in mapped}
    assert page.locator("#events-table tbody tr").count() == len(events)
    assert page.locator("path.leaflet-interactive, svg path").count() > len(mapped)  # country outlines drawn

    # filter by one country: the map and the table follow
    country = max({e["country"] for e in mapped}, key=lambda c: sum(e["country"] == c for e in mapped))
    in_country = [e for e in events if e["country"] == country]
    page.select_option("#f-country", country)
    page.wait_for_function(
        "n => window.sitrep.events.length === n && document.querySelectorAll('#events-table tbody tr').length === n",
        arg=len(in_country),
    )
    assert _markers_total(page) == len([e for e in in_country if e["latitude"] is not None])
    assert set(page.locator("#events-table tbody td:nth-child(7)").all_inner_texts()) == {country}

    # open an event: its article with each field's evidence in a <mark> named after the field
    target = next(e for e in in_country if e["latitude"] is not None)
    page.click(f"#events-table tbody tr[data-event-id='{target['event_id']}']")
    page.wait_for_selector("#article-view:not([hidden]) mark[data-field]")
    detail = httpx.get(f"{server}/events/{target['event_id']}").json()
    for field, text in detail["evidence_text"].items():
        if field == "sentence":
            continue
        marked = page.eval_on_selector_all(
            f"#article-text mark[data-field~='{field}']", "els => els.map(e => e.textContent).join('')"
        )
        assert marked and marked in text or text in marked, (field, marked, text)
    tags = set(page.locator("#article-text sup.field-tag").all_inner_texts())
    assert tags == {f for f in detail["evidence"] if f != "sentence"}
    speakers = set(page.locator("#article-claims h4").all_inner_texts())
    assert speakers == {c["speaker"] for c in detail["claims"]}

    # back to every event, the article still open: the view the README shows
    page.click("#f-reset")
    page.wait_for_function("n => window.sitrep.events.length === n", arg=len(events))
    page.wait_for_timeout(300)
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("SITREP_SCREENSHOT"):  # `SITREP_SCREENSHOT=docs/screenshot.png pytest tests/web`
        shutil.copyfile(shot, os.environ["SITREP_SCREENSHOT"])
    assert not outside, f"the page tried to reach the network: {outside}"
    assert not problems, f"errors in the page: {problems}"


def test_timeline_brush_filters_the_map(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 800}, bypass_csp=True)
    outside, problems = _watch(page, server)
    page.goto(server + "/")
    page.wait_for_function("window.sitrep && window.sitrep.ready === true", timeout=30_000)
    total = page.evaluate("window.sitrep.events.length")
    bars = page.locator("#timeline rect.bar")
    assert bars.count() >= 2, "the samples should span several days"
    first = bars.first.get_attribute("data-day")

    box = page.locator("#timeline").bounding_box()
    bar = bars.first.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(bar["x"] + bar["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.mouse.up()
    brush = page.evaluate("window.sitrep.brush")
    assert brush is not None and brush[1] >= first
    rows = page.locator("#events-table tbody tr").count()
    expected = page.evaluate(
        "b => window.sitrep.events.filter(e => e.date_start <= b[1] && e.date_end >= b[0]).length", brush
    )
    assert 0 < rows == expected < total
    assert _markers_total(page) <= rows

    page.click("#brush-clear")
    assert page.evaluate("window.sitrep.brush") is None
    assert page.locator("#events-table tbody tr").count() == total

    # zoomed right out, nearby events merge into numbered clusters; none is lost
    mapped = page.evaluate("() => window.sitrep.events.filter((e) => e.latitude !== null).length")
    page.evaluate(
        "() => { window.sitrep.map.setZoom(1, {animate: false}); }"
    )  # return nothing: the map is huge
    page.wait_for_timeout(300)
    assert _markers_total(page) == mapped
    assert not outside and not problems


def _markers_total(page) -> int:
    singles = page.locator(".event-marker").count()
    clustered = page.eval_on_selector_all(
        ".event-cluster", "els => els.reduce((n, e) => n + Number(e.getAttribute('data-count')), 0)"
    )
    return singles + clustered


def _watch(page, server: str) -> tuple[list[str], list[str]]:
    """Abort and record requests that leave the server; record console errors and page errors."""
    outside: list[str] = []
    problems: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(server + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return outside, problems


def test_page_runs_under_its_own_content_security_policy(server: str, browser) -> None:
    page = browser.new_page()  # CSP enforced: a violation would show as a console error
    outside, problems = _watch(page, server)
    page.goto(server + "/")
    page.wait_for_selector(".event-marker, .event-cluster", timeout=30_000)
    page.wait_for_selector("#events-table tbody tr")
    assert not outside and not problems
