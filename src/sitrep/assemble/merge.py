"""Which clauses are one event: dated clauses first, then each undated clause joins the
nearest compatible event (date windows, types, countries and distance agree)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from difflib import SequenceMatcher

from sitrep.assemble.clauses import opens_a_period, when_said
from sitrep.assemble.records import Clause, Draft, Findings, Tree
from sitrep.codebook import codebook, distance_km
from sitrep.config import AssembleSettings
from sitrep.events import ACCESSORY_SUBS, ARMED_TYPES, GENERIC, STRONG, Lexicon
from sitrep.geo.gazetteer import normalise_name
from sitrep.model import DatePrecision, DateSource, EventDate, EventRole, Location, TimeExpression, Toponym
from sitrep.nlp import doc_text

_PRECISION_RANK = codebook().date_ranks


def merge_clauses(clauses: list[Clause], lexicon: Lexicon, settings: AssembleSettings) -> list[Draft]:
    """Dated clauses first, in text order; then each undated clause joins the event
    nearest to it (same sentence, else the closest before it) or starts its own."""
    clauses = [piece for c in clauses for piece in _split_arrests(c)]
    clauses = [piece for c in clauses for piece in _split_listed_places(c, settings)]
    drafts: list[Draft] = []
    dated_referrals: list[Clause] = []  # "the beach came under attack late on Friday"
    for clause in (c for c in clauses if c.date is not None):
        home = next((d for d in drafts if _compatible(d, clause, lexicon, settings)), None)
        if home is not None and _set_apart(home, clause, settings):
            home = None  # "Earlier in the day, a missile boat intercepted a drone over the Mediterranean"
        if home is None and refers_back(clause):  # "mourners on Friday ... killed in the explosions"
            home = next((d for d in drafts if _told_before(d, clause, lexicon, settings)), None)
        if home is not None:
            home.clauses.append(clause)
        elif _can_start_event(clause):
            drafts.append(Draft(clauses=[clause]))
        else:
            dated_referrals.append(clause)
    for clause in (c for c in clauses if c.date is None):
        fits = [
            d
            for d in drafts
            if _compatible(d, clause, lexicon, settings)
            and (_recent_or_undated(d) or _same_sentence(d, clause))
        ]
        # "in a separate incident, militants ambushed a patrol": another event
        fits = [d for d in fits if not _set_apart(d, clause, settings)]
        if fits:
            min(fits, key=lambda d: (_arrests_only(d, clause), _text_distance(d, clause))).clauses.append(
                clause
            )
        elif _can_start_event(clause) and (
            clause.toponyms
            or clause.actors
            or clause.fatalities
            or _headline(clause)
            or (
                clause.follows_event and (drafts or not clause.arrest_made)
            )  # a theft's arrests: no violence told
        ):
            drafts.append(Draft(clauses=[clause]))  # undated: only with a place, actor or toll
    for clause in dated_referrals:  # a dated mention that names no event dates the nearest undated one
        fits = [d for d in drafts if d.date is None and _compatible(d, clause, lexicon, settings)]
        if fits:
            min(fits, key=lambda d: _text_distance(d, clause)).clauses.append(clause)
    for d in drafts:
        d.clauses.sort(key=lambda c: c.start)
    return sorted(drafts, key=lambda d: d.clauses[0].start)


# "In a separate incident", "a separate drone strike", "Elsewhere,": the writer tells another event.
_APART = re.compile(
    r"\b(?:in (?:a|another) (?:separate|similar|different|second|further) (?:incident|attack|raid|case)|"
    r"in another (?:incident|attack|raid)|(?:a|one) (?:separate|further|second) (?:[\w-]+ ){0,2}?"
    r"(?:attack|strike|bombing|blast|explosion|raid|ambush|incident|assault|shelling)s?|"
    r"the second (?:attack|blast|explosion|strike|bombing|raid)s?\b|^\W*(?:separately|elsewhere)\b)",
    re.I,
)


# "Later that night, two men were shot dead", "A few hours afterwards, a helicopter was brought
# down", "Earlier on Monday, a missile boat shot down a drone": the sentence opens on the next
# (or an earlier) act of the day's sequence
_SEQUENCE = re.compile(
    r"^\W*(?:(?:(?:about|around|some|nearly|barely|just|less than|more than|a|an|one|two|three|several|"
    r"a few|few) )*(?:hours?|minutes?) (?:later|after(?:wards)?|earlier)|"
    r"(?:later|earlier) (?:that|the same|in the|on|on the) (?:day|night|morning|afternoon|evening|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)",
    re.I,
)


def told_apart(clause: Clause) -> bool:
    """The sentence sets the clause's event apart from the ones told before it, before its
    trigger, and names no country alone for it: ACLED codes a separate incident as its own event,
    even on the same day, where it can place it ("Elsewhere in Ecuador" it cannot); a sentence
    that names no place the tagger found ("the second attack, in Hazar Ganji") still tells one."""
    countries = [t for t in clause.toponyms if t.location is not None and t.location.feature == "country"]
    if countries and len(countries) == len(clause.toponyms):
        return False
    first = clause.mentions[0]
    before = first.sentence.text[: first.trigger.end - first.sentence.start]
    return bool(_APART.search(before)) or _next_act(clause, before) or _another_act(clause, before)


# "Gladkov also claimed that a second drone hit the village of Verkhososna", "Authorities also
# said that in the nearby township of Mondomo, ..., an explosive device was found and deactivated":
# the writer adds an act to the one told
_ALSO = re.compile(r"\balso\b", re.I)


def _another_act(clause: Clause, before: str) -> bool:
    """A sentence that adds an act ("also") named by a strong word of its own: not one that
    adds what the attackers did in the act told ("the settlers also burned and looted homes")."""
    return (
        bool(_ALSO.search(before))
        and clause.mentions[0].strength == STRONG
        and any(s not in ACCESSORY_SUBS for s in clause.strong_subs)
        and not refers_back(clause)
    )


# "Earlier on Saturday the group had said that five of its fighters were killed in the
# bombardment": the statement is of another moment, the act it tells is the one already told
_REPORTED = re.compile(r"\b(?:said|says|saying|statement|claimed|reported|told|announced)\b", re.I)


def _next_act(clause: Clause, before: str) -> bool:
    """A sentence that opens on another moment of the day ("Later that night") and then tells
    an act of its own, named by a strong word, not "the attack" already told."""
    opener = _SEQUENCE.search(before)
    return (
        opener is not None
        and not _REPORTED.search(before[opener.end() :])
        and clause.mentions[0].strength == STRONG
        and not refers_back(clause)
        and not any(_demonstration(s) for s in clause.strong_subs)
    )


def _demonstration(sub_event_type: str) -> bool:
    """A protest's day in one town is one event however its course runs ("A few hours later it
    turned violent"): ACLED codes a demonstration per place and day."""
    book = codebook()
    return book.event_types[book.sub_event_type(sub_event_type).event_type].family == "demonstration"


