"""Generate src/sitrep/data/state_actors.yaml from pycountry and actor_demonyms.yaml.

Every country of pycountry, and those ACLED codes that ISO 3166 lacks (Kosovo, XK, named in
actor_demonyms.yaml), gets three actors, ACLED-style: "Military Forces of X", "Police Forces
of X" (both "State forces") and "Government of X" ("Government"), with aliases built
from the country's names and demonyms. The output is data, committed with this script:
re-run it after editing actor_demonyms.yaml or upgrading pycountry.

    python scripts/build_state_actors.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pycountry
import yaml

DATA = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data"
VERSION = "2026.12.1"

MILITARY_NOUNS = (
    "army",
    "side",  # "shot dead by the Azerbaijani side"
    "positions",  # "shelled Armenian positions"
    "military",
    "forces",
    "troops",
    "soldiers",
    "air force",
    "navy",
    "security forces",
    "armed forces",
    "military forces",
    "army troops",
    "defence forces",
    "defense forces",
    "service members",
    "servicemen",
    "special forces",
    "marines",
    "naval forces",
    "ground forces",
    "warplanes",
    "fighter jets",
    "jets",
    "aircraft",
    "drones",
    "artillery",
    "army soldiers",
    "defence ministry",
    "defense ministry",
    "ministry of defence",
    "ministry of defense",
    "units",
    "air strike",
    "air strikes",
    "airstrike",
    "airstrikes",
    "drone strike",
    "drone strikes",
    "missile strike",
    "missile strikes",
    "shelling",
    "military intelligence",
    "border guards",
)
MILITARY_OF = (
    "military",
    "army",
    "armed forces",
    "forces",
    "troops",
    "air force",
    "navy",
    "soldiers",
    "defence ministry",
    "defense ministry",
    "general staff",
)
POLICE_NOUNS = (
    "police",
    "police force",
    "police forces",
    "police officers",
    "policemen",
    "riot police",
    "gendarmerie",
    "gendarmes",
    "border police",
)
GOVERNMENT_NOUNS = (
    "government",
    "authorities",
    "officials",
    "regime",
    "administration",
    "foreign ministry",
    "interior ministry",
    "ministry of foreign affairs",
    "ministry of interior",
)


def short_name(code: str, entry: dict) -> str:
    """ACLED-like short name: actor_demonyms.yaml's override, else pycountry's common name."""
    if entry.get("name"):
        return str(entry["name"])
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


def possessives(name: str) -> list[str]:
    """ "Iraq's", and "United States'" as well as "United States's" for names in -s."""
    forms = [f"{name}'s"]
    if name.endswith("s"):
        forms.append(f"{name}'")
    return forms


def country_actors(code: str, entry: dict) -> list[dict]:
    """The three state actors of one country, with their generated aliases."""
    name = short_name(code, entry)
    formal = f"the {name}" if entry.get("the") else name
    adjs = [str(a) for a in entry.get("adj") or []]
    names = [name, *[str(a) for a in entry.get("alt") or []]]
    owners = [p for n in names for p in possessives(n)]
    military = [f"{a} {n}" for a in adjs for n in MILITARY_NOUNS]
    military += [f"{o} {n}" for o in owners for n in MILITARY_OF]
    military += [f"{n} armed forces" for n in names]
    military += [
        f"{w} of {the}{n}"
        for n in names
        for w in ("armed forces", "army", "military")
        for the in (("the ",) if entry.get("the") else ("",))
    ]
    police = [f"{a} {n}" for a in adjs for n in POLICE_NOUNS]
    police += [f"{o} police" for o in owners] + [f"{n} police" for n in names]
    government = [f"{a} {n}" for a in adjs for n in GOVERNMENT_NOUNS]
    government += [f"{o} government" for o in owners] + [f"{n} government" for n in names]
    government += [f"government of {'the ' if entry.get('the') else ''}{n}" for n in names]
    return [
        _actor(f"Military Forces of {formal}", "State forces", code, military),
        _actor(f"Police Forces of {formal}", "State forces", code, police),
        _actor(f"Government of {formal}", "Government", code, government),
    ]


def _actor(name: str, type_: str, code: str, aliases: list[str]) -> dict:
    unique = list(dict.fromkeys(a for a in aliases if a != name))
    return {"name": name, "type": type_, "country": code, "aliases": unique}


def check_adjectives(countries: dict) -> None:
    """Refuse an adjective shared by two countries: it would make aliases ambiguous."""
    seen: dict[str, str] = {}
    for code, entry in countries.items():
        for adj in entry.get("adj") or []:
            key = str(adj).lower()
            if key in seen:
                raise SystemExit(f"adjective {adj!r} used by {seen[key]} and {code}")
            seen[key] = code


def build(demonyms_path: Path) -> dict:
    """The whole state_actors document, countries in ISO order."""
    doc = yaml.safe_load(demonyms_path.read_text(encoding="utf-8"))
    countries = {str(k): v or {} for k, v in doc["countries"].items()}
    check_adjectives(countries)
    iso = {c.alpha_2 for c in pycountry.countries}
    missing = sorted(iso - set(countries))
    if missing:
        raise SystemExit(f"actor_demonyms.yaml lacks: {', '.join(missing)}")
    unnamed = sorted(code for code in set(countries) - iso if not countries[code].get("name"))
    if unnamed:  # a country ISO 3166 lacks (Kosovo, XK) must say its name
        raise SystemExit(f"actor_demonyms.yaml: no name for {', '.join(unnamed)}, which pycountry lacks")
    actors: list[dict] = []
    names: dict[str, dict] = {}
    for code in sorted(countries):
        entry = countries[code]
        actors += country_actors(code, entry)
        name = short_name(code, entry)
        words = [str(w) for w in [*(entry.get("alt") or []), *(entry.get("adj") or [])]]
        names[code] = {
            "name": name,
            "formal": f"the {name}" if entry.get("the") else name,
            "words": words,
        }
    version = f"{VERSION}+demonyms-{doc['version']}+pycountry-{_pycountry_version()}"
    return {
        "version": version,
        "generated_by": "scripts/build_state_actors.py (do not edit by hand)",
        "countries": names,
        "actors": actors,
    }


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    args = parser.parse_args(argv)
    text = yaml.safe_dump(build(DATA / "actor_demonyms.yaml"), sort_keys=False, allow_unicode=True, width=120)
    out = DATA / "state_actors.yaml"
    if args.check:
        stale = not out.exists() or out.read_text(encoding="utf-8") != text
        print("stale" if stale else "up to date")
        return int(stale)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count('- name:')} actors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
