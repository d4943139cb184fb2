"""Who did it and to whom: the vote over an event's clauses and ACLED's default actors."""

from datetime import date
from pathlib import Path

import pytest
from handmade import clause, main_events

from sitrep.assemble.actor_vote import acled_sides, default_actors, vote_actors
from sitrep.assemble.records import Draft
from sitrep.model import Actor, ActorMention, Article, Span

SHABAAB = Actor("Al Shabaab", "Rebel group", "SO")
ARMY = Actor("Military Forces of Somalia", "State forces", "SO")
MILITANTS = Actor("Militants ({country})", "Rebel group")
POLICE = Actor("Police Forces of Kenya", "State forces", "KE")


def said(actor: Actor, at: int) -> ActorMention:
    return ActorMention(Span(at, at + 5, actor.name), actor)


def test_generic_militants_are_the_named_group_of_the_event() -> None:
    c = clause(0)
    c.actors += [
        (said(MILITANTS, 10), "actor1", 1.0),
        (said(SHABAAB, 60), "actor1", 0.4),
        (said(ARMY, 30), "actor2", 1.0),
    ]
    actor1, actor2, evidence = vote_actors(Draft([c]), "SO")
    assert (actor1, actor2) == (SHABAAB, ARMY)
    assert evidence["actor2"].start == 30


def test_two_armed_subjects_are_both_sides() -> None:
    c = clause(0)
    c.actors += [(said(ARMY, 10), "actor1", 1.0), (said(SHABAAB, 20), "actor1", 1.0)]
    actor1, actor2, _ = vote_actors(Draft([c]), "SO")
    assert (actor1, actor2) == (ARMY, SHABAAB)  # the lead clause's order


def test_a_clause_that_says_who_fired_outweighs_the_lead_clauses_order() -> None:
    lead = clause(0)  # "Kyrgyz and Tajik forces clashed"
    lead.actors += [(said(ARMY, 10), "actor1", 1.0), (said(SHABAAB, 20), "actor1", 1.0)]
    directed = clause(100)  # "Al Shabaab fighters opened fire on the army"
    directed.actors += [(said(SHABAAB, 110), "actor1", 0.8), (said(ARMY, 130), "actor2", 0.7)]
    actor1, actor2, _ = vote_actors(Draft([lead, directed]), "SO")
    assert (actor1, actor2) == (SHABAAB, ARMY)


@pytest.mark.parametrize(
    ("event_type", "sub", "given", "expected"),
    [
        ("Protests", "Peaceful protest", (None, None), ("Protesters (Kenya)", None)),
        (
            "Protests",
            "Protest with intervention",
            (POLICE, None),
            ("Protesters (Kenya)", "Police Forces of Kenya"),
        ),
        (
            "Protests",
            "Excessive force against protesters",
            (POLICE, None),
            ("Police Forces of Kenya", "Protesters (Kenya)"),
        ),
        # no sentence has the police meet the crowd: a violent demonstration with no other side
        ("Riots", "Violent demonstration", (None, POLICE), ("Rioters (Kenya)", None)),
        (
            "Violence against civilians",
            "Attack",
            (POLICE, None),
            ("Police Forces of Kenya", "Civilians (Kenya)"),
        ),
        ("Battles", "Armed clash", (POLICE, None), ("Police Forces of Kenya", None)),
        # civilians are acted upon, never actor 1 (an abduction read the wrong way round)
        (
            "Violence against civilians",
            "Abduction/forced disappearance",
            (Actor("Civilians (Kenya)", "Civilians", "KE"), Actor("Al Shabaab", "Rebel group")),
            ("Al Shabaab", "Civilians (Kenya)"),
        ),
        (
            "Protests",
            "Peaceful protest",
            (Actor("Civilians (Kenya)", "Civilians", "KE"), None),
            ("Protesters (Kenya)", None),
        ),
        # an intervention is the police's even when the story only says "dispersed"
        (
            "Protests",
            "Protest with intervention",
            (None, None),
            ("Protesters (Kenya)", "Police Forces of Kenya"),
        ),
        # a lynching's victim is actor 2, not the police who came afterwards
        ("Riots", "Mob violence", (None, POLICE), ("Rioters (Kenya)", "Civilians (Kenya)")),
        (
            "Strategic developments",
            "Looting/property destruction",
            (POLICE, None),
            ("Police Forces of Kenya", "Civilians (Kenya)"),
        ),
        # an air strike no one claims is the state's own air force's
        ("Explosions/Remote violence", "Air/drone strike", (None, None), ("Military Forces of Kenya", None)),
    ],
)
def test_acled_default_actors(event_type, sub, given, expected) -> None:
    found = default_actors(event_type, sub, *given, "KE")
    assert tuple(a.name if a else None for a in found) == expected


