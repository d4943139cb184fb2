"""Sets the sources of an incident side by side, field by field, and marks where they disagree.

No event dataset keeps the sources' competing statements: a ministry's toll against a
hospital's, a group claiming an attack that the state blames on another, an attack and
its denial. Fusion reconciles one value per field; this keeps every voice behind it, so an
analyst sees which fields are contested and who says what.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitrep.model import FieldVoices, Stance, Voice

# The fields whose voices are compared (statements about "the event" only count when denied).
CONTESTABLE = ("fatalities", "injuries", "perpetrator", "target", "victims", "location", "date", "event")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozens": 12, "dozen": 12, "scores": 20, "hundreds": 100, "several": 3,
}  # fmt: skip
_FILLER = frozenset("the a an of and forces group militants fighters".split())


def contest(voices: Iterable[Voice]) -> tuple[FieldVoices, ...]:
    """The voices grouped by field (in ``CONTESTABLE`` order), each group marked contested or not."""
    by_field: dict[str, list[Voice]] = {}
    for voice in voices:
        if voice.field in CONTESTABLE:
            by_field.setdefault(voice.field, []).append(voice)
    return tuple(
        FieldVoices(name, tuple(by_field[name]), is_contested(name, by_field[name]))
        for name in CONTESTABLE
        if name in by_field
    )


def is_contested(field: str, voices: list[Voice]) -> bool:
    """Two sources give different values, or one denies what another asserts."""
    denied = [v for v in voices if v.stance == Stance.DENIES]
    if denied and len(denied) < len(voices):
        return True
    if field == "event":
        return False  # descriptions of the event differ in words, not in fact
    values = {normal_value(field, v.value) for v in voices if v.stance != Stance.DENIES and v.value}
    values.discard("")
    return len(values) > 1


def normal_value(field: str, value: str) -> str:
    """A value in a form two sources can agree on: a count as its number, a name as its words."""
    if field in ("fatalities", "injuries"):
        digits = re.search(r"\d[\d,]*", value)
        if digits:
            return digits.group(0).replace(",", "")
        word = next((w for w in re.findall(r"[a-z]+", value.lower()) if w in _NUMBER_WORDS), "")
        return str(_NUMBER_WORDS[word]) if word else ""
    if field == "perpetrator":
        from sitrep.actors import ActorDictionary

        found = ActorDictionary.default().find(value)
        if found:  # "TTP" and "Tehreek-e-Taliban Pakistan" are one actor
            return found[0].actor.name.lower()
    words = [w for w in re.findall(r"[a-z0-9]+", value.lower()) if w not in _FILLER]
    return " ".join(sorted(words))
