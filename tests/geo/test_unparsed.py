"""Place names in the sentences a focused parse skipped (needs the spaCy model)."""

from __future__ import annotations

import re

from sitrep.geo.unparsed import skipped_names
from sitrep.nlp import build_pipeline, focus_text, with_text

TEXT = (
    "Bomb found under officer's car\n\n"
    "A police officer found a bomb under her car on Monday, police said.\n\n"
    "The device was made safe by army technical officers.\n\n"
    "In March the officer had moved to a house near Omagh with her family.\n\n"
    "No one has claimed it."
)


def test_the_names_of_a_skipped_sentence_are_found_from_the_text() -> None:
    nlp = build_pipeline()
    focused = focus_text(TEXT, re.compile(r"\bbomb\b"), 1, lead=1)
    assert "Omagh" not in focused  # the sentence was left out of the parse
    doc = with_text(nlp(focused), TEXT)
    names = [name for _, _, name in skipped_names(doc)]
    assert "Omagh" in names
    assert "In March" not in names and "March" not in names  # a month is no place
    assert "Bomb" not in names  # the headline was parsed


def test_a_fully_parsed_document_has_no_skipped_names() -> None:
    nlp = build_pipeline()
    assert list(skipped_names(nlp(TEXT))) == []
