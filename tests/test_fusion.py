"""Fusion: blocking, scoring and reconciliation on hand-built events; the corpus; the store."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from sitrep.config import FusionSettings, Settings
from sitrep.evaluation.fusion import article_file, extract_corpus, fuse_corpus, load_gold, pairwise
from sitrep.fusion import (
    BlockIndex,
    Report,
    _Cluster,
    _second_look,
    candidate_pairs,
    content_tokens,
    date_window,
    fuse,
    link_threshold,
    member_floor,
    named_words,
    names_place,
    pair_allowed,
    places_compatible,
    same_name,
    score_cluster,
    score_pair,
    shared_details,
    stopwords,
    targets_differ,
    trigger_sentence,
    types_compatible,
)
from sitrep.fusion_blocks import stale
from sitrep.fusion_model import clues, common_clues, evidence, subtypes_agree
from sitrep.fusion_reconcile import combine_fatalities, reconcile
from sitrep.model import (
    Actor,
    ArticleResult,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Link,
    Location,
    Span,
)
from sitrep.store import EventFilter, open_store

CORPUS = Path(__file__).parent / "data" / "fusion"
SETTINGS = FusionSettings()

SUMY = Location("Sumy", "UA", "Sumy", 50.9174, 34.7991, GeoPrecision.EXACT, 692194, "city")
SUMY_OBLAST = Location("Sumy", "UA", "Sumy", 51.12, 34.12, GeoPrecision.REGION, 692196, "admin1")
UKRAINE = Location("Ukraine", "UA", "", 48.5, 31.5, GeoPrecision.REGION, 690791, "country")
POKROVSK = Location("Pokrovsk", "UA", "Donetsk", 48.282, 37.176, GeoPrecision.EXACT, 704147, "town")
MYRNOHRAD = Location("Myrnohrad", "UA", "Donetsk", 48.303, 37.266, GeoPrecision.EXACT, 704508, "town")
KHARKIV = Location("Kharkiv", "UA", "Kharkiv", 49.98, 36.25, GeoPrecision.EXACT, 706483, "city")
RUSSIA = Actor("Military Forces of Russia", "State forces", "RU")
TUESDAY = date(2024, 3, 12)


def report(
    key: str,
    sentence: str = "",
    *,
    day: date = TUESDAY,
    precision: DatePrecision = DatePrecision.DAY,
    published: date | None = None,
    context: str = "",
    **changes: object,
) -> Report:
    """A report of a Russian drone strike in Sumy, changed as the test needs."""
    event = Event(
        id=f"ev-{key}",
        article_id=f"art-{key}",
        event_date=EventDate(day, precision, DateSource.TEXT),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover="ATTACK",
        cameo="195",
        role=EventRole.MAIN,
        actor1=RUSSIA,
        actor2=None,
        location=SUMY,
        fatalities=Fatalities(2, 2, 2),
    )
    return Report.of(replace(event, **changes), published or day, sentence, context)


DEPOT = "Russian forces struck a fuel depot in Sumy with a drone, killing two workers."


# -- inputs and gates ------------------------------------------------------------------------------


def test_trigger_sentence_is_the_sentence_around_the_span():
    text = "Markets opened. A drone hit a fuel depot in Sumy on Tuesday. Two died."
    start = text.index("drone")
    assert trigger_sentence(text, Span(start, start + 5)) == "A drone hit a fuel depot in Sumy on Tuesday."
    assert trigger_sentence(text, None) == ""


def test_content_tokens_drop_stop_words_names_and_countries():
    tokens = content_tokens("Russian forces struck a fuel depot in Sumy, Ukraine, on Tuesday", ["Sumy"])
    assert tokens == {"fuel", "depot"}


@pytest.mark.parametrize(
    ("precision", "source", "expected"),
    [
        (DatePrecision.DAY, DateSource.TEXT, (date(2024, 3, 11), date(2024, 3, 13))),
        (DatePrecision.DAY, DateSource.PUBLICATION_DATE, (date(2024, 3, 9), date(2024, 3, 13))),
        (DatePrecision.MONTH, DateSource.TEXT, (date(2024, 2, 29), date(2024, 4, 1))),
    ],
)
def test_date_window_respects_precision_and_source(precision, source, expected):
    start = TUESDAY if precision is DatePrecision.DAY else date(2024, 3, 1)
    lo, hi = date_window(EventDate(start, precision, source), SETTINGS)
    assert (date.fromordinal(lo), date.fromordinal(hi)) == expected


def test_places_compatible_by_distance_region_and_country():
    assert places_compatible(POKROVSK, MYRNOHRAD, SETTINGS)  # ~7 km: a candidate, scored lower
    assert not places_compatible(SUMY, KHARKIV, SETTINGS)  # ~150 km
    assert places_compatible(SUMY, SUMY_OBLAST, SETTINGS)  # the region it lies in
    assert not places_compatible(KHARKIV, SUMY_OBLAST, SETTINGS)  # another region
    assert places_compatible(KHARKIV, UKRAINE, SETTINGS)  # country-level report


def test_types_compatible_within_violence_and_within_demonstrations():
    assert types_compatible("Explosions/Remote violence", "Violence against civilians")
    assert types_compatible("Protests", "Riots")
    assert not types_compatible("Protests", "Explosions/Remote violence")


def test_a_strategic_development_that_counts_dead_may_be_an_attack():
    attack = report("a", DEPOT)
    aftermath = report("b", sub_event_type="Change to group/activity", event_type="Strategic developments")
    assert pair_allowed(attack, aftermath, SETTINGS)  # two dead: an attack told by its aftermath
    quiet = report("c", event_type="Strategic developments", sub_event_type="Agreement", fatalities=None)
    assert not pair_allowed(attack, quiet, SETTINGS)


def test_drones_shot_down_may_be_the_strike_another_outlet_reports():
    """One outlet tells the drones that got through, another those the air defences downed."""
    strike = report("a", "A Russian drone struck a fuel depot in Sumy overnight, killing two workers.")
    downed = report(
        "b",
        "Air defences shot down drones over Sumy overnight, the regional governor said.",
        event_type="Strategic developments",
        sub_event_type="Disrupted weapons use",
        fatalities=None,
    )
    assert pair_allowed(strike, downed, SETTINGS)
    clash = report(
        "c",
        "Troops clashed with a sabotage group near Sumy.",
        event_type="Battles",
        sub_event_type="Armed clash",
        fatalities=None,
    )
    assert not pair_allowed(clash, downed, SETTINGS)  # an interception is no gun battle


def test_a_crowds_violence_may_be_the_clash_or_attack_another_outlet_reports():
    """One outlet tells the riot, another the clash with the police; one the settlers' rampage,
    another the attack: they pass the type gate and their sub-types agree. A killing beside a
    riot does not pass: the riot it sets off is another event."""
    ukraine = {"actor1": Actor("Rioters (Ukraine)", "Rioters", "UA"), "fatalities": Fatalities(1, 1, 1)}
    riot = report(
        "a",
        "Protesters hurled stones at police outside the regional council in Sumy; one man died.",
        event_type="Riots", sub_event_type="Violent demonstration", **ukraine,
    )  # fmt: skip
    clash = report(
        "b",
        "Police clashed with marchers outside the regional council in Sumy, leaving one dead.",
        event_type="Battles", sub_event_type="Armed clash", **ukraine,
    )  # fmt: skip
    assert pair_allowed(riot, clash, SETTINGS)
    assert subtypes_agree("Violent demonstration", "Armed clash")
    assert len(fuse([riot, clash], SETTINGS)) == 1
    mob = report("c", "A mob torched homes and beat residents in Sumy.", event_type="Riots",
                 sub_event_type="Mob violence", **ukraine)  # fmt: skip
    attack = report("d", "Attackers shot a resident dead and set homes alight in Sumy.",
                    event_type="Violence against civilians", sub_event_type="Attack", **ukraine)  # fmt: skip
    assert pair_allowed(mob, attack, SETTINGS)
    assert not pair_allowed(riot, attack, SETTINGS)  # a killing and the riot after it


def test_two_round_ups_of_one_nights_strikes_keep_their_towns_apart():
    """Two outlets tell the night's drone strikes on Sumy and Kharkiv in one article each: every
    passage names both towns and shares every detail, so the details do not excuse two named
    towns. A report the coder misplaced (its passage never names its own town) still passes."""
    night = (
        "Russian Shahed drones struck Sumy and Kharkiv overnight. Governor Volodymyr Artiukh said "
        "23 people were hurt in Sumy; Mayor Ihor Terekhov said a Nova Poshta depot burned in Kharkiv."
    )
    sumy = report("a", night, location=SUMY, context=night)
    kharkiv = report("b", night, location=KHARKIV, context=night)
    assert shared_details(sumy, kharkiv) >= SETTINGS.detail_override
    assert not pair_allowed(sumy, kharkiv, SETTINGS)
    told = "Russian Shahed drones struck Sumy overnight; Governor Volodymyr Artiukh said 23 people were hurt."
    misplaced = report("c", told, location=KHARKIV, context=told + " Mayor Ihor Terekhov sent rescuers.")
    assert pair_allowed(sumy, misplaced, SETTINGS)


def test_a_report_whose_text_names_the_others_town_was_placed_elsewhere():
    """The coder put one outlet's report where the regional administration spoke (Kharkiv) while
    its text tells the strike on Sumy; the Sumy outlet never names Kharkiv. Few details are shared,
    yet the two named towns do not keep them apart. Two reports that each name the other's town
    (or neither does) are two towns' stories and stay apart."""
    sumy = report("a", DEPOT, context=DEPOT + " Rescuers worked through the morning.")
    told = "A drone hit a fuel depot in Sumy overnight, the regional military administration said in Kharkiv."
    elsewhere = report("b", told, location=KHARKIV, context=told)
    assert shared_details(sumy, elsewhere) < SETTINGS.detail_override
    assert pair_allowed(sumy, elsewhere, SETTINGS)
    both = "Drones hit a fuel depot in Sumy and a warehouse in Kharkiv overnight."
    assert not pair_allowed(
        report("c", both, context=both), report("d", both, location=KHARKIV, context=both), SETTINGS
    )
    kharkiv = report("e", "A drone hit a warehouse in Kharkiv overnight.", location=KHARKIV)
    assert not pair_allowed(sumy, kharkiv, SETTINGS)


