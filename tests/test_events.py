"""Trigger finding and typing, with no model: sentences split on full stops."""

import re

import pytest

from sitrep.events import GENERIC, STRONG, WEAK, Lexicon, choose_sub_event_type, find_event_mentions
from sitrep.model import Actor, Span


def sentences(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^.]+\.?", text)]


def mentions(text: str):
    return find_event_mentions(text, sentences(text), Lexicon.default())


@pytest.mark.parametrize(
    ("sentence", "trigger", "sub"),
    [
        ("A drone strike killed two fighters near the border.", "drone strike", "Air/drone strike"),
        ("Israeli warplanes bombed the camp overnight.", "warplanes", "Air/drone strike"),
        ("A roadside bomb hit an army convoy.", "roadside bomb", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a police checkpoint.", "suicide bomber", "Suicide bomb"),
        ("Artillery shelling hit the town of Azaz.", "Artillery", "Shelling/artillery/missile attack"),
        ("Gunmen opened fire on worshippers at a mosque.", "opened fire on worshippers", "Attack"),
        ("Bandits kidnapped 20 students from their school.", "kidnapped", "Abduction/forced disappearance"),
        ("Thousands of protesters marched to parliament.", "protesters", "Peaceful protest"),
        ("Rioters torched a police station after the arrest.", "Rioters", "Violent demonstration"),
        ("The army and rebels signed a ceasefire on Monday.", "ceasefire", "Agreement"),
        ("Soldiers clashed with militants near the village.", "clashed", "Armed clash"),
        ("Police defused a bomb planted near the market.", "defused", "Disrupted weapons use"),
        # a missile attack is fired from the ground (ACLED's missile attack); strikes from the air
        (
            "A Houthi missile attack killed three children in Taiz on Sunday.",
            "missile attack",
            "Shelling/artillery/missile attack",
        ),
        ("Indian missile strikes killed eight people in Bahawalpur.", "missile strikes", "Air/drone strike"),
        (
            "Officials said enemy drones had struck a fuel depot at dawn.",
            "drones had struck",
            "Air/drone strike",
        ),
        (
            "An army helicopter was brought down by a drone over the hills.",
            "brought down by a drone",
            "Air/drone strike",
        ),
        (
            "Overnight, 30 drones were brought down over the region.",
            "drones were brought down",
            "Disrupted weapons use",
        ),
        (
            "Under the deal, Sudan freed 12 Ethiopian soldiers and Ethiopia freed nine Sudanese soldiers.",
            "freed 12 Ethiopian soldiers and Ethiopia freed",
            "Agreement",
        ),
        (
            "The two sides announced the mutual release of prisoners on Sunday.",
            "mutual release of prisoners",
            "Agreement",
        ),
        ("Junta troops retake Nawnghkio from the TNLA.", "retake Nawnghkio", "Government regains territory"),
        (
            "Insurgents took over Mocimboa da Praia at dawn.",
            "took over Mocimboa",
            "Non-state actor overtakes territory",
        ),
        (
            "France has handed over the first of its military bases in Chad.",
            "handed over the first of its military bases",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_strong_triggers_name_the_sub_event_type(sentence, trigger, sub):
    found = [m for m in mentions(sentence) if m.strength == STRONG]
    assert found, sentence
    assert found[0].trigger.text == trigger
    assert found[0].sub_event_type == sub
    assert sentence[found[0].trigger.start : found[0].trigger.end] == trigger


@pytest.mark.parametrize(
    "text",
    [
        "Arsenal attacked relentlessly and killed off the game with a late strike in the derby.",
        "Shares plunged after the company said it would cut 300 jobs this quarter.",
        "The magnitude 6.1 earthquake killed at least 40 people and injured hundreds.",
        "Floods killed 12 people as the storm swept the coast.",
        # weapons that do nothing, contracts between no parties to a conflict, boxing "battles"
        "New cruise missiles and T-90 tanks rolled down the avenue at the Independence Day parade.",
        "The rocket lifted off from the launch pad carrying a weather satellite into orbit.",
        "The two defence ministers signed an agreement worth $3.5 billion for air-defence batteries.",
        "The champion won the long-awaited battle for the undisputed heavyweight belts on Saturday.",
        "A fuel tanker burst into flames on the highway, killing 40 people who had gathered to scoop petrol.",
        # labour action without a demonstration, parades, figures of speech (ACLED codes none)
        "Zimbabwe's nurses stopped work on Monday in protest at a flawed salary grading system.",
        "Teachers and rail staff walked out in January in their battle for better pay and conditions.",
        "Members of the Veterans Group and former soldiers also marched past the president's stand.",
        "Most of those held face charges ranging from extortion and kidnapping to murder.",
        "The air show drew soldiers and their families to skydiving demonstrations and a flypast.",
    ],
)
def test_non_conflict_sentences_make_no_mentions(text):
    assert mentions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russian missiles struck an apartment block in Dnipro overnight.",
        "The warring parties signed a ceasefire agreement in Doha on Tuesday.",
    ],
)
def test_weapons_that_act_and_agreements_between_parties_are_events(text):
    assert any(m.strength == STRONG for m in mentions(text))


def test_weak_triggers_need_conflict_context():
    assert mentions("The fire killed three people in the warehouse.") == []
    found = mentions("Militants killed three soldiers at a checkpoint.")
    assert [m.strength for m in found] == [WEAK]


def test_generic_reference_counts_when_article_has_a_strong_trigger():
    text = "An airstrike hit Rafah. The strike destroyed a house."
    found = mentions(text)
    assert [m.strength for m in found] == [STRONG, GENERIC]


def test_aggregate_mentions_are_flagged():
    text = "Militias carried out numerous strikes on US bases since October."
    (found,) = [m for m in mentions(text) if m.trigger.text.lower().startswith("strike")]
    assert found.aggregate


def test_riot_police_is_not_a_riot():
    found = mentions("Riot police fired tear gas at protesters in the capital.")
    assert [m.sub_event_type for m in found if m.strength == STRONG] == ["Peaceful protest"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Protesters marched peacefully through the city.", "Peaceful protest"),
        ("Police fired tear gas to disperse protesters.", "Protest with intervention"),
        ("Security forces opened fire on protesters, killing four.", "Excessive force against protesters"),
        ("Protesters threw stones and torched cars.", "Violent demonstration"),
        ("An angry mob lynched a man accused of theft during the protest.", "Mob violence"),
        ("Security forces fire at protesters in Mandalay.", "Excessive force against protesters"),
        ("A few hours later the march turned violent as rival protesters charged.", "Violent demonstration"),
        (
            "Residents were holding a peaceful demonstration when police broke it up by shooting live rounds.",
            "Excessive force against protesters",
        ),
        (
            "Thousands marched to parliament, with riot police and water cannon standing by.",
            "Peaceful protest",
        ),
        (
            "Hundreds protested outside the embassy on Friday. Earlier this week, by contrast, riot police "
            "used tear gas to push protesters back.",
            "Peaceful protest",
        ),
    ],
)
def test_demonstrations_are_refined_from_cues(text, sub):
    lexicon = Lexicon.default()
    found = find_event_mentions(text, sentences(text), lexicon)
    assert choose_sub_event_type(found, None, None, lexicon) == sub


def test_weak_events_are_typed_by_their_actors():
    lexicon = Lexicon.default()
    text = "Militants killed three soldiers at a checkpoint."
    found = find_event_mentions(text, sentences(text), lexicon)
    militants = Actor("Unidentified Armed Group (Nigeria)", "Political militia", "NG")
    army = Actor("Military Forces of Nigeria", "State forces", "NG")
    civilians = Actor("Civilians (Nigeria)", "Civilians", "NG")
    assert choose_sub_event_type(found, militants, army, lexicon) == "Armed clash"
    assert choose_sub_event_type(found, militants, civilians, lexicon) == "Attack"


def test_territory_type_follows_the_actor():
    lexicon = Lexicon.default()
    text = "Fighters seized the town of Kanyabayonga on Sunday."
    found = find_event_mentions(text, sentences(text), lexicon)
    rebels = Actor("M23", "Rebel group", "CD")
    army = Actor("Military Forces of the Democratic Republic of Congo", "State forces", "CD")
    assert choose_sub_event_type(found, rebels, None, lexicon) == "Non-state actor overtakes territory"
    assert choose_sub_event_type(found, army, None, lexicon) == "Government regains territory"


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Islamist fighters briefly seized a town close to the Kenyan border.", "seized a town"),
        ("The rebels said they had taken the city from government troops.", "taken the city"),
        ("Two battalions took the junta base together with allied troops.", "took the junta base"),
        ("The group said it has seized full control of the battalion headquarters.", "seized full control"),
        ("Another army base falls to the Arakan Army in Rakhine", "base falls"),
        ("The headquarters fell on Monday after 32 days of heavy fighting.", "headquarters fell"),
        ("Kitshanga finally fell into the hands of the M23 on Thursday evening.", "fell into the hands of"),
    ],
)
def test_a_place_taken_is_told_in_many_words(sentence, trigger):
    """ACLED's territory taken: a town seized, a base taken, a headquarters that fell, not only "took control"."""
    found = [m for m in mentions(sentence) if m.strength == STRONG]
    assert found, sentence
    assert found[0].trigger.text == trigger
    assert found[0].sub_event_type == "Non-state actor overtakes territory"


