"""How sure the coding of one event is: a rule-based score from the evidence it has.

The weights are settings (``AssembleSettings``); the score is not a calibrated probability.
"""

from __future__ import annotations

from sitrep.assemble.records import Draft
from sitrep.config import AssembleSettings
from sitrep.events import STRONG
from sitrep.model import Actor


def confidence(
    draft: Draft,
    *,
    dated: bool,
    located: bool,
    actor1: Actor | None,
    actor2: Actor | None,
    settings: AssembleSettings,
) -> float:
    """Base score plus a weight for a typing trigger, a date read in the text, a place, each
    actor and a second sentence reporting the event; capped at ``confidence_max``."""
    w = settings
    strong = any(m.strength == STRONG for m in draft.mentions)
    score = w.confidence_base + w.confidence_strong_trigger * strong + w.confidence_date * dated
    score += w.confidence_location * located
    score += (
        w.confidence_actor1 * (actor1 is not None)
        + w.confidence_actor2 * (actor2 is not None)
        + w.confidence_several_clauses * (len(draft.clauses) > 1)
    )
    return min(score, w.confidence_max)
