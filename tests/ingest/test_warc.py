"""WARC input: HTML responses become articles; other languages are counted, bad records reported."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest import by_language, read_html_text, read_paths
from sitrep.ingest.warc import language_of, news_page, page_article, read_warc_file, write_warc
from sitrep.model import Article, IngestError

FEEDS = Path(__file__).parents[1] / "data" / "inputs" / "feeds"
STRIKE = (
    "A drone strike hit a car in the Mashtal district of Baghdad on Wednesday night, killing three "
    "members of Kataib Hezbollah, security officials said.\n\nThe US military said it carried out the strike."
)
FRENCH = (
    "Une frappe de drone a touché une voiture dans le quartier de Mashtal à Bagdad mercredi soir, "
    "tuant trois membres du Kataeb Hezbollah, selon des responsables de la sécurité."
)
GERMAN = (
    "Ein Drohnenangriff hat am Mittwochabend im Bagdader Stadtteil Mashtal ein Auto getroffen und drei "
    "Mitglieder der Kataib Hisbollah getötet, sagten Sicherheitsbeamte."
)


def build(path: Path, *, tail: bytes = b"") -> Path:
    with path.open("wb") as out:
        write_warc(
            out,
            [
                (
                    "https://news.example.org/iraq/strike",
                    news_page("Drone strike in Baghdad", STRIKE, "2024-02-08"),
                ),
                (
                    "https://journal.example.fr/irak",
                    news_page("Frappe à Bagdad", FRENCH, "2024-02-08", lang="fr"),
                ),
                (
                    "https://zeitung.example.de/irak",
                    news_page("Angriff in Bagdad", GERMAN, "2024-02-08", lang="de"),
                ),
                ("https://news.example.org/empty", b""),
            ],
        )
        write_warc(out, [("https://news.example.org/logo.png", b"\x89PNG....")], content_type="image/png")
        write_warc(
            out,
            [("https://news.example.org/gone", news_page("Gone", STRIKE, "2024-02-08"))],
            status="404 Not Found",
        )
        out.write(tail)
    return path


def test_html_responses_become_articles_with_language_date_and_url(tmp_path):
    items = list(read_warc_file(build(tmp_path / "crawl.warc.gz")))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.lang for a in articles] == ["en", "fr", "de"]
    english = articles[0]
    assert english.published == date(2024, 2, 8)
    assert english.url == "https://news.example.org/iraq/strike"
    assert "killing three members of Kataib Hezbollah" in english.text
    assert "Cup final" not in english.text and "Cookie" not in english.text  # teasers and footer dropped
    assert english.origin.endswith("crawl.warc.gz#1")  # file#record number
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [e.message for e in errors] == ["empty or binary page"]  # the image and the 404 are not articles


def test_a_broken_record_ends_the_file_with_an_error_and_keeps_what_came_before(tmp_path):
    items = list(read_warc_file(build(tmp_path / "broken.warc.gz", tail=b"\x1f\x8b\x08\x00garbage" * 20)))
    assert sum(isinstance(i, Article) for i in items) == 3
    assert "unreadable WARC record" in items[-1].message


def test_other_languages_are_counted_not_silently_dropped(tmp_path):
    skipped: Counter[str] = Counter()
    items = list(by_language(read_paths([build(tmp_path / "crawl.warc.gz")]), "en", skipped))
    assert [i.lang for i in items if isinstance(i, Article)] == ["en"]
    assert skipped == Counter({"fr": 1, "de": 1})


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (STRIKE, "en"),
        (FRENCH, "fr"),
        (GERMAN, "de"),
        ("Удар беспилотника по Харькову убил двух человек.", "ru"),
    ],
)
def test_language_of_uses_the_packaged_model(text, lang):
    assert language_of(text) == lang


def test_trafilatura_matches_the_standard_library_reader_on_the_page_fixture():
    """Side by side on the HTML fixture: the same paragraphs and date, boilerplate dropped by both."""
    html = (FEEDS / "page.html").read_text()
    ours = next(read_html_text("page.html", html))
    theirs = page_article("page.html", html.encode(), url="https://levant.example.org/syria/idlib-airstrike")
    assert isinstance(ours, Article) and isinstance(theirs, Article)
    assert ours.published == theirs.published == date(2024, 5, 14)
    assert ours.text.split() == theirs.text.split()
    assert "Subscribe" not in theirs.text and "newsletter" not in theirs.text


def test_a_page_without_an_article_element_loses_its_menus_only_with_trafilatura():
    html = news_page("Drone strike in Baghdad", STRIKE, "2024-02-08")
    ours = next(read_html_text("p.html", html))
    theirs = page_article("p.html", html.encode())
    assert "Cup final" in ours.text  # the standard-library reader keeps the teasers of a div-only page
    assert "Cup final" not in theirs.text and "Mashtal" in theirs.text