def test_a_town_that_fell_silent_was_not_taken():
    found = [m for m in mentions("The town fell silent after the funeral.") if m.strength == STRONG]
    assert not found


def test_every_sub_event_type_has_codes():
    lexicon = Lexicon.default()
    for sub, codes in lexicon.codes.items():
        assert codes.event_type, sub
    assert lexicon.codes_for("Air/drone strike").cameo == "195"
    assert lexicon.codes_for("Peaceful protest").plover == "PROTEST"


@pytest.mark.parametrize(
    ("text", "deaths", "sub"),
    [
        (
            "Gunmen abducted 15 students from a school; a guard was shot dead.",
            1,
            "Abduction/forced disappearance",
        ),
        ("Rebels stormed the school, hacked 25 pupils to death and abducted six others.", 25, "Attack"),
    ],
)
def test_an_abduction_raid_that_killed_several_is_an_attack(text, deaths, sub):
    found = mentions(text)
    assert choose_sub_event_type(found, None, None, Lexicon.default(), deaths=deaths) == sub


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine exchanged 390 prisoners of war on Friday.",
        "The truce between the army and the rebels took effect at dawn.",
        "With the U.S. president at their side the two leaders put their names to peace and economic agreements.",
        "The presidents signed an agreement on the state border between the two countries.",
    ],
)
def test_prisoner_exchanges_and_truces_are_agreements(text):
    assert [m.sub_event_type for m in mentions(text) if m.strength == STRONG] == ["Agreement"]


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("An RSF suicide drone exploded in the city's central market, killing five people.", "suicide drone"),
        ("A drone exploded over the market on Thursday, wounding ten people.", "drone exploded"),
        (
            "The Houthis launched missiles and drones at three commercial ships.",
            "launched missiles and drones at",
        ),
        ("The militia sent a swarm of drones against the city on Friday.", "sent a swarm of drones against"),
    ],
)
def test_drones_sent_or_blowing_up_are_air_strikes(sentence, trigger):
    """ACLED's air/drone strike is any drone used as a weapon: a suicide (one-way) drone, a drone
    that blew up, drones launched at a target (those shot down are disrupted weapons use)."""
    found = [m for m in mentions(sentence) if m.strength == STRONG]
    assert found, sentence
    assert found[0].trigger.text == trigger
    assert found[0].sub_event_type == "Air/drone strike"


