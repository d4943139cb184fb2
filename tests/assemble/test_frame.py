"""Stories told for a verdict, a memorial, a film or an accident carry no new event,
unless fresh news is told apart from that frame."""

from datetime import date

from handmade import main_events


def test_a_verdict_for_an_old_massacre_is_no_event(extractor) -> None:
    text = (
        "Guatemala court jails four ex-soldiers for 1982 massacre\n\n"
        "GUATEMALA CITY — A court on Tuesday convicted four former soldiers and sentenced each of "
        "them to more than 6,000 years in prison for their part in the massacre of 201 villagers "
        "at Dos Erres in 1982.\n\n"
        "Troops of an elite army unit killed men, women and children in the village during the "
        "civil war, prosecutors said."
    )
    assert main_events(extractor, text, date(2011, 8, 3)) == []


def test_a_commemoration_of_war_dead_is_no_event(extractor) -> None:
    text = (
        "Thousands gather for Anzac Day dawn services\n\n"
        "Crowds gathered before sunrise at memorials across the country on Thursday to honour the "
        "soldiers who fought and died at Gallipoli, where thousands were killed in 1915.\n\n"
        "Veterans laid wreaths as a bugler played the Last Post."
    )
    assert main_events(extractor, text, date(2024, 4, 25)) == []


def test_a_celebrated_victory_and_a_salute_of_guns_are_no_events(extractor) -> None:
    victory = (
        "Ethiopians celebrating anniversary of victory of Adwa\n\n"
        "Ethiopians all over the country are marking the anniversary of the victory at the battle of "
        "Adwa. Celebrations are taking many forms, above all in the Adwa mountains, where the battle "
        "was fought."
    )
    salute = (
        "Serbia observes First World War Armistice Day\n\n"
        "BELGRADE -- Serbia is marking Armistice Day on Sunday with many ceremonies. Events got under "
        "way in Belgrade on Saturday evening with honorary artillery salvos fired by the Army Guards "
        "from Kalemegdan Fortress."
    )
    assert main_events(extractor, victory, date(2018, 3, 2)) == []
    assert main_events(extractor, salute, date(2012, 11, 11)) == []


def test_a_gas_explosion_is_no_event(extractor) -> None:
    text = (
        "Death toll from Jeddah restaurant blast rises to three\n\n"
        "A gas cylinder exploded in a restaurant in Jeddah on Sunday, killing three people and "
        "injuring 20, the civil defence said."
    )
    assert main_events(extractor, text, date(2019, 6, 3)) == []


def test_a_cracker_factory_blast_and_a_burst_cylinder_are_no_events(extractor) -> None:
    factory = (
        "Sivakasi cracker unit blast kills worker; police open probe\n\n"
        "A blast at a firecracker factory in Sivakasi, Tamil Nadu, killed one worker on Thursday. "
        "Police have begun an inquiry into its cause."
    )
    cylinder = (
        "YEREVAN, APRIL 3. A CO2 cylinder exploded in a fast food restaurant in central Yerevan on "
        "April 2, injuring eight people. Law enforcement agencies opened a criminal case."
    )
    assert main_events(extractor, factory, date(2023, 1, 19)) == []
    assert main_events(extractor, cylinder, date(2018, 4, 3)) == []


def test_a_fuel_depot_that_blew_up_is_no_event_but_one_struck_by_drones_is(extractor) -> None:
    """An explosion at a fuel depot or gas station is an accident story, also when the lead
    speaks of a day of mourning or the owner's conviction; a weapon that hit it makes it news."""
    blew_up = (
        "Guinea blast death toll rises to 13\n\n"
        "A powerful explosion and fire at the main fuel depot in Conakry killed thirteen people and "
        "injured 178 others early on Monday. The owner had a previous criminal conviction, and the "
        "authorities declared Tuesday a day of mourning."
    )
    assert main_events(extractor, blew_up, date(2023, 12, 18)) == []
    struck = (
        "Drones set fuel depot ablaze\n\n"
        "Ukrainian drones struck an oil depot in the Bryansk region early on Monday, setting off a huge "
        "fire, the regional governor said."
    )
    assert main_events(extractor, struck, date(2024, 1, 22)) != []


def test_an_attack_on_a_memorial_ceremony_is_still_news(extractor) -> None:
    text = (
        "Bomb kills five at memorial ceremony in Kabul\n\n"
        "A bomb exploded outside a mosque in Kabul on Sunday during a memorial ceremony, killing "
        "at least five civilians, a Taliban spokesman said.\n\n"
        "Three suspects were arrested after the blast, he said."
    )
    events = main_events(extractor, text, date(2021, 10, 3))
    assert "Remote explosive/landmine/IED" in [e.sub_event_type for e in events]


