"""``sitrep eval fusion``: the hand-written fusion corpus scored pair by pair."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.evaluation.fusion import CorpusFusion, pairwise

CORPUS = Path(__file__).parents[1] / "data" / "fusion"


def test_errors_name_the_missed_and_the_wrong_pairs():
    gold = {"a.txt": "kerman", "b.txt": "kerman", "c.txt": "sumy", "d.txt": "sumy"}
    predicted = {"a.txt": "i1", "b.txt": "i2", "c.txt": "i2", "d.txt": "i3"}
    report = CorpusFusion([], predicted, {}, pairwise(gold, predicted), gold)
    assert report.errors() == [
        ("missed", "a.txt", "b.txt"),
        ("wrong", "b.txt", "c.txt"),
        ("missed", "c.txt", "d.txt"),
    ]
    assert "P 0.000 R 0.000 (0 right of 1 linked, 2 true)" in report.table()
    assert report.errors_table().splitlines()[1] == "wrong pair: b.txt | c.txt"


def test_cli_scores_the_first_articles_of_the_corpus():
    result = CliRunner().invoke(main, ["eval", "fusion", "--limit", "6", "--json", "--data-dir", str(CORPUS)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["suite"] == "fusion" and report["articles"] == 6
    assert report["true_pairs"] > 0 and report["precision"] >= 0.95 and report["recall"] >= 0.95
