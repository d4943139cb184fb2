"""Actor dictionary and look-up, on real sentences; no spaCy model is needed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pycountry
import pytest

from sitrep.actors import ACTOR_TYPES, ActorDictionary, as_ruled, is_unidentified, with_country
from sitrep.model import Actor

ROOT = Path(__file__).resolve().parents[1]
SEED = Path("/work/shared/seed/000_c367e14d7430fab3.txt")
US_MILITARY = "Military Forces of the United States"
KH = "Kata'ib Hezbollah"


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.default()


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("seed article not available")
    return SEED.read_text(encoding="utf-8")


def names(actors: ActorDictionary, text: str) -> list[tuple[str, str]]:
    return [(m.span.text, m.actor.name) for m in actors.find(text)]


# ---- the seed article ----


def test_seed_us_military_mentions(actors: ActorDictionary, seed_text: str) -> None:
    found = names(actors, seed_text)
    for surface in (
        "United States\u2019 military",
        "US Central Command",
        "CENTCOM",
        "American forces",
        "U.S. Central Command",
        "U.S. service members",
        "US troops",
        "American soldiers",
    ):
        assert (surface, US_MILITARY) in found, surface
    us = actors.lookup("US Central Command")
    assert us == Actor(US_MILITARY, "State forces", "US")


def test_seed_kataib_hezbollah_both_spellings(actors: ActorDictionary, seed_text: str) -> None:
    found = names(actors, seed_text)
    assert ("Kataib Hezbollah", KH) in found
    assert ("Kata\u2019ib Hezbollah", KH) in found
    assert actors.lookup(KH) == Actor(KH, "Political militia", "IQ")


def test_seed_iraqi_state_actors(actors: ActorDictionary, seed_text: str) -> None:
    found = names(actors, seed_text)
    assert ("Iraq\u2019s military", "Military Forces of Iraq") in found
    assert ("Iraqi authorities", "Government of Iraq") in found
    assert ("Iraqi government", "Government of Iraq") in found
    assert ("the militias", "Iran-backed militias") in found
    assert ("Iran-backed militia", "Iran-backed militias") in found


def test_offsets_index_the_given_text(actors: ActorDictionary, seed_text: str) -> None:
    mentions = actors.find(seed_text)
    assert len(mentions) > 20
    for m in mentions:
        assert seed_text[m.span.start : m.span.end] == m.span.text
    starts = [m.span.start for m in mentions]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in zip(mentions, mentions[1:], strict=False))


# ---- sentences ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iraq's military spokesperson, Yahya Rasool, said",
            [("Iraq's military", "Military Forces of Iraq")],
        ),
        (
            "The Rapid Support Forces (RSF) shelled El Fasher.",
            [("Rapid Support Forces", "RSF: Rapid Support Forces"), ("RSF", "RSF: Rapid Support Forces")],
        ),
        (
            "The SAF said its jets struck RSF positions.",
            [("SAF", "Military Forces of Sudan"), ("RSF", "RSF: Rapid Support Forces")],
        ),
        ("Houthi rebels fired a missile at a ship.", [("Houthi rebels", "Houthi Movement (Ansar Allah)")]),
        (
            "Hamas's armed wing, the Al-Qassam Brigades, said",
            [("Hamas", "Hamas Movement"), ("Al-Qassam Brigades", "Al Qassam Brigades")],
        ),
        ("al Shabaab and al-Shabaab", [("al Shabaab", "Al Shabaab"), ("al-Shabaab", "Al Shabaab")]),
        ("Hashd al-Shaabi units deployed", [("Hashd al-Shaabi", "PMF: Popular Mobilization Forces")]),
        (
            "The IDF said Israeli warplanes hit Rafah.",
            [("IDF", "Military Forces of Israel"), ("Israeli warplanes", "Military Forces of Israel")],
        ),
        (
            "AFU drones hit a depot, the Armed Forces of Ukraine said",
            [
                ("AFU", "Military Forces of Ukraine"),
                ("Armed Forces of Ukraine", "Military Forces of Ukraine"),
            ],
        ),
        (
            "M23 rebels seized Goma from the FARDC.",
            [
                ("M23 rebels", "M23: March 23 Movement"),
                ("FARDC", "Military Forces of Democratic Republic of Congo"),
            ],
        ),
        (
            "Congolese soldiers and DRC troops",
            [
                ("Congolese soldiers", "Military Forces of Democratic Republic of Congo"),
                ("DRC troops", "Military Forces of Democratic Republic of Congo"),
            ],
        ),
        (
            "British troops and UK forces",
            [
                ("British troops", "Military Forces of the United Kingdom"),
                ("UK forces", "Military Forces of the United Kingdom"),
            ],
        ),
        ("Russian soldiers shelled Kharkiv", [("Russian soldiers", "Military Forces of Russia")]),
        (
            "The Arakan Army (AA) captured the town.",
            [("Arakan Army", "AA: Arakan Army"), ("AA", "AA: Arakan Army")],
        ),
        (
            "Tren de Aragua and MS-13 gang members",
            [("Tren de Aragua", "Tren de Aragua"), ("MS-13", "MS-13: Mara Salvatrucha")],
        ),
        ("ISIS-K claimed the Kabul blast", [("ISIS-K", "ISKP: Islamic State Khorasan Province")]),
        ("IS claimed the attack", [("IS", "Islamic State")]),
        (
            "Lashkar-e-Taiba (LeT) militants",
            [
                ("Lashkar-e-Taiba", "Lashkar-e-Taiba"),
                ("LeT", "Lashkar-e-Taiba"),
                ("militants", "Unidentified Armed Group ({country})"),
            ],
        ),
        ("Suspected herdsmen attacked Yelwata", [("Suspected herdsmen", "Fulani Ethnic Militia")]),
        (
            "Roadside blast kills soldier; four Levies men martyred; two officers wounded",
            [
                ("soldier", "Military Forces of {the_country}"),
                ("Levies men", "Police Forces of {the_country}"),
                ("officers", "Police Forces of {the_country}"),
            ],
        ),
        ("Two army officers were wounded", [("army officers", "Military Forces of {the_country}")]),
        (
            "Clashes between the 444 Brigade and Radaa in Tripoli; MINUSCA peacekeepers were hit",
            [
                ("444 Brigade", "444 Brigade"),
                ("Radaa", "Special Deterrence Force"),
                (
                    "MINUSCA",
                    "MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the "
                    "Central African Republic",
                ),
            ],
        ),
        (
            "The Resistance Front (TRF), seen as a Lashkar-e-Taiba proxy, claimed the attack",
            [
                ("The Resistance Front", "TRF: The Resistance Front"),
                ("TRF", "TRF: The Resistance Front"),
                ("Lashkar-e-Taiba", "Lashkar-e-Taiba"),
            ],
        ),
    ],
)
def test_sentences(actors: ActorDictionary, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(actors, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sheikh Khalid and KHAN met in Kharkiv.",  # KH inside words
        "This is what it is.",  # IS is an acronym only in capitals
        "Let us forces aside; kh was a typo; saf and afu are not acronyms here.",
        "ISAFE and SAFARI and AFUERA",  # SAF, AFU inside words
        "The tissue sample was sent to the lab.",
        "Let the talks begin.",  # LeT in lower case is the verb
    ],
)
def test_acronyms_only_as_whole_capitalised_words(actors: ActorDictionary, text: str) -> None:
    assert actors.find(text) == []


def test_apostrophe_variants_are_equal(actors: ActorDictionary) -> None:
    for spelling in (
        "Kata'ib Hezbollah",
        "Kata\u2019ib Hezbollah",
        "Kataib Hezbollah",
        "KATA'IB HEZBOLLAH",
        "Kata\u2018ib Hizballah",
    ):
        assert [m.actor.name for m in actors.find(f"Fighters of {spelling} fired rockets.")] == [KH], spelling
    assert actors.lookup("People\u2019s Protection Units") == actors.lookup("People's Protection Units")


def test_possessives(actors: ActorDictionary) -> None:
    assert names(actors, "Hezbollah's fighters") == [("Hezbollah", "Hezbollah")]
    assert names(actors, "America's military") == [("America's military", US_MILITARY)]
    assert names(actors, "the United States' military") == [("United States' military", US_MILITARY)]


def test_stop_phrases_block_shorter_aliases(actors: ActorDictionary) -> None:
    found = actors.find("New Jersey police arrested two men.")
    assert all(m.actor.country != "JE" for m in found)
    assert [m.actor.name for m in found] == ["Police Forces of {the_country}"]


# ---- look-up and generic actors ----


def test_lookup(actors: ActorDictionary) -> None:
    pmf = actors.lookup("Popular Mobilization Forces")
    assert pmf is not None and actors.lookup("Hashd al-Shaabi") == pmf
    assert actors.lookup("KH") == actors.lookup(KH)
    assert actors.lookup("kh") is None
    assert actors.lookup("SNA") is None  # Somali or Syrian National Army: left ambiguous
    assert actors.lookup("no such group") is None
    assert actors.lookup("Government of the United States") == Actor(
        "Government of the United States", "Government", "US"
    )


@pytest.mark.parametrize(
    ("alias", "code", "expected"),
    [
        ("protesters", "IQ", Actor("Protesters (Iraq)", "Protesters", "IQ")),
        ("demonstrators", "US", Actor("Protesters (United States)", "Protesters", "US")),
        ("mob", "IN", Actor("Rioters (India)", "Rioters", "IN")),
        ("villagers", "ng", Actor("Civilians (Nigeria)", "Civilians", "NG")),
        ("worshippers", "PK", Actor("Civilians (Pakistan)", "Civilians", "PK")),
        ("gunmen", "MX", Actor("Unidentified Armed Group (Mexico)", "Political militia", "MX")),
        (
            "unidentified attackers",
            "CD",
            Actor("Unidentified Armed Group (Democratic Republic of Congo)", "Political militia", "CD"),
        ),
        ("security forces", "US", Actor(US_MILITARY, "State forces", "US")),
        ("riot police", "IQ", Actor("Police Forces of Iraq", "State forces", "IQ")),
        ("riot police", "", Actor("Police Forces", "State forces", "")),  # no country: no dangling "of"
    ],
)
def test_with_country_fills_generic_actors(
    actors: ActorDictionary, alias: str, code: str, expected: Actor
) -> None:
    generic = actors.lookup(alias)
    assert generic is not None and "{" in generic.name
    assert with_country(generic, code) == expected


def test_with_country_leaves_named_actors_alone(actors: ActorDictionary) -> None:
    kh = actors.lookup(KH)
    assert kh is not None and with_country(kh, "SY") is kh
    protesters = actors.lookup("protesters")
    assert protesters is not None and with_country(protesters, "XX").name == "Protesters"  # no template out


def test_generic_state_template_matches_generated_actor(actors: ActorDictionary) -> None:
    soldiers = actors.lookup("soldiers")
    assert soldiers is not None
    for code in ("IQ", "GB", "CD", "PH"):
        filled = with_country(soldiers, code)
        assert actors.get(filled.name) == filled


# ---- the data ----


def test_every_country_has_state_actors(actors: ActorDictionary) -> None:
    for country in pycountry.countries:
        formal = actors.countries[country.alpha_2].formal
        for prefix, type_ in (
            ("Military Forces of", "State forces"),
            ("Police Forces of", "State forces"),
            ("Government of", "Government"),
        ):
            assert actors.get(f"{prefix} {formal}") == Actor(f"{prefix} {formal}", type_, country.alpha_2)
    assert actors.lookup("Iraqi army") == actors.get("Military Forces of Iraq")
    assert actors.lookup("Ukrainian police") == actors.get("Police Forces of Ukraine")
    assert actors.lookup("Syrian government") == actors.get("Government of Syria")


def test_aliases_are_unique(actors: ActorDictionary) -> None:
    """No alias names two actors, except those listed as ambiguous in actors.yaml."""
    assert actors.collisions == {}


def test_collisions_are_detected_and_not_resolved() -> None:
    curated = {
        "version": "t",
        "actors": [
            {"name": "A", "type": "Rebel group", "aliases": ["the Front"]},
            {"name": "B", "type": "Rebel group", "aliases": ["The Front", "B group"]},
        ],
    }
    small = ActorDictionary.from_data(curated)
    assert small.collisions == {"The Front": ["A", "B"]}
    assert small.find("The Front attacked, then B group.")[0].actor.name == "B"


def test_curated_data_is_valid(actors: ActorDictionary) -> None:
    codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}  # Kosovo, which ISO 3166 lacks
    curated = [
        e
        for e in actors.entries
        if e.ruler_aliases
        and not e.actor.name.startswith(("Military Forces of", "Police Forces of", "Government of"))
    ]
    non_state = [e for e in curated if e.actor.type != "State forces" and "{" not in e.actor.name]
    assert len(non_state) >= 120
    for entry in actors.entries:
        assert entry.actor.type in ACTOR_TYPES
        assert entry.actor.country in codes or entry.actor.country == ""
    assert actors.version.startswith("actors-") and "+state-" in actors.version


def test_state_actors_file_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_state_actors", ROOT / "scripts" / "build_state_actors.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


# ---- entity-ruler patterns ----


def test_entity_patterns_work_in_a_lower_ruler(actors: ActorDictionary) -> None:
    spacy = pytest.importorskip("spacy")
    patterns = actors.entity_patterns()
    assert not any(p["pattern"] in ([{"ORTH": "KH"}], [{"ORTH": "IS"}], "KH", "IS") for p in patterns)
    assert not any(p["id"].endswith("({country})") for p in patterns)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(patterns)
    doc = nlp("Kataib Hezbollah and Kata'ib Hezbollah met the SAF; Khan saw the sdf and the SDF and Houthis.")
    ents = [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    assert ("Kataib Hezbollah", "ORG", KH) in ents
    assert ("Kata'ib Hezbollah", "ORG", KH) in ents
    assert ("SAF", "ORG", "Military Forces of Sudan") in ents
    assert ("SDF", "ORG", "SDF: Syrian Democratic Forces") in ents
    assert ("Houthis", "NORP", "Houthi Movement (Ansar Allah)") in ents
    assert all(e.text not in ("sdf", "Khan") for e in doc.ents)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An Israeli strike hit a house in Rafah.", [("Israeli", "Military Forces of Israel")]),
        ("A Russian guided aerial bomb struck Kharkiv.", [("Russian", "Military Forces of Russia")]),
        ("On Tuesday drone strikes hit the port.", []),  # a weekday owns no weapon
        ("The missile hit a ship.", []),
    ],
)
def test_weapon_owner_is_the_state_that_fired_it(actors: ActorDictionary, text: str, expected) -> None:
    assert names(actors, text) == expected


def test_coordinated_demonyms_share_the_noun(actors: ActorDictionary) -> None:
    found = names(actors, "Russian and Ukrainian troops fought near Avdiivka.")
    assert found == [
        ("Russian", "Military Forces of Russia"),
        ("Ukrainian troops", "Military Forces of Ukraine"),
    ]


def test_affiliations_describe_an_actor_they_are_not_one(actors: ActorDictionary) -> None:
    found = names(actors, "The al-Qaeda-linked group al-Shabaab claimed the attack.")
    assert [name for _, name in found] == ["Al Shabaab"]


@pytest.mark.parametrize("code", ["", "XX"])
def test_with_country_never_leaves_a_placeholder(code: str) -> None:
    filled = with_country(Actor("Unidentified Armed Group ({country})", "Political militia"), code)
    assert filled.name == "Unidentified Armed Group"


@pytest.mark.parametrize(
    ("text", "code", "unidentified"),
    [
        ("Gunmen stormed a hotel in Mogadishu.", "SO", True),
        ("Al-Shabaab gunmen stormed a hotel in Mogadishu.", "SO", False),
        ("Unknown assailants shot dead a trader in Zamfara.", "NG", True),
        ("Soldiers repelled the assault on the base.", "ML", False),
    ],
)
def test_unidentified_is_one_check_of_the_armed_side_no_one_names(
    text: str, code: str, unidentified: bool
) -> None:
    armed = [with_country(m.actor, code) for m in ActorDictionary.default().find(text)]
    assert armed and is_unidentified(armed[0]) is unidentified
    assert not is_unidentified(None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kosovo police said the grenade was thrown at their station in Zvecan.", "Police Forces of Kosovo"),
        ("Rioters clashed with NATO peacekeepers in northern Kosovo.", "Rioters (Kosovo)"),
    ],
)
def test_kosovo_has_its_own_state_and_crowd_though_iso_3166_lacks_it(text: str, expected: str) -> None:
    found = [with_country(m.actor, "XK").name for m in ActorDictionary.default().find(text)]
    assert expected in found


def test_a_states_side_and_positions_are_its_military() -> None:
    found = ActorDictionary.default().find(
        "Two Armenian soldiers were shot dead by the Azerbaijani side after shelling of Armenian positions."
    )
    names = [m.actor.name for m in found]
    assert "Military Forces of Azerbaijan" in names and "Military Forces of Armenia" in names


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Two suspected insurgents opened fire on a ranger checkpoint in Yala.", "TH", "Malay Muslim Separatists (Thailand)"),
        ("Separatist fighters ambushed a patrol near Bamenda.", "CM", "Ambazonian Separatists"),
        ("Separatist fighters ambushed a patrol near Quetta.", "PK", "Unidentified Armed Group (Pakistan)"),
        ("Insurgents stormed a village in Cabo Delgado.", "MZ", "Unidentified Armed Group (Mozambique)"),
        ("Dissident rebels attacked a police station in Cauca.", "CO", "FARC Dissidents"),
        ("Soldiers raided a refugee camp near Tubas before dawn.", "PS", "Military Forces of Israel"),
        ("Soldiers raided a village near Kidal before dawn.", "ML", "Military Forces of Mali"),
        ("Armed bandits abducted 30 villagers in Zamfara.", "NG", "Unidentified Armed Group (Nigeria)"),
    ],
)  # fmt: skip
def test_generic_words_mean_a_country_s_known_insurgency(
    actors: ActorDictionary, text: str, country: str, expected: str
) -> None:
    """ACLED codes unnamed "insurgents" of Thailand's deep south as its Malay Muslim separatists."""
    mention = actors.find(text)[0]
    filled = with_country(mention.actor, country)
    assert filled.name == expected
    assert "{" not in filled.name and filled.type in ACTOR_TYPES


