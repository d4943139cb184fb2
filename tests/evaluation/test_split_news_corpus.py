"""The corpus splitter (``scripts/split_news_corpus.py``): a new batch never moves old articles."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "split_news_corpus", Path(__file__).resolve().parents[2] / "scripts" / "split_news_corpus.py"
)
splitter = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(splitter)


def _key_on(half: str) -> str:
    """A group key the hash sends to ``half``."""
    return next(f"incident:k{i}" for i in range(100) if splitter.side(f"incident:k{i}") == half)


def test_old_articles_keep_their_half_and_new_reports_of_their_incident_join_them():
    test_key, dev_key = _key_on("test"), _key_on("dev")
    found = {
        test_key: ["old_a", "new_a"],  # the hash says test, but old_a was moved to dev
        dev_key: ["new_b", "new_c"],
        "article:new_d": ["new_d"],
    }
    before = {"dev": ["old_a"], "test": []}
    split = splitter.assign(found, before, validation=True)
    assert "old_a" in split["dev"] and "new_a" in split["dev"]
    assert split["validation"] == ["new_b", "new_c"]  # a new group the hash puts on dev is held out
    side_d = splitter.side("article:new_d")
    assert "new_d" in split["validation" if side_d == "dev" else "test"]
    plain = splitter.assign(found, before)
    assert "validation" not in plain and {"new_b", "new_c", "old_a", "new_a"} <= set(plain["dev"])


def test_a_new_report_joins_the_half_of_the_article_that_tells_its_incident_as_news():
    """A dev article recalls a test incident, so its group spans both halves; a new report of
    the dev article's own incident goes to dev, whatever order the group lists them in."""
    found = {"incident:strike": ["recalled_in_test", "tells_it_in_dev", "new"]}
    before = {"dev": ["tells_it_in_dev"], "test": ["recalled_in_test"]}
    mains = {"recalled_in_test": {"pazigyi"}, "tells_it_in_dev": {"nyaung-kone"}, "new": {"nyaung-kone"}}
    assert "new" in splitter.assign(found, before, mains=mains)["dev"]


def test_new_reports_of_one_incident_go_to_one_half_even_when_no_old_article_tells_it():
    """Three new reports of one border clash: two also tell a test incident, one only the clash,
    which a dev article recalls; all three go where the test incident is."""
    found = {"incident:border": ["recalls_it_in_dev", "tells_skirmish_in_test", "new_a", "new_b", "new_c"]}
    before = {"dev": ["recalls_it_in_dev"], "test": ["tells_skirmish_in_test"]}
    mains = {
        "recalls_it_in_dev": {"later-clash"},
        "tells_skirmish_in_test": {"skirmish"},
        "new_a": {"clash"},
        "new_b": {"clash", "skirmish"},
        "new_c": {"clash"},
    }
    split = splitter.assign(found, before, mains=mains)
    assert {"new_a", "new_b", "new_c"} <= set(split["test"])
