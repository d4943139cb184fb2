"""One hostile record loses nothing: deep nesting, lone surrogates, NUL, future dates, symlinked folders.

Each of these once lost a whole file or run (a RecursionError or UnicodeEncodeError escaped
the reader), or was accepted or skipped silently.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

from sitrep.ingest import read_paths
from sitrep.ingest.common import make_article
from sitrep.model import Article, IngestError

GOOD = "A drone strike killed two people in Kharkiv on Monday, officials said."


def _split(items) -> tuple[list[Article], list[IngestError]]:
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def _folder_of_twelve(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n:02d}.txt").write_text(f" date 2024-02-0{1 + n % 9} {GOOD} Report {n}.\n")
    return folder


def test_a_deeply_nested_json_line_is_one_error_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = _folder_of_twelve(tmp_path)
    good = json.dumps({"text": GOOD, "published": "2024-02-08"})
    (folder / "deep.jsonl").write_text(
        "[" * 1000 + "]" * 1000 + "\n" + '{"text": ' * 3000 + "\n" + good + "\n"
    )
    articles, errors = _split(read_paths([folder]))
    assert len(articles) == 13
    assert [e.origin for e in errors] == [f"{folder}/deep.jsonl:1", f"{folder}/deep.jsonl:2"]
    assert "nested too deeply" in errors[0].message


def test_a_deep_json_document_falls_back_to_lines(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 5000 + "]" * 5000)
    articles, errors = _split(read_paths([path]))
    assert articles == [] and len(errors) == 1 and errors[0].origin.endswith("deep.json:1")


def test_a_lone_surrogate_is_replaced_and_the_article_kept(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    path.write_text(
        '{"text": "Shelling hit Kharkiv \\ud800 on Monday.", "published": "2024-02-08", "title": "\\udfff t"}\n'
        '{"text": "Nul \\u0000 byte in Kharkiv.", "published": "2024-02-08"}\n'
    )
    articles, errors = _split(read_paths([path]))
    assert errors == []
    assert articles[0].text == "Shelling hit Kharkiv \ufffd on Monday." and articles[0].title == "\ufffd t"
    assert articles[1].text == "Nul  byte in Kharkiv."
    for article in articles:
        article.id.encode("utf-8")
        article.text.encode("utf-8")


def test_deep_html_is_one_error_for_that_page(tmp_path: Path) -> None:
    folder = _folder_of_twelve(tmp_path)
    (folder / "deep.html").write_text(
        '<html><head><meta property="article:published_time" content="2024-02-08"></head><body>'
        + "<div>" * 5000
        + GOOD
        + "</div>" * 5000
        + "</body></html>"
    )
    articles, errors = _split(read_paths([folder]))
    assert len(articles) >= 12
    assert all(e.origin.endswith("deep.html") or ":" in e.origin for e in errors)


def test_a_publication_date_in_the_future_is_an_error() -> None:
    today = date(2024, 5, 1)
    assert isinstance(make_article("x", GOOD, today + timedelta(days=1), today=today), Article)
    late = make_article("x:3", GOOD, today + timedelta(days=2), today=today)
    assert isinstance(late, IngestError) and "in the future" in late.message and late.origin == "x:3"


def test_a_future_date_in_a_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "future.txt"
    path.write_text(f" date {(date.today() + timedelta(days=30)).isoformat()} {GOOD}\n")
    articles, errors = _split(read_paths([path]))
    assert articles == [] and "in the future" in errors[0].message


def test_a_symlinked_folder_inside_an_input_folder_is_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text(f" date 2024-02-08 {GOOD}\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text(f" date 2024-02-09 {GOOD}\n")
    os.symlink(elsewhere, folder / "linked")
    articles, errors = _split(read_paths([folder]))
    assert sorted(a.published.day for a in articles) == [8, 9] and errors == []


def test_a_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text(f" date 2024-02-09 {GOOD}\n")
    os.symlink(folder, folder / "again")
    articles, errors = _split(read_paths([folder]))
    assert len(articles) == 1
    assert len(errors) == 1 and "loops back" in errors[0].message


def test_a_broken_csv_row_is_its_own_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(f'text,published\n"{GOOD}",2024-02-08\n"{GOOD} 2",2024-99-99\n"{GOOD} 3",2024-02-09\n')
    articles, errors = _split(read_paths([path]))
    assert len(articles) == 2 and len(errors) == 1 and errors[0].origin.endswith("x.csv:3")


def test_a_record_that_makes_building_fail_is_its_own_error(tmp_path: Path, monkeypatch) -> None:
    from sitrep.ingest import tabular

    real = tabular.make_article

    def flaky(origin: str, text: str, *args, **kwargs):
        if "boom" in text:
            raise RuntimeError("reader bug")
        return real(origin, text, *args, **kwargs)

    monkeypatch.setattr(tabular, "make_article", flaky)
    path = tmp_path / "x.jsonl"
    lines = [{"text": GOOD, "published": "2024-02-08"}, {"text": "boom", "published": "2024-02-08"}]
    lines.append({"text": GOOD + " 3", "published": "2024-02-09"})
    path.write_text("\n".join(json.dumps(line) for line in lines))
    articles, errors = _split(read_paths([path]))
    assert len(articles) == 2 and [e.origin for e in errors] == [f"{path}:2"]
    assert "RuntimeError: reader bug" in errors[0].message
