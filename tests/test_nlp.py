"""The shared pipeline's text helpers: focus keeps offsets and the sentences events can be in."""

from __future__ import annotations

import re

from sitrep.events import Lexicon
from sitrep.nlp import focus_text

TEXT = (
    "KYIV, March 12 (Wire) - Officials met in the capital.\n\n"
    "The weather was mild and markets were calm. Farmers planted wheat.\n\n"
    "A Russian drone strike hit a fuel depot in Sumy on Tuesday, killing two workers. "
    "Firefighters put out the blaze by noon. The mayor spoke to reporters afterwards.\n\n"
    "A new bridge opened in Lviv."
)


def test_focus_keeps_the_first_sentence_the_trigger_sentence_and_its_neighbours():
    focused = focus_text(TEXT, Lexicon.default().trigger_regex, neighbours=1)
    assert len(focused) == len(TEXT)
    assert focused.count("\n") == TEXT.count("\n")  # paragraphs stay where they were
    kept = " ".join(focused.split())
    assert kept.startswith("KYIV, March 12 (Wire) - Officials met in the capital.")
    assert "Farmers planted wheat." in kept  # the sentence before the trigger sentence
    assert "drone strike hit a fuel depot in Sumy" in kept
    assert "Firefighters put out the blaze by noon." in kept
    assert "markets were calm" not in kept and "The mayor spoke" not in kept and "Lviv" not in kept
    start = TEXT.index("drone")
    assert focused[start : start + 5] == "drone"  # offsets into the original text still hold


def test_focus_with_no_neighbours_keeps_trigger_sentences_only():
    focused = focus_text(TEXT, re.compile(r"drone strike"), neighbours=0)
    assert " ".join(focused.split()) == (
        "KYIV, March 12 (Wire) - Officials met in the capital. "
        "A Russian drone strike hit a fuel depot in Sumy on Tuesday, killing two workers."
    )


def test_a_blank_line_ends_a_sentence() -> None:
    from sitrep.nlp import build_pipeline

    nlp = build_pipeline(patterns=[])
    doc = nlp(
        "TORRE.news | Security\n\nTerrorists overrun army position in Mucojo\n\nTwenty-five soldiers died on Saturday."
    )
    firsts = [s.text.strip().split()[0] for s in doc.sents]
    assert firsts[-1] == "Twenty-five" and "Terrorists" in firsts