def test_rangers_are_troops_but_park_rangers_are_not(actors: ActorDictionary) -> None:
    """Thailand's and Pakistan's paramilitary rangers are state forces; a park's rangers are no army."""
    names = [
        with_country(m.actor, "TH").name for m in actors.find("A roadside bomb hit a ranger unit in Yala.")
    ]
    assert names == ["Military Forces of Thailand"]
    assert actors.find("Park rangers found the poachers' camp.") == []


def test_india_s_district_reserve_guard_is_police(actors: ActorDictionary) -> None:
    names = [
        with_country(m.actor, "IN").name for m in actors.find("A DRG jawan died when Maoists set off an IED.")
    ]
    assert names == [
        "Police Forces of India",
        "Military Forces of India",
        "CPI (Maoist): Communist Party of India (Maoist)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Witnesses blamed the Grand Grif gang for the raid.", [("Grand Grif gang", "Gran Grif")]),
        ("Jamaat-ur-Ahrar said its fighters planted the bomb.", [("Jamaat-ur-Ahrar", "Jamaat-ul-Ahrar")]),
        (
            "A little-known group, Jaish Al Fursan, said it was behind it.",
            [("Jaish Al Fursan", "Jaish al-Fursan")],
        ),
        (
            "Investigators suspect a Jemaah Anshorut Daulah cell in Surabaya.",
            [("Jemaah Anshorut Daulah", "JAD: Jamaah Ansharut Daulah")],
        ),
        ("Jemaah Islamiah recruits were detained.", [("Jemaah Islamiah", "Jemaah Islamiyah")]),
        ("shots were fired at the 444th Combat Brigade's base", [("444th Combat Brigade", "444 Brigade")]),
        (
            "gunmen of the Jalisco New Generation blocked the road",
            [
                ("gunmen", "Unidentified Armed Group ({country})"),
                ("Jalisco New Generation", "CJNG: Jalisco New Generation Cartel"),
            ],
        ),
        ("the Mikano gang opened fire in Wharf Jeremie", [("Mikano gang", "Wharf Jeremie Gang")]),
        (
            "remnants of the former regime ambushed a patrol near Jableh",
            [("remnants of the former regime", "Assad Regime Loyalists")],
        ),
        ("former regime forces attacked a checkpoint", [("former regime forces", "Assad Regime Loyalists")]),
        (  # South Sudan's communities' armed youth are ACLED's ethnic militias
            "Kelang blamed armed Anyuak youth for the attack",
            [("armed Anyuak youth", "Anyuak Ethnic Militia (South Sudan)")],
        ),
        ("Murle raiders stole 300 cattle", [("Murle raiders", "Murle Ethnic Militia (South Sudan)")]),
    ],
)
def test_groups_and_their_other_spellings(actors: ActorDictionary, text: str, expected) -> None:
    assert names(actors, text) == expected


