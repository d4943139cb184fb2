"""Which clauses are one event: dates, types and places must agree."""

from datetime import date

import pytest
from handmade import clause, main_events, on, town

from sitrep.assemble.merge import merge_clauses, other_province
from sitrep.config import AssembleSettings
from sitrep.events import Lexicon
from sitrep.model import GeoPrecision, Location

TUESDAY = date(2024, 2, 6)
BAGHDAD = town("Baghdad", 33.34, 44.40)
MOSUL = town("Mosul", 36.34, 43.13)  # about 350 km north


def test_one_strike_reported_twice_is_one_event() -> None:
    clauses = [clause(0, when=on(TUESDAY), where=BAGHDAD), clause(200, when=on(TUESDAY), where=BAGHDAD)]
    drafts = merge_clauses(clauses, Lexicon.default(), AssembleSettings())
    assert [len(d.clauses) for d in drafts] == [2]


def test_towns_further_apart_than_the_setting_are_two_events() -> None:
    clauses = [clause(0, when=on(TUESDAY), where=BAGHDAD), clause(200, when=on(TUESDAY), where=MOSUL)]
    assert len(merge_clauses(clauses, Lexicon.default(), AssembleSettings())) == 2
    wide = AssembleSettings(same_event_km=400.0, same_town_km=400.0)
    assert len(merge_clauses(clauses, Lexicon.default(), wide)) == 1


def test_other_days_and_other_types_are_other_events() -> None:
    lexicon, settings = Lexicon.default(), AssembleSettings()
    days = [clause(0, when=on(TUESDAY)), clause(200, when=on(date(2024, 1, 9)))]
    assert len(merge_clauses(days, lexicon, settings)) == 2
    types = [clause(0, when=on(TUESDAY)), clause(200, sub="Peaceful protest", when=on(TUESDAY))]
    assert len(merge_clauses(types, lexicon, settings)) == 2


def test_an_undated_clause_joins_the_nearest_event() -> None:
    clauses = [clause(0, when=on(TUESDAY)), clause(500, when=on(date(2024, 1, 9), at=500)), clause(600)]
    drafts = merge_clauses(clauses, Lexicon.default(), AssembleSettings())
    assert [[c.start for c in d.clauses] for d in drafts] == [[0], [500, 600]]


def test_a_protests_clashes_and_arrests_are_the_protest(extractor) -> None:
    text = (
        "Pensioners held their weekly protest outside Congress in Buenos Aires on Wednesday, and "
        "thousands of demonstrators joined the rally.\n\n"
        "The day ended in violent clashes with the security forces, leaving at least 20 people "
        "injured and 103 detained."
    )
    events = main_events(extractor, text, date(2025, 3, 13))
    assert [e.event_type for e in events] in (["Riots"], ["Protests"])


def test_arrests_over_a_bombing_are_an_event_of_their_own(extractor) -> None:
    text = (
        "A roadside bomb exploded outside a market in Kandahar on Tuesday, killing four shoppers, "
        "a provincial official said.\n\n"
        "The police spokesman said two suspects had been arrested over Tuesday's explosion and "
        "were being questioned."
    )
    events = main_events(extractor, text, date(2024, 3, 6))
    assert sorted(e.sub_event_type for e in events) == ["Arrests", "Remote explosive/landmine/IED"]
    bombing = next(e for e in events if e.sub_event_type != "Arrests")
    assert bombing.fatalities is not None and bombing.fatalities.best == 4


def test_arrests_made_after_an_attack_are_an_event_of_their_own(extractor) -> None:
    text = (
        "Gunmen stormed a police station in Ulu Tiram early on Friday, killing two officers. "
        "Seven people have been detained so far, the national police chief said."
    )
    events = main_events(extractor, text, date(2024, 5, 18))
    assert sorted(e.sub_event_type for e in events) == ["Armed clash", "Arrests"]
    arrests = next(e for e in events if e.sub_event_type == "Arrests")
    assert arrests.actor1.name == "Police Forces of Malaysia" and arrests.location.name == "Ulu Tiram"


def test_an_arrest_vowed_is_no_event(extractor) -> None:
    text = (
        "Gunmen stormed a police station in Ulu Tiram early on Friday, killing two officers. "
        "The national police chief vowed to arrest the attackers."
    )
    assert [e.sub_event_type for e in main_events(extractor, text, date(2024, 5, 18))] == ["Armed clash"]


