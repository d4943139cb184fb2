"""The kind of source, from a speaker's name and role as the article gives them (no model)."""

from __future__ import annotations

import pytest

from sitrep.claim_coding import beside_event, field_of, named_party, speaker_type, stance_of


@pytest.mark.parametrize(
    ("name", "role", "kind"),
    [
        # the analyst codes an interior or defence ministry as the government, a civil defence too
        ("the Interior Ministry", "", "government"),
        ("Ana Costa", "Interior Minister", "government"),
        ("the Defence Ministry", "", "government"),
        ("Omar Haddad", "civil defence spokesman", "government"),
        # the army's press office and commands are the military
        ("the Inter Services Public Relations", "", "military"),
        ("the army's media wing", "", "military"),
        ("the command", "", "military"),
        ("Peter Obi", "Colonel", "military"),
        # police ranks and services
        ("the SSP", "", "police"),
        ("the DIG", "", "police"),
        ("the PSNI", "", "police"),
        # outlets, doctors, residents and movements
        ("The Kenyan daily Morning Star", "", "media"),
        ("Local outlet River News", "", "media"),
        ("the DHO", "", "medical"),
        ("Sara Lind", "the civil surgeon of the district", "medical"),
        ("Ali Noor", "lives in the village", "witness"),
        ("Musa Bello", "a passenger", "witness"),
        ("the committee", "", "civil society"),
        ("Rosa Diaz", "protest leader", "civil society"),
        ("the PM", "", "government"),
        # the twelfth session: the words the analysts give each kind, that the lexicon lacked
        ("Petro Hnat", "head of the regional military administration", "government"),
        ("the country's security services", "", "government"),
        ("Joseph Mbala", "the chief of Kitsombiro village", "government"),
        ("Rina Das", "the local MLA", "government"),
        ("the US embassy", "", "government"),
        ("Sergio Vidal", "Vice-President", "government"),
        ("the district administration", "", "government"),
        ("the junta", "", "military"),
        ("the UK Maritime Trade Operations centre", "", "military"),
        ("Captain Idris Musa", "", "military"),
        ("the DPO", "", "police"),
        ("Rafiq Ahmed", "City Station House Officer", "police"),
        ("the officer", "", "police"),
        ("the Rift Foundation", "", "civil society"),
        ("Campaign and rights groups", "", "civil society"),
        ("The resistance committees", "", "civil society"),
        ("Tribal leaders", "", "civil society"),
        ("the organisers", "", "civil society"),
        ("Locals", "", "witness"),
        ("People living nearby", "", "witness"),
        ("Samir Odeh", "owns a shop near the market", "witness"),
        ("Kamal Idris", "38", "witness"),
        ("a resistance fighter", "", "armed group"),
        ("Vant Info", "the online outlet", "media"),
        ("Khyber Press", "", "media"),
        ("The propaganda outlets of the group", "", "other"),
        ("the police press service", "", "police"),
        # the police before the media; a country's emergency services are the government, an ambulance service medical
        ("Police reports", "", "police"),
        ("the police media unit", "", "police"),
        ("Ukraine's emergency services", "", "government"),
        ("Israel's emergency service", "", "medical"),
        # a spokesman or officer of an armed group the actor dictionary knows speaks for it, not for a state
        ("Sebby Sambom", "TPNPB spokesman", "armed group"),
        ("Colonel Naw Bu", "a spokesperson for the Kachin Independence Army (KIA)", "armed group"),
        ("The Arakan Army (AA)", "", "armed group"),
        # unless the group is the government that speaks
        ("Hamdullah Fitrat", "the Taliban government's deputy spokesman", "government"),
        # plurals and abbreviations the words missed
        ("RFE/RL correspondents at the scene", "", "media"),
        ("reporters", "", "media"),
        ("Gov. Ramon Alcala", "", "government"),
    ],
)
def test_speaker_type(name: str, role: str, kind: str) -> None:
    assert speaker_type(name, role) == kind


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a statement that ties the attack to someone speaks to the perpetrator, named after the tie or not
        ("the gunmen belonged to the Northern Front, a militia based in the hills", "perpetrator", "the Northern Front"),
        ("the ambush was the work of the River Brigade and its allies", "perpetrator", "the River Brigade"),
        ("the Valley Movement was behind the raid on the depot", "perpetrator", ""),
        # who the dead or taken were: the victims, a count in it or not
        ("those killed were three farmers and a teacher from the village", "victims", ""),
        ("the mayor of the town was among those killed in the blast", "victims", ""),
        ("named the dead as Omar Said, 40, and Lina Said, 35", "victims", ""),
        # no casualties is a toll of none; a hurt with no count still speaks to the injuries
        ("there was damage to the market but no casualties", "fatalities", "0"),
        ("officers were hurt as the crowd threw stones", "injuries", ""),
        # where it happened is the point: the place words, or a place name after "went off in"
        ("the device went off in the Dore district just after prayers", "location", ""),
        ("the clash took place near Kambia, close to the border", "location", ""),
        ("the gunmen stormed a farm in the village of Oku", "location", ""),
        ("the vessel was hit some 50 nautical miles off Aden, the Yemeni port", "location", ""),
        ("the attacker struck during dawn prayers at the mosque in Gamboru, a town in Borno", "location", ""),
    ],
)  # fmt: skip
def test_field_of(text: str, field: str, value: str) -> None:
    assert field_of(text, "asserts") == (field, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the dead in the words of Pakistani, Iranian or Syrian officials: martyred, with a count
        ("Three policemen were martyred and six others wounded when the checkpost came under attack", "3"),
        ("A suicide attack in Bannu on Thursday martyred nine soldiers and injured five others", "9"),
    ],
)
def test_the_martyred_are_the_toll(text: str, value: str) -> None:
    assert field_of(text, "asserts") == ("fatalities", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a count written out past twelve, as a sentence opens with it
        ("Thirteen soldiers were killed on Saturday when a suicide attacker rammed the convoy", "13"),
        ("Thirty-nine people died when the boat carrying them was shelled", "39"),
        # talk of the toll without its number: the fatalities, uncounted
        ("the toll could rise given how powerful the blast was", ""),
        ("The death toll may rise", ""),
        ("a number of the injured were in a critical condition and more deaths could follow", ""),
        ("the real toll may be higher, since whole families were wiped out", ""),
        ("There is still no precise count of the number of victims", ""),
        ("casualties were feared after the attack", ""),
        ("both the clashes and the number of dead to AFP", ""),
    ],
)
def test_the_toll_written_out_or_still_uncounted(text: str, value: str) -> None:
    assert field_of(text, "asserts") == ("fatalities", value)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # the taken, counted, are the victims of a kidnapping
        ("gunmen had abducted 14 road travellers in Niger state", "victims", "14"),
        ("all 12 passengers, who were travelling from Abuja to Benin, were taken", "victims", "12"),
        ("They took away nine people, all from Punjab, and escaped into the mountains", "victims", "nine"),
        # a count that is no one taken, or a taking that is no kidnapping
        ("the rebels spent two nights in the area before they kidnapped anyone", "event", ""),
        ("196 protesters had been taken into custody for failing to comply", "event", ""),
        # the count must be of people: weapons snatched, the police of two districts, a congregation taken by surprise
        ("unknown men snatched three weapons from the guards at the house", "event", ""),
        ("the police of two districts raided the hideout and recovered the hostage", "event", ""),
        ("the congregation was taken by surprise, and several worshippers were rushed to hospital", "event", ""),
        # a count written out, as a sentence opens with it
        ("Seventeen people, five of them children, were seized and taken away near the capital", "victims", "Seventeen"),
    ],
)  # fmt: skip
def test_the_victims_of_a_kidnapping(text: str, field: str, value: str) -> None:
    assert field_of(text, "asserts") == (field, value)


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        # who fired the drones and who shot them down are the event's own story, not a perpetrator
        ("Russian air defences shot down 11 drones launched by Ukraine overnight over Kursk", "Russian air defences"),
        ("its army shot down an armed surveillance drone that had entered the country's airspace", "its army"),
        # nor is what the missiles were aimed at a target
        ("the missiles targeting Jizan were intercepted and destroyed by the air defence force", ""),
    ],
)  # fmt: skip
def test_an_interception_is_the_event(text: str, agent: str) -> None:
    assert field_of(text, "asserts", agent=agent) == ("event", "")