def test_drones_downed_are_disrupted_weapons_use():
    found = mentions("Air defences downed 21 of the 22 drones launched overnight, the military said.")
    assert [m.sub_event_type for m in found if m.strength == STRONG][0] == "Disrupted weapons use"


def test_stun_grenades_are_crowd_control_not_a_grenade_attack():
    text = "Riot police fired tear gas and stun grenades to break up the demonstration in Syntagma Square."
    subs = {m.sub_event_type for m in mentions(text)}
    assert "Grenade" not in subs and "Peaceful protest" in subs


def test_firing_on_protesters_is_excessive_force():
    text = (
        "Security forces in Chad opened fire on Thursday on anti-government protesters, killing at least 60."
    )
    assert (
        choose_sub_event_type(mentions(text), None, None, Lexicon.default())
        == "Excessive force against protesters"
    )


def test_a_suicide_bombing_is_not_demoted_to_a_bomb_by_its_headline():
    text = "IS claims Afghan bank bombing. A suicide bomber blew himself up at a bank in Kunduz."
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == "Suicide bomb"


def test_looting_crowds_are_a_riot():
    text = "Thousands of protesters went on a rampage on Monday night, looting pharmacies and shops."
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == "Violent demonstration"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("At least 58 inmates killed in Ecuador prison riot.", "Mob violence"),
        ("A riot in a jail in Guayaquil, in south-western Ecuador, has killed 58 people.", "Mob violence"),
        ("Inmates rioted and set mattresses alight in the Litoral penitentiary.", "Mob violence"),
        ("Rioters torched a police station after the arrest of a local man.", "Violent demonstration"),
        ("Families rioted outside the prison after the death of an inmate.", "Violent demonstration"),
    ],
)
def test_rioting_inmates_are_a_mob_not_demonstrators(text, sub):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