def test_no_country_no_default_actor() -> None:
    assert default_actors("Protests", "Peaceful protest", None, None, "") == (None, None)


def test_soldiers_killed_in_an_ambush_are_the_second_side() -> None:
    militants = Actor("Unidentified Armed Group (Niger)", "Political militia", "NE")
    army = Actor("Military Forces of Niger", "State forces", "NE")
    cue = "Niger: 23 soldiers die in 'terrorist' ambush, government says"
    assert default_actors("Battles", "Armed clash", army, militants, "NE", cue) == (militants, army)
    cue = "Soldiers killed 20 militants in a raid on their camp"
    assert default_actors("Battles", "Armed clash", army, militants, "NE", cue) == (army, militants)


_STRIKE = ("Explosions/Remote violence", "Air/drone strike")


@pytest.mark.parametrize(
    ("group", "given2", "country", "cue", "expected"),
    [
        (  # the group only holds the town the drone struck: the state's, by its aircraft's flag
            SHABAAB,
            Actor("Civilians (Somalia)", "Civilians", "SO"),
            "SO",
            "Witnesses said a US drone fired a missile at a car outside Bu'aale, a town that al-Shabaab has "
            "held for years, killing three people.",
            ("Military Forces of the United States", "Civilians (Somalia)"),
        ),
        (  # the group was hit: it moves to the other side
            Actor("PKK: Kurdistan Workers' Party", "Rebel group", "TR"),
            None,
            "IQ",
            "Turkish warplanes struck PKK hideouts in the Qandil mountains overnight.",
            ("Military Forces of Turkey", "PKK: Kurdistan Workers' Party"),
        ),
        (  # no flag named: the country's own air force
            Actor("KIA: Kachin Independence Army", "Rebel group", "MM"),
            None,
            "MM",
            "An air strike on a camp near Laiza, in territory the KIA controls, killed 11 people on Monday.",
            ("Military Forces of Myanmar", "KIA: Kachin Independence Army"),
        ),
        (  # the report ties the drones to the group: it stays
            Actor("RSF: Rapid Support Forces", "Rebel group", "SD"),
            None,
            "SD",
            "A drone attack carried out by the paramilitary Rapid Support Forces hit a shelter in Kosti.",
            ("RSF: Rapid Support Forces", None),
        ),
        (
            Actor("RSF: Rapid Support Forces", "Rebel group", "SD"),
            None,
            "SD",
            "The RSF launched a wave of drones at the power station in Merowe.",
            ("RSF: Rapid Support Forces", None),
        ),
        (  # the group's own act, told as a possessive
            Actor("Iran-backed militias", "Political militia", ""),
            None,
            "SY",
            "The raid answers the militias' killing of three soldiers in a drone strike on a base last month.",
            ("Iran-backed militias", None),
        ),
    ],
)
def test_an_air_strike_is_a_states_unless_the_report_ties_the_aircraft_to_the_group(
    group, given2, country, cue, expected
) -> None:
    found = acled_sides(*_STRIKE, group, given2, country, cue)
    assert tuple(a.name if a else None for a in found) == expected


def test_police_hunting_the_assailants_are_no_side(extractor) -> None:
    text = (
        "Mexico bar attack: at least 12 dead, police hunting assailants\n\n"
        "Gunmen stormed a bar in Irapuato on Saturday night and opened fire, killing at least 12 people, "
        "local authorities said."
    )
    events = extractor.extract(Article("bar", date(2022, 10, 16), text))
    assert events and events[0].sub_event_type == "Attack"
    assert events[0].actor2 is not None and events[0].actor2.name == "Civilians (Mexico)"


# -- ACLED's sides, checked again after the fitted ranker, on real reports of the corpus ---------

NEWS = Path(__file__).resolve().parents[2] / "corpus" / "news" / "articles"


def _main_event(extractor, name: str, sub: str):
    from sitrep.ingest.text import read_seed_text

    path = NEWS / f"{name}.txt"
    article = next(iter(read_seed_text(path.name, path.read_text("utf-8"))))
    return next(e for e in extractor.extract(article) if e.role.value == "main" and e.sub_event_type == sub)


