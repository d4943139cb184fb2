"""Stories told for something other than new political violence: a verdict, a commemoration,
a review, a history, demining (retrospective), or an accident or a weapons test (mishap). Their leads say so,
and an event in them must be fresh news told apart from that frame."""

from __future__ import annotations

import re
from datetime import date

from sitrep.assemble.records import Draft, Findings, clock_only
from sitrep.codebook import codebook
from sitrep.events import STRONG, Lexicon
from sitrep.model import DatePrecision
from sitrep.nlp import doc_text

LEAD_CHARS = 600  # the headline and the first paragraph or two
FRESH_DAYS = 3  # "on Tuesday" in a Friday story is still news
RETROSPECTIVE, MISHAP = "retrospective", "mishap"
_NON_STATE_ARMED = codebook().armed_types() - {"State forces"}
# a lead that speaks of an attack is not an accident story, whatever else it says
# (an "attack helicopter" or an "Attack Reconnaissance Battalion" that crashed in training attacked nothing)
_VIOLENCE = re.compile(
    r"\b(?:attack\w*(?! (?:helicopters?|submarines?|aircraft|jets?|squadrons?|reconnaissance|battalions?|wings?)\b)|"
    r"bomb(?:er|ers|ing|ings)|militants?|terror\w*|insurgents?|rebels?|gunmen|sabotage)\b",
    re.I,
)

# a fuel station or depot that blew up is an accident story, unless a weapon hit it ("drones
# struck an oil depot") or a crowd or gang came to it ("demonstrators looted a filling station")
_FUEL_FIRE = re.compile(
    r"\b(?:(?:gas|petrol|filling|fuel) stations?|(?:fuel|oil|gas) (?:depots?|terminals?|storage)|tanker trucks?)\b",
    re.I,
)
_BLEW_UP = re.compile(r"\b(?:explosions?|blasts?|blew up|exploded|fires?|blaze)\b", re.I)
_NOT_AN_ACCIDENT = re.compile(
    r"\b(?:drones?|missiles?|rockets?|shell\w*|air ?strikes?|struck|hit by|shot|protest\w*|demonstrat\w*|"
    r"riot\w*|loot\w*|abduct\w*|kidnap\w*|arrest\w*)\b",
    re.I,
)

# ammunition that blew up in store is an accident story ("exploding shells forced 6,000 from their
# homes near the depot"), unless the lead says something struck it or someone set it off
_MUNITIONS_STORE = re.compile(
    r"\b(?:(?:ammunition|ammo|munitions?|arms|weapons|gunpowder|explosives) (?:depots?|dumps?|stores?|storage|"
    r"warehouses?|stockpiles?)|military depots?)\b",
    re.I,
)
_SET_OFF = re.compile(
    r"\b(?:drones?|missiles?|rockets?|air ?strikes?|strikes?|struck|shelling|shot|sabotage\w*|partisans?|"
    r"(?:claimed|claims) responsibility)\b",
    re.I,
)


def _blew_up_in_store(lead: str) -> bool:
    """A fuel or munitions store that exploded with nothing said to have hit it."""
    fuel = _FUEL_FIRE.search(lead) and not _NOT_AN_ACCIDENT.search(lead)
    munitions = _MUNITIONS_STORE.search(lead) and not _SET_OFF.search(lead)
    return bool((fuel or munitions) and _BLEW_UP.search(lead))


def story_frame(findings: Findings, lexicon: Lexicon) -> str | None:
    """What kind of story the lead tells, when it is not news of political violence."""
    lead = doc_text(findings.doc)[:LEAD_CHARS]
    mishap = lexicon.refine["story_mishap"].search(lead) or _blew_up_in_store(lead)
    refine = lexicon.refine
    tested = refine["weapons_test"].search(lead) and not refine["weapon_harm"].search(lead)
    if (mishap or tested) and not _VIOLENCE.search(lead):
        return MISHAP
    said = {w.lower() for w in lexicon.refine["story_retrospective"].findall(lead)}
    if len(said) >= 2 or any(not _WEAK_FRAME.fullmatch(w) for w in said):
        return RETROSPECTIVE  # a ceremony alone may be a merger's or an inauguration's
    return None


def news_in_frame(draft: Draft, frame: str, published: date, lexicon: Lexicon) -> bool:
    """A main event of a framed story stands only as fresh news: an armed group acting in an
    accident story; in a retrospective story a recent day of its own, told in a sentence
    free of the frame's words (a verdict "on Tuesday" for a massacre in 1982 is no event)."""
    if frame == MISHAP:
        return any(a.actor.type in _NON_STATE_ARMED for c in draft.clauses for a, _, _ in c.actors)
    when = draft.date
    fresh = (
        when is not None
        and not clock_only(when.span.text)  # "at 10 a.m." dates nothing of its own
        and when.start_date is not None
        and when.precision is DatePrecision.DAY
        and 0 <= (published - when.start_date).days <= FRESH_DAYS
    )
    if not fresh:
        return False
    retrospective = lexicon.refine["story_retrospective"]
    dated = [m for m in draft.mentions if m.sentence.start <= when.span.start < m.sentence.end]
    sentence = dated[0].sentence.text if dated else ""
    framed = {w.lower() for w in retrospective.findall(sentence)}
    forced = bool(_FORCE.search(sentence))
    gathering = _WEAK_FRAME if forced else _OCCASION  # a commemoration fired on is news
    attacked = any(m.strength == STRONG for m in dated) and all(gathering.fullmatch(w) for w in framed)
    told_apart = not framed or attacked  # "a bomb exploded during a memorial ceremony on Sunday"
    return told_apart and (
        (attacked and forced) or any(not retrospective.search(m.sentence.text) for m in draft.mentions)
    )


# a gathering that can itself be attacked, unlike a verdict or a film
_OCCASION = re.compile(r"memorials?|ceremon(?:y|ies)|tributes?|wreaths?", re.I)
# force or violence at the gathering itself: "police fired teargas at a commemoration on Wednesday"
_FORCE = re.compile(
    r"\b(?:tear ?gas|water cannons?|rubber bullets|live (?:ammunition|rounds)|opened fire (?:on|at)|fired (?:on|at)|"
    r"clash(?:ed|es) with (?:police|security forces|troops)|dispersed|broke up)\b",
    re.I,
)
# alone in a lead, a word that frames nothing: a merger's ceremony, a rally on an anniversary
_WEAK_FRAME = re.compile(
    r"memorials?|ceremon(?:y|ies)|tributes?|wreaths?|anniversar\w*|commemorat\w*|celebrat(?:e|es|ed|ing|ions?)",
    re.I,
)