def test_arrests_after_a_theft_are_no_event(extractor) -> None:
    text = (
        "Thieves took eight pieces of jewellery from a museum in the heart of the city on Sunday "
        "morning, escaping on scooters within minutes. Two suspects have since been arrested, one "
        "of them as he tried to leave the country."
    )
    assert main_events(extractor, text, date(2025, 10, 30)) == []


def test_a_raid_on_saturday_and_a_bomb_on_sunday_elsewhere_are_two_events(extractor) -> None:
    text = (
        "Separatists were behind attacks over the weekend that left five members of the security "
        "forces dead, officials said on Sunday.\n\n"
        "A band of about 20 armed men on Saturday struck a gendarmerie post and a police station "
        "in Bafoussam, killing five.\n\n"
        "In the anglophone Northwest province on Sunday, a homemade bomb went off and wounded at least seven people, state "
        "television reported."
    )
    events = main_events(extractor, text, date(2020, 3, 8))
    assert len(events) == 2
    assert "Remote explosive/landmine/IED" in [e.sub_event_type for e in events]


def test_a_string_of_attacks_in_two_towns_is_two_events(extractor) -> None:
    text = (
        "Gunmen attacked churches and a police post in two cities of Dagestan on Sunday evening.\n\n"
        "In the city of Derbent, gunmen armed with automatic rifles stormed a synagogue and an Orthodox church "
        "on Sunday evening and killed the priest.\n\n"
        "About 120 km to the north, in Makhachkala, the attackers opened fire on a traffic police "
        "post, and gunfights went on into the night."
    )
    events = main_events(extractor, text, date(2024, 6, 24))
    assert sorted(e.location.name for e in events) == ["Derbent", "Makhachkala"]


def test_a_sentence_listing_towns_far_apart_gives_an_event_for_each(extractor) -> None:
    text = (
        "Supporters of the former prime minister rioted across Pakistan on Tuesday after his arrest.\n\n"
        "Party workers were injured in clashes with the security forces in Lahore and Peshawar, "
        "and a police station was set on fire in Quetta."
    )
    places = {e.location.name for e in main_events(extractor, text, date(2023, 5, 10))}
    assert {"Lahore", "Peshawar"} <= places


def test_a_town_named_like_its_state_is_not_another_place(extractor) -> None:
    text = (
        "Bandits abduct 14 in Katsina communities\n\n"
        "Gunmen believed to be bandits kidnapped 14 people on Tuesday from three villages in "
        "Katsina State's Sabuwa Local Government Area, police said."
    )
    assert len(main_events(extractor, text, date(2023, 8, 9))) == 1


def test_a_separate_incident_the_same_day_is_another_event(extractor) -> None:
    text = (
        "Gunmen fire on police patrol in Peshawar\n\n"
        "Two policemen were wounded on Monday when gunmen opened fire on their patrol in Peshawar, "
        "officials said.\n\n"
        "In a separate incident in the village of Mattani, on the edge of the city, gunmen opened fire "
        "on a police post and killed a constable."
    )
    assert len(main_events(extractor, text, date(2024, 3, 5))) == 2


def test_elsewhere_with_no_place_of_its_own_tells_no_other_event(extractor) -> None:
    text = (
        "Protesters stormed the parliament in Lima on Tuesday and police fired tear gas, officials said.\n\n"
        "Elsewhere in Peru, protesters set fire to a police truck."
    )
    assert len(main_events(extractor, text, date(2024, 3, 6))) == 1


def test_another_kind_of_strike_on_another_region_is_another_event(extractor) -> None:
    text = (
        "Drones hit Zaporizhzhia overnight\n\n"
        "Three people were hurt when Russian drones struck the city of Zaporizhzhia overnight, the "
        "governor said on Thursday.\n\n"
        "Russia also fired two ballistic missiles at the Sumy region, the air force said."
    )
    subs = sorted(e.sub_event_type for e in main_events(extractor, text, date(2024, 11, 7)))
    assert subs == ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_a_later_days_words_about_the_event_are_no_new_event(extractor) -> None:
    text = (
        "Gunmen kidnap 40 passengers from a bus in Zamfara\n\n"
        "Armed men stopped a bus near Gusau on Saturday and abducted 40 passengers, police said.\n\n"
        "On Monday, troops combed the forest near Gusau for the victims of the mass kidnapping."
    )
    events = main_events(extractor, text, date(2024, 3, 5))
    assert [e.event_date.iso for e in events] == ["2024-03-02"]


