"""Where an event happened: the page section when the story names no country; never where people fled or spoke."""

from datetime import date

import pytest
from handmade import main_events

from sitrep.model import Article, EventRole, GeoPrecision


def test_the_section_line_gives_the_country_when_the_story_names_none(extractor) -> None:
    text = (
        "Greek City Times | Greece | Politics\n\n"
        "Police Break Up Rally in Syntagma\n\n"
        "Riot police fired tear gas to break up a huge demonstration over the rail disaster on Sunday, "
        "and officers arrested several protesters, witnesses said."
    )
    events = extractor.extract(Article("section", date(2025, 1, 27), text))
    assert events and events[0].location is not None
    assert events[0].location.country == "GR"
    assert events[0].actor1 is not None and events[0].actor1.name == "Protesters (Greece)"


def test_where_people_fled_or_spoke_is_not_the_scene(extractor) -> None:
    text = (
        "Rebels attacked a school in Mpondwe, western Uganda, on Friday night, killing 25 students. The "
        "attackers withdrew across the border into the Democratic Republic of Congo, the police said at a "
        "press conference in Kampala."
    )
    events = extractor.extract(Article("scene", date(2023, 6, 17), text))
    assert events and events[0].location is not None
    assert events[0].location.country == "UG" and events[0].location.name != "Kampala"


def test_a_rights_groups_office_in_the_dateline_is_not_the_scene(extractor) -> None:
    text = (
        "Chad: Protesters Shot Dead\n\n"
        "(Nairobi) – Security forces in Chad opened fire on protesters in N'Djamena on October 20, "
        "killing at least 50 people, Human Rights Watch said today."
    )
    events = extractor.extract(Article("filed", date(2022, 10, 26), text))
    assert events and events[0].location is not None
    assert events[0].location.country == "TD" and events[0].location.name != "Nairobi"


def test_the_filing_city_places_an_event_in_a_quarter_the_gazetteer_lacks(extractor) -> None:
    text = (
        "BUJUMBURA January 29th (ABP) – A grenade exploded in a bar in the Buterere quarter on Sunday "
        "evening, wounding eight people, police said. The victims were taken to a clinic run "
        "by MSF-Belgium, the spokesman of the Ministry of Public Security said."
    )
    events = extractor.extract(Article("filed", date(2019, 1, 29), text))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Bujumbura", "BI")
    assert events[0].actor2 is not None and events[0].actor2.name == "Civilians (Burundi)"


def test_gunfire_from_settlers_makes_the_settlers_actor_1(extractor) -> None:
    text = (
        "Gunfire from Israeli settlers in Qalqilya killed one Palestinian and left another in critical "
        "condition, the Palestinian Health Ministry reported on Thursday."
    )
    events = extractor.extract(Article("from", date(2024, 8, 16), text))
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name == "Settlers (Israel)"


def test_niger_state_is_nigerias_and_a_local_government_area_is_a_place(extractor) -> None:
    text = (
        "Teenager set ablaze in Niger over missing children\n\n"
        "Residents of Lapai Local Government Area of Niger State on Friday set ablaze a suspected thief, "
        "and a mob beat him to death before police arrived, the state police command said."
    )
    events = extractor.extract(Article("state", date(2023, 8, 18), text))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Lapai", "NG")


def test_a_protest_square_places_the_protest_in_its_city(extractor) -> None:
    text = (
        "Police Break Up Tempi Rally in Syntagma\n\n"
        "Riot police fired tear gas and stun grenades to break up a huge demonstration in Syntagma Square "
        "on Sunday, witnesses said."
    )
    events = extractor.extract(Article("square", date(2025, 1, 27), text))
    assert events and events[0].location is not None
    assert events[0].location.country == "GR" and events[0].location.admin1 == "Attica"


def test_the_capital_named_in_apposition_is_a_place(extractor) -> None:
    text = (
        "Houthi rebels have abducted at least nine UN staff in Yemen, the United Nations said on Friday. "
        "The abductions were carried out in the capital Sanaa, in Hodeida and in Saada, an NGO said."
    )
    events = extractor.extract(Article("capital", date(2024, 6, 7), text))
    assert events and all(e.location is not None for e in events)
    assert "Sanaa" in {e.location.name for e in events}  # one event for each city listed