@pytest.mark.parametrize(
    ("alias", "code", "expected"),
    [
        ("a junta plane", "MM", "Military Forces of Myanmar"),  # a ruling junta's men are its army
        ("junta troops", "ML", "Military Forces of Mali"),
        ("regime forces", "SY", "Military Forces of Syria"),
        ("Druze gunmen", "SY", "Druze Ethnic Militia (Syria)"),  # a community's armed men: ACLED's militia
        ("Bedouin tribal fighters", "SY", "Bedouin Ethnic Militia (Syria)"),
        ("armed tribesmen", "PK", "Communal Militia (Pakistan)"),
    ],
)
def test_generic_words_for_juntas_and_communities(
    actors: ActorDictionary, alias: str, code: str, expected
) -> None:
    found = actors.find(alias)
    assert len(found) == 1
    assert with_country(found[0].actor, code).name == expected


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        ("2022-08-17", "AF", "Military Forces of Afghanistan"),  # the Taliban's government
        ("2021-08-30", "AF", "Taliban"),  # still fighting for Panjshir
        ("2023-01-30", "PK", "Taliban"),  # abroad: not Pakistan's state
    ],
)
def test_a_group_that_took_power_is_the_states_forces_from_that_day(
    day: str, country: str, expected: str
) -> None:
    taliban = ActorDictionary.default().get("Taliban")
    assert as_ruled(taliban, day, country).name == expected
