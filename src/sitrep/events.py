"""Finds event mentions (trigger words) and types them with ACLED, PLOVER and CAMEO.

The lexicon is versioned data (``data/event_lexicon.yaml``); the codes of each sub-event
type come from the codebook (``sitrep.codebook``). A mention is one
trigger in one sentence; ``assemble`` later merges the mentions of one event.
Non-conflict news (sport metaphors, disasters, business) is filtered here, at
sentence level, so that "killed off the game with a late strike" makes nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import yaml

from sitrep.codebook import SubEventType, codebook, packaged_text
from sitrep.crowds import crowd_fights_police, on_protesters, refine_demonstration
from sitrep.model import Actor, Span
from sitrep.wording import whole_words

STRONG, WEAK, GENERIC = "strong", "weak", "generic"
ARMED_TYPES = codebook().armed_types()
# Subtypes that report what happened around another event (an arrest after a
# bombing); they join an event of the article before they stand on their own.
ACCESSORY_SUBS = {"Arrests", "Looting/property destruction", "Non-violent transfer of territory"}


_CIVILIAN_WORDS = whole_words(
    "civilians?",
    "villagers?",
    "residents?",
    "worshippers?",
    "students?",
    "pupils?",
    "passengers?",
    "farmers?",
    "women",
    "children",
    "shoppers?",
    "families",
    "herders?",
    "traders?",
    "pilgrims?",
    "journalists?",
    "aid workers?",
    "workers",
    "employees",
    "labou?rers",
    "miners",
    "teachers",
    "tourists",
    "customers",
    "patrons",
    "drinkers",
    "bar",
    "market",
)
_ARMED_TARGET_WORDS = whole_words(
    "soldiers?",
    "troops?",
    "checkpoints?",
    "military (?:base|post|convoy|positions?)",
    "army (?:base|post|convoy|positions?)",
    "patrols?",
    "convoys?",
    "police (?:station|post|officers?)",
    "policemen",
    "barracks",
    "outposts?",
    "(?:military|army) camps?",
    "garrisons?",
    "gendarmes?",
    "fighters",
    "militants",
    "rebels",
    "positions",
)


_NEGATED = re.compile(
    r"\b(?:(?:no|not|without|never|nor)\s+(?:\w+\s+)?|(?:no one|nobody|none)\s+(?:\w+\s+){0,3})$", re.I
)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One trigger in one sentence."""

    trigger: Span
    sub_event_type: str  # "" for weak and generic triggers
    strength: str
    sentence: Span
    aggregate: bool  # "a series of strikes": context, not an event
    plural: bool


@dataclass(frozen=True)
class Lexicon:
    version: str
    codes: dict[str, SubEventType]  # the codebook's sub-event types
    trigger_regex: re.Pattern
    trigger_kinds: tuple[tuple[str, str], ...]  # group index -> (sub_event_type, strength)
    refine: dict[str, re.Pattern]
    non_conflict: re.Pattern
    conflict_context: re.Pattern

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Lexicon:
        """The lexicon shipped with the package, loaded once."""
        return cls.from_yaml(packaged_text("event_lexicon.yaml"))

    @classmethod
    def from_yaml(cls, text: str) -> Lexicon:
        raw = yaml.safe_load(text)
        codes = codebook().sub_event_types
        groups, kinds = [], []
        for i, trig in enumerate(raw["triggers"]):
            sub = trig["sub"]
            if sub and sub not in codes:
                raise ValueError(f"event lexicon: trigger {i} names unknown sub-event type {sub!r}")
            groups.append(f"(?P<t{i}>{trig['pattern']})")
            kinds.append((sub, trig["strength"]))
        regex = re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w])", re.I)
        refine = {k: re.compile(v, re.I) for k, v in raw["refine"].items()}
        non_conflict = re.compile("|".join(raw["non_conflict"].values()), re.I)
        return cls(
            version=str(raw["version"]),
            codes=codes,
            trigger_regex=regex,
            trigger_kinds=tuple(kinds),
            refine=refine,
            non_conflict=non_conflict,
            conflict_context=re.compile(raw["conflict_context"], re.I),
        )

    def codes_for(self, sub_event_type: str) -> SubEventType:
        return codebook().sub_event_type(sub_event_type)

    def mentions_possible(self, text: str) -> bool:
        """Triage, with no parse: conflict words and a trigger, and not mainly about
        sport, disaster, accidents, business or elections (whose words outnumber them)."""
        kinds = [self.trigger_kinds[int(m.lastgroup[1:])][1] for m in self.trigger_regex.finditer(text)]
        if not kinds:
            return False
        # a strong trigger ("air strike", "roadside bomb") is conflict vocabulary by itself:
        # a one-line wire report may hold no other
        conflict = len(self.conflict_context.findall(text)) + ("strong" in kinds)
        other = len(self.non_conflict.findall(text))
        return conflict > 0 and not (other >= 3 and conflict < other)


