"""Number phrases read as counts (``sitrep.counts``)."""

import pytest

from sitrep.counts import numbers_in


@pytest.mark.parametrize(
    ("phrase", "numbers"),
    [
        ("A policeman and three militants died", [1, 3]),
        ("killed two army soldiers and four New People's Army (NPA) fighters", [2, 4]),
        ("Six soldiers and at least one Islamist militant died", [6, 1]),
        ("1,200 people and twenty-five children", [1200, 25]),
        ("people were killed", []),
    ],
)
def test_every_number_a_count_names(phrase: str, numbers: list[int]) -> None:
    assert numbers_in(phrase) == numbers