def test_drones_shot_down_fell_in_the_defenders_country(extractor) -> None:
    text = (
        "Five hurt as Russian drones hit Ukraine's Odesa region\n\n"
        "KYIV (Reuters) - Five people were injured and a block of flats damaged when Russian drones struck "
        "the southern Ukrainian region of Odesa, the regional governor said on Wednesday.\n\n"
        "The strike set a building on fire and broke the windows of a clinic, the governor said.\n\n"
        "Ukraine's military said it had downed 21 of the 22 drones Russia launched overnight."
    )
    events = extractor.extract(Article("downed", date(2024, 10, 9), text))
    downed = [e for e in events if e.sub_event_type == "Disrupted weapons use"]
    assert downed and downed[0].location is not None and downed[0].location.country == "UA"


def test_the_dateline_city_is_a_hint_not_the_scene(extractor) -> None:
    text = (
        "Peshawar, Oct 11 (PTI) Militants on Friday kidnapped a government engineer and three other people "
        "in northwest Pakistan's Khyber Pakhtunkhwa province, police said.\n\n"
        "The engineer and his team were taken from Kulachi in Dera Ismail Khan district, which borders "
        "Afghanistan."
    )
    events = extractor.extract(Article("dateline", date(2024, 10, 11), text))
    assert events and events[0].location is not None
    assert events[0].location.name == "Kulachi"


def test_a_town_called_a_town_beats_a_city_where_the_wounded_were_taken(extractor) -> None:
    text = (
        "A suicide blast at a party convention in the Bajaur district of Khyber Pakhtunkhwa on Sunday killed "
        "at least 44 people.\n\n"
        "The bomb went off as supporters sat beneath a tent in Khar, a town close to the Afghan border. "
        "Officials said they were trying to move critical patients to Peshawar."
    )
    events = extractor.extract(Article("khar", date(2023, 7, 30), text))
    assert events and events[0].location is not None
    assert events[0].location.name == "Khar"


def test_a_district_named_with_its_town_is_the_towns_district(extractor) -> None:
    text = (
        "Rebels struck a school in Kasese district on Friday night, killing 25 students. "
        "The school sits in Mpondwe, two kilometres from the border."
    )
    events = extractor.extract(Article("district", date(2023, 6, 17), text))
    assert events and events[0].location is not None
    assert events[0].location.name == "Mpondwe"


def test_a_village_the_gazetteer_lacks_stays_in_its_province_and_the_evidence_names_it(extractor) -> None:
    text = (
        "Armed herders attacked the village of Yelewata in Benue State, Nigeria, late on Friday, killing "
        "over 100 people, the police said. Survivors were treated at hospitals in Makurdi, the state capital."
    )
    events = extractor.extract(Article("village", date(2025, 6, 14), text))
    assert events and events[0].location is not None
    location = events[0].location
    assert (location.name, location.feature, location.geo_precision) == (
        "Benue",
        "admin1",
        GeoPrecision.REGION,
    )
    assert events[0].evidence["location"].text == "Yelewata"


def test_a_country_with_no_town_named_becomes_the_province_the_story_names(extractor) -> None:
    text = (
        "Gunmen killed at least 70 people on Thursday in Haiti, the United Nations said.\n\n"
        "The gang has spread its reach across the Artibonite region in recent months."
    )
    events = extractor.extract(Article("province", date(2024, 10, 4), text))
    assert events and events[0].location is not None
    location = events[0].location
    assert (location.name, location.geo_precision) == ("Artibonite", GeoPrecision.REGION)


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        (
            "South Sudan's government and representatives of the rebel forces signed a ceasefire agreement "
            "in Addis Ababa, Ethiopia, on Thursday, after weeks of fighting in Jonglei.",
            ("Addis Ababa", "ET"),
        ),
        (
            "DOHA, July 19 (Xinhua) -- The government of the Democratic Republic of Congo and the M23 rebel "
            "group signed a declaration of principles for a ceasefire in eastern DRC on Saturday.",
            ("Doha", "QA"),
        ),
        (
            "Sudan government, rebels sign final peace deal\n\n"
            "Sudan's government and the rebel alliance put their names to a final peace agreement in Nairobi, "
            "the capital of Kenya, on Saturday.",
            ("Nairobi", "KE"),
        ),
        (
            "Colombia, rebels agree six-month ceasefire\n\n"
            "The Colombian government and the guerrillas have struck a deal in Caracas for a six-month "
            "ceasefire, officials said on Friday.",
            ("Caracas", "VE"),
        ),
    ],
)
def test_an_agreement_is_placed_where_it_was_signed(extractor, text, venue) -> None:
    """Assembly places an agreement at its venue once the actors are chosen (the parties stay
    the home country's)."""
    events = extractor.extract(Article("venue", date(2024, 7, 20), text))
    main = [e for e in events if e.role is EventRole.MAIN and e.sub_event_type == "Agreement"]
    assert main and main[0].location is not None
    assert (main[0].location.name, main[0].location.country) == venue