def find_event_mentions(text: str, sentences: list[Span], lexicon: Lexicon) -> list[EventMention]:
    """Every trigger in every sentence that is about political violence or protest.

    Weak and generic triggers ("killed", "the strike") count in a sentence with
    conflict words, or anywhere in an article that has a strong trigger.
    """
    starts = [s.start for s in sentences]
    found: list[tuple[EventMention, bool]] = []
    context_cache: dict[int, tuple[bool, bool]] = {}
    for match in lexicon.trigger_regex.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index < 0:
            continue
        sentence = sentences[index]
        if index not in context_cache:
            context_cache[index] = (
                bool(lexicon.conflict_context.search(sentence.text)),
                bool(lexicon.non_conflict.search(sentence.text)),
            )
        conflict, non_conflict = context_cache[index]
        if non_conflict and not conflict:
            continue
        sub, strength = lexicon.trigger_kinds[int(match.lastgroup[1:])]
        if _NEGATED.search(text, max(sentence.start, match.start() - 24), match.start()):
            continue  # "no arrests have been made", "did not clash"
        if strength == GENERIC and sub and lexicon.refine["labour"].search(sentence.text):
            continue  # "the strike" of workers, not of aircraft
        if sub == "Arrests" and _wished(match, text, sentence):
            continue  # "to ensure prompt arrest of the perpetrators": hoped for, not made
        if _idle(match.group(0), sub, sentence.text, lexicon):
            continue
        if strength != STRONG or sub == "Attack":
            if _animal(match, text, sentence, lexicon):
                continue  # "a shark killed a swimmer", "the tiger be shot dead"
        if not conflict and _FIGURATIVE.fullmatch(match.group(0)):
            continue  # "their battle for better pay", "battled cancer"
        if _in_a_name(match, sentence):
            continue  # "the Association for Relatives of the Detained-Disappeared"
        if _IMAGINED.match(sentence.text):
            continue  # "Picture cities under bombardment": a film's or a writer's scene, not news
        if _CHARGED.search(text, max(sentence.start, match.start() - 60), match.start()) and not (
            sub == "Arrests" and _PASSIVE.search(text, max(sentence.start, match.start() - 20), match.start())
        ):
            continue  # "charges ranging from extortion and kidnapping to murder": crimes charged, not events
        if _ABUSES_LISTED.search(text, max(sentence.start, match.start() - 140), match.start()):
            continue  # "accused by the UN of abuses including summary killings, torture, sexual violence"
        if _HABITUAL.search(text, max(sentence.start, match.start() - 40), match.start()):
            continue  # "gangs known for kidnapping", "has often clashed with": a habit, not an event
        if _SLOGAN.search(text, max(sentence.start, match.start() - 80), match.start()):
            continue  # marchers chanting "stop bombing Gaza": a slogan, not a bombing
        if _AIR_DEFENCE.search(text, max(sentence.start, match.start() - 30), match.start()):
            continue  # "anti-aircraft missile units took out the drones": defence, not a strike
        if strength == STRONG and _NAMED_MASSACRE.search(
            text, max(sentence.start, match.start() - 40), match.end()
        ):
            strength = GENERIC  # "victims of the Juliaca massacre": a past event's name refers back to it
        if strength == GENERIC and sub == "Air/drone strike" and _GROUND_STRIKE.search(sentence.text):
            sub = ""  # "Gunmen Strike Benue Border Community": an attack, its kind from the actors
        found.append((_mention(match, sub, strength, sentence, lexicon), conflict))
    any_strong = any(m.strength == STRONG and conflict for m, conflict in found)
    return [m for m, conflict in found if m.strength == STRONG or conflict or any_strong]