def test_no_one_arrested_is_no_arrest(extractor) -> None:
    text = (
        "Gunmen shot dead a local councillor outside his home in Pietermaritzburg on Monday night. "
        "No one had been arrested yet, police said."
    )
    events = main_events(extractor, text, date(2023, 9, 20))
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_an_old_bomb_defused_a_rocket_launch_and_war_games_are_no_events(extractor) -> None:
    stories = [
        "WWII bomb defused in German town\n\nBomb disposal experts defused a 1.8-tonne British "
        "bomb from the Second World War in Augsburg on Sunday after 54,000 residents left their homes.",
        "Japan launches second H3 rocket, a year after failure\n\nThe space agency said the rocket "
        "lifted off from the Tanegashima launch pad on Saturday and put a satellite into orbit.",
        "Talisman Sabre war games begin\n\nThirty thousand troops from 13 nations began the joint "
        "military exercise on Friday, with live-fire demonstrations at bases in Queensland.",
    ]
    for text in stories:
        assert main_events(extractor, text, date(2024, 2, 18)) == [], text[:30]


def test_cocaine_intercepted_by_a_navy_ship_is_no_disrupted_weapons_use(extractor) -> None:
    text = (
        "Police said 3.2 tonnes of cocaine left at a floating transit point in the Pacific had "
        "been intercepted by a navy ship on Monday. No one had been arrested yet."
    )
    assert main_events(extractor, text, date(2023, 2, 1)) == []


def test_a_ruling_junta_is_no_court_ruling(extractor) -> None:
    text = (
        "Rebel coalition agrees truce with Myanmar's generals\n\n"
        "An alliance of three ethnic armed groups said on Thursday it had agreed to a ceasefire with the "
        "country's ruling military junta after talks in the Chinese city of Kunming."
    )
    events = main_events(extractor, text, date(2024, 1, 12))
    assert [e.sub_event_type for e in events] == ["Agreement"]


def test_a_commemoration_broken_up_with_tear_gas_is_news(extractor) -> None:
    text = (
        "Police break up anniversary march in the capital\n\n"
        "Police fired tear gas on Wednesday at demonstrators who marched through central Nairobi to "
        "commemorate the anniversary of last year's deadly protests."
    )
    events = main_events(extractor, text, date(2025, 6, 25))
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


def test_a_missile_test_fired_into_the_sea_is_no_event(extractor) -> None:
    text = (
        "North fires missile into the sea, neighbours say\n\n"
        "The North fired a short-range missile into the sea off its east coast early on Sunday, the "
        "neighbouring country's military said, its third launch this month.\n\n"
        "The defence ministry across the strait said a suspected ballistic missile had been launched "
        "from near the capital and flew some 600 km."
    )
    assert main_events(extractor, text, date(2024, 3, 10)) == []


def test_ammunition_that_blew_up_in_store_is_no_event(extractor) -> None:
    text = (
        "Blasts at army ammunition depot force thousands from homes\n\n"
        "A series of explosions tore through an army ammunition depot outside the town on Tuesday, "
        "wounding 12 soldiers and forcing some 4,000 residents to leave, officials said.\n\n"
        "Shells kept exploding into the night and the cause of the fire is under investigation."
    )
    assert main_events(extractor, text, date(2019, 8, 6)) == []


def test_a_drone_strike_on_an_ammunition_depot_is_still_an_event(extractor) -> None:
    text = (
        "Drones hit ammunition depot near the front\n\n"
        "Drones struck an army ammunition depot near the front line on Tuesday, setting off a series "
        "of explosions, the military said."
    )
    assert main_events(extractor, text, date(2024, 8, 6)) != []


def test_attack_helicopters_that_collided_in_training_are_no_event(extractor) -> None:
    text = (
        "Two soldiers killed as attack helicopters collide\n\n"
        "Two army attack helicopters collided during a training flight on Wednesday, killing two "
        "soldiers and injuring a third, the army said. The crash is under investigation."
    )
    assert main_events(extractor, text, date(2023, 4, 27)) == []


def test_a_trial_opening_over_old_attacks_is_no_event(extractor) -> None:
    text = (
        "Trial opens for 12 accused over '16 attacks\n\n"
        "The trial of 12 men accused in the armed group's coordinated attacks on the capital in 2016 "
        "opened Monday in a courtroom built for the hearing.\n\n"
        "Gunmen and bombers struck a concert hall and two cafes within minutes of each other, killing "
        "32 people. The defendants deny the charges."
    )
    assert main_events(extractor, text, date(2022, 5, 9)) == []


def test_a_missile_fired_in_a_named_maritime_exercise_is_no_event(extractor) -> None:
    text = (
        "Destroyer fires anti-ship missile during multinational exercise\n\n"
        "A Japanese destroyer taking part in Exercise Pacific Vanguard fired a surface-to-surface "
        "missile on Tuesday, the navy said. Twelve nations, 30 ships and 9,000 sailors are taking "
        "part in the biennial maritime exercise off the coast of Guam."
    )
    assert main_events(extractor, text, date(2024, 7, 16)) == []


def test_a_woman_killed_by_her_husband_at_home_is_no_event(extractor) -> None:
    text = (
        "Man held after wife found dead at family home\n\n"
        "IPOH — A 42-year-old woman died after allegedly being stabbed by her husband at their home "
        "in Taman Cempaka on Sunday night, following a quarrel over money.\n\n"
        "Police said the suspect, 45, was detained at the scene and a knife was seized."
    )
    assert main_events(extractor, text, date(2023, 5, 14)) == []