@pytest.mark.parametrize(
    ("text", "context", "sub"),
    [
        (
            "A bomb meant to create a fireball was found under a police officer's car in Dungiven.",
            "",
            "Disrupted weapons use",
        ),
        ("Militants planted a bomb near the checkpoint.", "It did not go off.", "Disrupted weapons use"),
        ("A bomb went off under a police officer's car in Dungiven.", "", "Remote explosive/landmine/IED"),
        (
            "Police found the remains of a bomb that exploded near the market.",
            "",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_a_bomb_found_before_it_went_off_is_a_disrupted_weapon(text, context, sub):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default(), context=context) == sub


def test_settlers_and_mobs_are_conflict_context():
    assert [m.trigger.text for m in mentions("Settlers kill Palestinian man in village raid.")][:1] == [
        "kill"
    ]
    assert "killed" in [m.trigger.text for m in mentions("A mob killed two men accused of theft.")]


def test_a_running_total_since_a_date_is_context_not_an_event():
    text = (
        "Since October 7, 2023, more than 630 Palestinians in the West Bank have died from Israeli gunfire."
    )
    assert all(m.aggregate for m in mentions(text))
    assert not any(m.aggregate for m in mentions("Since dawn, militants have attacked two villages."))


def test_a_wars_toll_of_thousands_is_context_not_an_event():
    text = "Violence by jihadists tied to al-Qaida and the Islamic State group has killed thousands in Burkina Faso."
    assert mentions(text) and all(m.aggregate for m in mentions(text))
    assert not any(m.aggregate for m in mentions("The fighting has killed 20 soldiers since Monday."))


def test_a_trigger_inside_a_proper_name_is_no_mention():
    text = "Aura Farfan, director of the Association for Relatives of the Detained-Disappeared, spoke today."
    assert mentions(text) == []
    assert mentions("Suspected Rebels Raid Kasese School") != []  # a Title-Case headline keeps its trigger


def test_a_verdict_over_a_massacre_is_no_event():
    text = "A court convicted four former soldiers over a massacre of 250 people during the civil war."
    assert [m for m in mentions(text) if m.sub_event_type == "Attack"] == []
    mh17 = "Three men were found guilty by the Hague District Court of shooting down the Boeing 777 in 2014."
    assert mentions(mh17) == []


def test_a_gas_canister_blast_is_an_accident():
    text = "An explosion tore through a restaurant, killing seven, and an official said a gas canister was to blame."
    assert mentions(text) == []


def test_youths_pelting_police_with_petrol_bombs_riot():
    found = mentions("Youths pelted police with petrol bombs and paint bombs in Belfast on Monday night.")
    assert [m.sub_event_type for m in found if m.strength == STRONG] == ["Violent demonstration"]


def test_a_fireworks_depot_blast_is_an_accident():
    assert mentions("An explosion at a fireworks depot in Puebla killed at least 14 people on Monday.") == []
    assert mentions("A bomb exploded at a market in Puebla, killing 14 people.") != []


def test_counts_a_defendant_was_charged_on_are_no_events():
    text = "Kosiah had been charged on 25 counts, among them killing civilians, rape and recruiting a child soldier."
    assert mentions(text) == []


def test_an_imagined_scene_is_no_event():
    text = "Picture cities under bombardment, suicide bombers, snipers and ambushes, as the film asks us to."
    assert mentions(text) == []
    assert mentions("Picture: smoke rises after an air strike on Khan Younis.") != []  # a caption is news


def test_a_crime_trend_and_a_wars_tally_are_context_not_events():
    trend = '"Banditry has been brought down, and kidnapping has slowed down to the barest minimum," he said.'
    assert all(m.aggregate for m in mentions(trend))
    tally = "The UN recorded 669 massacres in all during the 36-year civil war, which ended in 1996."
    assert mentions(tally) and all(m.aggregate for m in mentions(tally))


def test_talks_over_a_ceasefire_are_no_agreement():
    text = "President Petro, whose government is in talks with the rebels over a ceasefire, condemned the attack."
    assert [m for m in mentions(text) if m.sub_event_type == "Agreement"] == []
    signed = "The government and the ELN signed a ceasefire agreement in Havana on Friday."
    assert [m.sub_event_type for m in mentions(signed) if m.sub_event_type == "Agreement"]


@pytest.mark.parametrize(
    "text",
    [
        "Cambodia and Thailand signed a joint declaration on Sunday pledging themselves to peace.",
        "The Government of the Congo and the M23 rebels on Saturday signed the Doha Framework for Peace.",
        "The three presidents put their signatures to the Treaty on the Junction Point of State Borders.",
        "Borrell hailed the accord reached by the two sides to end the war.",
    ],
)
def test_a_pact_signed_under_a_name_of_its_own_is_an_agreement(text):
    """A declaration, framework, treaty or memorandum signed by the parties to a conflict is
    ACLED's agreement as much as a "ceasefire agreement" is."""
    assert [m.sub_event_type for m in mentions(text) if m.strength == STRONG] == ["Agreement"]


def test_a_memorandum_between_no_parties_to_a_conflict_is_no_agreement():
    text = "India and France signed a memorandum of understanding on aircraft engines on Monday."
    assert [m for m in mentions(text) if m.sub_event_type == "Agreement"] == []


def test_an_agreement_in_force_is_no_new_agreement():
    """ "under the truce", "the ceasefire that took effect in November": made before, told as a
    frame; a sentence that makes the deal keeps it even when it says what the deal requires."""
    for text in (
        "Hezbollah has pulled most of its forces out from south of the Litani under the truce.",
        "It was the latest violation of the ceasefire that took effect in November.",
        "The deal obliges the Lebanese government to dismantle the group's facilities.",
    ):
        assert [m for m in mentions(text) if m.sub_event_type == "Agreement"] == [], text
    made = "Israel and Hamas agreed a ceasefire on Wednesday; under the deal, hostages will be freed."
    assert [m.sub_event_type for m in mentions(made) if m.sub_event_type == "Agreement"]


def test_a_bomb_squad_disrupts_a_weapon_only_when_it_makes_one_safe():
    for text in (
        "An Indonesian bomb squad gathers evidence after the explosion.",
        "The police chief later took bomb disposal officers to examine the site.",
    ):
        assert "Disrupted weapons use" not in [m.sub_event_type for m in mentions(text)], text
    made_safe = "A police bomb squad later located a second device close by and detonated it safely."
    assert "Disrupted weapons use" in [m.sub_event_type for m in mentions(made_safe)]


def test_gunmen_who_strike_a_village_make_no_air_strike():
    found = mentions("Many feared dead as gunmen strike Benue border community")
    assert "Air/drone strike" not in [m.sub_event_type for m in found]
    assert "Air/drone strike" in [
        m.sub_event_type for m in mentions("Strikes on Rafah killed 12 people, the army said.")
    ]


def test_air_defences_that_shoot_down_drones_disrupt_them():
    text = "Ukraine shoots down all 27 drones Russia launched overnight, the air force said."
    assert [m.sub_event_type for m in mentions(text) if m.strength == STRONG] == ["Disrupted weapons use"]
    units = "Anti-aircraft missile units of the army took out all enemy drones over Kyiv."
    assert "Shelling/artillery/missile attack" not in [m.sub_event_type for m in mentions(units)]


def test_arrests_hoped_for_or_aimed_at_are_not_arrests() -> None:
    for text in (
        '"We trust the police will work day and night to ensure the prompt arrest of the killers," he said.',
        "Police opened an investigation so that those behind the crime can be arrested and punished.",
        "The aim of the operation was to find and arrest gang bosses hiding in the favela.",
    ):
        assert "Arrests" not in [m.sub_event_type for m in mentions(text)], text
    made = "Police arrested three suspects in the village on Monday."
    assert "Arrests" in [m.sub_event_type for m in mentions(made)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Both governments said they backed a ceasefire and fresh talks on the border.",
        "The minister accused the rebels of repeatedly breaching the truce.",
        "The commander belongs to the ELN, with whom a ceasefire is currently in force.",
        "Troops under his command used riot-control agents against the defenders.",
        "Police fired sound grenades and tear gas shells to scatter the workers.",
        "Local vigilante groups joined the soldiers in searching the forest.",
        "Police, working with the military and vigilantes, combed the forest on Sunday.",
        "The villagers had armed themselves against gangs known for kidnapping travellers.",
        "The rebel front has often clashed with the army in the south.",
    ],
)
def test_words_that_name_no_new_event_make_no_mention(sentence: str) -> None:
    """A truce backed, breached or in force, riot-control gear, tear gas shells, vigilantes as
    a group's name or the state's allies and a habit ("known for kidnapping", "has often clashed") are no events."""
    assert [m.trigger.text for m in mentions(sentence) if m.strength == STRONG] == []


@pytest.mark.parametrize(
    "text",
    [
        "Two suicide car bombers struck army checkpoints near the border on Sunday.",
        "Officials said twin suicide blasts hit the crowded market in the afternoon.",
        "Police said the bomber exploded himself next to the governor's car.",
        "The bomber set off his explosives close to worshippers leaving the shrine.",
    ],
)
def test_suicide_bombings_told_in_other_words_are_suicide_bombs(text):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == "Suicide bomb"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "A bomb exploded outside a tax office in Eastfield on Tuesday. The man killed in the explosion "
            "is also the person police suspect of planting it.",
            "Suicide bomb",
        ),
        (
            "A bomb exploded outside a tax office in Eastfield on Tuesday. Police arrested a suspect on "
            "Wednesday.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_a_bomber_who_died_in_his_own_blast_made_a_suicide_bombing(text, sub):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


@pytest.mark.parametrize(
    "text",
    [
        "A child was killed when a Russian bomb hit an apartment block in Kupiansk.",
        "Two officers were wounded by drones that apparently carried explosive devices.",
        "Cartel gunmen attacked police with explosive drones near the town.",
    ],
)
def test_bombs_from_the_air_and_drone_borne_explosives_are_air_strikes(text):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == "Air/drone strike"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Gunmen shot dead four police officers at a checkpoint in Zamfara.", "Armed clash"),
        ("Jihadists massacre 23 soldiers at a lakeside base.", "Armed clash"),
        ("Gunmen shot dead four traders at a market in Zamfara.", "Attack"),
        ("The rebels executed two captured soldiers.", "Attack"),
        ("Two traders were shot dead by police officers at a checkpoint.", "Attack"),
        (
            "Four people were shot dead by police after youths protesting over insecurity stormed a police station.",
            "Violent demonstration",
        ),
    ],
)
def test_soldiers_or_police_shot_dead_fought_a_battle(text, sub):
    """ACLED's Attack is violence against civilians; killing soldiers or police is an armed clash."""
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


