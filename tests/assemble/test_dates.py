"""The day an event happened, as an analyst reads a report: relative words on the report's own
day, a statement's day apart from the event's, days counted from the day a sentence names."""

from datetime import date

import pytest

from sitrep.model import Article, EventRole


def _main_day(extractor, text: str, published: date) -> date:
    events = extractor.extract(Article("dates", published, text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main, events
    return main[0].event_date.start


def test_overnight_is_the_night_before_the_day_the_report_gives(extractor) -> None:
    """A Saturday page whose sources "said on Friday": its "overnight" raid was Friday's."""
    text = (
        "YANGON (Reuters) - A military air strike hit a Buddhist monastery in Myanmar's Sagaing region, "
        "killing at least 23 people who had sheltered there, sources said on Friday.\n\n"
        "About 30 others were wounded in the overnight air raid on the monastery in Lin Ta Lu village, "
        "which happened at around 1 a.m., a resident said."
    )
    assert _main_day(extractor, text, date(2025, 7, 12)) == date(2025, 7, 11)


def test_overnight_in_a_report_of_its_own_day_stays_that_day(extractor) -> None:
    text = (
        "KYIV (Reuters) - Russian drones struck the port city of Odesa overnight, killing two people and "
        "damaging a grain terminal, Ukraine's air force said on Wednesday."
    )
    assert _main_day(extractor, text, date(2024, 10, 9)) == date(2024, 10, 9)


def test_the_day_a_leader_pledged_is_not_the_day_of_the_attack(extractor) -> None:
    """ "Pledged on Wednesday", "accused on Sunday": the day of the words; the attack was told as
    happening on Tuesday."""
    text = (
        "NAIROBI, Oct 18 (Reuters) - Ugandan forces will hunt down the people who killed a safari guide and "
        "two foreign tourists in Queen Elizabeth National Park, President Yoweri Museveni pledged on "
        "Wednesday.\n\nGunmen ambushed the tourists' vehicle inside the park on Tuesday evening, police said."
    )
    assert _main_day(extractor, text, date(2023, 10, 18)) == date(2023, 10, 17)


def test_a_main_event_has_a_day_not_the_month_of_a_recalled_one(extractor) -> None:
    """A main event dated only "earlier in December" took a recalled period: the news has a day,
    the one its lead names."""
    text = (
        "Drone downed near Egypt's resort city of Dahab\n\nDUBAI: Two security sources told Reuters that a "
        "drone was brought down on Tuesday near Dahab, the Egyptian Red Sea resort city.\n\nSecurity sources "
        "had said that Egyptian air defences shot down a suspected drone near Dahab earlier in December."
    )
    assert _main_day(extractor, text, date(2023, 12, 26)) == date(2023, 12, 26)


def test_a_day_after_a_named_day_is_the_next_day(extractor) -> None:
    """ "The abduction came a day after the Security Council voted on Friday": Saturday."""
    text = (
        "Gang members abducted 17 missionaries and relatives from a US-based aid group near Ganthier, east "
        "of Port-au-Prince, officials said.\n\nThe abduction came just a day after the U.N. Security Council "
        "voted unanimously on Friday to extend its mission in Haiti."
    )
    assert _main_day(extractor, text, date(2021, 10, 18)) == date(2021, 10, 16)


def test_a_week_the_lead_gives_its_own_event_stands(extractor) -> None:
    """With no day anywhere, "last week" in the sentence that tells the event is its date (ACLED:
    week precision), not the page's day."""
    text = (
        "Suspected jihadist fighters looted shops and set fire to a health centre in the village of "
        "Gaskinde, near Djibo in northern Burkina Faso, last week, residents said."
    )
    events = extractor.extract(Article("week", date(2024, 11, 20), text))
    main = [e for e in events if e.role is EventRole.MAIN]
    assert main and main[0].event_date.iso == "2024-W46"


def test_a_period_begun_since_a_day_does_not_date_the_news(extractor) -> None:
    """ "40 people have been killed in fighting since March 3": the start of a period the report
    recalls; the clashes it tells erupted on Tuesday."""
    text = (
        "Clashes Between Herders, Farmers Kill Nine In Niger\n\n"
        "Fighting between nomadic herders and farmers over a disputed well has left nine people dead in "
        "southern Niger, the regional governor said on Thursday.\n\n"
        "The violence erupted on Tuesday in Guidan Roumdji district and killed four herders and five farmers, "
        "the governor of Maradi region told AFP by telephone.\n\n"
        "A village chief who asked not to be named confirmed the toll and the account to AFP.\n\n"
        "The chief said a farmer was wounded after cattle strayed into his field, and the herders then took up "
        "firearms and attacked a farmers' hamlet in revenge.\n\n"
        "Police have been sent to the hamlet, and the governor said he was talking with both communities.\n\n"
        "Clashes between farmers and nomadic herders are a growing problem in the dry Sahel, where access to "
        "land is a frequent source of friction.\n\n"
        "Earlier this month President Mohamed Bazoum imposed a state of emergency in the western regions of "
        "Tillaberi and Tahoua and sent troops there; 40 people have been killed in fighting in the two regions "
        "since March 3."
    )
    assert _main_day(extractor, text, date(2023, 3, 23)) == date(2023, 3, 21)


def test_the_day_the_army_confirmed_is_not_the_day_of_the_raid(extractor) -> None:
    """ "Confirmed on Tuesday that": the day of the words; the raid was foiled on December 12."""
    text = (
        "KAMPALA - Uganda's army confirmed on Tuesday that at least two civilians were killed when ADF rebels "
        "attacked fishermen in Ntoroko district.\n\nDeputy army spokesperson Col Deo Akiiki said soldiers had "
        "foiled the attempted ADF raid on December 12, with some of the rebels drowning in the river."
    )
    assert _main_day(extractor, text, date(2022, 12, 13)) == date(2022, 12, 12)


def test_a_day_in_a_statement_or_described_dates_the_words(extractor) -> None:
    """ "In a statement on Monday", "described on Friday": the deed's day is the one told."""
    text = (
        "Four Mexican soldiers were killed by a landmine in Michoacan state, in what the president described "
        "on Friday as a trap laid by a drug cartel.\n\nThe deaths occurred on Thursday, Feb. 29, just outside "
        "Aguililla, when the soldiers set off an anti-personnel mine hidden in the undergrowth."
    )
    assert _main_day(extractor, text, date(2024, 3, 1)) == date(2024, 2, 29)


def test_a_statement_on_a_days_incident_names_the_deed(extractor) -> None:
    """ "No statement on Tuesday's incident": a possessive day is the deed's, not the statement's."""
    text = (
        "Suspected Islamist militants killed seven soldiers in Benin's Pendjari National Park, two security "
        "sources said.\n\nBenin's army has made no official statement on Tuesday's incident, and its "
        "spokesman did not reply to requests for comment."
    )
    assert _main_day(extractor, text, date(2024, 6, 5)) == date(2024, 6, 4)


def test_an_hour_told_in_two_zones_dates_nothing_of_its_own() -> None:
    """ "Last night around 9pm (1900 GMT)": the hour, in either zone, leaves the day to "last night"."""
    from sitrep.assemble.records import clock_only

    assert clock_only("around 9pm (1900 GMT)")
    assert not clock_only("about 8:00 pm (1800 GMT) on Monday")


def test_a_day_told_in_the_past_perfect_is_a_recalled_deed(extractor) -> None:
    """ "On Monday, Ukraine had charged him": a recall; the bombing is the report's, Tuesday's."""
    text = (
        "MOSCOW - A bomb hidden in an electric scooter killed a Russian general outside his apartment block "
        "in Moscow, investigators said on Tuesday.\n\nOn Monday, Ukraine's security service had charged "
        "the general over the use of banned chemical weapons on the battlefield."
    )
    assert _main_day(extractor, text, date(2024, 12, 17)) == date(2024, 12, 17)


def test_the_news_retold_in_a_relative_clause_keeps_its_day(extractor) -> None:
    """ "The soldiers they had kidnapped on Monday": the past perfect of a relative clause retells
    the news, not a recall."""
    text = (
        "ISLAMABAD - Militants freed 44 Pakistani soldiers in the Kurram tribal agency, officials said.\n\n"
        "The militants released the soldiers they had kidnapped on Monday after talks with tribal elders."
    )
    assert _main_day(extractor, text, date(2008, 7, 2)) == date(2008, 6, 30)


def test_a_day_that_opens_a_sentence_of_telling_dates_the_telling(extractor) -> None:
    """ "On Thursday, the minister spoke about the intervention": Thursday is the speaking; the
    operation was carried out on Wednesday."""
    text = (
        "Venezuela: Government speaks out on military intervention in the Tocoron prison\n\n"
        "On Thursday, Venezuela's interior minister, Remigio Ceballos, spoke about the military intervention "
        "at the Tocoron prison, in which one soldier died.\n\nThe operation was carried out on Wednesday by "
        "11,000 troops."
    )
    assert _main_day(extractor, text, date(2023, 9, 22)) == date(2023, 9, 20)


def test_a_day_after_confirmed_this_dates_the_confirming(extractor) -> None:
    """ "The police command confirmed this on Saturday": the gang struck on Friday."""
    text = (
        "Gunmen abducted 12 passengers from a commercial bus on the Okene-Auchi road in Kogi State.\n\n"
        "The Kogi State Police Command confirmed this on Saturday, saying the gang struck on Friday evening."
    )
    assert _main_day(extractor, text, date(2025, 9, 28)) == date(2025, 9, 26)


def test_a_day_in_a_sentence_left_unparsed_is_no_deed_of_its_own(extractor) -> None:
    """Focus parses the event's sentences and their neighbours; a day in a sentence far from any
    event word ("schools reopened on Tuesday") is not the news's: the statement's day is."""
    text = (
        "KANO (Reuters) - Gunmen killed five villagers in an attack on a village in Zamfara State in "
        "northwest Nigeria, police said on Monday.\n\nThe police spokesman gave no further details.\n\n"
        "Zamfara lies on the border with Niger, and many of its people are farmers.\n\n"
        "Schools in Gusau, the state capital, reopened on Tuesday after the holidays."
    )
    assert _main_day(extractor, text, date(2024, 7, 17)) == date(2024, 7, 15)


def test_a_statement_day_in_a_sentence_left_unparsed_is_the_report_day(extractor) -> None:
    """Focus leaves "said on Friday" unparsed when no event word is near; read in the words before
    the day, it still dates the report, so a Saturday page's "overnight" raid is Friday's."""
    text = (
        "YANGON (Reuters) - A military air strike overnight hit a Buddhist monastery in Myanmar's Sagaing "
        "region, killing at least 23 people who had sheltered there.\n\nAbout 30 others were wounded in the "
        "raid on the monastery in Lin Ta Lu village.\n\nThe village lies about 30 km from Sagaing town.\n\n"
        "A monk at the monastery gave the figures to Reuters by phone.\n\nThe National Unity Government, "
        "formed by ousted lawmakers, said on Friday it was gathering evidence."
    )
    assert _main_day(extractor, text, date(2025, 7, 12)) == date(2025, 7, 11)


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "SAN CRISTOBAL, Venezuela - Protesters threw rocks and petrol bombs at riot police in the western "
            "city of San Cristobal, and officers answered with tear gas and rubber bullets. The riot followed "
            "the arrest a day earlier of two opposition mayors accused of fuelling weeks of unrest.",
            date(2014, 3, 20),
            date(2014, 3, 20),
        ),
        (
            "Hundreds of settlers stormed a village near Ramallah and set fire to houses and cars in revenge "
            "for the killing of four Israelis by Palestinian gunmen a day earlier, residents said.",
            date(2023, 6, 21),
            date(2023, 6, 21),
        ),
    ],
)
def test_a_day_counted_back_for_what_the_event_followed_is_not_its_own(
    extractor, text: str, published: date, day: date
) -> None:
    """ "Followed the arrest a day earlier", "in revenge for the killing ... a day earlier": the day
    counted back is the arrest's or the killing's; the riot is on the day it was counted from."""
    assert _main_day(extractor, text, published) == day


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "ABUJA (Reuters) - Security forces were searching on Tuesday for gunmen who kidnapped 12 farmers "
            "from a village in Zamfara State, police said.",
            date(2024, 5, 15),
            date(2024, 5, 13),
        ),
        (
            "KADUNA, Nigeria - Troops on Sunday rescued 20 travellers abducted on a highway in Kaduna State, "
            "the army said in a statement.",
            date(2024, 6, 17),
            date(2024, 6, 15),
        ),
        (
            "The governor imposed a 24-hour curfew on the city on Friday, after rioters burned shops and a "
            "police station in a dispute over land.",
            date(2024, 3, 9),
            date(2024, 3, 7),
        ),
    ],
)
def test_the_day_of_a_response_is_not_the_day_of_the_deed_it_answers(
    extractor, text: str, published: date, day: date
) -> None:
    """ "Searching on Tuesday for gunmen who kidnapped", "rescued on Sunday travellers abducted",
    "imposed a curfew on Friday, after rioters burned": the day is the response's; the deed, told only
    in a clause under it, came before, and the report gives no other day: the day before."""
    assert _main_day(extractor, text, published) == day


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "Police are hunting the gunmen who kidnapped 12 farmers from a village in Zamfara State on "
            "Tuesday, a spokesman said.",
            date(2024, 5, 15),
            date(2024, 5, 14),
        ),
        (
            "Soldiers rescued 20 hostages on Sunday when they stormed a kidnappers' camp in a forest in "
            "Kaduna State, the army said.",
            date(2024, 6, 17),
            date(2024, 6, 16),
        ),
    ],
)
def test_a_day_told_with_the_deed_or_a_rescue_told_with_its_raid_keeps_its_day(
    extractor, text: str, published: date, day: date
) -> None:
    """The kidnapping's own "on Tuesday", and a rescue whose storming is told "when", are the deed's day."""
    assert _main_day(extractor, text, published) == day