def test_a_town_named_like_its_province_gives_way_to_the_area_named_beside_it(extractor) -> None:
    text = (
        "Bandits abduct 14 in Katsina\n\n"
        "Gunmen believed to be bandits kidnapped 14 people on Tuesday from three villages in Katsina "
        "State's Sabuwa Local Government Area, police said."
    )
    events = extractor.extract(Article("province", date(2024, 5, 8), text))
    assert events and events[0].location is not None
    assert events[0].location.name == "Sabuwa"


def test_a_city_named_as_a_bearing_is_a_landmark_not_a_second_scene(extractor) -> None:
    text = (
        "At least two Al Shabaab militants were killed in a US drone strike in Somalia on Monday, a "
        "US official said.\n\n"
        "People who saw Monday's strike, south of the capital Mogadishu, said the drone fired a missile "
        "at a car on the edge of the town of Jilib."
    )
    events = main_events(extractor, text, date(2013, 10, 29))
    assert [e.location.name for e in events if e.location] == ["Jilib"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Police in Zambia on Sunday arrested an opposition leader and forty of his supporters at a "
            "meeting they said had not been authorised, a police spokesman said.",
            "Lusaka",
        ),
        (
            "Cusco, Mar 3 (EFE).- Thousands of farmers across Peru blocked roads on Monday to protest "
            "against the price of fertiliser.",
            "Cusco",
        ),
    ],
)
def test_a_national_event_is_placed_where_filed_or_at_the_capital(extractor, text, place) -> None:
    """No town or province of the country named: the filing town, else the capital (precision 3)."""
    events = extractor.extract(Article("national", date(2024, 3, 4), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].location is not None
    assert (main[0].location.name, main[0].location.geo_precision) == (place, GeoPrecision.REGION)


def test_prisoners_are_exchanged_where_they_are_handed_over_not_where_it_was_agreed(extractor) -> None:
    text = (
        "Ethiopia and Eritrea begin prisoner swap\n\n"
        "Ethiopia and Eritrea began swapping prisoners of war on Friday, the first part of an agreement "
        "signed in Jeddah under which each side is to hand over 500 people."
    )
    events = extractor.extract(Article("swap", date(2024, 5, 24), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].location is not None
    assert main[0].location.country in ("ET", "ER")


def test_a_foreign_place_gives_way_to_the_story_countrys_capital(extractor) -> None:
    """Placed in a country the story barely names, a main event goes back to the story's country,
    and with no town of it named, to its capital."""
    text = (
        "Police in Uganda arrested 30 opposition supporters on Sunday as they waited for their leader "
        "to return from Paris.\n\n"
        "Uganda's police said the supporters had planned an unauthorised march. Uganda has barred "
        "opposition rallies since the last election."
    )
    events = extractor.extract(Article("foreign", date(2024, 3, 4), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].location is not None
    assert main[0].location.name == "Kampala"


def test_a_solidarity_march_is_where_it_marched(extractor) -> None:
    text = (
        "Massive rally in Karachi for Gaza\n\n"
        "Tens of thousands of people marched through the streets of Karachi on Sunday in support of "
        "Palestinians as the war in Gaza goes on. Marchers waved Palestinian flags and laid shrouded "
        "dolls for the children killed in Gaza. Speakers said Gaza had suffered enough and called on "
        "Palestinians to stay firm, and the crowd chanted for Gaza and for Palestine."
    )
    events = main_events(extractor, text, date(2025, 4, 14))
    assert events and events[0].event_type == "Protests"
    assert events[0].location is not None and events[0].location.name == "Karachi"


def test_the_city_witnesses_phoned_from_is_not_the_scene(extractor) -> None:
    text = (
        "Police fired tear gas at hundreds of people marching in the village of Diya in Bahrain on "
        "Thursday, witnesses said. Officers closed the road and fired warning shots to push the "
        "marchers back, said the witnesses, who spoke to AFP in Dubai by telephone."
    )
    events = main_events(extractor, text, date(2025, 7, 4))
    assert events and all(e.location is None or e.location.country == "BH" for e in events)


def test_a_town_struck_by_a_foreign_army_stays_the_scene(extractor) -> None:
    text = (
        "Child killed as Russian bomb hits apartment block\n\n"
        "A 12-year-old was killed when a Russian bomb hit a residential building in Kharkiv on "
        "Wednesday, officials said. Russian forces struck the third floor of a nine-storey block, and "
        "Russian aircraft were seen over the area before the blast, the regional governor said."
    )
    events = main_events(extractor, text, date(2024, 10, 31))
    assert events and events[0].location is not None and events[0].location.name == "Kharkiv"


def test_a_village_the_gazetteer_lacks_is_placed_at_the_town_the_story_puts_it_near(extractor) -> None:
    text = (
        "Grenade thrown into a family's yard\n\n"
        "Someone threw a hand grenade into the yard of a house in Gornji Ranjevac village in Kosovo "
        "before dawn on Friday, police said. The blast damaged the house but no one was hurt.\n\n"
        "Gornji Ranjevac lies near the city of Gjilan, in the east of the country."
    )
    events = main_events(extractor, text, date(2024, 5, 11))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.geo_precision) == ("Gjilan", GeoPrecision.NEAR)


def test_a_town_of_a_country_the_story_names_again_is_no_namesake_abroad(extractor) -> None:
    text = (
        "Three people were killed on Thursday when a drone struck a car near Chwarta in the Kurdistan "
        "Region, local officials said. Witnesses blamed Turkey, whose army has stepped up its strikes on "
        "the Kurdistan Workers' Party (PKK) this summer. The Turkish military and the PKK did not comment, "
        "and Turkish officials said Turkey would keep up its strikes."
    )
    events = main_events(extractor, text, date(2024, 9, 6))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Chwarta", "IQ")


def test_a_ship_attacked_in_the_red_sea_is_placed_in_the_sea(extractor) -> None:
    text = (
        "Houthis hit cargo ship\n\n"
        "Yemen's Houthi rebels fired two anti-ship missiles at a Liberian-flagged cargo ship in the "
        "Red Sea on Tuesday, setting it on fire, the US military said. The crew were unhurt."
    )
    events = main_events(extractor, text, date(2024, 3, 6))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Red Sea", "YE")


def test_a_town_of_a_curated_region_is_found_inside_it(extractor) -> None:
    text = (
        "Car bombs hit army posts in Sinai\n\n"
        "Militants drove car bombs into two army checkpoints in Sinai on Friday, killing ten soldiers, "
        "the army said. The attackers then opened fire on the troops south of Rafah, security sources said."
    )
    events = main_events(extractor, text, date(2017, 7, 8))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Rafaḩ", "EG")


@pytest.mark.parametrize(
    ("text", "district"),
    [
        (
            "Unknown gunmen abducted six road workers in Pakistan's Balochistan province on Monday, police "
            "said.\n\nThe workers were seized in Kech district while they were building a bridge, a local "
            "official said.",
            "Kech District",
        ),
        (
            "Gunmen shot dead three soldiers in Indonesia's Papua province on Sunday, the army said.\n\n"
            "The soldiers were on patrol in Intan Jaya district when they came under fire, a spokesman said.",
            "Kabupaten Intan Jaya",
        ),
    ],
)
def test_a_province_event_goes_to_the_district_the_story_narrows_it_to(extractor, text, district) -> None:
    events = main_events(extractor, text, date(2024, 6, 3))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.geo_precision) == (district, GeoPrecision.NEAR)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        (
            "Ecuador recaptures gang leader\n\nEcuador's army arrested the leader of the Los Choneros gang "
            "on Wednesday, the president said.\n\nThe weather was fine and the sea was calm that week along "
            "the coast.\n\nHe was found in his hometown of Manta at the end of a ten-hour search.\n\n"
            "Officials gave no further details.",
            "Manta",
        ),
        (
            "Bomb found under officer's car\n\nA police officer in Northern Ireland found a bomb under her "
            "car on Monday, police said.\n\nThe device was made safe by army technical officers.\n\nThe "
            "officer had spotted the object outside her home near Omagh early in the morning.\n\nNo one "
            "has claimed it.",
            "Omagh",
        ),
    ],
)
def test_a_town_named_in_a_sentence_the_parse_skipped_refines_the_event(extractor, text, town) -> None:
    events = main_events(extractor, text, date(2025, 6, 26))
    assert events and events[-1].location is not None
    assert (events[-1].location.name, events[-1].location.geo_precision) == (town, GeoPrecision.NEAR)