def _set_apart(draft: Draft, clause: Clause, settings: AssembleSettings) -> bool:
    """The clause tells another event than the draft: the writer sets it apart ("in a separate
    incident"), or opens on another moment of the day and names no town near the draft's ("A few
    hours afterwards, a police helicopter was brought down"): the next moment in the same town is
    the same event's course ("Earlier on Tuesday, protesters broke into the congress in Quito"), or
    adds an act ("also") in a place the draft does not name: ACLED codes one event per place."""
    if not (told_apart(clause) and _can_start_event(clause)):
        return False
    first = clause.mentions[0]
    before = first.sentence.text[: first.trigger.end - first.sentence.start]
    if _APART.search(before):
        return True
    if not _next_act(clause, before):  # "also hit the village of Verkhososna": another village
        return _another_place(draft, clause)
    towns = [t.location for t in clause.toponyms if t.location and t.location.feature in _TOWNS]
    held = [p for p in _draft_places(draft) if p.feature in _TOWNS]
    return not any(_near(a, b, settings.same_town_km) for a in towns for b in held)


def _another_place(draft: Draft, clause: Clause) -> bool:
    """The clause names a town, or a place the gazetteer does not hold ("the village of
    Verkhososna"), that the draft does not name, and the draft is placed: another place."""
    told = {t.span.text.lower() for c in draft.clauses for t in c.toponyms}
    held = [p for p in _draft_places(draft) if p.feature in _TOWNS]
    own = [
        t
        for t in clause.toponyms
        if (t.location is None or t.location.feature in _TOWNS) and t.span.text.lower() not in told
    ]
    placed = any(p.feature != "country" for p in _draft_places(draft))
    return (
        placed
        and bool(own)
        and not any(_near(t.location, b, LISTED_VILLAGES_KM) for t in own if t.location for b in held)
    )


# "the mass kidnapping", "the latest abduction", "those killed in the explosions": the writer
# names an event the reader already knows
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?!an?\s)[\w-]+\s+){0,2}$",
    re.I,
)
BACK_REFERENCE_DAYS = 7  # a later day's search, funeral or statement about the same event


