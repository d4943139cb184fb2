"""How a demonstration went, in ACLED's sub-types: peaceful, met with force (intervention or
excessive force), violent (a riot) or a mob setting upon people; and a crowd's "clash" with the
police that is a riot, not a battle. The cue words are the event lexicon's ``refine`` patterns,
said of this crowd (not another day's, nor one feared)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.codebook import codebook
from sitrep.model import Actor
from sitrep.wording import whole_words

if TYPE_CHECKING:
    from sitrep.events import Lexicon

ARMED_TYPES = codebook().armed_types()


_CROWD = whole_words(
    "youths?",
    "young (?:men|people|Tunisians|protesters)",
    "crowds?",
    "supporters",
    "(?:party )?workers",
    "rivals?",
    "residents",
    "students",
    "protesters",
    "demonstrators",
    "marchers?",
    "march",
    "rally",
    "fans",
)
_POLICE = whole_words(
    "police", "policemen", "riot police", "officers", "gendarmes?", "security (?:forces|agencies)"
)
_ARMED_SIDE = whole_words(
    "gun\\w*",
    "shot",
    "shooting",
    "firing",
    "fired",
    "armed (?:men|groups?)",
    "weapons?",
    "rifles?",
    "militants?",
    "rebels?",
    "fighters",
    "insurgents?",
    "soldiers",
    "troops",
    "army",
    "militia\\w*",
    "jihadists?",
    "bandits",
    "bombs?",
    "grenades?",
    "rockets?",
    "mortars?",
    "artillery",
    "drones?",
)


def crowd_fights_police(cue_text: str, actor1: Actor | None, actor2: Actor | None) -> bool:
    """A "clash" of a crowd (youths, supporters, rivals, a march) with the police, no arms or
    armed group named: ACLED's riot, not a battle."""
    if any(a is not None and a.type in ARMED_TYPES and a.type != "State forces" for a in (actor1, actor2)):
        return False
    return bool(_CROWD.search(cue_text) and _POLICE.search(cue_text) and not _ARMED_SIDE.search(cue_text))


def refine_demonstration(sub: str, cue_text: str, lexicon: Lexicon, *, clashed: bool = False) -> str:
    """ACLED: violent demonstrators make a riot, even where the police shot at them; force on
    peaceful ones a protest with intervention (or excessive force). Protesters who clash with
    the police are violent."""
    violent = sub == "Violent demonstration" or violent_crowd(cue_text, lexicon)
    if violent and lexicon.refine["prison_riot"].search(cue_text):
        return "Mob violence"  # ACLED: rioting inmates are no demonstrators
    excessive = not violent and force_at_crowd("excessive_force", cue_text, lexicon)
    if _mob(cue_text, lexicon) and (not excessive or lexicon.refine["mob_on_people"].search(cue_text)):
        return "Mob violence"  # forces that shot a crowd they call a "mob" used excessive force on it
    if excessive:
        return "Excessive force against protesters"
    if violent or clashed:
        return "Violent demonstration"
    if force_at_crowd("protest_intervention", cue_text, lexicon):
        return "Protest with intervention"
    return "Peaceful protest"


def _mob(text: str, lexicon: Lexicon) -> bool:
    """ACLED's mob violence: a crowd that sets upon people. A demonstration's crowd that the
    report calls a "mob" while it burns and storms buildings (and harms no one by hand) riots."""
    refine = lexicon.refine
    if not refine["mob"].search(text):
        return False
    return bool(refine["mob_on_people"].search(text)) or not violent_crowd(text, lexicon)


# "Earlier this week, by contrast, riot police used tear gas": force met another day's crowd
_OTHER_DAY = re.compile(
    r"\b(?:earlier (?:this|that|last) (?:week|month)|(?:last|previous) (?:week|month)|by contrast|"
    r"the (?:day|night|week) before|previous (?:day|days|protests?|rallies|demonstrations?))\b[^.;:!?]{0,80}$",
    re.I,
)
# "with water cannon standing by": force at hand is not force used; "the release of people
# detained during earlier protests": force used on another day's crowd
_AT_HAND = re.compile(
    r"\s*(?:were |was )?(?:standing by|stood by|on standby|at the ready|nearby|deployed)\b|"
    r"\s*(?:during|in|at|after) (?:the )?(?:earlier|previous|past|last (?:week|month)'s) "
    r"(?:protests?|demonstrations?|rall(?:y|ies)|marches)\b",
    re.I,
)


def force_at_crowd(kind: str, text: str, lexicon: Lexicon) -> bool:
    """Cue words of force ("tear gas", "opened fire on protesters") used on this crowd, not
    on another day's nor only kept at hand."""
    return _of_this_crowd(lexicon.refine[kind], text, _OTHER_DAY, 120, _AT_HAND)


# "following a week of violent protests", "could hijack to cause chaos, including looting":
# violence recalled from before or feared, not this crowd's
_NOT_THIS_CROWD = re.compile(
    r"\b(?:since|(?:weeks?|days?|months?|nights?|years?) of|could|might|would|feared|fears?|warned|warning|"
    r"threat\w*|to cause|plann?(?:ed|ing)? to|aimed? to|tried to|attempt\w* to)\b[^.;:!?]{0,60}$",
    re.I,
)


def violent_crowd(text: str, lexicon: Lexicon) -> bool:
    """Words of a crowd's violence ("turned violent", "hurled stones", "looting") said of this
    crowd, not of earlier protests or of what someone feared it might do."""
    return _of_this_crowd(lexicon.refine["protest_violent"], text, _NOT_THIS_CROWD, 80)


def _of_this_crowd(
    cue: re.Pattern, text: str, elsewhere: re.Pattern, window: int, unused: re.Pattern | None = None
) -> bool:
    """A cue word said of this crowd: no ``elsewhere`` words in the ``window`` before it (another
    day's crowd, a feared one) and, with ``unused``, none right after it ("standing by")."""
    return any(
        not elsewhere.search(text[max(0, m.start() - window) : m.start()])
        and not (unused is not None and unused.match(text, m.end()))
        for m in cue.finditer(text)
    )


def on_protesters(actor2: Actor | None, cue_text: str, lexicon: Lexicon) -> bool:
    """An attack whose target is the protesters, told with force at this crowd ("opened fire on
    protesters"): ACLED's excessive force against protesters, not violence against civilians."""
    return (
        actor2 is not None
        and actor2.type == "Protesters"
        and force_at_crowd("excessive_force", cue_text, lexicon)
    )