def test_a_national_event_goes_to_the_town_its_photo_caption_shows(extractor) -> None:
    text = (
        "World | Europe\n\n"
        "[Photo caption: Police face protesters outside the town hall in the town of Leposavic on Monday. "
        "Photo: Reuters]\n\n"
        "Dozens of police officers injured in clashes with protesters in Kosovo\n\n"
        "Dozens of police officers were injured on Monday when protesters threw rocks and petrol bombs at "
        "them in northern Kosovo, officials said."
    )
    events = main_events(extractor, text, date(2023, 5, 30))
    assert events and events[0].location is not None
    assert events[0].location.country == "XK" and events[0].location.geo_precision is GeoPrecision.NEAR
    assert events[0].location.name == "Leposaviq"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (  # the headline's Bundibugyo is the district the lead's town lies in
            "Rebels kill 20 at school in Bundibugyo\n\nRebels killed 20 pupils on Friday night in Nyahuka, a "
            "town in Bundibugyo district in the west of Uganda, the army said.",
            "Nyahuka",
        ),
        (  # "YALA:" and the headline's Yala are the province, not a town of Krong Pinang district
            "Ranger killed in Yala blast\n\nYALA: A roadside bomb in this southern border province's Krong "
            "Pinang district killed a ranger and wounded two volunteers on Monday, police said.",
            "Amphoe Krong Pinang",
        ),
        (  # a district's seat, the only town of it named, is still the place
            "Bomber kills nine at Gwoza market\n\nAt least nine people were killed when a suicide bomber blew "
            "himself up at a crowded market in the Gwoza Local Government Area of Borno State on Saturday. "
            "Residents of Gwoza said the market was packed.",
            "Gwoza",
        ),
    ],
)
def test_a_town_named_like_its_district_or_province_stands_for_the_unit(extractor, text, place) -> None:
    events = extractor.extract(Article("unit", date(2024, 5, 7), text))
    assert events and events[0].location is not None
    assert events[0].location.name == place