def refers_back(clause: Clause) -> bool:
    """Every event noun of the clause is a definite reference to an event already told ("the
    kidnapping"), and its date is not written into that name: the sentence's day (a statement,
    a funeral, a search) is not the event's."""
    strong = [m for m in clause.mentions if m.strength == STRONG]
    if not strong or clause.named_date is not None:
        return False
    return all(
        not m.trigger.text.lower().endswith("ed")
        and _BACK_REFERENCE.search(
            m.sentence.text[
                max(0, m.trigger.start - m.sentence.start - 40) : m.trigger.start - m.sentence.start
            ]
        )
        for m in strong
    )


def _told_before(draft: Draft, clause: Clause, lexicon: Lexicon, settings: AssembleSettings) -> bool:
    """An event of the clause's kind, told earlier in the report and dated a few days before it."""
    told = set(_draft_subs(draft))
    if draft.date is None or (told and not set(clause.strong_subs) <= told):  # "the attack": any kind
        return False
    gap = (event_date_of(clause.date).start - event_date_of(draft.date).end).days
    undated = replace(clause, times=[])
    return 0 <= gap <= BACK_REFERENCE_DAYS and _compatible(draft, undated, lexicon, settings)


# "arrested over Sunday's explosion", "detained following the blast": the arrest names the
# event it follows, which is not a second telling of that event's violence.
_ARREST_OVER = re.compile(
    r"\b(?:over|for|after|following|in connection with|linked to|behind|suspected of|"
    r"responsible for|involved in|in the wake of)\b[^.;]{0,60}$",
    re.I,
)


def _split_arrests(clause: Clause) -> list[Clause]:
    """An arrest clause that names the attack it follows becomes two: the arrest (with the
    clause's actors) and a reference to the attack (with its toll), each to join its own event."""
    arrests = [m for m in clause.mentions if m.strength == STRONG and m.sub_event_type == "Arrests"]
    if not arrests:
        return [clause]
    first = arrests[0]
    referred = [
        m
        for m in clause.mentions
        if m.trigger.start > first.trigger.end
        and m.sub_event_type not in ACCESSORY_SUBS
        and _ARREST_OVER.search(
            m.sentence.text[first.trigger.end - m.sentence.start : m.trigger.start - m.sentence.start]
        )
    ]
    if not referred:
        return [replace(clause, follows_event=True, arrest_made=True)] if _made_arrest(clause) else [clause]
    kept = [m for m in clause.mentions if m not in referred]
    arrest = replace(clause, mentions=kept, fatalities=[], victims=[], follows_event=True)
    reference = replace(clause, mentions=referred, actors=[])
    return [arrest, reference]


# "efforts to arrest the attackers", "will be detained", "a warrant for his arrest": no one held yet
_NOT_YET = re.compile(
    r"\b(?:to|will|would|could|should|may|might|must|seek(?:s|ing)?|sought|vow(?:ed|s)?|order(?:ed|s)?)"
    r"(?: be)?(?: \w+ly)? $",
    re.I,
)
_HELD = re.compile(r"(?:ed|taken into custody|rounded up)$", re.I)


def _made_arrest(clause: Clause) -> bool:
    """ "Seven people have been detained so far", "police had just detained two suspects": an
    arrest made, told in a sentence of its own, is an event of its own beside the violence of
    the report (ACLED codes it as Arrests), where "vowed to arrest the attackers" is not."""
    if clause.fatalities or any(m.sub_event_type != "Arrests" for m in clause.mentions):
        return False
    first = clause.mentions[0]
    before = first.sentence.text[
        max(0, first.trigger.start - first.sentence.start - 30) : first.trigger.start - first.sentence.start
    ]
    return bool(_HELD.search(first.trigger.text)) and not _NOT_YET.search(before)


# "in Lahore, Faisalabad and Quetta": only commas and conjunctions between two place names;
# "20 over the Kursk Region, nine over the Bryansk Region": a count and the same preposition again
_LIST_GAP = re.compile(
    r"^(?:\s*(?:,|;|and|or|as well as|&)\s*)+(?:(?P<count>(?:\d+|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|another|a further \w+|\w+ more)\s+)?(?P<prep>over|in|on|at)\s+)?(?:the\s+)?$",
    re.I,
)
_AND = re.compile(r"\b(?:and|or|as well as)\b|&", re.I)
# "in the capital Sanaa, in Hodeida, the main port, and in Amran": a few words that say what a
# listed town is do not end the list
_APPOSITION = re.compile(r"^,\s*(?:the|a|an|its)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+\s*(?=,)", re.I)
# "Pennsylvania and North avenues", "Kabul and Kandahar roads": streets, not places
_STREETS = re.compile(r"^\s+(?:avenues|streets|roads|highways|boulevards|junctions)\b", re.I)
_TOWNS = frozenset({"city", "town"})
_AREAS = frozenset({"admin1", "admin2"})
_LISTABLE = _TOWNS | _AREAS


