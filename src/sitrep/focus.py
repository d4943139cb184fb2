"""Which sentences a focused parse keeps besides the event sentences (``sitrep.nlp.focus_text``).

The parse is most of an article's cost; with ``focus_neighbours`` set, only the sentences the
stages that read the parse need are parsed. Those that read text (dates, actors, furniture)
read every sentence anyway. The claims stage reads the parse of every sentence with a reporting
verb that speaks of the event, often far from any trigger ("the ministry said 12 people died"),
so those are kept too: any word form of a reporting verb (``claims.SPEECH_LEMMAS``, "according
to", "spoke") with an event word (``claim_lexicon.yaml``), a number or a quotation mark. The test is loose on
purpose: a sentence kept for nothing costs a little time, one dropped costs a claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from sitrep.claim_coding import ClaimLexicon
from sitrep.claims import SPEECH_LEMMAS

_IRREGULAR = {
    "say": "sa(?:y|ys|id|ying)",
    "tell": "t(?:ell|ells|elling|old)",
    "write": "wr(?:ite|ites|iting|ote|itten)",
    "note": "not(?:e|es|ed|ing)",  # not "not"
    "state": "stat(?:e|es|ed|ing|ement|ements)",
}
_OTHER_CUES = ("accord\\w*", "sp[eo]k\\w*", "statements?", "quot\\w*")


@cache
def speech_words() -> re.Pattern[str]:
    """Any word form of a reporting verb: the stem of each lemma and what follows it."""
    stems = [
        _IRREGULAR.get(lemma) or re.escape(lemma.rstrip("ey")) + "\\w*" for lemma in sorted(SPEECH_LEMMAS)
    ]
    return re.compile(r"(?<![\w-])(?:" + "|".join([*stems, *_OTHER_CUES]) + r")", re.I)


def claim_sentence() -> Callable[[str], bool]:
    """The test for a sentence the claims stage may code: a reporting word and an event word or number."""
    speech, event = speech_words(), ClaimLexicon.default().event_words
    return lambda sentence: bool(
        speech.search(sentence) and (event.search(sentence) or _CUE.search(sentence))
    )


_CUE = re.compile(r"\d|\"")  # a number (a toll) or a quotation (the statement's words, whatever they are)