def test_the_force_that_fired_on_protesters_is_actor1(extractor) -> None:
    event = _main_event(
        extractor, "o19_pe_ayacucho_protest_deaths_reuters", "Excessive force against protesters"
    )
    assert event.actor1.type == "State forces" and event.actor2.name == "Protesters (Peru)"
    crowd = event.evidence["actor2"].text.lower()  # the evidence follows the side
    assert "protest" in crowd or "demonstrat" in crowd


def test_the_arresting_police_are_actor1_and_the_cell_they_arrested_actor2(extractor) -> None:
    event = _main_event(extractor, "zo10_ma_casablanca_is_cell_arrests_xinhua", "Arrests")
    assert event.actor1.name == "Police Forces of Morocco" and event.actor2.name == "Islamic State"


def test_drones_downed_over_ukraine_were_not_sent_by_civilians(extractor) -> None:
    event = _main_event(extractor, "zg21_ua_kharkiv_shahed_strike_seven_killed", "Disrupted weapons use")
    assert event.actor1.name == "Military Forces of Ukraine"
    assert event.actor2.name == "Military Forces of Russia"


_AGREEMENT = ("Strategic developments", "Agreement")
_GOV_PH = Actor("Government of the Philippines", "Government", "PH")
_MILF = Actor("MILF: Moro Islamic Liberation Front", "Rebel group", "PH")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ((_MILF, _GOV_PH), (_GOV_PH, _MILF)),  # the state first, the group it settled with second
        ((_GOV_PH, _MILF), (_GOV_PH, _MILF)),
    ],
)
def test_an_agreement_is_between_a_state_and_the_group_it_settled_with(given, expected) -> None:
    assert acled_sides(*_AGREEMENT, *given, "PH", "The two sides signed the accord in Cotabato.") == expected


_ARMY_AZ = Actor("Military Forces of Azerbaijan", "State forces", "AZ")
_ARMY_AM = Actor("Military Forces of Armenia", "State forces", "AM")


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        (
            "Under the deal the two sides reached, Azerbaijan freed 32 Armenian soldiers and Armenia freed two "
            "Azerbaijani soldiers.",
            ("Government of Azerbaijan", "Government of Armenia"),
        ),
        (  # the armies' own commanders agreed it
            "The army commanders of Azerbaijan and Armenia agreed a ceasefire along the border on Tuesday.",
            ("Military Forces of Azerbaijan", "Military Forces of Armenia"),
        ),
    ],
)
def test_a_states_side_of_an_agreement_is_its_government(cue, expected) -> None:
    found = acled_sides(*_AGREEMENT, _ARMY_AZ, _ARMY_AM, "AZ", cue)
    assert tuple(a.name if a else None for a in found) == expected


def test_a_state_does_not_settle_with_its_own_army() -> None:
    """The other side is left for the other state the sentences name (``interstate_actors``)."""
    government = Actor("Government of Thailand", "Government", "TH")
    army = Actor("Military Forces of Thailand", "State forces", "TH")
    cue = (
        "Cambodia's and Thailand's leaders on Monday agreed to a ceasefire that will take effect at midnight."
    )
    assert acled_sides(*_AGREEMENT, government, army, "TH", cue) == (government, None)


_IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
_UAG_PK = Actor("Unidentified Armed Group (Pakistan)", "Political militia", "PK")
_CIVILIANS_PK = Actor("Civilians (Pakistan)", "Civilians", "PK")


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        (
            "Two explosive-laden cars were rammed into the wall of the cantonment in Bannu, killing five people.",
            "Military Forces of Pakistan",
        ),
        (
            "A roadside bomb hit a van carrying policemen near Tank, killing four.",
            "Police Forces of Pakistan",
        ),
        (  # a crowd hit: the civilians stay the other side
            "A bomb hidden in a motorcycle went off at a market near the police station, killing six people.",
            "Civilians (Pakistan)",
        ),
        ("A blast tore through a bus in Quetta, killing nine people.", "Civilians (Pakistan)"),
    ],
)
def test_a_bomb_aimed_at_the_states_men_has_them_as_its_other_side(cue, expected) -> None:
    _, actor2 = acled_sides(*_IED, _UAG_PK, _CIVILIANS_PK, "PK", cue)
    assert actor2 is not None and actor2.name == expected


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        (
            "Seven police officers were wounded on Wednesday when an improvised explosive device went off under "
            "their patrol truck east of Dera Ismail Khan. All of the wounded were taken to the district hospital.",
            "Police Forces of Pakistan",
        ),
        (
            "A bomb killed a soldier and left three others seriously hurt in North Waziristan. The device went off "
            "roughly 500 metres from a girls' school that is due to serve as a polling station.",
            "Military Forces of Pakistan",
        ),
        ("Roadside blast in Kurram kills district police chief", "Police Forces of Pakistan"),
        (  # the men who killed the attackers were not hit
            "A bomb went off at the gate of the district office, killing five people. Security forces killed six "
            "gunmen after the blast.",
            "Civilians (Pakistan)",
        ),
        (  # a soldier among the dead of a crowd
            "A suicide bomber blew himself up in a crowded market in Bannu, killing twelve people, a soldier among them.",
            "Civilians (Pakistan)",
        ),
    ],
)
def test_the_states_men_a_bomb_killed_or_wounded_are_its_other_side(cue, expected) -> None:
    """The hospital they were taken to or a school nearby is no crowd the bomb hit."""
    _, actor2 = acled_sides(*_IED, _UAG_PK, _CIVILIANS_PK, "PK", cue)
    assert actor2 is not None and actor2.name == expected