def _split_listed_places(clause: Clause, settings: AssembleSettings) -> list[Clause]:
    """ "Clashes in Lahore and Faisalabad", "drones downed over the Kursk, Bryansk and Tula
    regions": ACLED codes an event for each place a sentence lists, so a clause whose trigger
    names an event and whose sentence lists towns far apart, or provinces none of which holds
    another, becomes one clause per place (the toll and the sentence's other places stay with
    the first)."""
    if clause.strong_subs and not any(s not in ACCESSORY_SUBS or s == "Arrests" for s in clause.strong_subs):
        return [clause]
    listed = _place_list(clause)
    sentence = clause.mentions[0].sentence
    joined = len(listed) >= 2 and bool(
        _AND.search(
            sentence.text[listed[0].span.end - sentence.start : listed[-1].span.start - sentence.start]
        )
    )
    if len(listed) < 2 or not all(
        _listed_apart(a.location, b.location, settings, joined)
        for i, a in enumerate(listed)
        for b in listed[i + 1 :]
    ):
        return [clause]
    others = [t for t in clause.toponyms if t not in listed]
    areas = [t for t in others if t.location is None or t.location.feature not in _TOWNS]
    return [
        replace(
            clause,
            toponyms=[place, *(others if i == 0 else areas)],
            fatalities=clause.fatalities if i == 0 else [],
            victims=clause.victims if i == 0 else [],
            listed_at=listed[0].span.start,
        )
        for i, place in enumerate(listed)
    ]


def _place_list(clause: Clause) -> list[Toponym]:
    """The longest run of towns and provinces that only list words separate."""
    places = sorted(
        (t for t in clause.toponyms if t.location and t.location.feature in _LISTABLE),
        key=lambda t: t.span.start,
    )
    sentence = clause.mentions[0].sentence
    runs: list[tuple[list[Toponym], list[str]]] = [(places[:1], [])]
    for prev, place in zip(places, places[1:], strict=False):
        gap = _APPOSITION.sub(
            ",", sentence.text[prev.span.end - sentence.start : place.span.start - sentence.start]
        )
        if _LIST_GAP.match(gap):
            runs[-1][0].append(place)
            runs[-1][1].append(gap)
        else:
            runs.append(([place], []))
    best = max((piece for run, gaps in runs for piece in _serial(run, gaps)), key=len, default=[])
    if len(best) < 2 or _STREETS.match(sentence.text[best[-1].span.end - sentence.start :]):
        return []
    return best


def _serial(run: list[Toponym], gaps: list[str]) -> list[list[Toponym]]:
    """A preposition again only after a count or in a list closed by "and" ("in the capital
    Sanaa, in Hodeida and in Saada", "nine over the Bryansk Region"): "Duguri, in the Kukawa
    LGA" is where Duguri lies."""
    if not gaps or _AND.search(gaps[-1]):
        return [run]
    pieces = [run[:1]]
    for gap, place in zip(gaps, run[1:], strict=True):
        m = _LIST_GAP.match(gap)
        if m and m.group("prep") and not m.group("count") and not _AND.search(gap):
            pieces.append([place])
        else:
            pieces[-1].append(place)
    return pieces


LISTED_VILLAGES_KM = 3.0  # "Salama and Juhudi villages": two villages, two events


def _listed_apart(a: Location, b: Location, settings: AssembleSettings, joined: bool) -> bool:
    """Two towns far apart, or joined by "and" ("the villages of Kyselivka and Shyroka Balka",
    where "Kangemi, Nairobi" is a suburb in its city), or two places of which neither is the
    other or holds it."""
    if a.feature in _TOWNS and b.feature in _TOWNS:
        if joined:
            return a.name.lower() != b.name.lower() and distance_km(a, b) > LISTED_VILLAGES_KM
        return _apart(a, b, settings)
    names = {a.name.lower(), (a.admin1 or a.name).lower()} & {b.name.lower(), (b.admin1 or b.name).lower()}
    return not names