def test_gunmen_who_storm_a_barracks_fight_a_battle():
    text = "Gunmen stormed a military barracks in the capital before dawn."
    gunmen = Actor("Unidentified Armed Group (Sierra Leone)", "Political militia", "SL")
    assert choose_sub_event_type(mentions(text), gunmen, None, Lexicon.default()) == "Armed clash"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Security forces killed three protesters in Basra on Friday.", "Excessive force against protesters"),
        (
            "Troops killed two protesters at a checkpoint; officials said a mob had attacked the checkpoint.",
            "Excessive force against protesters",
        ),
        (
            "Guards opened fire to break up the protest outside the governor's office.",
            "Excessive force against protesters",
        ),
        (
            "Protesters blocked the ring road. Police said 120 people had been detained.",
            "Protest with intervention",
        ),
        (
            "Hundreds rallied on Saturday to demand the release of people detained during earlier protests.",
            "Peaceful protest",
        ),
        ("The mobilisations went on for a third day as protesters marched peacefully.", "Peaceful protest"),
    ],
)
def test_force_at_a_crowd_told_in_other_words(text, sub):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked an army post on Thursday. The UN has accused every side of abuses, among them rape.",
        "Rebels attacked an army post on Thursday. All parties have been accused by the UN of abuses including "
        "summary killings, torture, conflict-related sexual violence and the use of child soldiers.",
    ],
)
def test_crimes_listed_in_an_accusation_are_no_events(text):
    assert "Sexual violence" not in {m.sub_event_type for m in mentions(text)}


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Gunmen abducted six passengers from a minibus and then killed them.", "Attack"),
        ("Kidnapped trade unionist found dead on the outskirts of the city.", "Attack"),
        ("Gunmen abducted six passengers from a minibus on the highway.", "Abduction/forced disappearance"),
    ],
)
def test_people_abducted_and_then_killed_were_attacked(text, sub):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Young men clash with police on a fourth night in the capital.", "Violent demonstration"),
        ("Supporters of the two candidates clashed with police outside the count.", "Violent demonstration"),
        ("Militants clashed with police near the border.", "Armed clash"),
        ("Police clashed with gunmen in the market.", "Armed clash"),
    ],
)
def test_a_crowd_that_clashes_with_police_riots(text, sub):
    """ACLED's battles are between armed, organised sides; a crowd fighting the police riots."""
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


