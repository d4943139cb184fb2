"""Triage on raw text: what it lets through to the parse, and that it loses no coded article."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitrep.events import Lexicon
from sitrep.ingest import read_file
from sitrep.nlp import normalise_text
from sitrep.triage import near, sentence_starts, triggers_to_parse, worth_parsing

ARTICLES = Path(__file__).parent / "data" / "articles"
EXPECTED = yaml.safe_load((ARTICLES / "expected.yaml").read_text("utf-8"))["articles"]
FILLER = "The council met on Monday to discuss the budget for schools and roads. " * 8


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.default()


def test_a_strong_trigger_is_enough(lexicon):
    assert worth_parsing("An air strike hit the market in Idlib on Tuesday.", lexicon)


def test_a_weak_trigger_needs_conflict_words_near_it(lexicon):
    near_words = "Police said two men were killed in the village on Sunday."
    assert worth_parsing(near_words, lexicon)
    far = f"Two men were killed when their car left the road.\n\n{FILLER}\n\n{FILLER}\n\nPolice patrols will rise."
    assert lexicon.mentions_possible(far)  # the whole-article test lets it through
    assert not worth_parsing(far, lexicon)  # no sentence the parser makes holds both


def test_news_without_a_trigger_is_skipped(lexicon):
    assert not worth_parsing(f"Troops paraded through the capital.\n\n{FILLER}", lexicon)


def test_near_reaches_two_sentences_either_side_and_enough_characters():
    text = "One. Two. Three is here. Four. Five. Six. Seven."
    starts = sentence_starts(text)
    start = text.index("Three")
    lo, hi = near(starts, len(text), start, start + 5)
    assert (lo, hi) == (0, len(text))  # short sentences: the character floor reaches everything
    long = ". ".join(f"Sentence {i} " + "word " * 200 for i in range(9))
    starts = sentence_starts(long)
    start = long.index("Sentence 4")
    lo, hi = near(starts, len(long), start, start + 10)
    assert long[lo:].startswith("Sentence 2") and long[:hi].rstrip(". ").endswith("word")
    assert "Sentence 6" in long[lo:hi] and "Sentence 7" not in long[lo:hi]


@pytest.mark.parametrize("name", sorted(n for n, spec in EXPECTED.items() if spec["events"]))
def test_every_hand_coded_conflict_article_is_parsed(lexicon, name):
    (article,) = list(read_file(ARTICLES / name))
    assert worth_parsing(normalise_text(article.text), lexicon)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_triage_never_passes_what_the_lexicons_whole_article_test_rejects(lexicon, name):
    (article,) = list(read_file(ARTICLES / name))
    text = normalise_text(article.text)
    if worth_parsing(text, lexicon):
        assert lexicon.mentions_possible(text)
    spans = triggers_to_parse(text, lexicon)
    assert spans is None or [m.span() for m in lexicon.trigger_regex.finditer(text)] == spans


def test_sport_that_outnumbers_the_conflict_words_is_skipped(lexicon):
    text = "The striker scored twice as the league leaders beat their rivals; fans invaded the stadium. Police watched."
    assert not lexicon.mentions_possible(text) and not worth_parsing(text, lexicon)


def _texts() -> list[str]:
    """Every hand-coded article and sample, plus edge cases: case, hyphens, non-ASCII folds."""
    from sitrep.ingest import read_paths
    from sitrep.model import Article

    samples = ARTICLES.parents[2] / "src" / "sitrep" / "data" / "samples"
    paths = sorted(ARTICLES.glob("*.txt")) + sorted(samples.glob("*.txt"))
    texts = [normalise_text(a.text) for a in read_paths(paths) if isinstance(a, Article)]
    return texts + [
        "A SUICIDE BOMBER struck; a drone-strike, anti-shelling and the air raid's toll. ſhelling (long s).",
        "Gunmen kidnapped 12 pupils; a car bomb went off; stun grenades, grenades and hand grenades.",
        "Israeli strike: an Israeli strike, a U.S. strike; troops retook Bakhmut and took back the town.",
    ]


@pytest.mark.parametrize("name", ["trigger_regex", "conflict_context", "non_conflict"])
def test_the_quick_patterns_find_exactly_what_the_lexicons_patterns_find(lexicon, name):
    from sitrep.triage import QuickPattern, quick_lexicon

    quick = getattr(quick_lexicon(lexicon), name)
    stock = getattr(lexicon, name)
    assert isinstance(quick, QuickPattern)
    for text in _texts():
        assert [(m.span(), m.lastgroup) for m in quick.finditer(text)] == [
            (m.span(), m.lastgroup) for m in stock.finditer(text)
        ]
        assert len(quick.findall(text)) == len(stock.findall(text))
        assert bool(quick.search(text)) == bool(stock.search(text))


def test_a_quick_pattern_tries_the_full_one_only_where_a_match_can_begin():
    import re

    from sitrep.triage import QuickPattern

    pattern = re.compile(r"(?<![\w-])(?:(?:hand )?grenades?|air ?strikes?|clash(?:ed|es)?)\b", re.I)
    quick = QuickPattern.of(pattern)
    assert isinstance(quick, QuickPattern)
    assert [m.group(0) for m in quick.finditer("Hand grenades, an airstrike; they CLASHED. Anti-clash.")] == [
        "Hand grenades",
        "airstrike",
        "CLASHED",
    ]
    assert not quick.starts.search("Nothing here but the weather")
    assert not isinstance(QuickPattern.of(re.compile(r"\d+ killed")), QuickPattern)  # a digit class: kept