def _arrests_only(draft: Draft, clause: Clause) -> bool:
    """ "killed" near an arrest story joins the violence it tells of, not the arrest."""
    return set(_draft_subs(draft)) == {"Arrests"} and "Arrests" not in clause.strong_subs


def _same_sentence(draft: Draft, clause: Clause) -> bool:
    """ "the protests of October 2019, in which hundreds of demonstrators were killed": an
    undated mention in a recalled event's own sentence is that event's."""
    return any(m.sentence.start == clause.mentions[0].sentence.start for m in draft.mentions)


def _recent_or_undated(draft: Draft) -> bool:
    """An undated mention is not taken for an event recalled by month or year."""
    return draft.date is None or _PRECISION_RANK[draft.date.precision] <= _PRECISION_RANK[DatePrecision.WEEK]


def _text_distance(draft: Draft, clause: Clause) -> tuple[int, int]:
    """Same sentence first; then the draft mentioned closest before (or after) the clause."""
    same = any(m.sentence.start == clause.mentions[0].sentence.start for m in draft.mentions)
    before = [clause.start - m.trigger.start for m in draft.mentions if m.trigger.start <= clause.start]
    after = [m.trigger.start - clause.start for m in draft.mentions if m.trigger.start > clause.start]
    gap = min(before) if before else 10**6 + min(after)
    return (0 if same else 1, gap)


HEADLINE_CHARS = 300  # a headline's strong trigger needs no place of its own: the lead gives it


def _headline(clause: Clause) -> bool:
    """A strong trigger on a line of its own near the top, with no full stop: a headline."""
    sentence = clause.mentions[0].sentence.text.rstrip()
    return (
        clause.start < HEADLINE_CHARS
        and bool(clause.strong_subs)
        and not sentence.endswith((".", "!", "?", '"'))
    )


def _can_start_event(clause: Clause) -> bool:
    if any(s not in ACCESSORY_SUBS for s in clause.strong_subs):
        return True
    if clause.strong_subs:
        return True
    if any(m.sub_event_type for m in clause.mentions) and (clause.date or clause.toponyms):
        return True
    armed = any(a.actor.type in ARMED_TYPES | {"Protesters", "Rioters"} for a, _, _ in clause.actors)
    killed = any(f.best > 0 for f in clause.fatalities)
    return armed or killed


def _compatible(draft: Draft, clause: Clause, lexicon: Lexicon, settings: AssembleSettings) -> bool:
    if clause.listed_at >= 0 and clause.listed_at in _lists(draft):
        return False  # the other places of one list are the other events
    d1, d2 = draft.date, clause.date
    if d1 is not None and d2 is not None and not _dates_overlap(d1, d2):
        return False
    types1 = {lexicon.codes_for(s).event_type for s in _draft_subs(draft) if s not in ACCESSORY_SUBS}
    types2 = {lexicon.codes_for(s).event_type for s in clause.strong_subs if s not in ACCESSORY_SUBS}
    subs1, subs2 = set(_draft_subs(draft)), set(clause.strong_subs)
    told = types1 or (
        {"violence"} if not subs1 else set()
    )  # "gunmen stormed ... killing": weak words of violence
    if clause.follows_event and _arrests_after_violence(told, subs1, subs2):
        return False
    if any(c.follows_event for c in draft.clauses) and subs1 == {"Arrests"} and "Arrests" not in subs2:
        return False  # the arrest over an attack takes no other clause: they tell the attack
    if types1 and types2 and not types1 & types2:
        return False
    places1 = [t.location for c in draft.clauses for t in c.toponyms if t.location]
    places2 = [t.location for t in clause.toponyms if t.location]
    if all(m.strength == GENERIC for m in clause.mentions):
        # "last night's attack" refers back, whatever else its sentence names; but gunmen
        # who "opened fire" in another town are the next attack of a string of them
        return not _elsewhere(places1, places2, settings)
    countries1, countries2 = {p.country for p in places1}, {p.country for p in places2}
    if countries1 and countries2 and not countries1 & countries2:
        return False
    local1 = [p for p in places1 if p.feature != "country"]
    local2 = [p for p in places2 if p.feature != "country"]
    if _elsewhere(local1, local2, settings):
        return False
    if _strong_types(Draft([clause]), lexicon) and other_province(local1, local2, settings.same_event_km):
        return False
    if local1 and local2:  # two towns of one country, far apart: two events
        return any(_near(a, b, settings.same_event_km) for a in local1 for b in local2)
    return True