def test_travellers_intercepted_on_the_road_are_no_interception() -> None:
    text = "they were intercepted and attacked by a group of men when they entered the district"
    assert field_of(text, "asserts", agent="a group of men") == ("perpetrator", "a group of men")


def test_uncounted_injuries_in_the_aftermath_are_no_claim() -> None:
    """The wounded taken to hospital is logistics, whatever field the words give it; a count is a claim."""
    text = "the wounded were taken to the district hospital"
    assert beside_event(text, "asserts", field_of(text, "asserts")[0])
    counted = "twelve wounded were taken to the district hospital"
    assert not beside_event(counted, "asserts", field_of(counted, "asserts")[0])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the count nearest a word of death, when the fatalities stage found no toll inside the statement
        ("gunmen opened fire on the bus, killing 12 passengers", "12"),
        ("six traders were killed and 15 were wounded", "6"),
        ("the death toll has risen to 44", "44"),
        # a year or an hour is no count
        ("at 4pm two soldiers died at the checkpoint", "2"),
        ("In 2021, nine villagers were killed there", "9"),
    ],
)
def test_the_toll_a_statement_gives(text: str, value: str) -> None:
    assert field_of(text, "asserts") == ("fatalities", value)


@pytest.mark.parametrize(
    ("verb", "text", "kind", "stance"),
    [
        # an armed group telling of its own act claims it; "claimed both attacks" is a claim of responsibility
        (
            "say",
            "they have taken Kibumba, the largest town in the valley",
            "armed group",
            "claims responsibility",
        ),
        ("say", "its fighters had also attacked the Nampula convoy", "armed group", "claims responsibility"),
        ("claim", "both attacks on Sunday", "armed group", "claims responsibility"),
        # the group named by a noun, not a pronoun ("the militia had downed", "the Iran-backed group had sent")
        (
            "say",
            "the militia had downed an American MQ-9 Reaper drone over Marib",
            "armed group",
            "claims responsibility",
        ),
        (
            "say",
            "the Iran-backed group had sent drones toward southern Israel",
            "armed group",
            "claims responsibility",
        ),
        # its members, a grenade thrown; "claimed a separate attack", "claimed to have killed"
        (
            "say",
            "some of its members set off an explosive device in a bar in the capital",
            "armed group",
            "claims responsibility",
        ),
        ("say", "it had thrown the grenade at the police station", "armed group", "claims responsibility"),
        (
            "claim",
            "a separate attack on another cargo ship in the Red Sea",
            "armed group",
            "claims responsibility",
        ),
        (
            "claim",
            "what is the first deadly attack on shipping in more than a year",
            "armed group",
            "claims responsibility",
        ),
        ("claim", "to have killed 30 terrorists in the town", "military", "claims responsibility"),
        # a claim that the attack killed people is a toll
        ("claim", "the attack killed 20 people in the market", "witness", "asserts"),
        # not the group acting: a member of it is the victim
        ("say", "the leader of the group had been killed in an airstrike", "armed group", "asserts"),
        # anyone else telling what others took asserts
        ("say", "they have taken Kibumba, the largest town in the valley", "witness", "asserts"),
    ],
)
def test_stance_of_an_armed_group_telling_its_own_act(verb: str, text: str, kind: str, stance: str) -> None:
    assert stance_of(verb, text, kind) == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a toll still provisional and a threat to the attackers: warnings, said with "said"
        ("The death toll may rise as several of the wounded are in critical condition", "warns"),
        (
            "the number of casualties might rise, because relatives had already removed some of the bodies",
            "warns",
        ),
        ("the toll is expected to climb as rescuers search the rubble", "warns"),
        ("those who disturb the peace of the province will face severe consequences", "warns"),
        ("the militants won't be spared", "warns"),
        ("the army would track down those behind the latest killings", "warns"),
        ("all those taking part in the violence will be punished", "warns"),
        # a toll that has risen, a plain account: asserts
        ("the death toll rose to 12 overnight", "asserts"),
        ("the attackers fled towards the forest after the shooting", "asserts"),
    ],
)
def test_stance_of_a_warning_said_without_warn(text: str, stance: str) -> None:
    assert stance_of("say", text, "government") == stance


