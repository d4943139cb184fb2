"""The TimeBank scorer runs on a few gold documents and gives sane numbers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sitrep.evaluation.temporal import parse_tml, score_timebank

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("SITREP_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))
TIMEBANK = DATA_DIR / "tempeval3" / "TimeBank"


@pytest.fixture(scope="module")
def timebank() -> Path:
    if not TIMEBANK.is_dir():
        pytest.skip(f"TimeBank gold not found at {TIMEBANK}")
    return TIMEBANK


def test_parse_tml_keeps_offsets_and_drops_dct(timebank: Path) -> None:
    doc = parse_tml(sorted(timebank.glob("*.tml"))[0])
    assert doc.timexes
    for gold in doc.timexes:
        assert doc.text[gold.start : gold.end] == gold.text
        assert gold.timex_type in ("DATE", "TIME", "DURATION", "SET")
    assert "<" not in doc.text


def test_score_first_three_documents(timebank: Path) -> None:
    report = score_timebank(timebank, limit=3)
    assert report.documents == 3
    assert report.gold > 0 and report.system > 0
    for name in ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy"):
        assert 0.0 <= getattr(report, name) <= 1.0
    assert report.strict_f1 <= report.relaxed_f1
    assert report.value_f1 <= report.relaxed_f1
    assert report.relaxed_f1 > 0.6
    assert set(report.by_type) <= {"DATE", "TIME", "DURATION", "SET"}
    data = json.loads(json.dumps(report.to_json()))
    assert data["documents"] == 3
    assert {"doc", "kind", "gold_text", "system_text"} <= set(data["errors"][0])
    table = report.table()
    assert "relaxed extent" in table and "value" in table