def _elsewhere(places1: list[Location], places2: list[Location], settings: AssembleSettings) -> bool:
    """Towns named on both sides, each far from every town of the other: two events."""
    towns1 = [p for p in places1 if p.feature in ("city", "town")]
    towns2 = [p for p in places2 if p.feature in ("city", "town")]
    return bool(towns1 and towns2) and all(_apart(a, b, settings) for a in towns1 for b in towns2)


def other_province(places1: list[Location], places2: list[Location], town_km: float) -> bool:
    """ "Drones downed over the Kursk region", then "five more over the Belgorod region": a
    province named, and no place of one side in the other's province, are two events (ACLED
    codes one event per place, and a province is a place of its own). A town within
    ``town_km`` of the other side's place may lie in it, whatever province the gazetteer gives
    it (a namesake's). Only places of a country both sides name are compared: a bomber "born in
    the city of Osh" says nothing of where in Russia he struck."""
    shared = {p.country for p in places1} & {p.country for p in places2}
    places1 = [p for p in places1 if p.country in shared]
    places2 = [p for p in places2 if p.country in shared]
    if not places1 or not places2 or not any(p.feature in _AREAS for p in (*places1, *places2)):
        return False
    return not any(_one_province(a, b, town_km) for a in places1 for b in places2)


def _one_province(a: Location, b: Location, town_km: float) -> bool:
    """Two places that may lie in one province: a town close to the other place, or one name."""
    areas = a.feature in _AREAS and b.feature in _AREAS
    if not areas and distance_km(a, b) <= town_km:
        return True
    return any(_same_name(x, y) for x in _provinces(a) for y in _provinces(b))


def _provinces(place: Location) -> set[str]:
    """The names of the province a place lies in (a province's own names), plain lower case."""
    names = {place.admin1 or ""} | ({place.name} if place.feature == "admin1" else set())
    plain = (normalise_name(n) for n in names)
    stripped = (re.sub(r"\b(?:region|province|oblast|state|governorate)\b|[^a-z]", "", n) for n in plain)
    return {n for n in stripped if n}


def _same_name(a: str, b: str) -> bool:
    """One name in two spellings ("Voronezh" and "Voronezj", "Kyiv" and "Kiev")."""
    return a == b or a.startswith(b) or b.startswith(a) or SequenceMatcher(None, a, b).ratio() >= 0.8


def _apart(a: Location, b: Location, settings: AssembleSettings) -> bool:
    return not _near(a, b, settings.same_town_km)


def _near(a: Location, b: Location, km: float) -> bool:
    """Within ``km``, or one the namesake of the other's province: "in Katsina" is often
    Katsina State, where Sabuwa is, 200 km from the city of Katsina."""
    namesake = a.name.lower() == (b.admin1 or "").lower() or b.name.lower() == (a.admin1 or "").lower()
    return distance_km(a, b) <= km or namesake


def _draft_places(draft: Draft) -> list[Location]:
    return [t.location for c in draft.clauses for t in c.toponyms if t.location]


_DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})


def _arrests_after_violence(violent_types: set[str], violent_subs: set[str], arrest_subs: set[str]) -> bool:
    """ACLED codes the arrest of suspects over a bombing or a raid as its own event
    (Arrests), while the arrests of a demonstration are part of it, and the "detained" of
    an abduction story retells the abduction. Troops who "arrested two men for questioning"
    at the scene are still the attack's story: only an arrest that names the attack it
    follows stands apart."""
    return (
        bool(violent_types)
        and not violent_types & _DEMONSTRATION_TYPES
        and "Abduction/forced disappearance" not in violent_subs
        and arrest_subs == {"Arrests"}
    )


def _draft_subs(draft: Draft) -> list[str]:
    return [s for c in draft.clauses for s in c.strong_subs]


def _dates_overlap(a: TimeExpression, b: TimeExpression, *, slack_days: int = 0) -> bool:
    ea, eb = event_date_of(a), event_date_of(b)
    slack = timedelta(days=slack_days)
    return ea.start <= eb.end + slack and eb.start <= ea.end + slack


# "late on Wednesday" and "on Thursday" (the report's day, or past midnight) in one story
RETELLING_SLACK_DAYS = 1


def event_date_of(t: TimeExpression) -> EventDate:
    return EventDate(start=t.start_date, precision=t.precision, source=DateSource.TEXT)


def draft_date(when: TimeExpression | None, published: date) -> EventDate:
    """The event's date read in the text (``when``: its own, or the story's for a main event),
    else the article's publication date, marked as such."""
    if when is None:
        return EventDate(published, DatePrecision.DAY, DateSource.PUBLICATION_DATE)
    return event_date_of(when)


