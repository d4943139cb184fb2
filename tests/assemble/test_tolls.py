"""Which count of the dead is the event's (``assemble/tolls.py``), on short reports of our own."""

from datetime import date

from handmade import main_events


def test_a_headlines_floor_gives_way_to_the_bodys_count(extractor) -> None:
    text = (
        "Over 40 killed in militia attack on camp for displaced people in Ituri\n\n"
        "A militia attack early on Monday on a camp for displaced people in Ituri province left more "
        "than 40 civilians dead, according to a local official. The official, Dieudonne Lossa, said "
        "the attackers had slaughtered 46 people with machetes and guns before fleeing into the forest."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 46


def test_the_attackers_dead_are_added_to_their_victims(extractor) -> None:
    text = (
        "Gunmen stormed a police station in Zahedan on Friday, leaving two officers dead, the "
        "provincial police chief said.\n\nThe station's guards returned fire, and four attackers were "
        "killed in the exchange, the governor added."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 6


def test_the_reports_opening_toll_is_its_main_events(extractor) -> None:
    text = (
        "Metro attack was the work of a suicide bomber, minister says\n\n"
        "The foreign minister of Kyrgyzstan said on Tuesday that the bombing on the St. Petersburg "
        "metro on Monday was carried out by a suicide bomber who was born in the city of Osh. "
        "Investigators in Russia have named the man as a 22-year-old who had lived in St. Petersburg "
        "for several years and worked in a car repair shop. The Health Ministry said 14 people had "
        "died and 49 were still in hospital."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 14


def test_a_group_none_of_whom_died_does_not_hide_the_dead(extractor) -> None:
    text = (
        "Police said none of their officers were hurt when a car bomb went off outside their station "
        "in Timba on Wednesday. Two civilians died in the blast, police added."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 2


def test_a_breakdown_of_the_toll_is_not_added_to_it(extractor) -> None:
    text = (
        "Fighters of the Rapid Support Forces and Sudan's army fought for several hours on Saturday on "
        "the eastern edge of El Fasher, leaving at least 14 people dead, medical and military sources "
        "said.\n\nThe Sudanese Armed Forces said in a statement that its troops had repelled the assault "
        "and destroyed six RSF combat vehicles. The army said nine of the attackers and five of its own "
        "soldiers were killed."
    )
    (event,) = main_events(extractor, text, date(2024, 5, 12))
    assert event.fatalities is not None and event.fatalities.best == 14


def test_a_campaigns_dead_are_no_events_toll(extractor) -> None:
    crackdowns = (
        "Soldiers raided a village near Mandalay on Saturday and burned houses, witnesses said. Nearly "
        "770 people have been killed in the deadly crackdowns so far, according to a monitoring group."
    )
    days = (
        "Gunmen attacked a market in Sweida on Friday and set shops on fire, a correspondent said. We "
        "have received more than 400 bodies since Monday morning, said the head of the local doctors."
    )
    for text, day in ((crackdowns, date(2021, 5, 8)), (days, date(2025, 7, 18))):
        events = main_events(extractor, text, day)
        assert events and all(e.fatalities is None for e in events)


def test_a_floor_and_the_count_it_implies_are_one_toll(extractor) -> None:
    # "more than 30" says 31 at least: a count of 31 elsewhere (an official's, quoted) is the toll
    text = (
        "Shelling of Dorvo market kills more than 30\n\n"
        "Artillery fire struck the crowded market of Dorvo on Tuesday morning, killing more than 30 "
        'people, the town council said. "Thirty-one bodies have been brought to the morgue," a '
        "hospital director told reporters later in the day."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 31


def test_a_headlines_floor_is_not_filled_by_another_floor(extractor) -> None:
    # "over 25" in the headline and "more than 40" from another outlet: both round, keep 25
    text = (
        "Gunmen kill over 25 at village wedding in Kebbi\n\n"
        "Gunmen on motorcycles attacked a wedding party in a village of Kebbi state on Saturday, "
        "killing 25 guests, a local chief said. Two foreign agencies later reported that more than "
        "40 people died in the attack."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 25


def test_a_part_of_the_attackers_killed_is_added_to_the_victims(extractor) -> None:
    # "killed four of the militants": the attackers' dead, though the count names no attacker
    text = (
        "Militants stormed a district office in Beledweyne on Tuesday, leaving three guards dead, "
        "the regional governor said.\n\nBy nightfall, troops had killed four of the militants and "
        "retaken the building, the governor added."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 7


def test_a_toll_that_counts_the_attackers_is_not_added_to_again(extractor) -> None:
    text = (
        "Gunmen attack army post near Abeche: 12 dead, 10 of them attackers\n\n"
        "An attack on an army post near Abeche on Sunday night left 12 people dead, 10 of whom "
        "were assailants, the government said. Besides the 10 attackers who were killed, three "
        "more were captured."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 12


def test_a_bomber_who_blew_herself_up_is_counted_with_an_official_she_killed(extractor) -> None:
    text = (
        "Suicide bomber targets police van in Gwadar\n\n"
        "A female suicide bomber blew herself up beside a police van in Gwadar on Monday. A police "
        "official was killed and two constables were wounded, the district police chief said."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.sub_event_type == "Suicide bomb"
    assert event.fatalities is not None and event.fatalities.best == 2


def test_the_dead_of_months_of_operations_are_no_events_toll(extractor) -> None:
    text = (
        "Raipur: A police jawan died and three of his colleagues were wounded on Monday when Maoists "
        "set off an improvised explosive device in Bijapur district.\n\n"
        "Security forces have mounted at least four major counter-insurgency operations there over "
        "the past eight months, leaving 44 Maoists dead."
    )
    events = main_events(extractor, text, date(2025, 8, 18))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 1


def test_the_lower_of_two_disputed_tolls_is_the_events(extractor) -> None:
    text = (
        "Fighting between Druze militias and Bedouin tribes in Sweida province in southern Syria has "
        "left at least 89 people dead over the past two days, a British-based war monitor said on "
        "Monday.\n\nSyria's defense ministry gave a lower figure. In a statement carried by the state "
        "news agency, it said more than 30 people had died and about 100 had been hurt."
    )
    events = main_events(extractor, text, date(2025, 7, 14))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 30


def test_a_years_dead_in_the_background_are_no_events_toll(extractor) -> None:
    text = (
        "Settlers torched homes and cars in the village of Turmus Ayya overnight, residents said, "
        "amid a run of army raids and attacks that have left dozens dead this year."
    )
    events = main_events(extractor, text, date(2023, 6, 22))
    assert events and all(e.fatalities is None for e in events)


def test_a_headlines_vague_word_after_its_verb_gives_way_to_the_bodys_count(extractor) -> None:
    text = (
        "Gunmen kill dozens in assault on village in central Mali\n\n"
        "Local officials say approximately 40 people were killed when unidentified armed men attacked "
        "a village in the Mopti region of central Mali on Monday."
    )
    events = main_events(extractor, text, date(2024, 7, 3))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 40


def test_the_toll_told_again_with_the_attackers_dead_counts_them(extractor) -> None:
    text = (
        "BANGUI, April 29 - At least six soldiers were killed on Thursday when rebels attacked a "
        "military outpost near Bakouma in the southeast of Central African Republic, a local official "
        "said.\n\n"
        '"Six soldiers and four rebels were killed," the official said.'
    )
    events = main_events(extractor, text, date(2022, 4, 29))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 10


def test_a_range_of_tolls_is_not_the_toll_told_in_full(extractor) -> None:
    text = (
        "Drone strikes near Kidal in northern Mali killed at least 12 civilians on Sunday, local "
        "officials said.\n\nA local official said between 12 and 15 civilian deaths had been reported from the "
        "strikes, adding that one drone came down near a school."
    )
    events = main_events(extractor, text, date(2024, 3, 18))
    assert events and events[0].fatalities is not None and events[0].fatalities.best == 12


def test_the_accident_a_protest_is_about_gives_it_no_toll(extractor) -> None:
    text = (
        "NOVI SAD, Serbia (AP) - Protesters in Novi Sad, furious that 14 people died when a concrete "
        "canopy fell at the city's railway station last week, pelted City Hall with flares and red "
        "paint on Tuesday. Police answered by firing canisters of tear gas."
    )
    events = main_events(extractor, text, date(2024, 11, 5))
    assert events and all(e.fatalities is None or e.fatalities.best == 0 for e in events)


def test_the_dead_of_a_months_long_span_are_no_events_toll(extractor) -> None:
    text = (
        "A drone strike hit a market in Djibo in northern Burkina Faso on Sunday, residents said.\n\n"
        "Human Rights Watch said drone strikes by the Burkinabe military over a four-month span killed "
        "more than 60 civilians and wounded many more."
    )
    events = main_events(extractor, text, date(2024, 1, 25))
    assert events and all(e.fatalities is None for e in events)


def test_the_enemy_dead_the_forces_count_are_added_to_their_own(extractor) -> None:
    # ACLED counts every death at the event: the soldiers and the "terrorists" the army says it
    # killed, in its own words as in the reporter's
    quoted = (
        "Ambush in western Niger leaves 19 soldiers dead\n\n"
        "Gunmen ambushed an army patrol near Ayorou on Tuesday, the defence ministry said. The troops "
        'were caught in "a complex ambush", in which 19 soldiers died and "about 25 terrorists were '
        'neutralised", the ministry said.'
    )
    plain = (
        "Explosive-laden vehicles were driven into the gate of the police lines in Lakki Marwat on "
        "Tuesday evening, leaving at least seven people dead, officials said. Army personnel who "
        "responded to the blasts neutralized five terrorists."
    )
    for text, toll in ((quoted, 44), (plain, 12)):
        (event,) = main_events(extractor, text, date(2024, 3, 21))
        assert event.fatalities is not None and event.fatalities.best == toll


def test_a_headlines_part_of_the_toll_gives_way_to_the_whole(extractor) -> None:
    # the headline names one side's dead last ("4 rebels killed"), the body both sides': ACLED counts all
    text = (
        "2 soldiers, 5 rebels killed in clash in Bukidnon\n\n"
        "MANILA - The military said on Friday that a clash near Malaybalay City in Bukidnon province "
        "had killed two army soldiers and five New People's Army (NPA) fighters."
    )
    (event,) = main_events(extractor, text, date(2019, 2, 15))
    assert event.fatalities is not None and event.fatalities.best == 7


def test_a_suicide_bomber_who_killed_no_one_else_is_the_dead(extractor) -> None:
    # ACLED counts the attackers among an event's dead: a bombing that only wounded has one
    alone = (
        "ALMATY - A man blew himself up on Tuesday outside the regional police headquarters in "
        "Taraz, wounding three bystanders, a spokesman for the prosecutor's office said."
    )
    pair = (
        "Two attackers struck the interior ministry in Ankara on Sunday morning, the minister said. "
        '"One of the terrorists blew himself up, and another was killed by security forces," he wrote, '
        "adding that two police officers were lightly wounded."
    )
    for text, toll in ((alone, 1), (pair, 2)):
        events = [
            e for e in main_events(extractor, text, date(2023, 10, 1)) if e.sub_event_type == "Suicide bomb"
        ]
        assert events and events[0].fatalities is not None and events[0].fatalities.best == toll


def test_a_headlines_floor_told_again_in_the_body_is_not_filled_by_another_source(extractor) -> None:
    # "at least 12" admits 12: the body's own count says it, and a monitor's 16 is a higher figure
    text = (
        "At least 12 dead as car bomb rips through market in Jarablus\n\n"
        "A car bomb exploded in a busy market in the Syrian border town of Jarablus on Saturday, killing "
        "at least 12 people, rescue workers said. The Syrian Observatory for Human Rights monitoring "
        "group said 16 had been killed."
    )
    (event,) = main_events(extractor, text, date(2017, 1, 8))
    assert event.fatalities is not None and event.fatalities.best == 12


def test_the_figure_a_report_calls_higher_is_not_the_toll(extractor) -> None:
    # the headline takes the witness's figure; the police's, told first, is the lowest credible count
    text = (
        "Suicide blast hits Mogadishu tea shop, six dead\n\n"
        "A suicide bomber blew himself up on Friday inside a tea shop in the Somali capital, and at least "
        "six people died, according to a witness and medical staff. Police spokesman Abdi Hassan put the toll at four dead and nine wounded. Medical "
        "workers at the scene gave a higher count: six dead and as many as eleven wounded."
    )
    (event,) = main_events(extractor, text, date(2023, 9, 30))
    assert event.fatalities is not None and event.fatalities.best == 4


def test_a_source_that_puts_the_toll_lower_gives_the_lowest_credible_count(extractor) -> None:
    text = (
        "Hundreds feared dead in South Sudan cattle raids\n\n"
        "Roughly 500 people are reported dead after fighting between two communities in Jonglei state "
        "last week, the United Nations said on Monday. The state governor, Peter Deng, put the death "
        "toll at 140 and said women and children were among those killed."
    )
    (event,) = main_events(extractor, text, date(2012, 1, 9))
    assert event.fatalities is not None and event.fatalities.best == 140


def test_a_toll_a_source_had_put_lower_before_it_rose_is_not_the_count(extractor) -> None:
    text = (
        "Gunmen opened fire on a wedding party in a village in Zamfara state on Saturday, killing 12 "
        "guests, residents said. Earlier, police had put the death toll at four."
    )
    (event,) = main_events(extractor, text, date(2021, 6, 5))
    assert event.fatalities is not None and event.fatalities.best == 12


def test_the_death_a_crowd_protests_over_is_not_its_riots_toll(extractor) -> None:
    text = (
        "Traders protesting the death of two of their colleagues set fire to a police post in the "
        "market town of Gboko on Monday, residents said. The angry traders also blocked the highway "
        "with burning tyres for several hours."
    )
    events = main_events(extractor, text, date(2023, 4, 10))
    assert events and all(e.fatalities is None or e.fatalities.best == 0 for e in events)


def test_attackers_dead_that_bring_the_toll_to_its_figure_are_not_added_again(extractor) -> None:
    text = (
        "Clashes in southern Chad leave 22 dead\n\n"
        "Clashes between farmers and herders in southern Chad have killed at least 22 people, "
        "officials said on Wednesday. According to the governor, the gendarmerie killed 14 of the "
        "attackers, which brings the toll to at least 22."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 22


def test_attackers_dead_told_as_a_part_of_the_toll_are_not_added_again(extractor) -> None:
    text = (
        "103 dead in cattle raid clash in Jonglei\n\n"
        "At least 103 people were killed when armed youths attacked herders moving their cattle "
        "in Jonglei state on Sunday, the county commissioner said. According to the commissioner, "
        "17 of the attackers died, as did 14 soldiers who were escorting the herders."
    )
    (event,) = main_events(extractor, text, date(2024, 3, 5))
    assert event.fatalities is not None and event.fatalities.best == 103
