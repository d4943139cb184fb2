"""What the words around a place name say about its part in the story.

A dateline ("Peshawar, Oct 11 (PTI) –", "Mogadishu, Somalia —") says where a report was filed,
and a destination ("a train about to leave for Peshawar", "patients moved to Peshawar") where
people went, a journey's start ("on their way from Churachandpur") where travellers set out, and an origin
("a missile launched from Yemen") where a weapon came from: none is
where the event happened, so all are hints, never the event's own place. A named village the gazetteer lacks ("the town of Maga") still tells that the event is
in a village, so the coder must not put it in another town of the story.
"""

from __future__ import annotations

import re

from sitrep.model import Span

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WORD = r"[A-Z][\w'\u2019.-]+"
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>{_WORD}(?:[ \t]{_WORD}){{0,2}})"
    rf"(?P<country>,[ \t]*(?!{_MONTH}[ \t]+\d){_WORD}(?:[ \t]{_WORD}){{0,2}})?"
    rf"(?P<date>,?[ \t]*{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?)?"
    rf"[ \t]*(?P<agency>\([^)\n]{{1,40}}\))?"
    rf"[ \t]*(?P<dash>\.-|\u2014|\u2013|--?|:)?[ \t]+\S",
    re.MULTILINE,
)
_DESTINATION_BEFORE = re.compile(
    r"\b(?:(?:leave|left|leaving|bound|headed|heading|destined|departed|departing|travel+ing|"
    r"flights?|trains?|buses)\s+(?:for|to)|en route to|on (?:their|its|his|her) way to|"
    r"(?:taken|take|moved?|moving|referred|rushed|airlifted|evacuated|transferred|shifted|fled|flee|"
    r"fleeing|deported|relocated|brought|sent)\s+(?:\w+\s+){0,3}?to)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "witnesses, who spoke to AFP in Dubai by telephone", "told Reuters in Nairobi": where a
# source spoke from
_SPOKE_FROM_BEFORE = re.compile(
    r"\b(?:(?:spoke|speaking|talking)\s+(?:by\s+(?:tele)?phone\s+)?to|told)\s+(?:the\s+)?"
    r"(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*)?\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "told reporters in Belfast", "said at a news conference in Kampala": where an official briefed
# the press, not the scene
_BRIEFED_FROM_BEFORE = re.compile(
    r"\b(?:(?:told|briefed|briefing|addressed|addressing|(?:spoke|speaking|talking)\s+to)\s+(?:the\s+)?"
    r"(?:reporters|journalists|press|media)|(?:at|during|told|addressed|addressing)\s+an?\s+"
    r"(?:news|press|media)\s+(?:conference|briefing))\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "a missile launched from Yemen", "rockets fired from Lebanon": where a weapon came from; the
# event is where it struck or was shot down.
_ORIGIN_BEFORE = re.compile(
    r"\b(?:launched|fired|lobbed)\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "pilgrims coming home from Karbala in Iraq": where people came back from, not the scene
_RETURN_BEFORE = re.compile(
    r"\b(?:coming|came|come|returning|returned|return|back)\s+(?:home\s+|back\s+)?from\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "the five were on their way from Churachandpur", "a bus travelling from Quetta to Taftan", "a
# convoy loaded with supplies for Parachinar", "moving in a convoy from Parachinar towards
# Peshawar": a journey's two ends, where travellers set out and were going, not where they were
# stopped (ACLED codes the ambush where it happened, or the area the story gives).
_JOURNEY = (
    r"(?:travel+(?:ing|ed|s)?|journey(?:ing|ed)?|on (?:their|its|his|her) way|(?:were|was) moving|headed|heading|"
    r"driving|drove|set (?:off|out)|convoy|bus|lorry|truck)"
)
_JOURNEY_END_BEFORE = re.compile(
    rf"\b{_JOURNEY}\b[^.;:!?]{{0,80}}?\b(?:from|to|towards?|for)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_DISTANCE_BEFORE = re.compile(
    r"\b(?:km|kilomet(?:re|er)s?|miles)\s+(?:\w+\s+){0,2}?(?:from|of|outside)\s+(?:the\s+)?(?:city of\s+)?$",
    re.IGNORECASE,
)
# "the town of Maga", "Yelewata community", "Kulachi village", "Khar, a town close to ...".
_SETTLEMENT = r"(?:town|village|hamlet|community|settlement|locality|municipality)"
_SETTLEMENT_BEFORE = re.compile(rf"\b{_SETTLEMENT} of\s+$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(
    rf"^(?:\s+{_SETTLEMENT}\b|,\s+(?:an?|the)\s+(?:\w+\s+){{0,2}}?{_SETTLEMENT}\b)", re.IGNORECASE
)


def dateline_spans(text: str) -> list[Span]:
    """Title-case datelines at the head of a paragraph ("Quito, Jul 4 (EFE).-", "Jerusalem —"):
    the place each names. Capitalised datelines ("YANGON:") are the furniture stage's."""
    spans = []
    for m in _DATELINE.finditer(text):
        if m.group("date") or m.group("agency") or m.group("dash"):
            spans.append(Span(m.start("place"), m.end("place"), m.group("place")))
    return spans


def in_dateline(span: Span, datelines: list[Span]) -> bool:
    """Whether ``span`` is (inside) one of the dateline places."""
    return any(d.start <= span.start < d.end for d in datelines)


def is_elsewhere(span: Span, text: str) -> bool:
    """ "leave for Peshawar", "patients moved to Peshawar", "80 kilometres from Lahore", "a drone
    launched from Yemen", "spoke to AFP in Dubai", "told reporters in Belfast", "returning from
    Karbala", "on their way from Churachandpur", "a convoy carrying food to Parachinar": where people
    went, set out or came back from, a landmark to measure from, where a weapon came
    from or where a source spoke or briefed the press from, not the scene."""
    before = text[max(0, span.start - 60) : span.start]
    return bool(
        _DESTINATION_BEFORE.search(before)
        or _JOURNEY_END_BEFORE.search(text[max(0, span.start - 120) : span.start])
        or _DISTANCE_BEFORE.search(before)
        or _ORIGIN_BEFORE.search(before)
        or _RETURN_BEFORE.search(before)
        or _SPOKE_FROM_BEFORE.search(before)
        or _BRIEFED_FROM_BEFORE.search(before)
    )


def is_settlement(span: Span, text: str) -> bool:
    """A name the text calls a town or village ("the town of Maga", "Khar, a town close to")."""
    return bool(
        _SETTLEMENT_BEFORE.search(text[max(0, span.start - 20) : span.start])
        or _SETTLEMENT_AFTER.match(text[span.end : span.end + 40])
    )