def consolidate_main(
    drafts: list[Draft], roles: list[EventRole], lexicon: Lexicon, settings: AssembleSettings
) -> tuple[list[Draft], list[EventRole]]:
    """Fold the other main drafts of one incident into the lead one.

    Real reports tell one incident several times over (headline, lead, "the assault on the
    beach", "clashes broke out" in a protest story); each retelling must not become an event.
    A later main draft joins an earlier one of the same family (violence, demonstrations,
    strategic) when their dates can be one day and their local places are not far apart;
    a demonstration absorbs the "clashes" of its own story. Two towns far apart stay two events.
    """
    kept: list[int] = []
    for i, (draft, role) in enumerate(zip(drafts, roles, strict=True)):
        if role is EventRole.MAIN:
            home = next(
                (
                    k
                    for k in kept
                    if roles[k] is EventRole.MAIN and _one_incident(drafts[k], draft, lexicon, settings)
                ),
                None,
            )
            if home is not None:
                drafts[home].clauses.extend(draft.clauses)
                drafts[home].clauses.sort(key=lambda c: c.start)
                continue
        kept.append(i)
    return [drafts[i] for i in kept], [roles[i] for i in kept]


def _lists(draft: Draft) -> set[int]:
    return {c.listed_at for c in draft.clauses if c.listed_at >= 0}


def _one_incident(lead: Draft, other: Draft, lexicon: Lexicon, settings: AssembleSettings) -> bool:
    if _set_apart(lead, other.clauses[0], settings):
        return False  # "in a separate incident in South Waziristan": not a retelling of the lead
    if _lists(lead) & _lists(other):
        return False  # two places of one list
    d1, d2 = lead.date, other.date
    if d1 is not None and d2 is not None and not _dates_overlap(d1, d2, slack_days=RETELLING_SLACK_DAYS):
        return False
    if d1 is not None and d2 is not None and _other_day_elsewhere(lead, other):
        return False
    if _other_act_elsewhere(lead, other, settings.same_area_km):
        return False
    if _other_type_placed_alone(lead, other, lexicon, settings.same_area_km):
        return False
    fam1, fam2 = _families(lead, lexicon), _families(other, lexicon)
    if (
        fam1
        and fam2
        and not fam1 & fam2
        and not _protest_clash(fam1, other)
        and not _protest_clash(fam2, lead)
    ):
        return False
    if _elsewhere(_draft_places(lead), _draft_places(other), settings):
        return False
    if _strong_types(other, lexicon) and other_province(
        [p for p in _draft_places(lead) if p.feature != "country"],
        [p for p in _draft_places(other) if p.feature != "country"],
        settings.same_event_km,
    ):
        return False
    local1 = [
        t.location for c in lead.clauses for t in c.toponyms if t.location and t.location.feature in _LOCAL
    ]
    local2 = [
        t.location for c in other.clauses for t in c.toponyms if t.location and t.location.feature in _LOCAL
    ]
    return not (local1 and local2) or any(_near(a, b, settings.same_event_km) for a in local1 for b in local2)


def _other_act_elsewhere(lead: Draft, other: Draft, area_km: float) -> bool:
    """Drones on Odesa and ballistic missiles at the Poltava region: acts of other sub-types
    in places that share no area are two events (ACLED codes one act at one place)."""
    subs1 = set(_draft_subs(lead)) - ACCESSORY_SUBS
    subs2 = set(_draft_subs(other)) - ACCESSORY_SUBS
    if not subs1 or not subs2 or subs1 & subs2:
        return False
    places1 = [p for p in _draft_places(lead) if p.feature != "country"]
    places2 = [p for p in _draft_places(other) if p.feature != "country"]
    return bool(places1 and places2) and not any(_same_area(a, b, area_km) for a in places1 for b in places2)


