"""Codes a found statement: what kind of source spoke, what it does, and which event field it contests.

``claims.py`` finds who said what through the parse; this module decides, from the words,
the speaker's kind (a ministry's toll weighs differently from a hospital's), the stance
(asserts, denies, claims responsibility, accuses, condemns, warns, confirms), whether the
speaker is a source at all ("Twenty-seven of the dead" is not), whether the statement is
about the event, and the field it speaks to with its value (toll 44, perpetrator TTP).
The vocabulary is versioned data (``data/claim_lexicon.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import yaml

from sitrep.codebook import packaged_text
from sitrep.counts import parse_count
from sitrep.model import Stance

# Stance from the reporting verb first, then from the words of the statement.
VERB_STANCES = {
    "deny": Stance.DENIES, "reject": Stance.DENIES, "dismiss": Stance.DENIES, "refute": Stance.DENIES,
    "accuse": Stance.ACCUSES, "blame": Stance.ACCUSES, "allege": Stance.ACCUSES,
    "condemn": Stance.CONDEMNS, "denounce": Stance.CONDEMNS,
    "warn": Stance.WARNS, "threaten": Stance.WARNS, "vow": Stance.WARNS,
    "confirm": Stance.CONFIRMS, "acknowledge": Stance.CONFIRMS, "admit": Stance.CONFIRMS, "concede": Stance.CONFIRMS,
    "criticise": Stance.CONDEMNS, "criticize": Stance.CONDEMNS,
}  # fmt: skip


@cache
def _packaged_lexicon() -> dict:
    """``data/claim_lexicon.yaml``, read and parsed once for the stance words and the lexicon."""
    return yaml.safe_load(packaged_text("claim_lexicon.yaml"))


# The stance vocabulary is data (``stance_words`` in data/claim_lexicon.yaml), like the speaker kinds.
_STANCE_WORDS = {
    name: re.compile(pattern, re.I) for name, pattern in _packaged_lexicon()["stance_words"].items()
}
RESPONSIBILITY, DENIAL, BLAME, CONDEMN, WARNING = (
    _STANCE_WORDS[name] for name in ("responsibility", "denial", "blame", "condemn", "warning")
)
# An attacker named with a loaded word is an accusation, not a report ("the Israeli enemy", "terrorists").
LOADED = re.compile(
    r"\b(terrorists?|enemy|regime|kharijites?|bandits|mercenar\w+|aggress\w+|provocat\w+)\b", re.I
)
# Words that make a statement an accusation whoever it names ("another provocation", "aggressive actions").
HOSTILE = re.compile(
    r"\b(provocat\w*|aggressive|aggression|pretexts?|from the \w+ side|unprovoked|destabili[sz]\w*"
    r"|started the (clash|clashes|fighting|shooting)|(opened )?fired? first)\b",
    re.I,
)
# A statement whose point is who did it ("the Islamic State group carried out the attack"), not a narrative.
ATTRIBUTION = re.compile(r"\b(carried out|perpetrat\w*|orchestrat\w*|mastermind\w*|planned)\b", re.I)
# Another state's forces named as the attacker ("Azerbaijani soldiers fired", "the Tajik side"): an accusation.
FOREIGN_FORCES = re.compile(
    r"(the )?[A-Z][a-z]+ (forces|troops|soldiers|side|army|military|servicemen|units?)$"
)
CONFIRM = re.compile(
    r"\bit is true\b|\b(to|can|could) confirm\b|\bconfirm(s|ing)\b|(?<!been )(?<!be )\bconfirmed (that|the)\b",
    re.I,
)  # "44 deaths had been confirmed" asserts; "I can confirm that 70 were arrested", "we have confirmed that 63 died" confirm
# An armed group speaking of its own act: "it was behind the bombing", "they had carried out", "the
# militia had downed a drone", "the Iran-backed group had sent drones".
SELF_CLAIM = re.compile(
    r"\b(it|they|we|(its|their|our) (fighters|forces|units|mujahideen|men|members)"
    r"|the (\w+[ -]){0,2}(group|militia|movement|organi[sz]ation|houthis))(?! of) (had |has |have |also )*(carried out"
    r"|(was|were|is|are) (behind|responsible)|dealt|inflicted|killed|destroyed|downed|shot down|captured|seized"
    r"|repelled|ambushed|attacked|struck|targeted|taken|took|hit|shelled|launched|conducted|recaptured|overran"
    r"|fired|sent|battled|threw|thrown|set off|pushed|stormed|blew up|detonated|raided|torched|abducted)\b",
    re.I,
)
ARMED_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})
OWN_SIDE = frozenset({"it", "we", "they", "our", "us", "its"})
# Numbers written out past twelve, as a sentence opens with them ("Thirteen soldiers were killed", "Thirty-nine").
SPELLED = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight"
           r"|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")  # fmt: skip
NUMBER = re.compile(rf"\b(\d[\d,]*|{SPELLED}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|"
                    r"hundreds|several)\b", re.I)  # fmt: skip
INJURY = re.compile(r"\b(wound\w*|injur\w*|hurt)\b", re.I)
DEATH = re.compile(
    r"\b(kill\w*|dead|death\w*|died|toll|lives|bodies|fatalit\w*|massacred|slain|slaughtered|murdered"
    r"|martyred)\b",  # "two policemen were martyred", "nine soldiers were martyred"
    re.I,
)
# A statement that people were taken ("gunmen abducted 14 travellers", "all 12 passengers were taken"):
# with a count of the taken, it speaks to the victims, as the analysts code a kidnapping's hostages.
ABDUCTED = re.compile(
    r"\b(abduct\w*|kidnap\w*|snatched|hostages?|captivity|(took|taken) away|taken by(?! surprise)"
    r"|(were|was|been|being) taken\b(?! (to|into|part|back|over|up|down|place|off|out|from|in|on|aboard|by surprise)\b))",
    re.I,
)
# Not a count of the taken: "two nights", "three vehicles", "snatched three weapons", "the police of two districts".
_NOT_TAKEN = re.compile(
    r"\W+((\w+ )?(nights?|days?|hours?|weeks?|months?|years?|minutes?|times|vehicles?|cars?|buses|weapons?|guns?|rifles?"
    r"|cases|districts?|villages?|houses|homes|shots|rounds))\b",
    re.I,
)
# A number of people, with no word of violence ("13 of his passengers had been taken") may still be a toll.
HEADCOUNT = re.compile(
    r"\b(\d[\d,]*|dozens|scores|hundreds) (\w+ )?(people|persons|men|women|children|students|passengers)\b",
    re.I,
)
# Who a statement ties the attack to, when it names them after the words that tie it.
BLAMED = re.compile(
    r"\b(?:belong\w* to|linked to|the work of|blamed on|carried out by|trademarks? of)\s+"
    r"((?:the |an? )?[\w'().-]+(?: [\w'().-]+){0,5}?)(?=[,;.\"]|\s(?:and|who|which|that|for|in|on)\b|$)"
)
# A statement that says who the dead or taken were ("those killed were farmers", "named the dead as").
VICTIMS = re.compile(
    r"\b(identified (\w+ )*as|named (the|them|him|her|those|\w+ (dead|victims?|civilians|soldiers))"
    r"|the (dead|deceased|victims?|slain) (were|was|included|comprised|as|is)"
    r"|those (killed|dead|abducted|kidnapped|taken|detained|arrested) (were|was|included)"
    r"|among (the|those) (dead|killed|victims|abducted)|one of (the|those) (dead|killed|victims)"
    r"|(dead|slain|killed) (man|woman|men|women|boy|girl) (was|were))\b",
    re.I,
)
NO_CASUALTIES = re.compile(
    r"\b(no|nor|without) (\w+ )?(casualt\w*|deaths?|fatalit\w*|one (was )?killed|loss of life)\b", re.I
)
# A statement whose point is where it happened ("the blast went off in the Hodan district", "took place
# near the village of X", "the vessel was hit some 50 nautical miles off Aden", "the attacker struck
# during dawn prayers at the mosque in Gamboru"): its verbs and place words in any case, a place name by
# its capital, a few words after the verb.
LOCATION = re.compile(
    r"(?i:\b(took place|happened|occurred|went off|exploded|struck|hit|landed|came down|fell) [^.;:!?\"]{0,40}?\b"
    r"(in|at|on|near|close to|off|inside|outside|along|over) (the )?(\w+ )?)(?:(?i:village|town|district|area|region|province"
    r"|city|neighbou?rhood|market|camp|border|road|highway|street|square|port)\b|[A-Z])"
    r"|(?i:\b(in|at|near) the (\w+ ){0,2}(village|town|district|area|neighbou?rhood|region|province) of\b)"
)
TARGET = re.compile(r"\b(target\w*|aimed at)\b", re.I)
# Talk of the toll without its number ("the toll may rise", "more deaths could follow", "the number of dead",
# "no precise count", "casualties were feared"): the analysts code it the fatalities, with no value.
TOLL_TALK = re.compile(
    r"\b(toll|number|figure|count|casualt\w*|dead|deaths|victims)\b( [\w-]+){0,4} (may|might|could|would|is likely to"
    r"|was likely to|(is|was|are|were) expected to) (still |yet |keep |probably )*(rise|climb\w*|increase|go up|grow"
    r"|be (brought|higher))|\bmore deaths (may|might|could|would)\b|\b(may|might|could) (be )?(far |much )?higher\b"
    r"|\btoll\b|\b(casualty|final) (figures?|count)\b|\bnumber of (the )?(dead|deaths|casualties|victims|people killed"
    r"|those killed)\b|\bhow many (people )?(died|were killed|are dead|were dead)\b|\btally of (the )?dead\b"
    r"|\bcasualt\w+ (were|are) feared\b|\b(precise|exact) (count|number|toll)\b",
    re.I,
)
# Ground taken ("seized the town", "took control of Rutshuru", "the town was fully under their control"): the
# analysts code a statement of territory changing hands (ACLED's "overtakes" / "regains territory") the event,
# even from the group that took it, not the perpetrator.
TAKEN_GROUND = re.compile(
    r"\b(took|taken|taking|seized?|seizing|captured?|capturing|recaptured?|regained|retook|retaken|overran|overrun"
    r"|took back|taken back|in control of|pushed the army out of)\b( full| complete)?( control (of|over))?( the| a| its"
    r"| both| two| three| several)?( \w+)?( \w+)? (towns?|city|cities|villages?|base|headquarters|positions?|territory"
    r"|districts?|airport|port|camp|areas)\b|\b(took|taken|seized|captured|recaptured|regained) (full |complete )?control\b"
    r"|\btook over\b|\bunder (their|its|the group.s|full|insurgent|rebel) control\b|\bfell (in)?to the hands\b",
    re.I,
)
# A drone or missile brought down ("air defences shot down 11 drones", "intercepted two missiles"): the
# analysts code the interception the event, not who fired it or what it was aimed at.
INTERCEPTED = re.compile(
    r"\b(shot down|shoot(ing)? down|downed|brought (it |them )?down|intercept\w*|air[ -]defen[cs]es?)\b", re.I
)
# What is shot down: a travellers' car "intercepted" by a mob is an attack on them, not an interception.
AIRBORNE = re.compile(
    r"\b(drones?|missiles?|rockets?|aircraft|planes?|jets?|helicopters?|uavs?|projectiles?|shaheds?|mq-9"
    r"|air ?space|air[ -]defen[cs]es?)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    """The compiled vocabulary of ``data/claim_lexicon.yaml``."""

    version: str
    speaker_types: tuple[tuple[str, re.Pattern[str]], ...]
    non_source_heads: frozenset[str]
    event_words: re.Pattern[str]
    period_words: re.Pattern[str]
    aftermath_words: re.Pattern[str]
    recalled_words: re.Pattern[str]

    @classmethod
    @cache
    def default(cls) -> ClaimLexicon:
        return cls.from_raw(_packaged_lexicon())

    @classmethod
    def from_yaml(cls, text: str) -> ClaimLexicon:
        return cls.from_raw(yaml.safe_load(text))

    @classmethod
    def from_raw(cls, raw: dict) -> ClaimLexicon:
        kinds = tuple((k["type"], _alternation(k["words"])) for k in raw["speaker_types"])
        heads = frozenset(w.lower() for w in raw["non_source_heads"])
        return cls(
            str(raw["version"]),
            kinds,
            heads,
            _alternation(raw["event_words"]),
            _alternation(raw["period_words"]),
            _alternation(raw["aftermath_words"]),
            _alternation(raw["recalled_words"]),
        )


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(words) + r")(?![\w-])", re.I)


def speaker_type(name: str, role: str = "", *, lexicon: ClaimLexicon | None = None, gpe: bool = False) -> str:
    """The kind of source: the first kind whose words the role, then the name, hold.

    A country or capital standing for its government ("Yerevan said") is the government.
    """
    lexicon = lexicon or ClaimLexicon.default()
    kind = next(
        (
            kind
            for text in (role, name)
            if text
            for kind, pattern in lexicon.speaker_types
            if pattern.search(text)
        ),
        "",
    )
    if kind in SPEAKS_FOR_ANY_SIDE and speaks_for_armed_group(f"{name} {role}"):
        return "armed group"  # "TPNPB spokesman", "Colonel Naw Bu of the Kachin Independence Army"
    if kind:
        return kind
    if gpe or names_a_state(name):
        return "government"
    from sitrep.actors import ActorDictionary

    found = ActorDictionary.default().find(name)
    if found and found[0].actor.type in ARMED_TYPES:
        return "armed group"
    return "other"


def names_a_state(name: str) -> bool:
    """'Yerevan', 'Kigali', 'Israel': a capital or a country standing for its government, which the
    tagger may have read as a person or nothing."""
    from sitrep.geo.gazetteer import Gazetteer

    words = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    if not words[:1].isupper() or len(words.split()) > 3:
        return False
    found = Gazetteer.default().candidates(words)[:2]  # the capital may follow its own province
    return any(p.feature_code in ("PPLC", "PCLI") and p.country == found[0].country for p in found)


# Words that fit a speaker of any side ("spokesman", "colonel", "commander", "movement"): the armed group
# a name or role names decides; not an outlet, a hospital or a witness, nor a group's government.
SPEAKS_FOR_ANY_SIDE = frozenset({"government", "military", "civil society"})
GOVERNING = re.compile(r"\b(government|ministry|authorit\w*|administration|regime)\b", re.I)
OPPOSING = re.compile(
    r"\b(against|fighting|combating|countering)\s+(the\s+)?$", re.I
)  # the army's foe, not its master


def speaks_for_armed_group(text: str) -> bool:
    """Whether a speaker's name or role names an armed group (by the actor dictionary) it speaks for,
    and not a government the group runs ('the Taliban government's deputy spokesman')."""
    return bool(armed_group_spoken_for(text))


def armed_group_spoken_for(text: str) -> str:
    """The armed group a speaker's name or role names, as written ('TPNPB' of 'TPNPB spokesman'), or ''."""
    from sitrep.actors import ActorDictionary, is_unidentified

    if GOVERNING.search(text):
        return ""
    for m in ActorDictionary.default().find(text):
        if (
            m.actor.type in ARMED_TYPES
            and not is_unidentified(m.actor)
            and not OPPOSING.search(text[: m.span.start])
        ):
            return m.span.text
    return ""


def is_source(head: str, speaker: str, *, lexicon: ClaimLexicon | None = None) -> bool:
    """Whether a speaker is someone who can make a statement: not a toll, an injury, a stray letter."""
    lexicon = lexicon or ClaimLexicon.default()
    words = re.findall(r"[A-Za-z]+", speaker)
    if not words or len(speaker.strip()) < 2 or not any(len(w) > 1 for w in words):
        return False
    if re.match(r"\s*(\d|twenty|thirty|forty|fifty)", speaker, re.I) and "of the" in speaker.lower():
        return False
    if re.match(r"\s*(no|neither)\b", speaker, re.I):  # "No group has claimed it": the absence of a claim
        return False
    if re.search(
        r"\d{3,}|[\[\]|]", speaker
    ):  # a dateline or a page's furniture: "Yaounde [Cameroon], November 11"
        return False
    return head.lower() not in lexicon.non_source_heads


def about_event(text: str, *, lexicon: ClaimLexicon | None = None) -> bool:
    """Whether a statement speaks of violence, a protest or its toll (a purchase plan does not)."""
    lexicon = lexicon or ClaimLexicon.default()
    return bool(lexicon.event_words.search(text))


def beside_event(text: str, stance: str, field: str, *, lexicon: ClaimLexicon | None = None) -> bool:
    """Whether a statement is still not a claim about the event: one that only asserts and speaks of
    no violence (a year is no toll: "Georgia would freeze talks until 2028") or of a count over a
    period, or the aftermath (the response, alerts, the displaced) with no toll."""
    lexicon = lexicon or ClaimLexicon.default()
    if stance == Stance.ASSERTS and (
        lexicon.period_words.search(text)
        or not (about_event(text, lexicon=lexicon) or HEADCOUNT.search(text))
    ):
        return True
    counted = field == "fatalities" or (field == "injuries" and bool(NUMBER.search(text)))
    return (
        stance in (Stance.ASSERTS, Stance.WARNS)
        and not counted
        and bool(lexicon.aftermath_words.search(text))
    )


def named_party(text: str) -> tuple[str, str]:
    """The armed group or state force a statement names, as written, and its kind ('group' or
    'state'), or ('', ''): "members of the Al-Shabaab movement charged in" names its attacker even
    where the parse finds no subject; an unidentified attacker ("unknown gunmen") is no party."""
    from sitrep.actors import ActorDictionary, is_unidentified

    for mention in ActorDictionary.default().find(text):
        if is_unidentified(mention.actor):
            continue
        if mention.actor.type in ARMED_TYPES:
            return mention.span.text, "group"
        if mention.actor.type in ("State forces", "External/Other forces"):
            return mention.span.text, "state"
    return "", ""


def stance_of(verb: str, text: str, kind: str, *, agent: str = "") -> str:
    """The stance of a statement, from its reporting verb, its words and who is named as attacker.

    ``agent`` is the attacker the statement names ("ELN guerrillas attacked"): an armed group
    naming itself ("it", "we") claims responsibility; naming another accuses when the point is
    who did it ("carried out", "terrorists"), while a narrative of the attack asserts.
    """
    probe = f"{verb} {text}"
    if RESPONSIBILITY.search(probe):
        return Stance.CLAIMS_RESPONSIBILITY
    own = agent.lower() in OWN_SIDE
    if (
        kind == "armed group"
        and VERB_STANCES.get(verb) == Stance.CONFIRMS
        and (own or SELF_CLAIM.search(text))
    ):
        return (
            Stance.CLAIMS_RESPONSIBILITY
        )  # "the TPNPB later acknowledged they had carried out the shootings"
    if verb in VERB_STANCES:
        return VERB_STANCES[verb]
    if verb in ("call", "brand") and not DENIAL.search(text):  # "called the attack an act of sabotage"
        return Stance.CONDEMNS
    if DENIAL.search(text):
        return Stance.DENIES
    if CONDEMN.search(text):
        return Stance.CONDEMNS
    if kind == "armed group" and (own or SELF_CLAIM.search(text)):
        return Stance.CLAIMS_RESPONSIBILITY
    named = (
        agent and not own and (LOADED.search(text) or ATTRIBUTION.search(text) or FOREIGN_FORCES.match(agent))
    )
    if BLAME.search(text) or named or HOSTILE.search(text):
        return Stance.ACCUSES
    if WARNING.search(text):
        return Stance.WARNS
    if CONFIRM.search(text):
        return Stance.CONFIRMS
    return Stance.ASSERTS


_COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100,
}  # fmt: skip
# Not a count of people: a year, an hour, a distance, an age.
_NOT_PEOPLE = re.compile(
    r"^(\d{4}\b(?! (people|persons|civilians|soldiers))|\d+(:\d+)?\s*(a\.?m|p\.?m|hrs|hours|km|kilomet|miles|per ?cent|%|-year))",
    re.I,
)