@pytest.mark.parametrize(
    ("text", "lead", "sub"),
    [
        (
            "Hours later a second blast, at a mosque in the north, killed four people.",
            "At least 58 killed in two suicide blasts in the country",
            "Suicide bomb",
        ),
        (
            "Hours later a roadside bomb hit a police van in the north, killing four officers.",
            "At least 58 killed in two suicide blasts in the country",
            "Remote explosive/landmine/IED",
        ),
        (
            "Hours later a second blast, at a mosque in the north, killed four people.",
            "At least 58 killed in blasts in the country",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_a_blast_of_a_story_that_counts_suicide_bombings_is_one_of_them(text, lead, sub):
    lexicon = Lexicon.default()
    assert choose_sub_event_type(mentions(text), None, None, lexicon, context=lead) == sub


def test_suspects_who_have_been_arrested_are_an_arrest_not_a_charge():
    found = mentions(
        "Police said four men suspected of planning the bombing had been arrested in the capital."
    )
    assert "Arrests" in [m.sub_event_type for m in found]
    assert "Arrests" not in [
        m.sub_event_type for m in mentions("He faces charges of kidnapping and illegal detention.")
    ]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Blasts rock Bujumbura. Witnesses said two grenades went off at a bus parking lot in the city "
            "centre, wounding dozens.",
            "Grenade",
        ),
        (
            "Explosions shook the town overnight as artillery shelling hit homes near the front line.",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb exploded beside a patrol, and militants then fired grenades at the soldiers.",
            "Remote explosive/landmine/IED",
        ),  # a device of its own: the IED stays
    ],
)
def test_a_blast_with_no_device_of_its_own_is_the_weapon_named_beside_it(text, sub):
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