def _other_type_placed_alone(lead: Draft, other: Draft, lexicon: Lexicon, area_km: float) -> bool:
    """Fighting on the border, then "rocket launchers shelled an airport in the town of
    Batken": a strong act of another event type that only the later draft places in a town is
    another event (ACLED codes one type at one place), not the lead's place found late. A
    demonstration's own course (a riot, clashes with the police) stays one event."""
    types1 = _strong_types(lead, lexicon)
    types2 = _strong_types(other, lexicon)
    if not types1 or not types2 or types1 & types2:
        return False
    fam1, fam2 = _families(lead, lexicon), _families(other, lexicon)
    if fam1 == fam2 == {"demonstration"} or _protest_clash(fam1, other) or _protest_clash(fam2, lead):
        return False  # a protest that turns to a riot, its clashes with the police: one demonstration
    towns1 = [p for p in _draft_places(lead) if p.feature in _TOWNS]
    towns2 = [
        t.location
        for c in other.clauses
        if any(s not in ACCESSORY_SUBS for s in c.strong_subs)
        for t in c.toponyms
        if t.location and t.location.feature in _TOWNS
    ]  # the town of the act's own sentence, not one named in passing
    areas1 = [p for p in _draft_places(lead) if p.feature != "country"]
    # a town inside the lead's province is the lead's place, found late
    in_lead_area = any(_same_area(a, b, area_km) for a in areas1 for b in towns2)
    return bool(towns2) and not towns1 and not in_lead_area


def _strong_types(draft: Draft, lexicon: Lexicon) -> set[str]:
    return {lexicon.codes_for(s).event_type for s in _draft_subs(draft) if s not in ACCESSORY_SUBS}


def _same_area(a: Location, b: Location, area_km: float) -> bool:
    """One place, a place within the other (a town in its province), or towns close by."""
    if a.name.lower() == b.name.lower() or a.country != b.country:
        return a.name.lower() == b.name.lower()
    broad = ("admin1", "region")
    if a.feature in broad or b.feature in broad:
        return (a.admin1 or a.name).lower() == (b.admin1 or b.name).lower()
    district = "admin2" in (a.feature, b.feature)
    return distance_km(a, b) <= (2 if district else 1) * area_km


def _other_day_elsewhere(lead: Draft, other: Draft) -> bool:
    """A Saturday raid on Galim and a Sunday bomb in the Northwest: two days, two places
    named, no place in common, are two events whatever the retelling slack allows."""
    d1, d2 = lead.date, other.date
    if (
        d1.precision is not DatePrecision.DAY
        or d2.precision is not DatePrecision.DAY
        or d1.start_date == d2.start_date
    ):
        return False
    names1 = {t.span.text.lower() for c in lead.clauses for t in c.toponyms}
    names2 = {t.span.text.lower() for c in other.clauses for t in c.toponyms}
    return bool(names1) and bool(names2) and not names1 & names2


_LOCAL = frozenset({"city", "neighbourhood", "camp", "site", "town", "village", ""})


def _families(draft: Draft, lexicon: Lexicon) -> set[str]:
    book = codebook()
    subs = _draft_subs(draft)
    primary = [s for s in subs if s not in ACCESSORY_SUBS] or subs  # an arrest story is strategic
    if not primary:  # "gunmen killed 12", "the attack": weak and generic triggers speak of violence
        return {"violence"}
    return {book.event_types[lexicon.codes_for(s).event_type].family for s in primary}


def _protest_clash(families: set[str], draft: Draft) -> bool:
    """A demonstration story's "clashes" are its protesters fighting the police, not a battle."""
    subs = set(_draft_subs(draft)) - ACCESSORY_SUBS  # "clashes ... 103 detained": the arrests go with them
    return (
        "demonstration" in families
        and subs == {"Armed clash"}
        and not any(
            a.actor.type in ARMED_TYPES - {"State forces"} for c in draft.clauses for a, _, _ in c.actors
        )
    )


STORY_DAYS = 7  # "on Friday night" in a story: a day of the week before the report
STORY_CHARS = 1500  # the lead paragraphs, where a report says when its news happened


def story_date(findings: Findings, draft: Draft, tree: Tree) -> TimeExpression | None:
    """When the report's news happened, for a main event whose own sentences give no date:
    the first recent day the lead paragraphs name ("the raid took place on Friday night"),
    as an analyst reads it, rather than the date of the report."""
    published = findings.article.published
    start = draft.mentions[0].trigger.start
    text = doc_text(findings.doc)
    said = []
    for t in findings.times:
        if t.start_date is None or t.precision is not DatePrecision.DAY or t.span.start > start + STORY_CHARS:
            continue
        if opens_a_period(text, t):
            continue  # "fighting since Monday": not the day of the news
        if 0 <= (published - t.start_date).days <= STORY_DAYS and t.timex_type in ("DATE", "TIME"):
            tok = tree.parsed(t.span)
            if tok is not None and not when_said(tok):  # "the president said on Tuesday": the report's day
                return t
            said.append(t)  # or a day of a sentence focus left unparsed, with no event word near
    # else the first statement's day: what was reported had happened by then ("the army said last night")
    return min(said, key=lambda t: t.start_date, default=None)
