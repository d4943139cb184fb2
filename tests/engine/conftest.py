"""A small crawl built here: a few hundred WARC records, several languages, a broken tail."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sitrep.ingest import read_paths
from sitrep.ingest.warc import news_page, write_warc
from sitrep.model import Article

FUSION = Path(__file__).parents[1] / "data" / "fusion"
FOREIGN = {
    "fr": "Le conseil municipal a voté le budget des écoles et des bibliothèques pour l'année prochaine.",
    "de": "Der Stadtrat hat den Haushalt für Schulen und Bibliotheken für das kommende Jahr beschlossen.",
    "es": "El consejo municipal aprobó el presupuesto de las escuelas y bibliotecas para el próximo año.",
}
TOWNS = "Leeds Porto Lyon Graz Turku Ghent Cork Bergen Malmo Trieste".split()
TOPICS = "library hours|bus timetable|school meals|park benches|recycling rules|harbour fees".split("|")


def crawl_pages(seed: int = 3) -> tuple[list[tuple[str, str]], int]:
    """(url, html) of every English conflict report of the fusion corpus, plus filler, shuffled."""
    rng = random.Random(seed)
    pages = [
        (
            f"https://news.example.org/{Path(a.origin.split(':')[0]).stem}",
            news_page("", a.text, a.published.isoformat()),
        )
        for a in read_paths([FUSION])
        if isinstance(a, Article)
    ]
    reports = len(pages)
    for i in range(120):
        town, topic = rng.choice(TOWNS), rng.choice(TOPICS)
        text = (
            f"The council of {town} agreed new {topic} on Monday after a long debate.\n\n"
            f"Residents asked questions about item {i} and the mayor promised an answer next month."
        )
        pages.append(
            (
                f"https://local.example.org/{i}",
                news_page(f"{town} council", text, f"2024-0{1 + i % 9}-1{i % 10}"),
            )
        )
    for i in range(30):
        lang = ["fr", "de", "es"][i % 3]
        pages.append(
            (
                f"https://{lang}.example.org/{i}",
                news_page("", f"{FOREIGN[lang]} ({i})", "2024-03-05", lang=lang),
            )
        )
    rng.shuffle(pages)
    return pages, reports


@pytest.fixture(scope="session")
def crawl_warc(tmp_path_factory) -> Path:
    """A gzipped WARC of ~200 records: reports, filler, other languages, non-pages and a bad tail."""
    path = tmp_path_factory.mktemp("crawl") / "crawl.warc.gz"
    pages, _ = crawl_pages()
    with path.open("wb") as out:
        write_warc(out, pages)
        write_warc(out, [("https://news.example.org/empty", b"")])
        write_warc(
            out,
            [(f"https://news.example.org/img{i}.png", b"\x89PNG") for i in range(5)],
            content_type="image/png",
        )
        write_warc(out, [("https://news.example.org/gone", "<html>gone</html>")], status="404 Not Found")
        out.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ntruncated")
    return path