def test_a_round_up_that_tells_both_towns_gives_its_other_town_to_no_outlet():
    """One outlet's round-up tells the night's strikes on Sumy and Kharkiv as two events (its coder
    dated the Sumy one a day early and found no toll there); another outlet tells Sumy alone. The
    round-up's Kharkiv passage names Sumy and shares every detail, its day and toll agree, but its
    own article tells Sumy as another event: the Sumy report goes with the round-up's Sumy event."""
    night = (
        "Russian Shahed drones struck Sumy and Kharkiv overnight. Governor Volodymyr Artiukh said "
        "two workers died at a Nova Poshta depot in Sumy; 23 people were hurt in Kharkiv."
    )
    round_up = {"article_id": "art-round-up", "context": night}
    sumy_early = report(
        "a", night, location=SUMY, day=TUESDAY - timedelta(days=1), fatalities=None, **round_up
    )
    kharkiv = report("b", night, location=KHARKIV, **round_up)
    told = "Russian Shahed drones struck a Nova Poshta depot in Sumy, Governor Volodymyr Artiukh said."
    sumy = report("c", told, context=told + " Two workers died; 23 people were hurt in the region.")
    (with_sumy,) = [i for i in fuse([sumy_early, kharkiv, sumy], SETTINGS) if "ev-c" in i.event_ids]
    assert set(with_sumy.event_ids) == {"ev-a", "ev-c"}


