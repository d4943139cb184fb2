"""RSS / Atom feeds and saved web pages: one article per feed item or page.

A malformed feed is one error naming the file and line; an item without a date or text
is one error naming the file and item number, and the other items are read. A page
without a publication date is one error naming the file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.config import ColumnNames
from sitrep.ingest import read_file, read_paths, read_source
from sitrep.model import Article, IngestError

FEEDS = Path(__file__).resolve().parents[1] / "data" / "inputs" / "feeds"


def split(items) -> tuple[list[Article], list[IngestError]]:
    items = list(items)
    assert all(isinstance(i, Article | IngestError) for i in items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def sniffed(text: str, name: str = "in"):
    """Read bytes with no extension to go by: the reader is chosen from the content."""
    return split(read_source(name, text.encode("utf-8"), None, ColumnNames()))


def rss(*items: str, title: str = "Wire") -> str:
    return f'<rss version="2.0"><channel><title>{title}</title>{"".join(items)}</channel></rss>'


# --- RSS -------------------------------------------------------------------------------


def test_rss_items_become_articles_and_an_undated_item_is_one_error():
    path = FEEDS / "news.rss"
    articles, errors = split(read_file(path))
    assert [(a.origin, a.published) for a in articles] == [
        (f"{path}:item 1", date(2024, 3, 5)),
        (f"{path}:item 3", date(2024, 3, 6)),
    ]
    [error] = errors
    assert error.origin == f"{path}:item 2"
    assert str(error).startswith(f"{path}:item 2: ")
    assert "no publication date" in error.message and "pubDate" in error.message

    first, third = articles
    assert first.title == "Car bomb kills six at Mogadishu checkpoint"
    assert first.url == "https://wire.example.org/somalia/mogadishu-car-bomb"
    assert first.source == "Horn of Africa Wire"
    # content:encoded (the full story) is preferred to the teaser description; tags and
    # scripts are gone, paragraphs are separated by a blank line.
    assert first.text == (
        "A car bomb exploded at a security checkpoint near the parliament in Mogadishu on Tuesday,"
        " killing six people, police said.\n\nAl-Shabaab said it carried out the attack."
    )
    assert third.title == "Sudanese army shells Omdurman & Bahri"
    assert third.text == (
        "The Sudanese army shelled positions of the Rapid Support Forces in Omdurman on Wednesday."
        "\n\nMedics said four civilians were killed."
    )
    assert third.id == Article.make_id(third.text, date(2024, 3, 6))


def test_rss_bad_date_and_empty_text_are_errors_naming_the_item():
    text = rss(
        "<item><title>A</title><pubDate>Fri, 30 Feb 2024 10:00:00 GMT</pubDate>"
        "<description>Troops shelled a village.</description></item>",
        "<item><title>B</title><pubDate>Sat, 02 Mar 2024 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt; &lt;/p&gt;</description></item>",
        "<item><title>C</title><pubDate>Sun, 03 Mar 2024 10:00:00 GMT</pubDate>"
        "<description>Police fired tear gas at protesters.</description></item>",
    )
    articles, errors = split(read_source("w.xml", text.encode(), "feed", ColumnNames()))
    assert [e.origin for e in errors] == ["w.xml:item 1", "w.xml:item 2"]
    assert "Fri, 30 Feb 2024" in errors[0].message
    assert "no text" in errors[1].message
    [article] = articles
    assert (article.origin, article.published, article.text, article.source) == (
        "w.xml:item 3",
        date(2024, 3, 3),
        "Police fired tear gas at protesters.",
        "Wire",
    )


def test_malformed_feed_is_one_error_naming_file_and_line():
    path = FEEDS / "broken.rss"
    articles, errors = split(read_file(path))
    assert articles == []
    [error] = errors
    assert error.origin == f"{path}:9"
    assert "malformed XML" in error.message and "line 9" in error.message

    _, [error] = sniffed("<rss>\n<channel>\n<item></channel>\n</rss>\n", name="x")
    assert error.origin == "x:3" and "mismatched tag" in error.message


def test_xml_that_is_not_a_feed_and_a_feed_without_items():
    _, [error] = sniffed('<?xml version="1.0"?><catalog><book/></catalog>', name="c.xml")
    assert error.origin == "c.xml:1" and "not an RSS or Atom feed" in error.message
    _, [error] = sniffed(rss(), name="e.rss")
    assert error.origin == "e.rss" and "no items" in error.message


# --- Atom ------------------------------------------------------------------------------


def test_atom_entries_with_html_and_xhtml_content():
    path = FEEDS / "news.atom"
    articles, errors = split(read_file(path))
    assert errors == []
    first, second = articles
    # <published> wins over <updated>; <updated> is used when there is no <published>.
    assert (first.origin, first.published) == (f"{path}:item 1", date(2024, 4, 11))
    assert (second.origin, second.published) == (f"{path}:item 2", date(2024, 4, 10))
    assert first.title == "Jihadists attack army post in northern Burkina Faso"
    assert first.url == "https://sahel.example.org/burkina/djibo-attack"
    assert second.url == "https://sahel.example.org/mali/mopti-clash"
    assert {a.source for a in articles} == {"Sahel Monitor"}
    assert first.text == (
        "Militants attacked an army post near Djibo in northern Burkina Faso on Thursday, killing 12"
        " soldiers, security sources said.\n\nThe army said it repelled the assault."
    )
    assert second.text == (
        "Clashes between farmers and herders near Mopti in central Mali left three people dead on"
        " Tuesday, local officials said.\n\nSeveral granaries were burned."
    )
    assert "<" not in first.text + second.text


def test_atom_entry_without_date_is_an_error_and_summary_is_the_fallback_text():
    text = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Sahel</title>'
        "<entry><title>No date</title><summary>Gunmen attacked a bus.</summary></entry>"
        "<entry><title>Dated</title><updated>2024-04-09</updated>"
        '<link rel="self" href="https://e.org/api/2"/><link href="https://e.org/2"/>'
        "<summary>Soldiers clashed with rebels near Gao.</summary></entry></feed>"
    )
    [article], [error] = sniffed(text, name="s.atom")
    assert error.origin == "s.atom:item 1" and "no publication date" in error.message
    assert (article.origin, article.published, article.url, article.text) == (
        "s.atom:item 2",
        date(2024, 4, 9),
        "https://e.org/2",
        "Soldiers clashed with rebels near Gao.",
    )


# --- HTML pages ------------------------------------------------------------------------


def test_html_page_keeps_the_article_text_and_drops_the_page_furniture():
    path = FEEDS / "page.html"
    [article], errors = split(read_file(path))
    assert errors == []
    assert article.origin == str(path)
    assert article.published == date(2024, 5, 14)
    assert article.title == "Airstrike hits market in Idlib, killing seven"  # og:title, not <title>
    assert article.url == "https://levant.example.org/syria/idlib-airstrike"  # canonical, not og:url
    assert article.source == "Levant Daily"
    assert article.text == (
        "Airstrike hits market in Idlib, killing seven\n\n"
        "An airstrike hit a crowded vegetable market in the town of Ariha in Idlib province on Tuesday,"
        " killing seven civilians, rescue workers said.\n\n"
        "The White Helmets said 15 people were wounded & taken to hospitals in Idlib city."
    )
    for noise in ("Subscribe", "Sport", "Copyright", "Read more", "newsletter", "dataLayer", "color"):
        assert noise not in article.text


def test_html_page_without_date_is_one_error_naming_the_file():
    path = FEEDS / "nodate.html"
    articles, [error] = split(read_file(path))
    assert articles == []
    assert error.origin == str(path)
    assert str(error).startswith(f"{path}: ") and "no publication date" in error.message


def test_html_fallbacks_title_og_url_time_and_main():
    page = (
        "<!DOCTYPE html><html><head><title> Riot in Dhaka </title>"
        '<meta property="og:url" content="https://e.org/dhaka"></head><body>'
        "<nav>Home | World</nav><main><h2>Riot in Dhaka</h2>"
        '<p>Police and students clashed in Dhaka on <time datetime="2024-07-16T11:00:00+06:00">'
        "Tuesday</time>.<br>Dozens were hurt.</p></main><footer>About us</footer></body></html>"
    )
    [article], errors = sniffed(page, name="p")
    assert errors == []
    assert (article.title, article.url, article.published) == (
        "Riot in Dhaka",
        "https://e.org/dhaka",
        date(2024, 7, 16),
    )
    assert (
        article.text
        == "Riot in Dhaka\n\nPolice and students clashed in Dhaka on Tuesday.\n\nDozens were hurt."
    )


@pytest.mark.parametrize("key", ['name="date"', 'name="pubdate"', 'name="PublishDate"'])
def test_html_date_meta_names_and_body_fallback(key):
    page = f'<html><head><meta {key} content="2024-02-03"></head><body><p>Troops clashed.</p></body></html>'
    [article], errors = sniffed(page)
    assert errors == []
    assert (article.published, article.text, article.title, article.url) == (
        date(2024, 2, 3),
        "Troops clashed.",
        "",
        "",
    )


def test_html_bad_date_is_an_error():
    page = (
        '<html><head><meta name="date" content="2024-02-30"></head><body><p>Troops clashed.</p></body></html>'
    )
    [error] = list(read_source("bad.htm", page.encode(), "html", ColumnNames()))
    assert isinstance(error, IngestError)
    assert error.origin == "bad.htm" and "2024-02-30" in error.message


# --- extensions and content sniffing ---------------------------------------------------


@pytest.mark.parametrize("fixture", ["news.rss", "news.atom", "page.html"])
def test_sniffing_without_extension_gives_the_same_items_as_the_file(fixture):
    data = (FEEDS / fixture).read_bytes()
    by_content = list(read_source("stdin", data, None, ColumnNames()))
    by_extension = list(read_file(FEEDS / fixture))
    assert [type(i) for i in by_content] == [type(i) for i in by_extension]
    assert [a.id for a in by_content if isinstance(a, Article)] == [
        a.id for a in by_extension if isinstance(a, Article)
    ]
    assert any(isinstance(i, Article) for i in by_content)


@pytest.mark.parametrize(
    "text",
    [
        rss(
            "<item><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate><description>Rebels seized Goma."
            "</description></item>"
        ),
        '  \n<feed xmlns="http://www.w3.org/2005/Atom"><entry><published>2024-03-04T08:00:00Z'
        "</published><content>Rebels seized Goma.</content></entry></feed>",
        '<html><head><meta property="article:published_time" content="2024-03-04"></head>'
        "<body><article><p>Rebels seized Goma.</p></article></body></html>",
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<meta name="date" content="2024-03-04"/></head><body><p>Rebels seized Goma.</p></body></html>',
    ],
    ids=["rss", "atom", "html", "xhtml"],
)
def test_content_sniffing_picks_the_reader(text):
    [article], errors = sniffed(text)
    assert errors == []
    assert (article.published, article.text) == (date(2024, 3, 4), "Rebels seized Goma.")


def test_xml_and_htm_extensions_and_a_folder_batch_goes_on(tmp_path):
    (tmp_path / "a.xml").write_text(
        rss(
            "<item><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate><description>Rebels seized Goma."
            "</description></item>"
        )
    )
    (tmp_path / "b.htm").write_text(
        '<html><head><meta name="date" content="2024-03-05"></head><body><p>Police fired tear gas.</p>'
        "</body></html>"
    )
    (tmp_path / "c.rss").write_text("<rss><channel><item>")
    (tmp_path / "d.txt").write_text(" date 2024-03-06 Troops clashed with rebels.\n")
    articles, errors = split(read_paths([tmp_path]))
    assert [(Path(a.origin).name, a.published) for a in articles] == [
        ("a.xml:item 1", date(2024, 3, 4)),
        ("b.htm", date(2024, 3, 5)),
        ("d.txt:1", date(2024, 3, 6)),
    ]
    [error] = errors
    assert error.origin == f"{tmp_path / 'c.rss'}:1" and "malformed XML" in error.message