def test_the_region_the_event_names_beats_no_place_at_all(extractor) -> None:
    """The story's actors speak of one country (Israeli settlers, soldiers, police), its places
    of another: with no place of the actors' country to send the event to, the region its own
    sentence names stands (it had no place at all)."""
    text = (
        "Settlers attack village\n\n"
        "Hundreds of Israeli settlers attacked a Palestinian village in the occupied West Bank on "
        "Tuesday, setting fire to dozens of homes and cars, and one villager was shot dead. Israeli "
        "soldiers and Israeli police stood by, and the Israeli government said Israeli forces would act."
    )
    events = main_events(extractor, text, date(2023, 6, 21))
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("West Bank", "PS")


@pytest.mark.parametrize(
    ("text", "province"),
    [
        (
            "Five soldiers were killed in northern Benin on Monday when an army convoy hit an improvised "
            "explosive device, security sources said.",
            "Alibori",
        ),
        (
            "Jihadists killed seven soldiers on Tuesday in an ambush in a national park in the north of "
            "Benin's neighbour, the army said. The attack happened in the north of the country, near the "
            "border, Benin's army said.",
            "Alibori",
        ),
    ],
)
def test_a_national_event_in_a_part_of_the_country_goes_to_that_province(extractor, text, province) -> None:
    """ "In northern Benin" with no town: the northern province (precision 3), not the capital."""
    events = extractor.extract(Article("part", date(2025, 6, 2), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].location is not None
    assert (main[0].location.name, main[0].location.geo_precision) == (province, GeoPrecision.REGION)