def test_an_article_that_tells_one_towns_two_days_gives_the_other_day_to_no_outlet():
    """One outlet tells Tuesday's drone strike on Sumy and a strike on Wednesday as two events (the
    coder found the toll only beside Wednesday's); another outlet tells Tuesday's. Wednesday's event
    shares the passage and the toll, but its own article tells Sumy's Tuesday as another event:
    the Tuesday report goes with the Tuesday event."""
    told = (
        "Russian Shahed drones struck a Nova Poshta depot in Sumy on Tuesday, Governor Volodymyr "
        "Artiukh said; two workers died. Drones hit Sumy again on Wednesday."
    )
    both_days = {"article_id": "art-two-days", "context": told}
    tuesday = report("a", told, fatalities=None, **both_days)
    wednesday = report("b", told, day=TUESDAY + timedelta(days=1), **both_days)
    other = "Russian Shahed drones struck a Nova Poshta depot in Sumy, Governor Volodymyr Artiukh said."
    sumy = report("c", other, context=other + " Two workers died.")
    (with_sumy,) = [i for i in fuse([tuesday, wednesday, sumy], SETTINGS) if "ev-c" in i.event_ids]
    assert set(with_sumy.event_ids) == {"ev-a", "ev-c"}


def test_a_report_with_neither_place_nor_day_links_to_nothing():
    """A round-up line "drone strikes killed dozens of civilians in March" has no place and only a
    month: it could be any strike of the month, whatever words it shares with one. With a day it
    may still be the other outlet's strike (the coder found no place)."""
    told = "Russian drone strikes on Sumy killed 23 civilians, Governor Volodymyr Artiukh said."
    strike = report("a", told, context=told)
    month = report(
        "b", told, context=told, location=None, day=date(2024, 3, 1), precision=DatePrecision.MONTH
    )
    assert not pair_allowed(strike, month, SETTINGS)
    assert pair_allowed(strike, report("c", told, context=told, location=None), SETTINGS)


def test_names_every_outlet_of_a_war_prints_are_no_shared_details():
    """Two shellings of El Fasher days apart: both passages name the Rapid Support Forces, carry a
    photo credit and say "at night" - words in the passages of many articles, which tell no
    incident from another. A named victim they share is a detail."""
    monday = report(
        "a",
        context="Photo: AFP. The Rapid Support Forces shelled the Abu Shouk camp at night, killing 12, "
        "among them the nurse Amna Haroun, the Sudan Doctors Network said.",
    )
    thursday = report(
        "b",
        context="Photo: Reuters. Rapid Support Forces shells hit the central market at night, killing 24, "
        "the International Committee of the Red Cross said.",
    )
    assert {"n:photo", "n:rapid", "n:support", "h:night"} <= common_clues()
    assert shared_details(monday, thursday) == 0
    later = report("c", context="Relatives buried the nurse Amna Haroun, killed in Abu Shouk.")
    assert shared_details(monday, later) >= 2  # "amna", "haroun" (and "abu shouk")