def count_of_dead(text: str) -> str:
    """The number of dead a statement gives when the fatalities stage found none inside it: the count
    nearest a word of death ("six people were killed", "killing 12", "the toll rose to 44"), or ''."""
    deaths = [m.start() for m in DEATH.finditer(text)]
    best: tuple[int, str] = (9, "")
    for number in NUMBER.finditer(text):
        word = number.group(0).lower().replace(",", "")
        count = word if word.isdigit() else _count_word(word)
        if _NOT_PEOPLE.match(text[number.start() :]) or not count:
            continue
        for death in deaths:
            lo, hi = sorted((number.end(), death))
            gap = len(text[lo:hi].split()) + (
                2 if death < number.start() else 0
            )  # "12 killed" before "killed 12"
            if gap < best[0]:
                best = (gap, count)
    return best[1]


def _count_word(word: str) -> str:
    """A count written in words as digits ("twelve" 12, "dozens" 12, "thirty-nine" 39), or '' ("several")."""
    if word in _COUNT_WORDS:
        return str(_COUNT_WORDS[word])
    parsed = parse_count(word) if re.fullmatch(SPELLED, word) else None
    return str(parsed[0]) if parsed else ""


def count_of_taken(text: str) -> str:
    """The number of people a statement says were taken, as written ("14", "all 12" gives "12"), or ''."""
    return next((number.group(0) for number in _people_counts(text)), "")