@pytest.mark.parametrize(
    "text",
    [
        'it was "horrified" by the high death toll',
        'he was "shocked" by the attack',
        "the repeated use of drones to hit populated areas shows a grave disregard for civilian lives",
        "the shelling of the market amounts to a crime against humanity",
    ],
)
def test_horror_and_disregard_condemn(text: str) -> None:
    assert stance_of("say", text, "international") == "condemns"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # the speaker confirms, in the statement's own words: confirms
        (
            "At this moment, we have confirmed that 63 people lost their lives, both civilians and military",
            "confirms",
        ),
        (
            "the bodies had been taken to the hospital and confirmed that all nine victims were from Punjab",
            "confirms",
        ),
        ("the army imposed a curfew and confirmed the deaths of three civilians", "confirms"),
        # a toll someone else confirmed, or one that could not be: asserts
        ("44 deaths had been confirmed by the hospital", "asserts"),
        ("the number of dead could not be confirmed independently", "asserts"),
    ],
)
def test_stance_of_a_confirmation_in_the_statement(text: str, stance: str) -> None:
    assert stance_of("say", text, "government") == stance


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("members of the Al-Shabaab terrorist movement charged into the block", ("Al-Shabaab", "group")),
        ('an RSF "suicide drone" blew up in the central market', ("RSF", "group")),
        ("a Russian missile struck a five-storey building", ("Russian", "state")),
        ("unknown gunmen opened fire on the bus", ("", "")),
        ("the toll rose to 44 overnight", ("", "")),
    ],
)
def test_named_party(text: str, party: tuple[str, str]) -> None:
    assert named_party(text) == party


