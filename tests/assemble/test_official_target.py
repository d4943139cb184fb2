"""A state's official killed or seized in a one-sided attack makes the government its other side."""

import pytest

from sitrep.assemble.actor_vote import acled_sides
from sitrep.assemble.official_target import government_hit
from sitrep.model import Actor


@pytest.mark.parametrize(
    ("cue", "hit"),
    [
        (
            "Gunmen abducted a Cameroonian administrative official and five other people on Tuesday evening.",
            True,
        ),
        (
            "An explosion in Kabul killed at least seven people, among them the acting minister for refugees.",
            True,
        ),
        ("The district commissioner and two of his guards were killed when their car hit a mine.", True),
        (
            "A grenade attack wounded 20 people; Prime Minister Bunyoni visited the injured in hospital.",
            False,
        ),
        ("A government official in Khuzdar confirmed that at least four children were killed.", False),
        ("The governor said the attackers killed nine villagers before dawn.", False),
    ],
)
def test_an_official_killed_or_seized_not_one_who_speaks(cue: str, hit: bool) -> None:
    government = government_hit("CM", cue)
    assert (government is not None and government.name == "Government of Cameroon") is hit


def test_the_government_is_the_other_side_of_an_abduction_of_its_official() -> None:
    gunmen = Actor("Unidentified Armed Group (Cameroon)", "Political militia", "CM")
    civilians = Actor("Civilians (Cameroon)", "Civilians", "CM")
    cue = (
        "Gunmen seized the sub-prefect of Bamenda II and five others at gunpoint on Tuesday as they travelled "
        "to an official ceremony."
    )
    _, actor2 = acled_sides(
        "Violence against civilians", "Abduction/forced disappearance", gunmen, civilians, "CM", cue
    )
    assert actor2 is not None and actor2.name == "Government of Cameroon"
