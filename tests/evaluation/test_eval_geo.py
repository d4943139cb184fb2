"""score_geo on a few documents of each gold corpus: structure and a modest floor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sitrep.evaluation.geo import GeoReport, log_error_auc, score_geo

DATA = Path(
    os.environ.get("SITREP_DATA_DIR") or Path(__file__).resolve().parents[2].parent / "shared" / "data"
)


@pytest.mark.parametrize("name", ["GeoWebNews.xml", "LGL.xml"])
def test_score_geo_first_documents(name: str) -> None:
    path = DATA / "geoparsing" / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    report = score_geo(path, limit=3)
    assert isinstance(report, GeoReport) and report.documents == 3
    assert report.gold > 0 and report.system > 0
    assert 0 <= report.exact_matches <= report.overlap_matches <= min(report.gold, report.system)
    assert report.resolved == len(report.errors) > 0
    assert report.overlap[2] >= 0.3
    assert report.accuracy_161 >= 0.4
    assert 0.0 <= report.auc <= 1.0
    json.dumps(report.to_json())
    assert "accuracy@161km" in report.table()


def test_log_error_auc_bounds() -> None:
    assert log_error_auc([0.0, 0.0]) == 0.0
    assert log_error_auc([20039.0, 20039.0]) == pytest.approx(1.0)
    assert 0.0 < log_error_auc([0.0, 100.0, 5000.0]) < 1.0
