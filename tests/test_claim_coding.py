"""The kind of source, from a speaker's name and role as the article gives them (no model)."""

from __future__ import annotations

import pytest

from sitrep.claim_coding import speaker_type


@pytest.mark.parametrize(
    ("name", "role", "kind"),
    [
        # the analyst codes an interior or defence ministry as the government, a civil defence too
        ("the Interior Ministry", "", "government"),
        ("Ana Costa", "Interior Minister", "government"),
        ("the Defence Ministry", "", "government"),
        ("Omar Haddad", "civil defence spokesman", "government"),
        # the army's press office and commands are the military
        ("the Inter Services Public Relations", "", "military"),
        ("the army's media wing", "", "military"),
        ("the command", "", "military"),
        ("Peter Obi", "Colonel", "military"),
        # police ranks and services
        ("the SSP", "", "police"),
        ("the DIG", "", "police"),
        ("the PSNI", "", "police"),
        # outlets, doctors, residents and movements
        ("The Kenyan daily Morning Star", "", "media"),
        ("Local outlet River News", "", "media"),
        ("the DHO", "", "medical"),
        ("Sara Lind", "the civil surgeon of the district", "medical"),
        ("Ali Noor", "lives in the village", "witness"),
        ("Musa Bello", "a passenger", "witness"),
        ("the committee", "", "civil society"),
        ("Rosa Diaz", "protest leader", "civil society"),
        ("the PM", "", "government"),
    ],
)
def test_speaker_type(name: str, role: str, kind: str) -> None:
    assert speaker_type(name, role) == kind
