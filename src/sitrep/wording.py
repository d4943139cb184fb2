"""Small helpers for the word lists the rules are written in."""

from __future__ import annotations

import re


def whole_words(*words: str) -> re.Pattern[str]:
    """A case-blind regex for any of ``words`` (regex fragments) standing as a whole word."""
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