def test_drones_downed_over_listed_regions_give_an_event_for_each_region(extractor) -> None:
    text = (
        "Russia says it downed dozens of Ukrainian drones overnight\n\n"
        "Air defence units destroyed 41 Ukrainian drones overnight, the Russian Defence Ministry said on "
        "Saturday. According to the ministry, 20 of the drones were shot down over the Kursk Region, nine "
        "over the Bryansk Region, seven over the Smolensk Region and five over the Tula Region."
    )
    events = main_events(extractor, text, date(2025, 5, 10))
    assert {e.sub_event_type for e in events} == {"Disrupted weapons use"}
    assert len(events) == 4
    assert len({e.location.admin1 for e in events}) == 4  # Kursk, Bryansk, Smolensk, Tula


def test_a_village_in_its_district_is_one_place_not_a_list(extractor) -> None:
    text = (
        "More than 40 fighters died on Wednesday when two jihadist factions fought for control of "
        "Duguri, in the Kukawa Local Government Area of Borno State."
    )
    assert len(main_events(extractor, text, date(2023, 8, 25))) == 1


def test_two_villages_joined_by_and_are_two_events_however_close(extractor) -> None:
    text = "Gunmen killed four farmers on Monday in the villages of Mangu and Bokkos in Plateau State, police said."
    assert sorted(e.location.name for e in main_events(extractor, text, date(2023, 1, 3))) == [
        "Bokkos",
        "Mangu",
    ]


def test_the_second_attack_with_no_place_found_is_another_event(extractor) -> None:
    text = (
        "Militants threw a grenade at a police post in Quetta on Monday, wounding two constables, "
        "officials said.\n\n"
        "About an hour later came the second attack, on the edge of the city, where a roadside bomb "
        "exploded under a police van and wounded three officers."
    )
    assert len(main_events(extractor, text, date(2024, 3, 5))) == 2


def test_a_later_act_of_the_same_day_is_another_event(extractor) -> None:
    text = (
        "A car bomb exploded outside an army base in Cali on Friday, killing five people, police said.\n\n"
        "A few hours afterwards, a police helicopter was shot down by a drone in the north of the "
        "country, killing all 12 officers on board."
    )
    subs = sorted(e.sub_event_type for e in main_events(extractor, text, date(2025, 8, 23)))
    assert len(subs) == 2


def test_a_protest_turning_violent_hours_later_is_one_event(extractor) -> None:
    text = (
        "Thousands of supporters of the former president marched towards La Paz on Tuesday morning, "
        "protesting against the government.\n\n"
        "A few hours later riot police fired tear gas at hundreds of protesters on the highway."
    )
    assert len(main_events(extractor, text, date(2024, 9, 18))) == 1


def test_an_earlier_statement_about_the_bombardment_is_no_other_event(extractor) -> None:
    text = (
        "Clashes between Turkish-backed factions and the Kurdish-led militia near the Tishreen dam "
        "killed 20 fighters on Saturday, a war monitor said.\n\n"
        "Earlier on Saturday the militia had said that five of its fighters were killed as a result "
        "of intensified Turkish aerial bombardment of the area."
    )
    assert len(main_events(extractor, text, date(2024, 12, 22))) == 1


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Rebels abduct aid workers across Yemen\n\nRebels abducted at least 11 aid workers on Thursday, a "
            "rights group said. The abductions were carried out in the capital Sanaa, in Aden, the main port, "
            "and in Taiz and Ibb.",
            ["Sanaa", "Aden", "Taiz", "Ibb"],
        ),
        (
            "Protesters clashed with police in Lahore, the provincial capital, and in Multan on Tuesday, "
            "injuring dozens.",
            ["Lahore", "Multan"],
        ),
    ],
)
def test_a_town_described_in_passing_does_not_end_a_list(extractor, text, places) -> None:
    assert [e.location.name for e in main_events(extractor, text, date(2024, 6, 7))] == places