_WISHED = re.compile(
    r"\b(?:ensure|secure|seek(?:s|ing)?|demand(?:s|ed|ing)?|call(?:s|ed|ing)? for|urg(?:e|es|ed|ing)|"
    r"(?:vow|pledge|promise|attempt|effort|bid|hunt|tr(?:y|ies|ied))(?:s|d|ed|ing)? to|"
    r"(?:can|could|will|would|should|must|may|might) be|warrants? for|wanted for)"
    r"\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)

_TO_INFINITIVE = re.compile(r"\bto\s+(?:\w+\s+and\s+)?$", re.I)


def _wished(match: re.Match, text: str, sentence: Span) -> bool:
    """An arrest sought, hoped for or set as an aim ("to find and arrest the bosses")."""
    before = max(sentence.start, match.start() - 50)
    if _WISHED.search(text, before, match.start()):
        return True
    base = match.group(0).lower() in ("arrest", "detain", "apprehend", "capture")
    return base and bool(_TO_INFINITIVE.search(text, before, match.start()))


_CONTRABAND = whole_words(
    "cocaine",
    "heroin",
    "drugs?",
    "narcotics?",
    "methamphetamine",
    "meth",
    "cannabis",
    "marijuana",
    "contraband",
    "cigarettes",
    "smuggled goods",
    "fuel smuggling",
)
_ARMS = whole_words(
    "weapons?",
    "arms",
    "guns?",
    "rifles?",
    "ammunition",
    "explosives?",
    "bombs?",
    "grenades?",
    "missiles?",
    "rockets?",
    "drones?",
    "IEDs?",
    "mines?",
)

_IMAGINED = re.compile(r"\W*(?:picture|imagine|envisage|envision|suppose)\s+", re.I)

# "five people suspected of taking part in the attack had been arrested": the arrest is made
_PASSIVE = re.compile(r"\b(?:been|were|was)\s+$", re.I)
_CHARGED = re.compile(
    r"\b(?:charges? (?:of|for|including|ranging from|such as)|charged with|accused (?:\w+ ){0,3}?of|convicted of|"
    r"counts?,? (?:of|among them|including)|"
    r"(?:convicted|sentenced|jailed|acquitted|found guilty|tried|trial)(?: [\w-]+){0,6} (?:over|for|of|in)|"
    r"sentenced for|on suspicion of|suspected of|wanted for|(?:crimes|offences) (?:of|such as|including))\b[^.;]{0,45}$",
    re.I,
)

_ABUSES_LISTED = re.compile(
    r"\b(?:abuses|atrocities|violations|crimes),? (?:among them|including|such as|like)\b[^.;:]{0,110}$", re.I
)

# "Since October 7, 2023, more than 630 Palestinians ... have died": a running total, not an event.
_SINCE_LEAD = re.compile(
    r"\W*since (?:the (?:start|beginning|outbreak)\b|the (?:war|conflict|invasion|coup)\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\d{4}\b)",
    re.I,
)

# "Violence by jihadis tied to al-Qaida ... has killed thousands": a war's toll, context for the event.
_WAR_TOLL = re.compile(
    r"\b(?:violence|war|conflict|insurgency|uprising|fighting|unrest|attacks)\b[^.;]{0,90}?"
    r"\b(?:has|have|had) (?:so far |already )?(?:killed|left|claimed|cost)[^.;]{0,25}?"
    r"\b(?:thousands|tens of thousands|hundreds of thousands|millions|\d{1,3}(?:,\d{3})+|\d{4,})\b",
    re.I,
)

_NAME_BEFORE = re.compile(r"[A-Z][\w'-]*(?: (?:of|for|and|the|on))* $")


def _in_a_name(match: re.Match, sentence: Span) -> bool:
    """A capitalised trigger inside a proper name, in a sentence that is not a Title-Case headline."""
    word = match.group(0)
    offset = match.start() - sentence.start
    if not word[:1].isupper() or offset < 2:
        return False
    words = sentence.text.split()
    if sum(w[:1].isupper() for w in words) * 2 >= len(words):
        return False  # a headline in Title Case: "Rebels Raid School"
    return bool(_NAME_BEFORE.search(sentence.text, max(0, offset - 40), offset))


# Fighting words that are figures of speech unless the sentence speaks of arms or armed men.
_FIGURATIVE = re.compile(r"battles? (?:for|over|with)|battled", re.I)


_HABITUAL = re.compile(
    r"\b(?:known|notorious|infamous|feared) for\b[^.;]{0,30}$|\b(?:often|frequently|regularly|routinely|habitually)\s+$",
    re.I,
)

# Inside the quoted words of a chant, a placard or a banner (the quote still open)
_SLOGAN = re.compile(
    r"\b(?:chant\w*|slogans?|placards?|banners?|posters?|signs)\b[^.\"“”]{0,40}[\"“][^\"“”]*$", re.I
)

# "the Juliaca massacre", "the 'Bloody Friday' massacre": a name the report gives a past event
_NAMED_MASSACRE = re.compile(
    r"\bthe ['‘\"“]?(?-i:[A-Z][\w-]+)(?: (?-i:[A-Z][\w-]+))?['’\"”]? massacre$", re.I
)

_AIR_DEFENCE = re.compile(r"\b(?:anti-?aircraft|air[ -]defen[cs]e|surface-to-air)\s+$", re.I)

# Men on the ground who "strike" a village struck it on foot, unless aircraft are named too.
_GROUND_STRIKE = re.compile(
    r"^(?!.*\b(?:air|aerial|drones?|jets?|warplanes?|aircraft|planes?|helicopters?|missiles?|rockets?)\b)"
    r".*\b(?:gunmen|herders|herdsmen|bandits|militants|attackers|assailants|fighters|militia(?:men)?|raiders|"
    r"terrorists|insurgents|rebels|jihadists|kidnappers)\b",
    re.I | re.S,
)

# Talks, calls and proposals for a truce are not one: ACLED codes an agreement once it is made.
# An agreement already in force, told as the frame of something else ("under the truce", "the
# ceasefire that took effect in November", "the deal obliges Beirut to..."), unless the same
# sentence makes one ("agreed on Wednesday; under the deal, hostages go free").
_IN_FORCE = re.compile(
    r"\b(?:under|despite|since|during) (?:the|a|an|its|their|this|that) (?:[\w-]+ ){0,2}"
    r"(?:cease-?fire|truce|deal|agreement|accord)\b|"
    r"\b(?:cease-?fire|truce|deal|agreement|accord) (?:that|which) (?:took|had taken|came|went|entered) "
    r"(?:effect|into (?:force|effect))\b|"
    r"\bthe (?:deal|agreement|accord|truce|cease-?fire) (?:obliges|requires|calls for|stipulates|provides for)\b",
    re.I,
)
# A bomb squad disrupts a weapon when it makes one safe, not when it comes to look at a blast site.
_SQUAD = re.compile(r"(?:bomb|explosives?) (?:disposal|squad)s?", re.I)
_MADE_SAFE = re.compile(
    r"\b(?:defus\w*|detonat\w*|disarm\w*|neutrali[sz]\w*|made (?:\w+ )?safe|controlled explosions?|"
    r"disabl\w*|dismantl\w*|destroy\w*|recovered|found|located|seized)\b",
    re.I,
)
_PACT = re.compile(r"cease-?fire|truce|deal|agreement|accord", re.I)  # the frame itself, not an act under it
_MADE = re.compile(
    r"\b(?:agreed|agree|agrees|signed|signs|sign|reached|reach|struck|sealed|announced|brokered|clinched)\b",
    re.I,
)
_UNMADE = re.compile(
    r"\b(?:in talks|talks (?:with|on|over|about|for|aimed at)|negotiat\w+ (?:with|on|over|for|a)|"
    r"call(?:s|ed|ing)? for|push(?:es|ed|ing)? for|urg(?:e|es|ed|ing)|propos(?:al|ed|es|ing)|seek(?:s|ing)?|"
    r"demand(?:s|ed|ing)?|hopes? (?:for|of)|prospects? (?:of|for)|scrap\w*|an end to|tear up|cancel\w*|"
    r"abrogat\w*|annul\w*|revok\w*|(?<!-)back(?:s|ed|ing)|(?<!-)support(?:s|ed|ing)?|welcom\w*|breach\w*|violat\w*|"
    r"flout\w*|(?:march|rall(?:y|ies)|protest|demonstrat)\w* (?:[\w-]+ ){0,4}?for)\b[^.;]{0,40}"
    r"\b(?:cease-?fire|truce|peace (?:deal|agreement|accord|treaty))|"
    r"\b(?:cease-?fire|truce)s? (?:is|was|has been|remains?) (?:\w+ )?(?:in (?:force|place|effect)|holding)\b",
    re.I,
)


def _idle(word: str, sub: str, sentence: str, lexicon: Lexicon) -> bool:
    """A weapon that does nothing (on parade, for sale, carrying a satellite) and a contract
    between no parties to a conflict are not events."""
    refine = lexicon.refine
    if refine["weapon_noun"].fullmatch(word.lower()):
        if refine["space"].search(sentence) or refine["salute"].search(sentence):
            return True  # a launch into orbit, guns fired in honour
        if refine["weapons_test"].search(sentence) and not refine["weapon_harm"].search(sentence):
            return True  # a test fired into the open sea
        return not refine["weapon_action"].search(sentence)
    if sub == "Peaceful protest" and refine["display_demonstration"].search(sentence):
        return word.lower().startswith("demonstration")  # parachute demonstrations at a parade
    if sub == "Peaceful protest" and word.lower().startswith("march"):
        return bool(refine["parade_march"].search(sentence))  # veterans marching past the president
    if sub == "Disrupted weapons use" and _CONTRABAND.search(sentence) and not _ARMS.search(sentence):
        return True  # cocaine intercepted by a navy ship: a seizure, no weapon
    if sub == "Disrupted weapons use" and _SQUAD.fullmatch(word) and not _MADE_SAFE.search(sentence):
        return True  # "a bomb squad gathers evidence", "bomb disposal officers examined the site"
    if sub == "Agreement" and _UNMADE.search(sentence):
        return True  # "in talks with the rebels over a ceasefire": no agreement yet
    if (
        sub == "Agreement"
        and _PACT.fullmatch(word)
        and _IN_FORCE.search(sentence)
        and not _MADE.search(sentence)
    ):
        return True  # "forces pulled out under the truce": an agreement made before, in force
    return sub == "Agreement" and not refine["agreement_parties"].search(sentence)


def _animal(match: re.Match, text: str, sentence: Span, lexicon: Lexicon) -> bool:
    """The killer or the killed is an animal: a word for one just before the trigger
    ("a shark killed", "the tiger be shot dead") or just after it ("killed by a tiger")."""
    before_trigger, after_trigger = _animal_cues(lexicon.refine["animal"].pattern)
    before = text[max(sentence.start, match.start() - 60) : match.start()]
    after = text[match.end() : min(sentence.end, match.end() + 30)]
    return bool(before_trigger.search(before) or after_trigger.match(after))


@lru_cache(maxsize=4)
def _animal_cues(animal: str) -> tuple[re.Pattern, re.Pattern]:
    """The lexicon's animal words as the last words before a trigger and as its agent after it."""
    return (
        re.compile(animal + r"\s+(?:\w+\s+){0,6}$", re.I),
        re.compile(r"\s+(?:by\s+)?(?:an?\s+|the\s+)?(?:\w+\s+)?" + animal, re.I),
    )


_COUNTED = re.compile(r"^(?:dozens|hundreds|scores) of$", re.I)
_CROWDS = frozenset({"Peaceful protest", "Violent demonstration", "Mob violence"})


def _aggregate(before: str, word: str, after: str, sub: str, lexicon: Lexicon) -> bool:
    """ "Hundreds of air strikes" count many events; "hundreds of youths protesting" or
    "thousands of protesters" count one crowd."""
    for m in lexicon.refine["aggregate"].finditer(f"{before} {word} {after}"):
        if not (sub in _CROWDS and _COUNTED.match(m.group(0))):
            return True
    return False


def _mention(match: re.Match, sub: str, strength: str, sentence: Span, lexicon: Lexicon) -> EventMention:
    start, end = match.span()
    rel_start, rel_end = start - sentence.start, end - sentence.start
    before = sentence.text[max(0, rel_start - 40) : rel_start]
    after = sentence.text[rel_end : rel_end + 25]
    aggregate = _aggregate(before, match.group(0), after, sub, lexicon) or bool(
        _SINCE_LEAD.match(sentence.text) or _WAR_TOLL.search(sentence.text)
    )
    word = match.group(0).lower()
    plural = word.endswith("s") and not word.endswith(("ss", "us", "'s"))
    return EventMention(
        trigger=Span(start, end, match.group(0)),
        sub_event_type=sub,
        strength=strength,
        sentence=sentence,
        aggregate=aggregate,
        plural=plural,
    )


MASSACRE_DEATHS = 3  # an abduction raid that killed this many is coded as the attack it was


def choose_sub_event_type(
    mentions: list[EventMention],
    actor1: Actor | None,
    actor2: Actor | None,
    lexicon: Lexicon,
    *,
    deaths: int = 0,
    context: str = "",
) -> str:
    """The ACLED sub-event type of one event, from its mentions, cues and actors.
    ``context`` is the text around the event's sentences (the next sentence, the lead), where
    a report says how a demonstration went ("police fired tear gas" after "thousands marched").

    An attack that killed several people and took others is coded by the killing (ACLED's
    Attack); a kidnapping in which a guard was shot stays an abduction."""
    sub = _sub_event_type(mentions, actor1, actor2, lexicon, context)
    if sub == "Abduction/forced disappearance" and (
        deaths >= MASSACRE_DEATHS
        or _TAKEN_THEN_KILLED.search(" ".join(dict.fromkeys(m.sentence.text for m in mentions)))
    ):
        return "Attack"
    return sub


# the abducted were killed: "abducted nine people from a bus and then killed them", "abducted
# opposition leader found dead"
_TAKEN_THEN_KILLED = re.compile(
    r"\b(?:abduct\w*|kidnapp?\w*)\b[^.;]{0,120}?\b(?:(?:and )?(?:then |later )(?:killed|shot|murdered|executed|"
    r"beheaded)(?: them| him| her)?|(?:was |were |been )?found dead|bod(?:y|ies) (?:was |were )?(?:later )?found)\b",
    re.I,
)


def _sub_event_type(
    mentions: list[EventMention],
    actor1: Actor | None,
    actor2: Actor | None,
    lexicon: Lexicon,
    context: str = "",
) -> str:
    mentions = _without_broken_truces(mentions)
    subs = [m.sub_event_type for m in mentions if m.strength == STRONG]
    subs = subs or [m.sub_event_type for m in mentions if m.sub_event_type]  # "the strike"
    cue_text = " ".join(dict.fromkeys(m.sentence.text for m in mentions))
    if "Disrupted weapons use" in subs and (
        re.search(r"defus|foiled|thwarted|dismantled|disposal", cue_text, re.I)
        or _stopped_short(mentions, cue_text)
    ):
        return "Disrupted weapons use"
    primary = [s for s in subs if s not in ACCESSORY_SUBS and s != "Disrupted weapons use"]
    if not primary and mentions[0].strength != STRONG:
        subs = [s for s in subs if s not in ACCESSORY_SUBS]  # an arrest after a shooting
    sub = (primary or subs or [""])[0]
    if sub == "Remote explosive/landmine/IED" and "Suicide bomb" in subs:
        sub = "Suicide bomb"  # "the bank bombing" of the headline is the lead's suicide bombing
    if sub == "Remote explosive/landmine/IED" and _BOMBER_DIED.search(f"{cue_text} {context}"):
        return "Suicide bomb"  # ACLED: the bomber died in his own blast
    if sub == "Remote explosive/landmine/IED" and _one_of_the_suicide_blasts(mentions, context):
        return "Suicide bomb"  # "two suicide blasts" in the lead; "a second blast, at a mosque in Hangu"
    if sub == "Remote explosive/landmine/IED" and (device := _device_of_the_blast(mentions)):
        return device  # "Blasts rock Bujumbura ... two grenades went off": the blast names no device
    if sub == "Remote explosive/landmine/IED" and _found_unexploded(mentions, f"{cue_text} {context}"):
        return "Disrupted weapons use"  # "a bomb found under an officer's car ... It did not go off"
    demonstration = next((s for s in subs if s in ("Peaceful protest", "Violent demonstration")), None)
    if demonstration and sub in (demonstration, "Attack", "Armed clash", "Arrests"):
        story = f"{cue_text} {context}"
        return refine_demonstration(demonstration, story, lexicon, clashed="Armed clash" in subs)
    if sub == "Armed clash" and crowd_fights_police(cue_text, actor1, actor2):
        return "Violent demonstration"  # ACLED: a battle is between armed, organised sides
    if sub == "Armed clash" and _ambush_on_civilians(mentions, actor2, cue_text):
        return "Attack"  # "gunmen ambushed a bus": one armed side, its targets unarmed
    if sub == "Attack" and on_protesters(actor2, cue_text, lexicon):
        return "Excessive force against protesters"  # "security forces shot dead five as they fired on protesters"
    if sub == "Attack" and _on_armed_men(mentions, actor2):
        return "Armed clash"  # ACLED's attack is on civilians; soldiers or police shot dead fought a battle
    if sub in ("Non-state actor overtakes territory", "Government regains territory"):
        state = actor1 is not None and actor1.type == "State forces"
        return "Government regains territory" if state else "Non-state actor overtakes territory"
    if sub:
        return sub
    return _type_from_actors(actor1, actor2, cue_text)


_LAUNCHED = ("Shelling/artillery/missile attack", "Air/drone strike")
# a weapon that reached its target: "the strike hit an industrial facility", "a missile struck"
_IMPACT = whole_words(
    "hit", "hits", "struck", "strikes", "landed", "slammed", "damag(?:e|ed|es|ing)", "fell on"
)


def _stopped_short(mentions: list[EventMention], cue_text: str) -> bool:
    """A missile or drone told with its interception, and nothing it hit, killed or wounded:
    ACLED's disrupted weapons use ("fired a ballistic missile; the missile was intercepted"),
    not the strike it would have been."""
    if not any(m.sub_event_type == "Disrupted weapons use" and m.strength == STRONG for m in mentions):
        return False
    if not any(m.sub_event_type in _LAUNCHED for m in mentions):
        return False  # "police intercepted a car carrying grenades": people stopped, not a weapon in flight
    if any(m.strength == WEAK and not m.sub_event_type for m in mentions):
        return False  # "one person is dead": something got through
    return not _IMPACT.search(cue_text)


# a truce told as broken: "broke the ceasefire", "walked away from a shaky ceasefire", "two
# ceasefire agreements had already broken down", "after the collapse of the truce"
_BROKEN_TRUCE = re.compile(
    r"\b(?:br(?:oke|eaks?|eaking|oken)|walk(?:ed|s|ing)? away from|pulled out of|abandon\w*)\b[^.;]{0,40}?"
    r"\b(?:cease-?fire|truce|peace (?:deal|agreement|accord))|"
    r"\b(?:cease-?fire|truce)s?(?: agreements?)? (?:had |has |have )?(?:already )?(?:broken down|broke down|"
    r"collapsed|ended|ends)\b|\bcollapse of (?:the |a )?(?:[\w-]+ ){0,2}(?:cease-?fire|truce)",
    re.I,
)


def _without_broken_truces(mentions: list[EventMention]) -> list[EventMention]:
    """The event's mentions less a truce its sentence tells as broken: ACLED codes the shooting
    that broke a ceasefire by what was fired, never as an agreement. All of them when nothing
    else is left."""
    kept = [
        m for m in mentions if m.sub_event_type != "Agreement" or not _BROKEN_TRUCE.search(m.sentence.text)
    ]
    return kept or mentions


_AMBUSH = re.compile(r"ambush(?:ed|es)?", re.I)
# what travellers ride in, or who they are: "ambushed a bus", "vehicles carrying passengers"
_TRAVELLERS = whole_words(
    "bus(?:es)?",
    "minibus(?:es)?",
    "passengers?",
    "travell?ers",
    "commuters",
    "pilgrims",
    "civilians?",
    "taxis?",
)


def _ambush_on_civilians(mentions: list[EventMention], actor2: Actor | None, cue_text: str) -> bool:
    """An ambush, told by no other battle word, of civilians (the voted target, or a bus or
    passengers and no armed men named): ACLED's attack, since only one side was armed."""
    clashes = [m for m in mentions if m.sub_event_type == "Armed clash" and m.strength == STRONG]
    if not clashes or not all(_AMBUSH.fullmatch(m.trigger.text) for m in clashes):
        return False
    if _ARMED_KILLED.search(cue_text):
        return False  # "soldiers were killed in the ambush"
    if actor2 is not None:
        return actor2.type == "Civilians"
    return bool(_TRAVELLERS.search(cue_text)) and not _ARMED_TARGET_WORDS.search(cue_text)


# the lead counts suicide bombings: "58 killed in two suicide blasts", "twin suicide bombings"
_SUICIDE_SERIES = re.compile(
    r"\b(?:two|twin|three|both|\d+) suicide (?:blasts|bombings|attacks|bombers|explosions)\b", re.I
)
_PLAIN_BLAST = re.compile(r"(?:blasts?|explosions?|(?:a|the) bomb|bombings?)", re.I)


def _one_of_the_suicide_blasts(mentions: list[EventMention], context: str) -> bool:
    """A blast told with no device of its own in a story whose lead counts suicide bombings: one of
    them, as ACLED codes each."""
    bombs = [m for m in mentions if m.sub_event_type == "Remote explosive/landmine/IED"]
    plain = all(_PLAIN_BLAST.fullmatch(m.trigger.text) for m in bombs)
    return plain and bool(_SUICIDE_SERIES.search(context))


_DEVICES = ("Grenade", "Air/drone strike", "Shelling/artillery/missile attack")

# a planted bomb found before it went off: "a bomb found under the officer's car", "it did not go off"
_FOUND = whole_words(
    "found",
    "discovered",
    "spotted",
    "recovered",
    "located",
    "defused",
    "(?:made|rendered) safe",
    "(?:did not|didn't|failed to) (?:go off|explode|detonate)",
    "unexploded",
    "viable device",
)
# ... and nothing says it went off, or that anyone was hurt
_WENT_OFF = whole_words(
    "exploded",
    "explodes",
    "went off",
    "blasts?",
    "explosions?",
    "detonated",
    "blew up",
    "blown up",
    "killed",
    "wounded",
    "injured",
    "dead",
    "died",
)


def _found_unexploded(mentions: list[EventMention], story: str) -> bool:
    """ACLED's disrupted weapons use: a planted bomb found or defused before it went off. The
    event's sentences and lead tell it found, and nothing in them tells a blast or anyone hurt."""
    if any(m.strength == WEAK and not m.sub_event_type for m in mentions):
        return False  # "one person is dead"
    return bool(_FOUND.search(story)) and not _WENT_OFF.search(story)


def _device_of_the_blast(mentions: list[EventMention]) -> str:
    """ACLED's IED is a planted device: a blast or explosion the event's sentences tell with no
    device of its own is the grenade, strike or shell they name, if they name one."""
    bombs = [m for m in mentions if m.sub_event_type == "Remote explosive/landmine/IED"]
    if not all(_PLAIN_BLAST.fullmatch(m.trigger.text) for m in bombs):
        return ""
    return next(
        (m.sub_event_type for m in mentions if m.strength == STRONG and m.sub_event_type in _DEVICES), ""
    )


# "the man killed in Saturday's explosion is also the person police suspect of carrying it out"
_BOMBER_DIED = re.compile(
    r"\b(?:suspect(?:ed)?|bomber|attacker|perpetrator)\b[^.;]{0,80}\b(?:killed|died)\b (?:in|by) "
    r"(?:the |his own |her own |\w+'s )?(?:blast|explosion|bombing|detonation)\b|"
    r"\b(?:killed|died) (?:in|by) (?:the |\w+'s )?(?:blast|explosion|bombing)\b[^.;]{0,80}\b(?:suspect|bomber|perpetrator)\b|"
    r"\bonly (?:person|one) (?:killed|who died|to die|dead)\b[^.;]{0,80}\b(?:suspect|bomber|perpetrator)\b",
    re.I,
)
_ARMED_MEN = (
    r"(?:soldiers?|troops|servicemen|(?:police )?officers?|policem[ae]n|police|gendarmes?|"
    r"security (?:forces|personnel|guards?)|guards?|militiamen|militants|fighters|rebels|insurgents)"
)
# the words between a killing and the men it names, up to one that names the killers instead:
# "shot dead by police", "killed on Thursday when militants attacked"
_BEFORE_THE_KILLED = r"(?:(?!(?:by|when|as|after|while|before)\b)[\w-]+ ){0,3}?"
# soldiers or police as the ones killed: "massacre 23 Chadian soldiers", "officers were shot dead"
_ARMED_KILLED = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|shot dead|gunned down|massacred?|slain|murdered) (?:at least |no fewer than |"
    rf"some |about )?{_BEFORE_THE_KILLED}{_ARMED_MEN}\b|\b{_ARMED_MEN} (?:[\w-]+ ){{0,3}}?(?:were|was|have been|"
    r"had been) (?:\w+ )?(?:killed|shot dead|gunned down|slain|massacred)\b",
    re.I,
)
# a captive or a lynched man is no armed opponent
_HORS_DE_COMBAT = re.compile(r"execut|behead|lynch|burned alive|hacked|stabbed", re.I)


