"""Whom a one-sided attack hit: the government, when it killed, seized or wounded its officials.

ACLED codes a minister, a governor or a sub-prefect attacked in office as the government's side
("Government of Cameroon"), not as civilians: "gunmen abducted the sub-prefect of Bamenda II and
five others", "a blast killed seven people, among them the acting minister for refugees". An
official who only speaks of the attack ("the governor said") is no target.
"""

from __future__ import annotations

import re

from sitrep.actors import with_country
from sitrep.model import Actor

_OFFICIAL = (  # not the prime minister who visited the wounded
    r"(?<![Pp]rime )(?:(?:deputy |acting |provincial |district |state |regional |interior |local )?"
    r"(?:ministers?|governors?|sub-?prefects?|prefects?|district commissioners?|county commissioners?|"
    r"divisional officers?|district officers?|administrators?)|"
    r"(?:administrative|government|senior government|local government|district|provincial) officials?)"
)
_HARM = (
    r"(?:kill(?:s|ed|ing)?|assassinat(?:es|ed|ing)|abduct(?:s|ed|ing)?|kidnap(?:s|ped|ping)?|seiz(?:es|ed|ing)|"
    r"wound(?:s|ed|ing)?|injur(?:es|ed|ing)|target(?:s|ed|ing)?|ambush(?:es|ed|ing)?)"
)
_SPOKE = r"(?:by|said|says|told|condemned|confirmed|added|stated|reported|visited|that)\b"
_OFFICIAL_HIT = re.compile(
    rf"\b{_HARM}\b(?: (?!{_SPOKE})[\w()'’,-]+){{0,10}}? (?:the |a |an |its )?"
    rf"(?:[\w'’-]+ ){{0,2}}?{_OFFICIAL}\b|"
    rf"\b{_OFFICIAL}\b(?: (?!{_SPOKE})[\w()'’,-]+){{0,8}}? "
    r"(?:was|were|has been|had been|is|are) (?:\w+ )?(?:killed|assassinated|abducted|kidnapped|seized|"
    r"wounded|injured|targeted|ambushed)\b",
    re.I,
)


def government_hit(country: str, cue_text: str) -> Actor | None:
    """The country's government, when the attack's sentences say it killed, seized or wounded one of
    its officials ("abducted the sub-prefect", "killed ... among them the minister for refugees")."""
    if not country or not _OFFICIAL_HIT.search(cue_text):
        return None
    return with_country(Actor("Government of {the_country}", "Government"), country)
