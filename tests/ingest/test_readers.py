"""The input readers: seed text, JSONL, JSON, CSV, folders and standard input.

Every bad item must become one ``IngestError`` that names the file and line and says
what is wrong, and the batch must go on past it.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from sitrep.config import ColumnNames
from sitrep.ingest import read_file, read_paths, read_source
from sitrep.model import Article, IngestError

INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"
SEED = Path("/work/shared/seed/000_c367e14d7430fab3.txt")
CUSTOM = ColumnNames(text="body", published="date", url="link", title="headline", source="outlet")


def split(items) -> tuple[list[Article], list[IngestError]]:
    items = list(items)
    assert all(isinstance(i, Article | IngestError) for i in items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def read_text(text: str, kind: str | None, columns: ColumnNames | None = None, name: str = "in"):
    return split(read_source(name, text.encode("utf-8"), kind, columns or ColumnNames()))


# --- the seed format -------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="shared seed file not present")
def test_seed_file_is_one_article_with_header_removed():
    articles, errors = split(read_paths([SEED]))
    assert errors == []
    [article] = articles
    assert article.published == date(2024, 2, 8)
    assert article.text.startswith("A drone strike")
    assert "date 2024-02-08" not in article.text
    assert article.origin == f"{SEED}:1"
    assert article.id == Article.make_id(article.text, date(2024, 2, 8))


def test_id_is_a_content_hash():
    body = "A drone strike killed a commander in Baghdad on Wednesday, officials said."
    [a], _ = read_text(f" date 2024-02-08 {body}\n", "seed", name="a.txt")
    [b], _ = read_text(f" date 2024-02-08 {body}\n", "seed", name="elsewhere/b.txt")
    [c], _ = read_text(f" date 2024-02-09 {body}\n", "seed", name="a.txt")
    [d], _ = read_text(f" date 2024-02-08 {body} Two died.\n", "seed", name="a.txt")
    assert a.id == b.id  # where it was read from does not matter
    assert a.origin != b.origin
    assert a.id != c.id  # another date is another article
    assert a.id != d.id  # another text is another article
    assert len(a.id) == 16 and int(a.id, 16) >= 0


def test_txt_with_two_articles_gives_two_with_their_lines(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text(
        " date 2024-03-01 Rebels shelled the town of Goma on Friday.\n"
        "\n"
        "Two civilians were wounded.\n"
        " date 2024-03-02 Police dispersed a protest in Kinshasa on Saturday.\n",
        encoding="utf-8",
    )
    articles, errors = split(read_file(path))
    assert errors == []
    assert [(a.published, a.origin) for a in articles] == [
        (date(2024, 3, 1), f"{path}:1"),
        (date(2024, 3, 2), f"{path}:4"),
    ]
    assert articles[0].text == "Rebels shelled the town of Goma on Friday.\n\nTwo civilians were wounded."
    assert articles[1].text == "Police dispersed a protest in Kinshasa on Saturday."


@pytest.mark.parametrize(
    "body",
    [
        "on that\ndate the army said nothing.",  # a hard-wrapped line starting with "date"
        "fighters burned\ndate palms near the river.",
    ],
)
def test_body_line_starting_with_date_word_is_not_a_header(body):
    articles, errors = read_text(f" date 2024-03-01 Soldiers raided a village {body}\n", "seed")
    assert errors == []
    [article] = articles
    assert article.text.endswith(body)


def test_seed_header_without_leading_space_and_crlf():
    [article], errors = read_text("date 2024-02-08 Gunmen attacked a bus.\r\nNine died.\r\n", "seed")
    assert errors == []
    assert article.text == "Gunmen attacked a bus.\nNine died."


def test_impossible_date_in_second_article_does_not_stop_the_first():
    articles, errors = read_text(
        " date 2024-03-01 Rebels shelled Goma.\n date 2024-02-30 Police fired on protesters.\n", "seed"
    )
    assert [a.published for a in articles] == [date(2024, 3, 1)]
    [error] = errors
    assert error.origin == "in:2"
    assert "2024-02-30" in error.message and "impossible date" in error.message


def test_header_without_text_is_an_error():
    _, [error] = read_text(" date 2024-03-01 \n\n", "seed")
    assert "no text" in error.message


# --- a folder of good and bad files ----------------------------------------------------

EXPECTED_ERRORS = [
    # (origin suffix, words the message must hold)
    ("bad_date.txt:1", ["impossible date", "2024-13-45"]),
    ("binary.bin:1", ["binary data"]),
    ("custom_columns.csv:1", ["lacks column", "text", "published"]),
    ("empty.txt", ["empty input"]),
    ("feeds/broken.rss:9", ["malformed XML"]),
    ("feeds/news.rss:item 2", ["no publication date", "pubDate"]),
    ("feeds/nodate.html", ["no publication date"]),
    ("latin1.txt:1", ["not valid UTF-8", "0xe9"]),
    ("mixed.jsonl:2", ["broken JSON"]),
    ("mixed.jsonl:3", ["2024-02-30", "impossible"]),
    ("mixed.jsonl:4", ["no publication date"]),
    ("no_date.txt:1", ["no ' date YYYY-MM-DD ' header"]),
]

EXPECTED_ARTICLES = [
    ("feeds/news.atom:item 1", date(2024, 4, 11), "Militants attacked an army post"),
    ("feeds/news.atom:item 2", date(2024, 4, 10), "Clashes between farmers and herders"),
    ("feeds/news.rss:item 1", date(2024, 3, 5), "A car bomb exploded"),
    ("feeds/news.rss:item 3", date(2024, 3, 6), "The Sudanese army shelled"),
    ("feeds/page.html", date(2024, 5, 14), "Airstrike hits market in Idlib"),
    ("good.csv:2", date(2024, 8, 10), "Al-Shabaab militants attacked"),
    ("good.csv:3", date(2024, 7, 12), "Police in Nairobi arrested 22"),
    ("good.jsonl:1", date(2024, 4, 10), "Gunmen on motorcycles killed"),
    ("good.jsonl:2", date(2024, 6, 17), "Israeli troops and Palestinian"),
    ("good.jsonl:3", date(2024, 10, 3), "Thousands of people marched"),
    ("mixed.jsonl:1", date(2024, 2, 18), "A roadside bomb killed"),
    ("mixed.jsonl:5", date(2024, 5, 9), "Afghan Taliban security forces"),
]


def rel(origin: str) -> str:
    """An origin relative to the inputs folder: ``good.csv:2``, ``feeds/news.rss:item 1``."""
    return Path(origin).relative_to(INPUTS).as_posix()


@pytest.fixture(scope="module")
def folder_items():
    return list(read_paths([INPUTS]))


def test_folder_yields_every_good_article_and_one_error_per_bad_item(folder_items):
    articles, errors = split(folder_items)
    assert [(rel(a.origin), a.published) for a in articles] == [
        (origin, published) for origin, published, _ in EXPECTED_ARTICLES
    ]
    for article, (_, _, start) in zip(articles, EXPECTED_ARTICLES, strict=True):
        assert article.text.startswith(start)
    assert sorted(rel(e.origin) for e in errors) == [o for o, _ in EXPECTED_ERRORS]
    # Items come file by file; a bad line in mixed.jsonl does not hide the good line after it.
    names = [rel(i.origin) for i in folder_items]
    assert names.index("mixed.jsonl:5") > names.index("mixed.jsonl:4")


@pytest.mark.parametrize(("origin", "words"), EXPECTED_ERRORS, ids=[o for o, _ in EXPECTED_ERRORS])
def test_folder_error_names_file_line_and_problem(folder_items, origin, words):
    [error] = [i for i in folder_items if isinstance(i, IngestError) and rel(i.origin) == origin]
    assert error.origin == str(INPUTS / origin)
    assert str(error).startswith(f"{INPUTS / origin}: ")
    for word in words:
        assert word in error.message


def test_folder_metadata_is_kept(folder_items):
    [article] = [i for i in folder_items if i.origin.endswith("good.jsonl:1")]
    assert article.url == "https://news.example.org/niger/tillaberi-attack"
    assert article.title == "Gunmen kill nine villagers in western Niger"
    assert article.source == "Sahel Monitor"


def test_folder_skips_hidden_files_and_reports_an_empty_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(" date 2024-01-05 Troops clashed with rebels.\n")
    articles, errors = split(read_paths([tmp_path]))
    assert errors == []
    assert [a.origin for a in articles] == [f"{tmp_path / 'sub' / 'a.txt'}:1"]

    empty = tmp_path / "empty"
    empty.mkdir()
    _, [error] = split(read_paths([empty]))
    assert error.origin == str(empty)


def test_missing_path_is_an_error_naming_it_and_the_batch_goes_on(tmp_path):
    missing = tmp_path / "nowhere" / "articles.jsonl"
    articles, errors = split(read_paths([missing, INPUTS / "good.jsonl"]))
    [error] = errors
    assert error.origin == str(missing)
    assert str(missing) in str(error) and "no such file" in error.message
    assert len(articles) == 3


# --- JSONL, JSON and CSV ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-10-03", date(2024, 10, 3)),
        ("2024-10-03T18:30:00Z", date(2024, 10, 3)),
        ("2024-10-03T18:30:00+02:00", date(2024, 10, 3)),
        ("2024-10-03 18:30:00", date(2024, 10, 3)),
        ("Thu, 03 Oct 2024 18:30:00 GMT", date(2024, 10, 3)),
        (" 2024-10-03 ", date(2024, 10, 3)),
    ],
)
def test_jsonl_publication_date_forms(published, expected):
    line = json.dumps({"text": "Troops shelled a village.", "published": published}) + "\n"
    [article], errors = read_text(line, "jsonl")
    assert errors == []
    assert article.published == expected


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"text": "Troops shelled a village.", "published": "2024-02-30"}', ["impossible", "2024-02-30"]),
        ('{"text": "Troops shelled a village.", "published": "yesterday"}', ["unreadable", "yesterday"]),
        ('{"text": "Troops shelled a village.", "published": ""}', ["no publication date"]),
        ('{"text": "Troops shelled a village.", "published": null}', ["no publication date"]),
        ('{"text": "Troops shelled a village.", "published": 20240203}', ["unreadable", "20240203"]),
        ('{"text": "", "published": "2024-02-03"}', ["no article text", "'text'"]),
        ('{"text": 12, "published": "2024-02-03"}', ["no article text"]),
        ('["not", "an", "object"]', ["not an object"]),
        ('{"text": "unterminated', ["broken JSON"]),
    ],
)
def test_jsonl_bad_line_is_one_error_and_the_next_line_is_read(line, words):
    good = '{"text": "Police arrested five people.", "published": "2024-02-04"}'
    articles, errors = read_text(f"{line}\n\n{good}\n", "jsonl", name="x.jsonl")
    [error] = errors
    assert error.origin == "x.jsonl:1"
    for word in words:
        assert word in error.message
    [article] = articles
    assert article.origin == "x.jsonl:3"  # blank lines are skipped but still counted


def test_jsonl_with_custom_keys():
    line = (
        '{"body": "Rebels seized the town.", "date": "2024-06-01", "link": "https://e.org/x",'
        ' "headline": "Town seized", "outlet": "Wire"}\n'
    )
    [article], errors = read_text(line, "jsonl", CUSTOM)
    assert errors == []
    assert (article.text, article.published, article.url, article.title, article.source) == (
        "Rebels seized the town.",
        date(2024, 6, 1),
        "https://e.org/x",
        "Town seized",
        "Wire",
    )


def test_json_document_list_and_single_object():
    doc = (
        '[{"text": "Rebels seized the town.", "published": "2024-06-01"},'
        ' {"text": "Police fired tear gas.", "published": "2024-06-02"}, 3]'
    )
    articles, [error] = read_text(doc, "json", name="d.json")
    assert [a.published for a in articles] == [date(2024, 6, 1), date(2024, 6, 2)]
    assert error.origin == "d.json:item 2" and "not an object" in error.message
    [one], errors = read_text('{\n  "text": "A bomb exploded.",\n  "published": "2024-06-03"\n}\n', "json")
    assert errors == [] and one.published == date(2024, 6, 3)


def test_csv_custom_columns_with_quoted_commas_quotes_and_newlines():
    articles, errors = split(read_file(INPUTS / "custom_columns.csv", CUSTOM))
    assert errors == []
    first, second = articles
    assert first.published == date(2024, 5, 5)
    assert first.text.startswith("Security forces in Lahore, Pakistan, fired tear gas")
    assert '"We will not leave the streets," one organiser said' in first.text
    assert first.text.endswith("\nOfficers detained 40 people, according to the provincial police.")
    assert first.title == 'Police fire tear gas at "sit-in" in Lahore'
    assert first.url == "https://news.example.org/pakistan/lahore-teargas"
    assert first.source == "Indus Times"
    assert second.published == date(2024, 1, 9)
    assert "2,000 tonnes of wheat" in second.text
    assert second.title == "Missile hits grain warehouse in Izmail, Ukraine"
    # Origins point at the line where each row starts, even after a row that spans two lines.
    path = INPUTS / "custom_columns.csv"
    assert [a.origin for a in articles] == [f"{path}:2", f"{path}:4"]


def test_csv_missing_text_column_is_one_clear_error():
    text = "body,published\nTroops shelled a village.,2024-02-03\nPolice fired tear gas.,2024-02-04\n"
    articles, errors = read_text(text, "csv", name="t.csv")
    assert articles == []
    [error] = errors
    assert error.origin == "t.csv:1"
    assert "lacks column" in error.message and "text" in error.message and "body" in error.message


def test_csv_bad_row_does_not_stop_the_file():
    text = (
        "text,published\n"
        '"Troops shelled a village.",2024-02-30\n'
        ",2024-02-04\n"
        '"Police fired tear gas.",2024-02-05\n'
    )
    articles, errors = read_text(text, "csv", name="t.csv")
    assert [(e.origin, "2024-02-30" in e.message or "no article text" in e.message) for e in errors] == [
        ("t.csv:2", True),
        ("t.csv:3", True),
    ]
    [article] = articles
    assert (article.origin, article.published) == ("t.csv:4", date(2024, 2, 5))


def test_csv_long_article_is_read_not_a_broken_file():
    body = "Shelling continued. " * 8000  # 160,000 characters: over the csv module's default limit
    text = f'text,published\n"{body}",2024-02-03\n"Police fired tear gas.",2024-02-04\n'
    articles, errors = read_text(text, "csv")
    assert errors == []
    assert [len(a.text) for a in articles] == [len(body.strip("\n")), len("Police fired tear gas.")]


def test_too_long_article_is_an_error():
    body = "x" * 200_001
    _, [error] = read_text(f" date 2024-02-03 {body}\n", "seed")
    assert "longer than" in error.message


# --- decoding --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "origin", "words"),
    [
        (b"", "f", ["empty input"]),
        (b"  \n\n\t\n", "f", ["empty input"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "f:1", ["binary data"]),
        (
            b" date 2024-02-03 fine line\nsecond line caf\xe9\n",
            "f:2",
            ["not valid UTF-8", "0xe9", "offset 42"],
        ),
        (b" date 2024-02-03 text\n" + b"a" * 10_000 + b"\x00", "f:1", ["binary data"]),
    ],
)
def test_undecodable_input_is_one_error(data, origin, words):
    [error] = list(read_source("f", data, None, ColumnNames()))
    assert isinstance(error, IngestError)
    assert error.origin == origin
    for word in words:
        assert word in error.message


def test_utf8_bom_is_dropped():
    [article] = list(
        read_source("f", "\ufeff date 2024-02-03 Troops clashed.\n".encode(), None, ColumnNames())
    )
    assert article.text == "Troops clashed."


# --- standard input --------------------------------------------------------------------


def fake_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_in_seed_format(monkeypatch):
    fake_stdin(
        monkeypatch, b" date 2024-02-08 A drone strike hit a car in Baghdad.\n date 2024-02-09 More.\n"
    )
    articles, errors = split(read_paths(["-"]))
    assert errors == []
    assert [(a.origin, a.published) for a in articles] == [
        ("<stdin>:1", date(2024, 2, 8)),
        ("<stdin>:2", date(2024, 2, 9)),
    ]
    assert articles[0].text == "A drone strike hit a car in Baghdad."


def test_stdin_in_jsonl(monkeypatch):
    data = (INPUTS / "mixed.jsonl").read_bytes()
    fake_stdin(monkeypatch, data)
    articles, errors = split(read_paths(["-"]))
    assert [a.origin for a in articles] == ["<stdin>:1", "<stdin>:5"]
    assert [e.origin for e in errors] == ["<stdin>:2", "<stdin>:3", "<stdin>:4"]
    # The same bytes read from the file give the same articles.
    from_file, _ = split(read_file(INPUTS / "mixed.jsonl"))
    assert [a.id for a in articles] == [a.id for a in from_file]


def test_stdin_single_json_line_and_json_array(monkeypatch):
    fake_stdin(monkeypatch, b'{"text": "Troops clashed.", "published": "2024-10-03T18:30:00Z"}\n')
    [article] = list(read_paths(["-"]))
    assert isinstance(article, Article) and article.published == date(2024, 10, 3)
    fake_stdin(monkeypatch, b'[{"text": "Troops clashed.", "published": "2024-10-03"}]')
    [article] = list(read_paths(["-"]))
    assert isinstance(article, Article) and article.text == "Troops clashed."


def test_stdin_without_buffer_is_still_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(" date 2024-02-08 Troops clashed.\n"))
    [article] = list(read_paths(["-"]))
    assert isinstance(article, Article) and article.published == date(2024, 2, 8)


# --- idempotence -----------------------------------------------------------------------


def test_reading_twice_gives_identical_items(folder_items):
    again = list(read_paths([INPUTS]))
    assert again == folder_items
    ids = [a.id for a in folder_items if isinstance(a, Article)]
    assert len(ids) == len(set(ids))


def test_same_article_in_two_formats_has_one_id(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2024-02-08 Troops clashed near Goma.\n")
    (tmp_path / "b.jsonl").write_text(
        '{"text": "Troops clashed near Goma.", "published": "2024-02-08T09:00:00Z"}\n'
    )
    (tmp_path / "c.csv").write_text("text,published\nTroops clashed near Goma.,2024-02-08\n")
    articles, errors = split(read_paths([tmp_path]))
    assert errors == []
    assert len(articles) == 3 and len({a.id for a in articles}) == 1