def test_dates_and_page_stamps_are_not_shared_numbers_or_times():
    stamp = "Feb 13, 2024 - 16:11 | Updated 2024-02-13 | 04:11. Gunmen killed 27 soldiers on 13 February at 4.30 pm."
    found = clues(stamp, stopwords())
    assert {c for c in found if c[0] == "#"} == {"#:27"}
    assert {"h:16:11", "h:4:11", "h:16:30"} <= found and "n:updated" not in found


def test_same_article_and_far_dates_are_never_candidates():
    a = report("a", DEPOT)
    assert not pair_allowed(a, replace(report("b", DEPOT), event=replace(a.event, id="x")), SETTINGS)
    assert not pair_allowed(a, report("c", DEPOT, day=TUESDAY + timedelta(days=4)), SETTINGS)
    assert pair_allowed(a, report("d", DEPOT, day=TUESDAY + timedelta(days=1)), SETTINGS)


AMBUSH = "Anti-Balaka gunmen ambushed a MINUSCA convoy near Yogofongo, killing Moroccan peacekeepers, Captain Ahmed Benali said."


def test_reports_sharing_many_details_pass_the_place_and_date_gates():
    """The coder put one report of the ambush 200 km off and three days late: the details say it is one."""
    a = report("a", AMBUSH, location=POKROVSK)
    assert shared_details(a, report("b", AMBUSH)) >= SETTINGS.detail_override
    assert pair_allowed(a, report("b", AMBUSH, location=KHARKIV, day=TUESDAY + timedelta(days=5)), SETTINGS)
    assert not pair_allowed(
        a, report("c", AMBUSH, location=KHARKIV, day=TUESDAY + timedelta(days=6)), SETTINGS
    )
    plain = report("d", DEPOT, location=POKROVSK)  # few details: the place gate holds
    assert not pair_allowed(plain, report("e", DEPOT, location=KHARKIV), SETTINGS)
    linked = fuse([a, report("b", AMBUSH, location=KHARKIV, day=TUESDAY + timedelta(days=5))], SETTINGS)
    (link,) = linked[0].links  # one incident; its evidence names the details and what argues against
    assert any(e.startswith("shared names: ") and "yogofongo" in e for e in link.evidence)
    assert "against: places differ: Pokrovsk (UA) / Kharkiv (UA)" in link.evidence
    assert any(e.startswith("against: dates differ") for e in link.evidence)
    off = replace(SETTINGS, detail_override=0)
    assert not pair_allowed(a, report("b", AMBUSH, location=KHARKIV), off)


def test_compatible_sub_types_agree_and_crowds_on_another_day_conflict():
    a = report("a", DEPOT)
    missile = report("b", DEPOT, sub_event_type="Shelling/artillery/missile attack")
    assert subtypes_agree("Air/drone strike", "Shelling/artillery/missile attack")
    assert score_pair(a, missile, SETTINGS).total == score_pair(a, report("c", DEPOT), SETTINGS).total
    rally = "Protesters blocked Rustaveli Avenue outside the Georgian parliament in Tbilisi."
    crowd = {"event_type": "Riots", "sub_event_type": "Violent demonstration", "actor1": None}
    night = report("d", rally, **crowd)
    same_night = score_pair(night, report("e", rally, **crowd), SETTINGS)
    next_night = score_pair(night, report("f", rally, day=TUESDAY + timedelta(days=1), **crowd), SETTINGS)
    assert next_night.features["crowd_day_unsure"] == 1.0 and same_night.features["crowd_day_unsure"] == 0.0
    assert next_night.total < same_night.total  # a day apart weighs against, the shared detail for


def test_a_town_and_its_short_name_are_one_place():
    """GeoNames holds "Mocímboa" and "Mocímboa da Praia" 4 km apart; outlets use either."""
    long = Location(
        "Mocímboa da Praia", "MZ", "Cabo Delgado", -11.35172, 40.35158, GeoPrecision.EXACT, 1024699, "town"
    )
    short = Location("Mocímboa", "MZ", "Cabo Delgado", -11.31667, 40.35, GeoPrecision.EXACT, 1037370, "town")
    assert same_name(long.name, short.name) and not same_name("Pokrovsk", "Myrnohrad")
    retake = "Rwandan and Mozambican troops retook the port town from the insurgents."
    assert pair_allowed(report("a", retake, location=long), report("b", retake, location=short), SETTINGS)
    possessive = "The army of Chad's president was in Faya"  # "Chad's" is Chad, a country
    assert clues(possessive, stopwords()) == {"n:faya"}


CHAD = Location("Chad", "TD", "", 15.5, 19.0, GeoPrecision.REGION, 2434508, "country")
NAIROBI = Location("Nairobi", "KE", "Nairobi Area", -1.283, 36.817, GeoPrecision.EXACT, 184745, "city")
BANGUI = Location("Bangui", "CF", "Bangui", 4.361, 18.555, GeoPrecision.EXACT, 2389853, "city")