def _on_armed_men(mentions: list[EventMention], actor2: Actor | None) -> bool:
    """The killing words of an "attack" ("shot dead", "massacre", "killed") said of soldiers,
    police or fighters and of no civilians: ACLED codes that as a battle, not violence
    against civilians (their Attack)."""
    if actor2 is not None and actor2.type in ("Civilians", "Protesters"):
        return False
    killing = [
        m for m in mentions if m.sub_event_type == "Attack" or (m.strength == WEAK and not m.sub_event_type)
    ]
    if not any(m.sub_event_type == "Attack" for m in killing) and (
        actor2 is None or actor2.type not in ARMED_TYPES
    ):
        return False  # weak words alone: the actors decide (``_type_from_actors``)
    return armed_men_killed(killing)


def armed_men_killed(mentions: list[EventMention] | tuple[EventMention, ...]) -> bool:
    """The sentences of the killing words name soldiers, police or fighters as the killed, and no
    civilians; none of the words is an execution or a lynching (a captive is no armed opponent)."""
    killing = [
        m for m in mentions if m.sub_event_type == "Attack" or (m.strength == WEAK and not m.sub_event_type)
    ]
    if any(_HORS_DE_COMBAT.search(m.trigger.text) for m in killing):
        return False
    said = list(dict.fromkeys(m.sentence.text for m in killing))
    return any(_ARMED_KILLED.search(t) and not _CIVILIAN_WORDS.search(t) for t in said)


def _type_from_actors(actor1: Actor | None, actor2: Actor | None, cue_text: str) -> str:
    """Weak triggers only ("killed", "attacked"): the actors say what it was."""
    armed1 = actor1 is not None and actor1.type in ARMED_TYPES
    armed2 = actor2 is not None and actor2.type in ARMED_TYPES
    if actor2 is not None and actor2.type == "Civilians":
        return "Attack"
    if armed1 and armed2:
        return "Armed clash"
    if _ARMED_TARGET_WORDS.search(cue_text) and (armed1 or armed2):
        return "Armed clash"
    if _ARMED_KILLED.search(cue_text) and not _CIVILIAN_WORDS.search(cue_text):
        return "Armed clash"  # "gunmen shot dead four police officers"
    if _CIVILIAN_WORDS.search(cue_text) or armed1:
        return "Attack"
    return "Armed clash" if armed2 else "Attack"


def sentence_spans(doc) -> list[Span]:
    """The spaCy sentences of a doc as Spans (offsets into doc.text)."""
    return [Span(s.start_char, s.end_char, s.text) for s in doc.sents]