@pytest.mark.parametrize(
    ("sentence", "trigger", "sub"),
    [
        (
            "The man on the back opened fire on the rangers, who shot back, an official said.",
            "shot back",
            "Armed clash",
        ),
        (
            "Security forces and armed assailants traded fire through the night on the highway.",
            "traded fire",
            "Armed clash",
        ),
        (
            "Two police officers were killed in a shoot-out with gunmen near the club.",
            "shoot-out",
            "Armed clash",
        ),
        (
            "On Sunday, scuffles erupted outside parliament between the two camps.",
            "scuffles erupted",
            "Violent demonstration",
        ),
        (
            "Motorbikes were hit by a drone in the village, the broadcaster showed.",
            "hit by a drone",
            "Air/drone strike",
        ),
        (
            "Twenty-nine trucks were set ablaze in the south of the country early on Monday.",
            "set ablaze",
            "Looting/property destruction",
        ),
        (
            "Masked men set homes and cars on fire in the village on Friday.",
            "set homes and cars on fire",
            "Looting/property destruction",
        ),
        (
            "Gunmen burst into a family party and carried off nine men.",
            "carried off nine men",
            "Abduction/forced disappearance",
        ),
        (
            "Suspected bandits seized two policewomen and two civilians in the town on Sunday.",
            "seized two policewomen",
            "Abduction/forced disappearance",
        ),
        (
            "Police took at least one local activist into custody the same day.",
            "took at least one local activist into custody",
            "Arrests",
        ),
        (
            "Detentions were also reported in other cities, among them the regional capital.",
            "Detentions were also reported",
            "Arrests",
        ),
        (
            "The air force said it had brought down 21 of the 22 Shahed drones launched overnight.",
            "brought down 21 of the 22 Shahed drones",
            "Disrupted weapons use",
        ),
        (
            "The rebel spokesman said the group had downed an American MQ-9 Reaper drone.",
            "downed an American MQ-9 Reaper drone",
            "Disrupted weapons use",
        ),
        (
            "Drones were also brought down over the Zaporizhzhia and Kherson regions.",
            "Drones were also brought down",
            "Disrupted weapons use",
        ),
    ],
)
def test_acts_told_in_other_words_are_events(sentence, trigger, sub):
    """Verbs the analyst reads as the act itself: "shot back", "set ablaze", "carried off nine men"."""
    found = [m for m in mentions(sentence) if m.strength == STRONG]
    assert [(m.trigger.text, m.sub_event_type) for m in found][:1] == [(trigger, sub)]


def test_gunmen_who_descend_on_a_gendarmerie_attacked_it():
    found = mentions("Some 20 gunmen descended on a gendarmerie and a police station in the town.")
    assert [(m.trigger.text, m.strength) for m in found] == [("gunmen descended on", WEAK)]


