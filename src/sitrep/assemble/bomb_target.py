"""Whom a bomb hit: the state's men or the crowd around them (ACLED's actor 2 of a bombing).

ACLED's other side of a bomb, a grenade or a suicide attack is the force it was aimed at or
that it killed ("rammed into the cantonment wall", "a bomb killed a ranger", "seven police
officers were wounded when the device went off under their truck"), and the civilians when it
went off among a crowd or at a civilian place ("at a market", "inside a mosque", "among
worshippers"). Only a place where the bomb went off counts as the crowd's: the hospital the
wounded were taken to or the school it went off 500 metres from say nothing of whom it hit.
"""

from __future__ import annotations

import re

from sitrep.actors import ActorDictionary, state_force, with_country
from sitrep.events import whole_words
from sitrep.model import Actor

_FORCES_HIT = re.compile(
    r"\b(?:aimed at|targeting|targeted|rammed into|hit|hits|struck|ripped through|attack(?:ed)? on|at|against|"
    r"carrying|under)\s+(?:(?:a|an|the|their|two|three|several|\d+)\s+)?(?:[\w'’()-]+\s+){0,3}?"
    r"(cantonment|army|military|police|rangers?|soldiers|troops|jawans|convoy|patrol|checkpoint|barracks|"
    r"servicemen|policemen|personnel|gendarmes|gendarmerie|security forces)\b",
    re.I,
)
_POLICE_HIT = re.compile(r"police|policemen|gendarm", re.I)
_ARMY_HIT = re.compile(
    r"\b(?:soldiers?|troops|army|military|cantonment|barracks|servicem[ae]n|rangers?)\b", re.I
)

# The state's men among the dead or wounded: "a bomb killed a ranger", "ten jawans of the DRG
# were killed", "police officers were wounded", "blast kills district police chief"; not "police
# said five people were hurt" nor "security forces killed 16 militants".
_MEN = (
    r"(?:soldiers?|troops|servicem[ae]n|policem[ae]n|policewom[ae]n|police (?:officers?|personnel|constables?|chief)|"
    r"(?:army |security )?officers|rangers?|jawans?|gendarmes?|(?:border |security )?guards(?:men)?|"
    r"security personnel|security forces|paramilitar(?:y|ies)|peacekeepers)"
)
_OBJECT = (  # "security forces killed six gunmen": the men killed others
    r"\d|a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
    r"at least|more than|several|some|many|dozens|scores|his|her|their|militants|terrorists|insurgents|gunmen|attackers"
)
_THEN_HURT = re.compile(
    rf"\b{_MEN}\b(?:\s+(?!said\b|says\b|told\b|by\b|had\b|have\b|has\b)[\w()'’-]+){{0,4}}?\s+"
    r"(?:(?:were|was|have been|had been|got|are|is) )?"
    rf"(?:(?:killed|wounded|injured|hurt|martyred)(?!\s+(?:{_OBJECT})\b)|died|dead|lost (?:their|his|her) li(?:ves|fe))\b",
    re.I,
)
_HURT_THEN = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|hurt(?:s|ing)?|martyr(?:s|ed|ing)|"
    rf"claims? (?:the )?li(?:fe|ves) of)\s+(?:(?!by\b)[\w()'’-]+\s+){{0,4}}?{_MEN}\b(?!\s+and\s+(?:\w+\s+)?civilians)",
    re.I,
)

# A crowd or a civilian place the bomb went off at, in or among: the other side stays the civilians.
_AT_A_PLACE = re.compile(
    r"\b(?:at|in|inside|into|outside|through|on|targeting|targeted|struck|hit|hits|among|entered|"
    r"entrance (?:of|to))\s+(?:(?!to\b|from\b)[\w'’-]+\s+){0,3}?"
    r"(?:markets?|mosques?|church(?:es)?|temples?|gurdwaras?|synagogues?|pagodas?|monaster(?:y|ies)|schools?|"
    r"shrines?|weddings?|funerals?|rall(?:y|ies)|restaurants?|hotels?|caf[eé]s?|(?:bus|railway|train) "
    r"(?:station|stop|stand)s?|festivals?|concerts?|nightclubs?|bars?|(?:tea |coffee )?shops?|stadiums?|"
    r"processions?|prayers|platforms?|beach|courts?|courthouses?|(?:judicial|court) complex(?:es)?)\b",
    re.I,
)
_CROWD = whole_words(
    "worshippers", "shoppers", "passengers", "pilgrims", "mourners", "crowds?", "crowded", "revellers", "diners",
    "customers", "spectators", "students", "pupils", "schoolchildren",
)  # fmt: skip