def test_the_police_who_told_of_a_bombing_at_a_crowd_were_not_its_target() -> None:
    police = Actor("Police Forces of Pakistan", "State forces", "PK")
    cue = "A suicide bomber blew himself up among worshippers leaving a mosque in Peshawar, police said."
    _, actor2 = acled_sides(*_IED, _UAG_PK, police, "PK", cue)
    assert actor2 == _CIVILIANS_PK
    cue = "A roadside bomb struck a police van outside a school in Tank, killing two officers."
    assert acled_sides(*_IED, _UAG_PK, police, "PK", cue)[1] == police  # aimed at the police


def test_soldiers_near_a_bombed_tea_shop_were_not_its_target_unless_it_killed_them() -> None:
    army = Actor("Military Forces of Somalia", "State forces", "SO")
    civilians = Actor("Civilians (Somalia)", "Civilians", "SO")
    cue = (
        "A suicide bomber blew himself up on Friday inside a tea shop near a checkpoint in Mogadishu, killing "
        "seven people. A witness said soldiers often sit in the shop."
    )
    assert acled_sides(*_IED, SHABAAB, army, "SO", cue)[1] == civilians
    cue = "A suicide bomber struck a tea shop near the base, killing three soldiers who were drinking tea."
    assert acled_sides(*_IED, SHABAAB, army, "SO", cue)[1] == army


_POLICE_PK = Actor("Police Forces of Pakistan", "State forces", "PK")
_ARMY_PK = Actor("Military Forces of Pakistan", "State forces", "PK")


@pytest.mark.parametrize(
    ("cue", "ranked", "expected"),
    [
        (  # the crowd at the courts was hit, policemen among them
            "A suicide attack outside the judicial complex in Islamabad killed 12 people on Tuesday and injured "
            "at least 36, four women and four policemen among them.",
            _POLICE_PK,
            _CIVILIANS_PK,
        ),
        (
            "Bombings at two churches in Tanta and Alexandria killed at least 43 worshippers during Palm Sunday "
            "services; three police officers guarding the cathedral were killed.",
            _POLICE_PK,
            _CIVILIANS_PK,
        ),
        (  # aimed at the soldiers: the market it went off in is no matter
            "The bomber rammed his car into a military convoy at the market in Mir Ali, killing 13 soldiers; "
            "19 civilians were also hurt.",
            _ARMY_PK,
            _ARMY_PK,
        ),
        (  # only the state's men were hurt at the crowd place
            "A bomb went off at a market in Bannu on Monday, killing two policemen on duty there.",
            _POLICE_PK,
            _POLICE_PK,
        ),
    ],
)
def test_a_bomb_that_killed_a_crowd_and_its_guards_hit_the_crowd(cue, ranked, expected) -> None:
    """ACLED's other side is the civilians where the bomb went off among a crowd and killed or wounded
    them as well as the police or soldiers guarding it, unless it was aimed at the state's men."""
    assert acled_sides(*_IED, _UAG_PK, ranked, "PK", cue)[1] == expected


_CLASH = ("Battles", "Armed clash")