def test_a_report_that_names_the_other_place_is_misplaced_not_elsewhere():
    """HRW's report of the Chad shootings opens with its dateline "(Nairobi)", which the coder
    took for the place; its text names Chad, so the two places are not a conflict. A report
    that never names the other's place still conflicts with it."""
    hrw = (
        "(Nairobi) - On October 20, 2022, security forces opened fire on protesters in several "
        "Chadian cities, among them the capital N'Djamena, killing at least 50 people."
    )
    see = "Security forces in Chad opened fire on Thursday on anti-government demonstrators."
    crowd = {"event_type": "Protests", "sub_event_type": "Excessive force against protesters", "actor1": None}
    in_chad = report("a", see, location=CHAD, **crowd)
    misplaced = report("b", hrw, location=NAIROBI, **crowd)
    elsewhere = report("c", "Police fired on a march in Bangui.", location=BANGUI, **crowd)
    assert names_place(misplaced, CHAD) and not names_place(elsewhere, CHAD)
    assert "cc:TD" in named_words(hrw)  # "Chadian" names Chad
    named = score_pair(in_chad, misplaced, SETTINGS)
    other = score_pair(in_chad, elsewhere, SETTINGS)
    assert named.features["place_conflict"] == 0.0 and other.features["place_conflict"] == 1.0
    assert named.total > other.total
    assert any("names the other's" in line for line in evidence(in_chad, misplaced, SETTINGS))


def test_a_report_dated_by_a_recalled_day_still_meets_its_own_days_reports():
    """The coder dated one account of the Jit settler raid (August 2024) to "October 7", a day its
    text recalls; the details it shares with the other accounts reach the days before it came out."""
    raid = "Settlers stormed Jit near Qalqilya in the West Bank and shot Rashid Sadah, the Palestinian health ministry said."
    day = date(2024, 8, 16)
    fresh = report("a", raid, day=day)
    recalled = report("b", raid, day=date(2023, 10, 7), published=day + timedelta(days=1))
    old = report("c", raid, day=date(2023, 10, 7), published=date(2023, 10, 8))  # an account of that day
    assert stale(recalled, SETTINGS) and not stale(fresh, SETTINGS) and not stale(old, SETTINGS)
    assert shared_details(fresh, recalled) >= SETTINGS.detail_override
    assert pair_allowed(fresh, recalled, SETTINGS)
    assert (0, 1) in set(candidate_pairs([fresh, recalled], SETTINGS))  # blocking reaches it too
    assert not pair_allowed(fresh, old, SETTINGS)  # published ten months apart


def test_main_reports_published_months_apart_are_two_incidents_but_a_recollection_links():
    """Two air strikes both dated to a recalled "October 7" by the coder, reported in May and in
    August, are two incidents; a background mention months later may still recall one."""
    day = date(2023, 10, 7)
    may = report("a", DEPOT, day=day, published=date(2024, 5, 18))
    august = report("b", DEPOT, day=day, published=date(2024, 8, 16))
    assert not pair_allowed(may, august, SETTINGS)
    recalled = replace(august, event=replace(august.event, role=EventRole.BACKGROUND))
    assert pair_allowed(may, recalled, SETTINGS)


def test_blocking_finds_exactly_the_pairs_brute_force_finds():
    rng = random.Random(7)
    places = [SUMY, SUMY_OBLAST, UKRAINE, POKROVSK, MYRNOHRAD, KHARKIV]
    reports = [
        report(
            str(i),
            day=date(2024, 1, 1) + timedelta(days=rng.randrange(60)),
            precision=rng.choice([DatePrecision.DAY] * 4 + [DatePrecision.WEEK, DatePrecision.MONTH]),
            location=rng.choice(places),
        )
        for i in range(150)
    ]
    brute = {
        (i, j)
        for j in range(len(reports))
        for i in range(j)
        if pair_allowed(reports[i], reports[j], SETTINGS)
    }
    assert set(candidate_pairs(reports, SETTINGS)) == brute


# -- scoring ----------------------------------------------------------------------------------------


def test_differently_worded_reports_of_one_strike_score_above_threshold():
    a = report("a", DEPOT)
    b = report(
        "b",
        "Two workers died when a Russian drone hit a fuel depot in Sumy.",
        published=TUESDAY + timedelta(days=1),
        sub_event_type="Attack",
        event_type="Violence against civilians",
    )
    assert score_pair(a, b, SETTINGS).total >= link_threshold(SETTINGS)
    assert len(fuse([a, b], SETTINGS)) == 1


def test_two_strikes_on_one_city_and_day_with_other_targets_stay_apart():
    depot = report("a", DEPOT)
    school = report(
        "b",
        "Russian forces fired a missile at a school building in Sumy, killing a caretaker.",
        sub_event_type="Shelling/artillery/missile attack",
    )
    assert targets_differ(depot, school)  # a depot and a school: two strikes whatever else agrees
    assert score_pair(depot, school, SETTINGS) is None
    assert len(fuse([depot, school], SETTINGS)) == 2