def test_an_accusation_the_parse_missed_speaks_to_the_party_it_names() -> None:
    text = "members of the Al-Shabaab terrorist movement charged into the residential block"
    assert field_of(text, "accuses", party="Al-Shabaab") == ("perpetrator", "Al-Shabaab")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Yerevan", "government"),
        ("Kigali", "government"),
        ("the Kabul Times", "media"),
        ("Ahmed Hassan", "other"),
    ],
)
def test_a_capital_or_country_speaks_for_its_government_whatever_the_tagger_read(
    name: str, kind: str
) -> None:
    assert speaker_type(name) == kind


@pytest.mark.parametrize(
    ("text", "stance", "agent", "field"),
    [
        # ground taken is the event, told by the side that took it or by another
        ("We took control of the town before midday and sent the army running", "claims responsibility", "", "event"),
        ("Islamist insurgents seized the strategic port town on Monday", "asserts", "Islamist insurgents", "event"),
        ("the militants had also reportedly seized 24 villages from the government forces", "asserts", "the militants",
         "event"),
        ("the insurgents had set up barricades on the roads into the town, which was fully under their control",
         "asserts", "the insurgents", "event"),
        # an accusation still names the perpetrator; a toll stays the toll
        ("the neighbour has since taken control of parts of two districts", "accuses", "the neighbour", "perpetrator"),
        ("fighters killed four soldiers and for a short time seized a town near the border", "asserts", "fighters",
         "fatalities"),
    ],
)  # fmt: skip
def test_ground_taken_is_the_event(text: str, stance: str, agent: str, field: str) -> None:
    assert field_of(text, stance, agent=agent)[0] == field