@pytest.mark.parametrize(
    ("cue", "state_first"),
    [
        (
            "Security forces stormed the building and killed the gunmen in a gun battle that went on for hours.",
            True,
        ),
        (
            "Police said four militants died in an encounter with security forces near Mogadishu on Tuesday.",
            True,
        ),
        (
            "An operation in the Lower Shabelle valley led to a shootout late on Friday in which one militant died.",
            True,
        ),
        (  # the group began it
            "Al-Shabaab fighters ambushed an army convoy; troops killed six of the attackers after they hit back.",
            False,
        ),
    ],
)
def test_the_state_that_struck_first_is_actor_1_of_a_clash(cue: str, state_first: bool) -> None:
    found = acled_sides(*_CLASH, SHABAAB, ARMY, "SO", cue)
    assert found == ((ARMY, SHABAAB) if state_first else (SHABAAB, ARMY))


def test_a_merchant_ships_crew_are_civilians_of_no_one_country() -> None:
    houthis = Actor("Houthi Movement (Ansar Allah)", "Rebel group", "YE")
    yemenis = Actor("Civilians (Yemen)", "Civilians", "YE")
    cue = "A missile fired by the Houthis struck a Liberian-flagged bulk carrier in the Red Sea, wounding two crew."
    strike = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert acled_sides(*strike, houthis, yemenis, "YE", cue)[1].name == "Civilians (International)"
    cue = "A missile fired by the Houthis struck a market in Taiz, wounding two people."
    assert acled_sides(*strike, houthis, yemenis, "YE", cue)[1] == yemenis


def test_a_violent_demonstrations_other_side_is_never_civilians() -> None:
    """ACLED: a crowd that turns on people is a mob; a violent demonstration that torched offices or
    embassies has no other side, or the police who met it."""
    rioters = Actor("Rioters (Iraq)", "Rioters", "IQ")
    civilians = Actor("Civilians (Iraq)", "Civilians", "IQ")
    cue = "Demonstrators stormed and set fire to the offices of several political parties in Basra on Sunday."
    assert default_actors("Riots", "Violent demonstration", rioters, civilians, "IQ", cue) == (rioters, None)
    cue = "Demonstrators set fire to party offices in Basra; police fired tear gas to disperse them."
    _, actor2 = default_actors("Riots", "Violent demonstration", rioters, civilians, "IQ", cue)
    assert actor2 is not None and actor2.name == "Police Forces of Iraq"


@pytest.mark.parametrize(
    ("cue", "met"),
    [
        (
            "Demonstrators torched the headquarters of the eastern administration; police and firefighters "
            "were quickly on the scene.",
            False,
        ),
        ("Hundreds of protesters set tyres on fire and shut main roads, police said.", False),
        ("In several places protesters turned violent, setting police vehicles on fire.", False),
        ("A spokesperson for the police said 1,214 people had been arrested.", False),
        (
            "Overnight protesters hurled petrol bombs and stones at police, who answered with stun grenades.",
            True,
        ),
        ("They hurled stones, glass bottles, pieces of metal and fireworks at officers.", True),
        ("Protesters fought with security forces and threw Molotov cocktails at the headquarters.", True),
        ("Clashes broke out between officers and demonstrators near the parliament.", True),
        ("Irate youths set police station ablaze in Ondo.", True),
        ("Two people were shot dead as demonstrators and police fought running battles.", True),
    ],
)
def test_a_violent_demonstrations_force_is_the_one_that_met_the_crowd(cue: str, met: bool) -> None:
    """ACLED: the police are a violent demonstration's other side where they clashed with the crowd,
    used force on it or were attacked by it; police who came, watched, put out fires or counted the
    arrested are no side."""
    rioters = Actor("Rioters (Libya)", "Rioters", "LY")
    police = Actor("Police Forces of Libya", "State forces", "LY")
    _, actor2 = default_actors("Riots", "Violent demonstration", rioters, police, "LY", cue)
    assert (actor2 == police) is met


def test_the_army_a_crowd_marched_against_is_no_force_at_the_march(extractor) -> None:
    """ "Security forces fired tear gas" at a march against "the military's seizure of power" are
    the police: the army the crowd opposes is the regime, not soldiers on the street."""
    text = (
        "Sudanese security forces fired tear gas on Thursday at thousands of protesters marching "
        "in Omdurman against the military's seizure of power and the army chief who led it.\n\n"
        "Medics said dozens of people were hurt."
    )
    events = main_events(extractor, text, date(2022, 1, 13))
    forces = [a for e in events for a in (e.actor1, e.actor2) if a is not None and a.type == "State forces"]
    assert forces
    assert all(a.name.startswith("Police Forces of Sudan") for a in forces)