CALI = Location("Cali", "CO", "Valle del Cauca", 3.437, -76.522, GeoPrecision.EXACT, 3687925, "city")
AMALFI = Location("Amalfi", "CO", "Antioquia", 6.909, -75.077, GeoPrecision.EXACT, 3690175, "town")
TWO_STORIES = (
    "A truck bomb exploded near the Marco Fidel Suarez air base in Cali on Thursday, killing six "
    "civilians. Hours earlier a police Black Hawk helicopter was shot down by a drone near Amalfi, "
    "Antioquia, killing 13 officers. President Gustavo Petro blamed FARC dissidents of the Central "
    "General Staff led by Ivan Mordisco for both attacks."
)


def test_two_articles_that_each_tell_two_incidents_pair_their_events_off_one_to_one():
    """Two outlets tell the Cali truck bomb and the Amalfi helicopter in one article each: every
    passage shares every name, so the details alone would chain a bomb to the other outlet's
    helicopter; each event links to the other article's event that tells it best."""
    colombia = {"actor1": Actor("FARC Dissidents", "Rebel group", "CO")}
    bomb = {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED"}
    downed = {"event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use"}

    def told(key: str, article: str, place: Location, toll: int, kind: dict) -> Report:
        r = report(
            key, TWO_STORIES, location=place, fatalities=Fatalities(toll, toll, toll), **kind, **colombia
        )
        return replace(r, event=replace(r.event, article_id=article))

    # the ids set the order fusion meets them in: one outlet's bomb, the other's helicopter first
    # outlet y names the departments only: the towns do not tell its two events apart
    valle = Location(
        "Valle del Cauca", "CO", "Valle del Cauca", 3.8, -76.5, GeoPrecision.REGION, 3625, "admin1"
    )
    antioquia = Location("Antioquia", "CO", "Antioquia", 7.0, -75.5, GeoPrecision.REGION, 3689, "admin1")
    bomb_y, heli_x = told("a", "y", valle, 5, bomb), told("b", "x", AMALFI, 13, downed)
    bomb_x, heli_y = told("c", "x", CALI, 6, bomb), told("d", "y", antioquia, 12, downed)
    assert score_pair(heli_x, bomb_y, SETTINGS).total >= link_threshold(SETTINGS)  # the details chain them
    incidents = fuse([bomb_y, heli_x, bomb_x, heli_y], SETTINGS)
    assert sorted(inc.event_ids for inc in incidents) == [("ev-a", "ev-c"), ("ev-b", "ev-d")]


def test_neighbouring_towns_on_consecutive_days_stay_apart():
    a = report("a", "Russian shelling damaged a water pumping station.", location=POKROVSK)
    b = report(
        "b", "Russian shelling damaged a kindergarten.", location=MYRNOHRAD, day=TUESDAY + timedelta(days=1)
    )
    assert len(fuse([a, b], SETTINGS)) == 2


def test_vague_report_does_not_chain_two_strikes():
    monday = report("a", DEPOT, day=TUESDAY - timedelta(days=1))
    school = "Russian forces fired a missile at a school building in Sumy, killing a caretaker."
    wednesday = report("b", school, day=TUESDAY + timedelta(days=1), fatalities=Fatalities(1, 1, 1))
    vague = report(
        "c",
        "Russian drones hit a fuel depot in the Sumy region this week, officials said.",
        day=date(2024, 3, 11),
        precision=DatePrecision.WEEK,
        location=SUMY_OBLAST,
    )
    incidents = fuse([vague, monday, wednesday], SETTINGS)
    assert len(incidents) == 2
    assert sorted(len(i.event_ids) for i in incidents) == [1, 2]  # the vague report joined one of them
    assert all(i.event_date.precision is DatePrecision.DAY for i in incidents)


class _FixedOdds:
    """A scorer with given probabilities for pairs of event ids and no sibling outdoing them."""

    def __init__(self, odds: dict[tuple[str, str], float], settings: FusionSettings = SETTINGS) -> None:
        self.odds, self.settings = odds, settings

    def probability(self, a: Report, b: Report) -> float:
        return self.odds[tuple(sorted((a.event.id, b.event.id)))]

    def outdone(self, member: Report, other: Report, p: float) -> bool:
        return False


def test_a_report_all_but_ruled_out_with_one_main_report_does_not_join_its_incident():
    """Single linkage chains: a raid in Jenin, a settler attack two days later and a vague "West
    Bank" report that resembles both. A report joins an incident only if no main report of it
    rules the pair out (probability under ``member_floor``), however well it matches another."""
    raid, settlers, vague = report("a", DEPOT), report("b", DEPOT), report("c", DEPOT)
    cluster = _Cluster.start(raid)
    cluster.add(settlers, Link("ev-b", "ev-a", 0.9, ()))
    settings = replace(SETTINGS, threshold=0.4)
    odds = {("ev-a", "ev-c"): 0.8, ("ev-b", "ev-c"): 0.05}
    assert score_cluster(vague, cluster, _FixedOdds(odds, settings)) is None
    odds[("ev-b", "ev-c")] = 0.3
    assert score_cluster(vague, cluster, _FixedOdds(odds, settings)) == (0.8, raid)


@pytest.mark.parametrize(("threshold", "joins"), [(0.4, False), (0.1, True)])
def test_the_member_floor_moves_with_the_link_threshold(threshold, joins):
    """A refit that lowers the threshold lowers every probability the model gives: a report 0.12
    likely with one main member of a strike's incident is all but ruled out under a threshold of
    0.4, and an ordinary weak match under a threshold of 0.1 (the floor is a share of it)."""
    strike, second, late = report("a", DEPOT), report("b", DEPOT), report("c", DEPOT)
    cluster = _Cluster.start(strike)
    cluster.add(second, Link("ev-b", "ev-a", 0.9, ()))
    settings = replace(SETTINGS, threshold=threshold, member_floor_share=0.5)
    assert member_floor(settings) == pytest.approx(threshold / 2)
    scored = score_cluster(
        late, cluster, _FixedOdds({("ev-a", "ev-c"): 0.7, ("ev-b", "ev-c"): 0.12}, settings)
    )
    assert (scored == (0.7, strike)) is joins
    assert (scored is None) is not joins


@pytest.mark.parametrize(("later", "moves"), [(0.85, True), (0.5, False)])
def test_a_report_moves_to_the_incident_it_tells_clearly_better_on_a_second_look(later, moves):
    """Greedy linking: a strike on Tuesday joins Monday's strike weakly (0.3) because the report
    that tells it best is vaguer (the province) and comes later; that one cannot join Monday's
    incident (ruled out by it) and starts its own. On a second look the Tuesday report moves to
    it when it scores clearly higher there, not for a small gain."""
    monday, tuesday = report("a", DEPOT, day=TUESDAY - timedelta(days=1)), report("b", DEPOT)
    vague = report("c", DEPOT, location=SUMY_OBLAST)
    first = _Cluster.start(monday)
    first.add(tuesday, Link("ev-b", "ev-a", 0.3, (), by="model"))
    clusters = [first, _Cluster.start(vague)]
    ordered = [monday, tuesday, vague]
    index = BlockIndex(SETTINGS)
    for i, r in enumerate(ordered):
        index.add(i, r)
    owner = {0: 0, 1: 0, 2: 1}
    odds = {("ev-a", "ev-b"): 0.3, ("ev-a", "ev-c"): 0.01, ("ev-b", "ev-c"): later}
    _second_look(ordered, index, owner, clusters, _FixedOdds(odds))
    assert (owner[1] == 1) is moves
    assert sorted(len(c.incident.event_ids) for c in clusters) == [1, 2]
    assert (clusters[1].incident.event_ids == ("ev-b", "ev-c")) is moves


def test_fuse_does_not_depend_on_input_order():
    reports = [
        report(k, DEPOT, day=TUESDAY + timedelta(days=d))
        for k, d in zip("abcdef", [0, 0, 1, 5, 5, 9], strict=True)
    ]
    first = fuse(reports, SETTINGS)
    assert fuse(list(reversed(reports)), SETTINGS) == first
    assert fuse(random.Random(1).sample(reports, len(reports)), SETTINGS) == first


# -- reconciliation and background mentions ----------------------------------------------------------


def test_reconcile_takes_precise_date_and_place_majority_type_and_fatality_range():
    reports = [
        report("a", DEPOT, fatalities=Fatalities(1, 1, 1)),
        report("b", DEPOT, published=TUESDAY + timedelta(days=1), fatalities=Fatalities(3, 3, 3)),
        report(
            "c",
            DEPOT,
            day=date(2024, 3, 11),
            precision=DatePrecision.WEEK,
            location=SUMY_OBLAST,
            sub_event_type="Attack",
            event_type="Violence against civilians",
            fatalities=Fatalities(3, 2, 4),
            published=TUESDAY + timedelta(days=2),
        ),
    ]
    inc = reconcile(reports)
    assert inc.event_date == EventDate(TUESDAY, DatePrecision.DAY, DateSource.TEXT)
    assert inc.location == SUMY
    assert (inc.event_type, inc.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert inc.fatalities == Fatalities(best=3, low=1, high=4)
    assert inc.first_reported == TUESDAY
    assert inc.article_ids == ("art-a", "art-b", "art-c")


def test_combine_fatalities_median_low_min_max():
    assert combine_fatalities([Fatalities(1, 1, 1), Fatalities(3, 3, 3)]) == Fatalities(1, 1, 3)
    assert combine_fatalities([None, Fatalities(0, 0, 0)]) == Fatalities(0, 0, 0)
    assert combine_fatalities([None]) is None


def test_background_mention_links_to_the_incident_it_recalls_but_never_creates_one():
    main = report("a", DEPOT)
    recall = report(
        "b", DEPOT, published=TUESDAY + timedelta(days=14), role=EventRole.BACKGROUND, fatalities=None
    )
    orphan = report("c", DEPOT, location=KHARKIV, role=EventRole.BACKGROUND)
    incidents = fuse([recall, orphan, main], SETTINGS)
    assert len(incidents) == 1
    assert incidents[0].event_ids == ("ev-a", "ev-b")
    assert incidents[0].background_ids == ("ev-b",)
    assert incidents[0].first_reported == TUESDAY


def test_incident_id_is_stable_under_later_reports():
    first = fuse([report("a", DEPOT)], SETTINGS)[0]
    later = report("b", DEPOT, published=TUESDAY + timedelta(days=1))
    assert fuse([report("a", DEPOT), later], SETTINGS)[0].id == first.id


def test_pairwise_scores():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert pairwise(gold, {"a": 1, "b": 1, "c": 2, "d": 2}).precision == 1.0
    score = pairwise(gold, {"a": 1, "b": 1, "c": 1, "d": 2})
    assert (score.precision, score.recall) == (1 / 3, 1 / 2)


def test_fusion_settings_load_from_toml(tmp_path):
    config = tmp_path / "sitrep.toml"
    config.write_text("[sitrep.fusion]\nthreshold = 0.7\nmax_km = 20\n", encoding="utf-8")
    settings = Settings.load(config, env={})
    assert settings.fusion.threshold == 0.7 and settings.fusion.max_km == 20.0


# -- the corpus, with the real pipeline --------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_results(extractor) -> list[ArticleResult]:
    return extract_corpus(CORPUS, extractor)


def test_corpus_has_enough_incidents_and_articles():
    gold = load_gold(CORPUS / "gold.yaml")
    assert len(gold.incident) >= 40
    sizes = {label: list(gold.incident.values()).count(label) for label in set(gold.incident.values())}
    assert sum(1 for n in sizes.values() if 2 <= n <= 5) >= 10
    assert sorted(gold.incident) == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_corpus_pairwise_precision_and_recall(corpus_results):
    gold = load_gold(CORPUS / "gold.yaml")
    out = fuse_corpus(corpus_results, gold, SETTINGS)
    assert out.score.precision >= 0.95, out.score
    assert out.score.recall >= 0.95, out.score


def test_corpus_background_mentions_link_to_what_they_recall(corpus_results):
    gold = load_gold(CORPUS / "gold.yaml")
    out = fuse_corpus(corpus_results, gold, SETTINGS)
    by_label: dict[str, str] = {}
    for name, incident_id in out.predicted.items():
        by_label.setdefault(gold.incident[name], incident_id)
    hits = sum(by_label[label] in out.recalled.get(name, ()) for name, label in gold.recalls.items())
    assert hits >= len(gold.recalls) - 1
    assert out.recalled["f41_mogadishu_bomb.txt"] == ()  # Baidoa: nothing to recall, nothing created
    mains = {e.id for r in corpus_results for e in r.events if e.role is EventRole.MAIN}
    assert all(set(i.event_ids) - set(i.background_ids) <= mains for i in out.incidents)


# -- the store: incremental and idempotent ----------------------------------------------------------


def _membership(store) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((r.incident.id, r.incident.event_ids) for r in store.incidents())


def test_incremental_fusion_equals_fusing_all_at_once(corpus_results):
    ids = [e.id for r in corpus_results for e in r.events]
    with open_store(":memory:") as once:
        once.write_batch(corpus_results)
        once.refresh_incidents(ids, SETTINGS)
        expected = _membership(once)
        expected_rows = once.incident_rows()
    order = sorted(corpus_results, key=lambda r: article_file(r), reverse=True)
    half = len(order) // 2
    with open_store(":memory:") as store:
        for batch in (order[:half], order[half:]):
            store.write_batch(batch)
            store.refresh_incidents([e.id for r in batch for e in r.events], SETTINGS)
        assert _membership(store) == expected
        assert store.incident_rows() == expected_rows
        again = store.refresh_incidents(ids, SETTINGS)
        assert (again.added, again.updated, again.removed) == (0, 0, 0)
        assert store.refresh_incidents(None, SETTINGS).added == 0
        assert _membership(store) == expected


def test_stored_incident_reads_back_with_sources(corpus_results):
    with open_store(":memory:") as store:
        store.write_batch(corpus_results)
        store.refresh_incidents(None, SETTINGS)
        records = store.incidents(EventFilter(country="SO", since=date(2024, 6, 1), until=date(2024, 6, 30)))
        bombing = next(r for r in records if r.incident.sub_event_type == "Suicide bomb")
        assert bombing.incident.location is not None and bombing.incident.location.name == "Beledweyne"
        assert len({s.article_id for s in bombing.sources}) == 5  # four reports and one recall
        assert [s.role for s in bombing.sources].count("background") == 1
        one = store.incident(bombing.incident.id)
        assert one is not None and (one.incident, one.sources) == (bombing.incident, bombing.sources)
        assert one.history  # store.incident adds the versions
        assert bombing.to_json()["sources"][0]["published"] == "2024-06-15"
