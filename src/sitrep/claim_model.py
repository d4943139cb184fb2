"""Two small fitted decisions over a claim's words, where hand rules kept failing on the analyst's coding.

Whether a statement that names an attacker *accuses* or only *asserts* is not a matter of one
word: the analyst codes "ELN guerrillas attacked an army base, the military said" one way in one
report and the other way in the next, and two rules tried for it each lost more than they gained.
Which attributed statements are claims at all (a ministry's toll, yes; its account of the rescue,
no) is the analyst's choice too. Both are logistic models over a few lexical cues of the claim
(who speaks and how, whom the statement names, what it counts, where it stands in the article),
fitted on the development half of the real-news corpus with cross-validation grouped by incident
(``scripts/fit_claim_model.py``) and shipped as ``data/claim_model.json``: a dot product per
claim, no model to load. The rules still decide every stance a verb or a word settles ("denied",
"claimed responsibility", "condemned"); the model only weighs asserts against accuses.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache

from sitrep.claim_coding import BLAME, HOSTILE
from sitrep.codebook import packaged_text

KINDS = ("government", "military", "police", "armed group", "medical", "witness", "media", "international",
         "civil society", "other")  # fmt: skip
VERBS = ("say", "according", "tell", "report", "add", "claim", "confirm", "describe")
STANCES = ("asserts", "accuses", "condemns", "confirms", "denies", "warns", "claims responsibility")
FIELDS = ("event", "fatalities", "injuries", "perpetrator", "target", "none")
_DEATH = re.compile(r"\b(kill\w*|dead|death\w*|died|toll|lives|bodies|fatalit\w*|slain|murdered)\b", re.I)
_INJURY = re.compile(r"\b(wound\w*|injur\w*|hurt)\b", re.I)
_NUMBER = re.compile(
    r"\b(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens?|scores|hundreds)\b", re.I
)
_LOADED = re.compile(
    r"\b(terroris\w*|enemy|regime|kharijites?|bandits|criminal\w*|aggress\w*|militias?)\b", re.I
)
_ATTACK = re.compile(r"\b(attack\w*|fired|shell\w*|struck|ambush\w*|raid\w*|stormed|opened fire|bombard\w*|"
                     r"launched|abduct\w*|kidnapp\w*|seiz\w*|loot\w*|torch\w*|set fire)\b", re.I)  # fmt: skip
_FORCES = re.compile(r"\b(forces|troops|soldiers|army|military|police|officers|side|servicemen)\b", re.I)
_FUTURE = re.compile(r"\b(will|would|could|should|must|plan\w*|want\w*|aim\w*)\b", re.I)
_RESPONSE = re.compile(
    r"\b(arrest\w*|search\w*|investigat\w*|rescue\w*|evacuat\w*|treated|hospital\w*)\b", re.I
)


@dataclass(frozen=True, slots=True)
class ClaimCues:
    """What the models read of one claim, gathered where the claim is found (``claims.py``)."""

    verb: str
    text: str
    kind: str
    agent: str = ""  # the attacker the statement names, as written
    agent_gpe: bool = False  # the attacker is a country ("Turkey bombarded")
    stance: str = ""
    field: str = ""
    speaker: str = ""
    quoted: bool = False
    position: float = 0.0  # where the sentence starts, as a share of the article
    earlier: int = 0  # claims kept before it in the article
    speaker_before: bool = False  # the same speaker has a claim earlier in the article


def stance_features(cues: ClaimCues) -> dict[str, float]:
    """The cues that weigh asserts against accuses: the attacker named, how, and by whom."""
    agent = cues.agent.lower()
    named = bool(agent) and agent not in ("it", "we", "they", "our", "us", "its")
    text = cues.text
    out = {
        "bias": 1.0,
        "named": float(named),
        "named_gpe": float(named and cues.agent_gpe),
        "named_forces": float(named and bool(_FORCES.search(cues.agent))),
        "named_capital": float(named and cues.agent[:1].isupper()),
        "loaded": float(bool(_LOADED.search(text))),
        "attack_word": float(bool(_ATTACK.search(text))),
        "toll": float(bool(_DEATH.search(text) and _NUMBER.search(text))),
        "injury": float(bool(_INJURY.search(text))),
        "by_agent": float(bool(re.search(r"\bby (the )?[A-Z]", text))),
        "when": float(bool(re.search(r"\bwhen\b", text, re.I))),
        "quoted": float(cues.quoted),
        "rule_accuses": float(cues.stance == "accuses"),
        "blame_word": float(bool(BLAME.search(text) or HOSTILE.search(text))),
        "long": float(len(text.split()) > 25),
    }
    out.update({f"kind={k}": float(cues.kind == k) for k in KINDS})
    out.update({f"verb={v}": float(cues.verb == v) for v in VERBS})
    return out


def keep_features(cues: ClaimCues) -> dict[str, float]:
    """The cues that tell a claim the analyst codes from an attributed statement they pass over."""
    text = cues.text
    words = len(text.split())
    out = {
        "bias": 1.0,
        "number": float(bool(_NUMBER.search(text))),
        "toll": float(bool(_DEATH.search(text) and _NUMBER.search(text))),
        "injury": float(bool(_INJURY.search(text))),
        "attack_word": float(bool(_ATTACK.search(text))),
        "future": float(bool(_FUTURE.search(text))),
        "response": float(bool(_RESPONSE.search(text))),
        "named": float(bool(cues.agent)),
        "quoted": float(cues.quoted),
        "short": float(words < 6),
        "long": float(words > 30),
        "lead": float(cues.position < 0.15),
        "late": float(cues.position > 0.6),
        "earlier": min(cues.earlier, 12) / 4,
        "speaker_before": float(cues.speaker_before),
        "pronoun": float(cues.speaker.lower() in ("he", "she", "it", "they", "we")),
        "name": float(bool(re.fullmatch(r"(?:[A-Z][\w'.-]+ ?){2,4}", cues.speaker))),
    }
    out.update({f"kind={k}": float(cues.kind == k) for k in KINDS})
    out.update({f"verb={v}": float(cues.verb == v) for v in VERBS})
    out.update({f"stance={s}": float(cues.stance == s) for s in STANCES})
    out.update({f"field={f}": float(cues.field == f) for f in FIELDS})
    return out


@dataclass(frozen=True)
class ClaimModel:
    """The fitted weights: ``accuses`` over :func:`stance_features`, ``keep`` over :func:`keep_features`."""

    version: str
    accuses: dict[str, float]
    keep: dict[str, float]
    keep_threshold: float = 0.5

    @classmethod
    @cache
    def default(cls) -> ClaimModel:
        """The shipped model (``data/claim_model.json``), read once."""
        return cls.from_json(packaged_text("claim_model.json"))

    @classmethod
    def from_json(cls, text: str) -> ClaimModel:
        raw = json.loads(text)
        weights = raw["weights"]
        return cls(str(raw["version"]), weights["accuses"], weights["keep"], float(raw["keep_threshold"]))

    def p_accuses(self, cues: ClaimCues) -> float:
        """The chance the analyst codes the statement as an accusation, not an assertion."""
        return _logistic(self.accuses, stance_features(cues))

    def p_keep(self, cues: ClaimCues) -> float:
        """The chance the analyst codes the statement as a claim at all."""
        return _logistic(self.keep, keep_features(cues))

    def stance(self, cues: ClaimCues) -> str:
        """Asserts or accuses for a statement the rules put in either, when no verb decided it."""
        if cues.stance not in ("asserts", "accuses") or cues.verb in ("accuse", "blame", "allege"):
            return cues.stance
        if not self.accuses:
            return cues.stance
        return "accuses" if self.p_accuses(cues) >= 0.5 else "asserts"

    def keeps(self, cues: ClaimCues) -> bool:
        """Whether the claim is kept: no weights keep all."""
        return not self.keep or self.p_keep(cues) >= self.keep_threshold


def _logistic(weights: dict[str, float], features: dict[str, float]) -> float:
    score = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