def test_another_type_of_act_placed_in_a_town_is_another_event(extractor) -> None:
    text = (
        "Kyrgyz and Tajik border guards clash again\n\n"
        "Heavy fighting broke out on Friday along the disputed border between Kyrgyzstan and "
        "Tajikistan, the two governments said.\n\n"
        "The Kyrgyz border service said Tajik troops had shelled an airport in the town of Batken "
        "with multiple rocket launchers."
    )
    types = sorted(e.event_type for e in main_events(extractor, text, date(2022, 9, 16)))
    assert types == ["Battles", "Explosions/Remote violence"]


def test_drones_downed_over_another_region_in_its_own_sentence_are_another_event(extractor) -> None:
    text = (
        "Russian drones downed over Odesa and Poltava\n\n"
        "Ukraine's air force said on Tuesday that it had shot down 12 Russian drones over the port "
        "city of Odesa overnight.\n\n"
        "Air defence units also destroyed five drones launched by Russia over the Poltava region, the "
        "regional governor said."
    )
    events = main_events(extractor, text, date(2024, 9, 3))
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"] * 2
    assert {e.location.admin1 for e in events} == {"Odessa", "Poltava"}


def _place(name: str, feature: str, admin1: str, lat: float = 50.0, lon: float = 36.0) -> Location:
    return Location(name, "RU", admin1, lat, lon, GeoPrecision.REGION, feature=feature)


@pytest.mark.parametrize(
    ("first", "second", "apart"),
    [
        (
            [_place("Kursk", "admin1", "Kursk", 51.6, 36.0)],
            [_place("Belgorod", "admin1", "Belgorod", 50.6, 37.1)],
            True,
        ),
        (
            [_place("Kursk", "admin1", "Kursk", 51.6, 36.0)],
            [_place("Sudzha", "town", "Kursk", 51.2, 35.3)],
            False,
        ),
        (
            [_place("Voronezh", "admin1", "Voronezh", 51.0, 40.0)],
            [_place("Voronezh", "city", "Voronezj", 51.7, 39.2)],
            False,
        ),
        # a town far from the province named is elsewhere; one close by may be a namesake's
        (
            [_place("Bryansk", "admin1", "Bryansk", 53.0, 33.5)],
            [_place("Tulyanka", "town", "Belgorod", 50.4, 35.6)],
            True,
        ),
        (
            [_place("Kherson", "admin1", "Kherson", 46.6, 33.4)],
            [_place("Kyselivka", "town", "Mykolaiv", 47.0, 32.5)],
            False,
        ),
        (
            [_place("Sudzha", "town", "Kursk", 51.2, 35.3)],
            [_place("Shebekino", "town", "Belgorod", 50.4, 36.9)],
            False,
        ),
        ([_place("Kursk", "admin1", "Kursk")], [], False),
        # a place of another country says nothing of where in this one the act was
        (
            [_place("St. Petersburg", "admin1", "St. Petersburg", 59.9, 30.1)],
            [Location("Osh", "KG", "Osh", 40.5, 72.8, GeoPrecision.EXACT, feature="city")],
            False,
        ),
    ],
)
def test_a_province_and_places_of_other_provinces_are_apart(first, second, apart) -> None:
    assert other_province(first, second, AssembleSettings().same_event_km) is apart


def test_an_act_also_told_in_another_village_is_another_event(extractor) -> None:
    text = (
        "Drones strike border villages in Belgorod region\n\n"
        "A Ukrainian drone struck a farm in the village of Shebekino on Saturday, wounding two "
        "workers, the regional governor said.\n\n"
        "Governor Vyacheslav Gladkov also said that a second drone hit the village of "
        "Verkhnyaya Lipovka, where it damaged a power line and cut off electricity to residents."
    )
    events = main_events(extractor, text, date(2024, 12, 29))
    assert [e.sub_event_type for e in events] == ["Air/drone strike"] * 2


def test_what_the_attackers_also_did_in_the_village_is_the_attack(extractor) -> None:
    text = (
        "Gunmen attacked the village of Kwatas in Bokkos on Sunday night, killing 17 people, police "
        "said.\n\n"
        "The attackers also burned and looted homes and shops in the village of Ndun before they fled."
    )
    assert len(main_events(extractor, text, date(2024, 1, 22))) == 1