# Civilians among the dead or wounded: "killed 12 people", "six lawyers and two policemen were killed",
# "at least 36 were injured, four women among them"; the count of people a bomb at a crowd place hit.
_PEOPLE = (
    r"(?:people|persons|civilians?|worshippers|lawyers|litigants|shoppers|passengers|pilgrims|mourners|"
    r"passers-?by|bystanders|women|children|students|pupils|customers|diners|residents|villagers|traders|vendors)"
)
_PEOPLE_HURT = re.compile(
    rf"\b{_PEOPLE}\b(?:\s+(?!said\b|says\b|told\b|by\b)[\w()'’-]+){{0,4}}?\s+"
    r"(?:(?:were|was|have been|had been|got|are|is) )?(?:killed|wounded|injured|hurt|died|dead)\b|"
    r"\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|hurt(?:s|ing)?|claims? (?:the )?li(?:fe|ves) of)"
    rf"\s+(?:(?!by\b)[\w()'’-]+\s+){{0,4}}?{_PEOPLE}\b|"
    rf"\b{_PEOPLE}\b[^.;]{{0,40}}\bamong (?:the |them|those)",
    re.I,
)


def forces_hit(country: str, cue_text: str) -> Actor | None:
    """The state's men a bomb was aimed at or killed, when the report names no crowd or civilian
    place it went off at: ACLED's other side is then the force, not the "people" among the dead.
    The force is the one the report names by those words, else the police when only police words
    say who was hit ("a patrol" and "seven police officers were wounded"), else the army."""
    if not country or crowd_hit(cue_text):
        return None
    hits = sorted(
        (h for rx in (_FORCES_HIT, _THEN_HURT, _HURT_THEN) for h in rx.finditer(cue_text)),
        key=lambda h: h.start(),
    )
    if not hits:
        return None
    for m in ActorDictionary.default().find(cue_text):
        if m.actor.type == "State forces" and any(
            h.start() - 40 <= m.span.start <= h.end() + 40 for h in hits
        ):
            return with_country(m.actor, country)
    men = " ".join(h.group(1) if h.re is _FORCES_HIT else h.group(0) for h in hits)
    police = _POLICE_HIT.search(men) and not _ARMY_HIT.search(men)
    return state_force("Police" if police else "Military", country)


def crowd_hit(cue_text: str) -> bool:
    """The bomb went off at a civilian place or among a crowd."""
    return bool(_AT_A_PLACE.search(cue_text) or _CROWD.search(cue_text))


def forces_hurt(cue_text: str) -> bool:
    """The report counts the state's men among the bomb's dead or wounded ("two officers were
    killed"), which a crowd place alone does not outweigh."""
    return bool(_THEN_HURT.search(cue_text) or _HURT_THEN.search(cue_text))


def crowd_hurt(cue_text: str) -> bool:
    """The report counts civilians among the bomb's dead or wounded ("killed 12 people, four
    policemen among them", "six lawyers and two policemen") and does not say the bomb was aimed at
    the state's men ("rammed into a military convoy"): at a crowd place it was the crowd the bomb
    hit, though the state's men guarding it died too."""
    return bool(_PEOPLE_HURT.search(cue_text)) and not _AIMED_AT.search(cue_text)


# The bomb was aimed at the state's men: "rammed into an FC convoy", "a suicide blast on an army
# convoy", "targeting a police van"; their convoy, not the market it passed, was the target.
_AIMED_AT = re.compile(
    r"\b(?:aimed at|targeting|targeted|rammed into|rams?|ramm(?:ed|ing)|into|on|against)\s+"
    r"(?:(?:a|an|the|their)\s+)?(?:[\w'’()-]+\s+){0,2}?"
    r"(?:convoys?|patrols?|checkpoints?|cantonments?|barracks|(?:military|army|police|security) "
    r"(?:vehicles?|trucks?|vans?|posts?|bases?|stations?|camps?))\b",
    re.I,
)