def _people_counts(text: str) -> Iterator[re.Match[str]]:
    """The numbers of a statement that may count people: not a time, a distance, an age, nor things
    ("two nights", "three weapons", "some twenty houses")."""
    for number in NUMBER.finditer(text):
        if not (_NOT_PEOPLE.match(text[number.start() :]) or _NOT_TAKEN.match(text[number.end() :])):
            yield number


def field_of(
    text: str, stance: str, *, agent: str = "", speaker: str = "", toll: int | None = None, party: str = ""
) -> tuple[str, str]:
    """The event field a statement speaks to and the value it gives (as written), or ('event', '');
    a statement of ground taken ("the rebels seized the town") speaks to the event, unless it accuses
    or denies (``_field_by_words`` reads the rest)."""
    field, value = _field_by_words(text, stance, agent=agent, speaker=speaker, toll=toll, party=party)
    if field == "perpetrator" and stance not in (Stance.ACCUSES, Stance.DENIES) and TAKEN_GROUND.search(text):
        return "event", ""
    return field, value


def _field_by_words(
    text: str, stance: str, *, agent: str = "", speaker: str = "", toll: int | None = None, party: str = ""
) -> tuple[str, str]:
    """The field by the statement's words and who it names.

    A statement that ties the attack to someone ("was behind", "belonged to", "the work of") speaks
    to the perpetrator even when the parse finds no attacker in it; one that only tells what unnamed
    gunmen did does not (the analyst codes it the event, its target or its place as often). A
    statement naming an armed group the parse missed as attacker (``party``) speaks to it too."""
    if stance == Stance.CLAIMS_RESPONSIBILITY:
        return "perpetrator", agent if agent and agent.lower() not in OWN_SIDE else speaker
    if stance == Stance.ACCUSES and (agent or party):
        return "perpetrator", agent or party
    if stance == Stance.DENIES and re.search(
        r"\b(role|involvement|behind|responsib\w*|carried out)\b", text, re.I
    ):
        return "perpetrator", agent
    if VICTIMS.search(text):
        return "victims", ""
    if DEATH.search(text) and (toll is not None or NUMBER.search(text)):
        return "fatalities", str(toll) if toll is not None else count_of_dead(text)
    if NO_CASUALTIES.search(text):  # "there was damage but no casualties": a toll of none
        return "fatalities", "0"
    if INJURY.search(text) and NUMBER.search(text):
        number = NUMBER.search(text)
        return "injuries", number.group(0) if number else ""
    if INTERCEPTED.search(text) and AIRBORNE.search(text):  # who fired and at what is the event's own story
        return "event", ""
    if TARGET.search(text):
        return "target", ""
    attacker = agent if agent and agent.lower() not in OWN_SIDE else party
    if attacker:
        return "perpetrator", attacker
    if BLAME.search(text):
        named = BLAMED.search(text)
        return "perpetrator", named.group(1) if named else ""
    if INJURY.search(text) and not DEATH.search(text):  # "officers were hurt": the injuries, uncounted
        return "injuries", ""
    taken = count_of_taken(text) if ABDUCTED.search(text) else ""
    if taken:  # "gunmen abducted 14 road travellers": who was taken, counted
        return "victims", taken
    if LOCATION.search(text):  # "the bomb went off in the Hodan district"
        return "location", ""
    if TOLL_TALK.search(text):  # "the toll may rise", "the number of dead": the toll, still uncounted
        return "fatalities", ""
    return ("event", "") if about_event(text) else ("none", "")