@pytest.mark.parametrize(
    ("text", "target", "sub"),
    [
        (
            "Armed men ambushed a bus on the highway in Enga province, killing several passengers.",
            None,
            "Attack",
        ),
        (
            "Militants ambushed a convoy of vehicles travelling to Peshawar, killing 40 people.",
            "Civilians",
            "Attack",
        ),
        (
            "At least 50 people were killed on Thursday when militants ambushed a convoy.",
            "Civilians",
            "Attack",
        ),
        ("Militants ambushed an army patrol near the border, killing four soldiers.", None, "Armed clash"),
        ("Militants ambushed a convoy near the border and soldiers were killed.", "Civilians", "Armed clash"),
        ("Rebels ambushed the convoy and fought the escort for an hour.", "State forces", "Armed clash"),
    ],
)
def test_an_ambush_of_civilians_is_an_attack(text, target, sub):
    """ACLED's battle needs two armed sides: gunmen who ambush a bus or passengers attack civilians;
    an ambush of soldiers, or one told as fighting, stays a clash."""
    gunmen = Actor("Unidentified Armed Group (Pakistan)", "Political militia", "PK")
    actor2 = None if target is None else Actor(f"{target} (Pakistan)", target, "PK")
    assert choose_sub_event_type(mentions(text), gunmen, actor2, Lexicon.default()) == sub


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Houthi rebels fired a ballistic missile toward central Israel. "
            "The army said the missile was intercepted before it reached Israeli territory.",
            "Disrupted weapons use",
        ),
        (
            "Police intercepted a car near Srinagar and recovered two hand grenades from it.",
            "Grenade",
        ),
        (
            "Russia fired 19 missiles at Ukraine. Most were shot down, but one missile hit an apartment block.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Russia fired 19 missiles at Ukraine. Most were shot down, and one person was killed in Dnipro.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_a_missile_intercepted_that_hit_nothing_was_disrupted(text, sub):
    """ACLED codes a weapon stopped short of its target as disrupted weapons use; one that hit,
    killed or wounded stays the strike it was."""
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == sub


@pytest.mark.parametrize(
    "text",
    [
        # tyres burned on a road are a protest's barricade, not property destroyed
        "In other cities, hundreds of people set tyres on fire and shut main roads.",
        # a remand ordered by a court is no arrest; a penalty shoot-out no battle
        "The court ordered the pre-trial detention of the mayor for two months.",
        "The hosts won the final 4-2 in a penalty shoot-out.",
        # a man beaten to death in a bar fight: a crime, no conflict words around it
        "A man was beaten to death outside a bar in the city centre, and two men were charged.",
    ],
)
def test_crimes_and_barricades_told_in_those_words_are_no_events(text):
    assert [m.sub_event_type for m in mentions(text) if m.sub_event_type not in ("Peaceful protest",)] == []


@pytest.mark.parametrize(
    ("sentence", "trigger", "sub"),
    [
        ("Gunmen shot dead 14 people in a Shiite village on Thursday.", "shot dead", "Attack"),
        ("The attackers torched the homes of two families.", "torched", "Looting/property destruction"),
    ],
)
def test_the_attackers_verb_keeps_its_own_strong_trigger(sentence, trigger, sub):
    """ "Gunmen shot dead": the weak "gunmen shot" must not swallow the strong "shot dead"."""
    found = [m for m in mentions(sentence) if m.strength == STRONG]
    assert [(m.trigger.text, m.sub_event_type) for m in found] == [(trigger, sub)]


@pytest.mark.parametrize(
    "text",
    [
        "A fresh group of protesters reached the capital to demand justice for the victims of the "
        "Juliaca massacre.",
        "Newsweek reports that after the 'Bloody Friday' massacre, 15,000 jailed protesters could face "
        "execution.",
    ],
)
def test_a_massacre_named_for_its_place_or_day_refers_back(text):
    """ "The Juliaca massacre" is the name of a past event: it refers back to it (generic), it
    tells no new one; "soldiers massacred 20 villagers" still does."""
    found = [m for m in mentions(text) if m.sub_event_type == "Attack"]
    assert all(m.strength == GENERIC for m in found)
    assert [m.strength for m in mentions("Soldiers massacred 20 villagers at dawn.")] == [STRONG]


@pytest.mark.parametrize(
    "text",
    [
        "A soldier was wounded on Saturday when Armenian forces broke the ceasefire on the border.",
        "Three policemen were wounded in an attack on a checkpost. "
        "The attacks grew after the militants walked away from a shaky ceasefire with the government.",
        "Two border guards were wounded on Friday. Officials said two ceasefire agreements had already broken down.",
    ],
)
def test_a_broken_ceasefire_is_no_agreement(text):
    """ACLED codes the fire that broke a truce by what was fired; the truce it broke is no
    agreement of that day."""
    army = Actor("Military Forces of Azerbaijan", "State forces", "AZ")
    other = Actor("Military Forces of Armenia", "State forces", "AM")
    assert choose_sub_event_type(mentions(text), other, army, Lexicon.default()) == "Armed clash"


def test_a_ceasefire_signed_is_an_agreement():
    text = "The army and the rebels signed a ceasefire on Monday after a week of fighting."
    assert choose_sub_event_type(mentions(text), None, None, Lexicon.default()) == "Agreement"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Security forces shot dead at least five people when they fired on protesters in Baghdad on Monday.",
            "Excessive force against protesters",
        ),
        ("Gunmen shot dead five people at a market in Baghdad on Monday.", "Attack"),
    ],
)
def test_an_attack_on_protesters_with_force_at_the_crowd_is_excessive_force(text, sub):
    """ACLED's excessive force: lethal force on the protesters (the voted target), not an attack
    on civilians, also where the rally's own words went to the rally's event and the shooting's
    event holds only the killing."""
    police = Actor("Police Forces of Iraq", "State forces", "IQ")
    crowd = Actor("Protesters (Iraq)", "Protesters", "IQ")
    killing = [m for m in mentions(text) if m.sub_event_type != "Peaceful protest"]
    assert choose_sub_event_type(killing, police, crowd, Lexicon.default()) == sub


@pytest.mark.parametrize(
    "text",
    [
        "The visitors ran riot in the second half, scoring four tries in twelve minutes.",
        "Their strikers were running riot against a tired defence long before the final whistle.",
    ],
)
def test_a_side_that_runs_riot_on_the_pitch_makes_no_riot(text):
    assert mentions(text) == []


def test_settlers_who_ran_riot_are_told_by_what_they_did():
    found = mentions("Hundreds of settlers ran riot in the village, torching cars and homes.")
    assert [m.sub_event_type for m in found] == ["Looting/property destruction"]


@pytest.mark.parametrize(
    "text",
    [
        "The North fired a short-range ballistic missile into the sea off its east coast on Friday.",
        "The navy test-fired a new cruise missile from a frigate, the ministry said.",
    ],
)
def test_a_missile_fired_in_a_test_or_into_the_sea_is_no_attack(text):
    assert mentions(text) == []


def test_a_missile_fired_at_a_ship_is_still_an_attack():
    found = mentions("The rebels fired a ballistic missile at a tanker in the Red Sea on Friday.")
    assert {m.sub_event_type for m in found} == {"Shelling/artillery/missile attack"}


@pytest.mark.parametrize(
    "text",
    [
        "A shark killed a surfer and badly wounded his friend off the beach, police said.",
        "Police said a herd of elephants trampled two farmers to death and injured a third.",
        "Police were told to have the tiger shot dead after it killed a herder.",
        "A forest guard was killed by a leopard near the reserve, police said.",
    ],
)
def test_animals_that_kill_or_are_killed_make_no_event(text):
    assert mentions(text) == []


def test_people_killed_near_a_reserve_by_gunmen_are_still_attacked():
    found = mentions("Gunmen killed two rangers near the elephant reserve, police said.")
    assert found and found[0].strength == WEAK
