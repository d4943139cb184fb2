"""Names for people, not for the coder: map labels, conventional spellings and country names.

The web page has no tile server, so it labels places itself from ``data/place_names.json``
(built from the GeoNames extract by ``scripts/build_place_labels.py``). The same file gives
the spellings a reader types ("Avdiivka") for the name the gazetteer stores ("Avdiyivka").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "place_names.json"


@dataclass(frozen=True, slots=True)
class PlaceNames:
    """The labels table (largest places first) and the spelling variants by ``name|country``."""

    version: str
    labels: tuple[tuple[str, float, float, int, str], ...]
    aliases: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> PlaceNames:
        data = json.loads(path.read_text("utf-8"))
        return cls(
            version=data["version"],
            labels=tuple(tuple(row) for row in data["labels"]),
            aliases={key: tuple(names) for key, names in data["aliases"].items()},
        )

    def aliases_of(self, name: str, country: str) -> tuple[str, ...]:
        """Other spellings of a place (empty when the place is small or has none)."""
        return self.aliases.get(f"{name}|{country}", ())


@cache
def place_names() -> PlaceNames:
    """The packaged table, read once per process."""
    return PlaceNames.load()


@cache
def country_name(code: str) -> str:
    """The common English name of an ISO alpha-2 code ("Palestine" for PS); the code if unknown."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name
