"""The toll of one event: which of the article's counts of the dead an analyst gives it.

ACLED codes the most conservative credible count of the deaths at the event: the lead's count,
unless the report says the toll rose; never a running total, a war's toll or another source's
higher figure; the attackers' dead with their victims'; a suicide bomber among them. A floor
or a vague word ("more than 40", "dozens") is a lower bound: the report's own specific count at
or above it is the count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitrep.assemble.records import Draft, Findings
from sitrep.counts import VAGUE_COUNTS, numbers_in, parse_count
from sitrep.events import Lexicon
from sitrep.model import Fatalities, Span

LEAD_TOLL_CHARS = 300  # a toll this close to the lead's sentence is the lead's
OPENING_CHARS = 600  # a report's headline and first paragraph: where it states its own toll


@dataclass(frozen=True)
class LeadTolls:
    """Counts no event's clauses took: those around the first main event's lead sentence
    ("Monday's attack, which left 14 people dead"), and all of them (a later, specific count)."""

    near: tuple[Fatalities, ...] = ()
    free: tuple[Fatalities, ...] = ()


NO_TOLLS = LeadTolls()


def lead_tolls(findings: Findings, drafts: list[Draft], main: Draft) -> LeadTolls:
    """Counts of the dead that no event's clauses took, and those told around the first main
    event's lead sentence ("Several people are dead after gang members stormed a town"): the
    report's own toll, which an analyst gives its main event."""
    taken = {id(f) for d in drafts for c in d.clauses for f in c.fatalities}
    free = tuple(f for f in findings.fatalities if id(f) not in taken and f.span is not None)
    lead = main.mentions[0].sentence
    near = tuple(
        f for f in free if lead.start - LEAD_TOLL_CHARS <= f.span.start <= lead.end + LEAD_TOLL_CHARS
    )
    return LeadTolls(near, free)


def event_toll(text: str, draft: Draft, lexicon: Lexicon, lead: LeadTolls = NO_TOLLS) -> Fatalities | None:
    """The event's toll: its own first count (or the lead's), then a specific count for a floor
    or a vague word the report gives elsewhere."""
    toll = _fatalities(text, draft, lexicon)
    if toll is None and lead.near:
        toll = _fatalities(text, _with_tolls(draft, lead.near), lexicon)
    opening = tuple(f for f in lead.free if f.span.start < OPENING_CHARS)
    if toll is None and opening:  # the headline's or the lead's toll
        toll = _fatalities(text, _with_tolls(draft, opening), lexicon)
    if toll is None:
        return None
    own = [f for c in draft.clauses for f in c.fatalities]
    pool = _credible(text, [*own, *lead.free], lexicon)
    quoted = _credible(text, [*own, *lead.free], lexicon, quoted=True)  # an official's words count too
    toll = _filled_floor(toll, quoted)
    toll = _specific(text, toll, pool)
    toll = _told_in_full(text, toll, quoted)
    toll = _disputed_lower(text, toll, pool, lexicon)
    toll = _rival_lower(text, toll, pool, lexicon)
    return _with_attackers(text, toll, pool, quoted)


# "Six soldiers and four rebels were killed": two counts of kinds of dead side by side (not
# "12 and 15 civilian deaths", a range; not "15 people died when ..., nine children and three women")
_TOLD_WITH_OTHERS = re.compile(
    r"^\W*(?:(?:killed|killing|kills|left|leaving|leaves) )?(?:at least )?[\w,-]+ (?!and\b|to\b|or\b)"
    r"(?:[\w'()-]+ ){1,4}?and \W?(?:at least |about |nearly |some |around )?[\w,-]+ [a-z-]+",
    re.I,
)  # 'in which 23 soldiers died and "nearly thirty terrorists neutralized"': the official's words


def without_mishap_dead(text: str, toll: Fatalities | None, lexicon: Lexicon) -> Fatalities | None:
    """Protesters angry that "14 people died when a concrete canopy fell": the dead of the accident
    a protest or riot is about are not its toll."""
    if toll is None or toll.span is None:
        return toll
    sentence = _sentence_of(text, toll.span)
    mishap = lexicon.refine["story_mishap"].search(sentence) or lexicon.refine["deadly_mishap"].search(
        sentence
    )
    return None if mishap or lexicon.refine["protest_cause"].search(sentence) else toll


def _told_in_full(text: str, toll: Fatalities, pool: list[Fatalities]) -> Fatalities:
    """The toll told again with the other side's dead beside it ("six soldiers killed", then
    "Six soldiers and four rebels were killed"): ACLED counts all the event's dead, 10."""
    if toll.span is None or toll.best == 0:
        return toll
    fuller = [
        f
        for f in pool
        if f.best > toll.best
        and f.span.start > toll.span.start
        and _TOLD_WITH_OTHERS.search(f.span.text)
        and _a_part_of(toll.best, f)
        and not _HURT_AFTER.match(
            text, f.span.end
        )  # "the body of one soldier and six other soldiers with wounds"
    ]
    return min(fuller, key=lambda f: f.span.start) if fuller else toll


_HURT_AFTER = re.compile(r"\W*(?:\w+ )?(?:with (?:\w+ )?wounds|wounded|injured|hurt)\b", re.I)


def _a_part_of(count: int, fuller: Fatalities) -> bool:
    """The toll is one of the kinds the fuller count adds up: "six soldiers" in "Six soldiers and four
    rebels", "three attackers" in "a policeman and three militants died"."""
    first = parse_count(fuller.span.text)
    parts = numbers_in(fuller.span.text)
    return (first is not None and first[0] == count) or (
        len(parts) >= 2 and count in parts and sum(parts) == fuller.best
    )


def _disputed_lower(text: str, toll: Fatalities, pool: list[Fatalities], lexicon: Lexicon) -> Fatalities:
    """Sources that dispute a toll ("the defence ministry gave a lower figure", "the military's
    account differs: it says one soldier died"): ACLED takes the lowest credible count, the other
    side's lower figure the report gives in the sentence that says the tolls differ or the next."""
    if toll.span is None or toll.best <= 1:
        return toll
    windows = [
        _with_next_sentence(text, cue.start()) for cue in lexicon.refine["disputed_toll"].finditer(text)
    ]
    disputing = [f for start, end in windows for f in pool if start <= f.span.start < end]
    lowest = _lowest_below(text, toll, disputing)
    return lowest if lowest is not toll else _below_the_higher(text, toll, pool, lexicon)


def _below_the_higher(text: str, toll: Fatalities, pool: list[Fatalities], lexicon: Lexicon) -> Fatalities:
    """ "Police put the toll at five ... The witness gave a higher count: seven dead": a toll that is
    the figure the report calls higher is another source's; the lowest other count the report gives
    for the event is ACLED's."""
    windows = [_with_next_sentence(text, cue.start()) for cue in lexicon.refine["higher_toll"].finditer(text)]
    if not any(f.best == toll.best and start <= f.span.start < end for start, end in windows for f in pool):
        return toll
    return _lowest_below(text, toll, pool)


def _lowest_below(text: str, toll: Fatalities, counts: list[Fatalities]) -> Fatalities:
    """The lowest of ``counts`` below the toll that is not the attackers' dead (ACLED's lowest
    credible count), or the toll when there is none."""
    lower = [f for f in counts if 0 < f.best < toll.best and not _of_attackers(text, f)]
    return min(lower, key=lambda f: (f.best, f.span.start)) if lower else toll


# A figure the report has since replaced: "Earlier, police had put the toll at one"
_SUPERSEDED = re.compile(
    r"\b(?:earlier|initially|at first|first|previously|had (?:put|placed|given))\b", re.I
)
RIVAL_CUE_CHARS = 30  # "put the death toll at" ends where the count's span begins


def _rival_lower(text: str, toll: Fatalities, pool: list[Fatalities], lexicon: Lexicon) -> Fatalities:
    """ "Roughly 600 people are reported dead ... Juuk put the death toll at 125": a source that
    puts the event's toll lower than the lead gives ACLED's lowest credible count. Not a figure
    the report has since replaced ("police had earlier put the toll at one"), nor below a toll
    the report says rose."""
    if toll.span is None or toll.best <= 1 or _TOLL_ROSE.search(_sentence_of(text, toll.span)):
        return toll
    put = [
        f for f in pool if _put_at(text, f, lexicon) and not _SUPERSEDED.search(_sentence_of(text, f.span))
    ]
    return _lowest_below(text, toll, put)


def _put_at(text: str, count: Fatalities, lexicon: Lexicon) -> bool:
    """The count is the figure a source puts the toll at ("some put the death toll at nine")."""
    start = max(0, count.span.start - RIVAL_CUE_CHARS)
    return any(
        cue.end() >= count.span.start
        for cue in lexicon.refine["rival_toll"].finditer(text, start, count.span.end)
    )


def _with_next_sentence(text: str, at: int) -> tuple[int, int]:
    """Where the sentence around ``at`` starts, and where the sentence after it ends."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    end = at
    for _ in range(2):
        ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
        end = min(ends) + 1 if ends else len(text)
    return start, end


# The attackers' own dead, told apart from their victims': "six of the attackers were killed",
# "killing six gunmen", "the motorcyclist ... was also killed"
_ATTACKERS = re.compile(
    r"\b(?:attackers?|assailants?|gunm[ae]n|raiders?|assaulters?|suspects?)\b|"
    r"\balso (?:been )?(?:killed|died|dead|perished|lost|shot dead|martyred)\b",
    re.I,
)
# Where the enemy dead fell: in the event's own fight, not one that followed it
_SAME_FIGHT = re.compile(
    r"\b(?:in which|in (?:a|the) \W?(?:\w+ )?(?:ambush|attack|assault|exchange|crossfire|gunfight|firefight|shootout)"
    r"|exchange of (?:gun)?fire|returned fire|(?:who|which) responded to)\b",
    re.I,
)
# The enemy killed from the air: a strike of its own, even in the thick of the fight
_FROM_THE_AIR = re.compile(
    r"\b(?:air ?force|air ?strikes?|aircraft|drones?|helicopters?|jets?|warplanes?)\b", re.I
)
# The forces' word for the attackers they killed: "neutralized six terrorists", "about 30
# terrorists had been neutralised", "killed 16 Khawarij militants" (the state's count of the enemy dead)
_ENEMY_DEAD = re.compile(
    r"\b(?:terrorists?|militants?|khawarij|khwarij|insurgents?|jihadists?|bandits?)\b", re.I
)
_OF_THE_ATTACKERS = re.compile(  # "killed six" and what follows it
    r"^\W*of (?:the|their) (?:attackers|assailants|gunmen|militants|terrorists|insurgents|rebels|jihadists)\b",
    re.I,
)  # not the bomber: ``with_bomber`` counts him
# A toll that already counts the attackers: "19 dead, 18 of them attackers"
_WITH_ATTACKERS = re.compile(
    r"\b(?:of (?:them|whom)|including|among them)\b[^.;]{0,30}?\b(?:attackers|assailants|gunmen|militants)\b",
    re.I,
)
# The attackers' dead told as a part of the overall toll: "killed 14 of the attackers, which
# brings the toll to at least 22", "which puts the overall toll at a minimum of 22"
_PART_OF_THE_TOLL = re.compile(
    r"\b(?:brings?|brought|bringing|puts?|putting|takes?|took|taking|raises?|raised|raising)\b"
    r"[^.;]{0,30}?\b(?:death )?toll\b",
    re.I,
)
# Other dead told beside the attackers' in their sentence: "17 of the attackers died, as did 14 soldiers"
_AS_DID = re.compile(r"\bas (?:did|were|was) ((?:at least |some |about )?[\w,-]+ [a-z-]+)", re.I)
ATTACKER_TAIL_CHARS = 25  # "killed six" and what follows it: "of the militants"
_BREAKDOWN = re.compile(
    r"\band (?:\w+ ){0,2}(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I
)
_SUICIDE = re.compile(r"\bsuicide\b", re.I)
# Another attack's dead: "had also died in a further suicide attack"
_ANOTHER = re.compile(r"\b(?:a further|another|a separate|a second|an earlier|a later)\b", re.I)


def _with_attackers(
    text: str, toll: Fatalities, pool: list[Fatalities], quoted: list[Fatalities]
) -> Fatalities:
    """ACLED counts the attackers' dead with their victims': a count of the attackers killed
    ("security personnel returned fire, killing six of the attackers"), of others "also killed",
    or of the enemy the forces say they killed in the fight (in their words or the reporter's)
    is added to the victims' toll once."""
    if toll.span is None or toll.best == 0 or _WITH_ATTACKERS.search(_sentence_of(text, toll.span)):
        return toll
    attackers = [f for f in pool if _of_attackers(text, f)]
    attackers += [f for f in quoted if f not in attackers and _enemy_dead_in_the_fight(text, f)]
    more = [
        f
        for f in attackers
        if f.best > 0
        and not (f.span.start < toll.span.end and toll.span.start < f.span.end)
        and not _of_attackers(text, toll)
        and not _ENEMY_DEAD.search(toll.span.text)
        and not _ANOTHER.search(_sentence_of(text, f.span))
        and _sentence_of(text, f.span) != _sentence_of(text, toll.span)
        and not (f.best == 1 and _SUICIDE.search(text))  # a lone suicide attacker: ``with_bomber``'s
        and f.best != toll.best
        and not _within_the_toll(text, f, toll, pool)
        and not _BREAKDOWN.search(
            f.span.text
        )  # "nine of the attackers and five soldiers": the toll told again
    ]
    if not more:
        return toll
    extra = min(more, key=lambda f: f.span.start)
    return replace(toll, best=toll.best + extra.best, low=toll.low + extra.low, high=toll.high + extra.high)


def _within_the_toll(text: str, attackers: Fatalities, toll: Fatalities, pool: list[Fatalities]) -> bool:
    """The attackers' dead told as a part of the toll, not beside it: their sentence says they bring
    the toll to its figure, or counts other dead with them and all still fit in the toll ("17 of the
    attackers died, as did 14 soldiers" in a clash that left 103 dead)."""
    sentence = _sentence_of(text, attackers.span)
    if _PART_OF_THE_TOLL.search(sentence) and attackers.best < toll.best:
        return True
    beside = [
        f.best
        for f in pool
        if f is not attackers
        and f.best > 0
        and _sentence_of(text, f.span) == sentence
        and not (f.span.start < attackers.span.end and attackers.span.start < f.span.end)
    ]
    beside += [count[0] for m in _AS_DID.finditer(sentence) if (count := parse_count(m.group(1)))]
    return bool(beside) and attackers.best + sum(beside) <= toll.best


def _of_attackers(text: str, count: Fatalities) -> bool:
    """A count of the attackers' dead: "four attackers were killed", "killed six of the militants"."""
    tail = text[count.span.end : count.span.end + ATTACKER_TAIL_CHARS]
    return bool(_ATTACKERS.search(count.span.text) or _OF_THE_ATTACKERS.search(tail))


def _enemy_dead_in_the_fight(text: str, count: Fatalities) -> bool:
    """The enemy dead the forces count in the same fight ("in which three terrorists were killed",
    "Army personnel who responded to the blasts neutralized six terrorists"); those of a
    counter-attack or a strike that followed are an event of their own."""
    sentence = _sentence_of(text, count.span)
    return bool(
        _ENEMY_DEAD.search(count.span.text)
        and _SAME_FIGHT.search(sentence)
        and not _FROM_THE_AIR.search(sentence)
    )


def _credible(
    text: str, counts: list[Fatalities], lexicon: Lexicon, *, quoted: bool = False
) -> list[Fatalities]:
    """Counts that may be this event's: not a war's or a running total, not two attacks' sum,
    not vague, not in quotes (unless ``quoted``: an official's words that confirm a count)."""
    return [
        f
        for f in counts
        if f.span is not None
        and not lexicon.refine["war_toll"].search(_sentence_of(text, f.span))
        and not _running_total(text, f.span)
        and not _SEVERAL_ATTACKS.search(_sentence_of(text, f.span))
        and (quoted or not _in_quotes(text, f.span))
        and not _vague(f)
    ]


# A floor above its number: "more than 20" says 21 at least (not "at least 20")
_STRICT_FLOOR = re.compile(r"\b(?:more than|over|upwards of|in excess of)\b", re.I)


def _filled_floor(toll: Fatalities, pool: list[Fatalities]) -> Fatalities:
    """ "More than 20 killed" and a count of 21 elsewhere in the report are one statement:
    the lowest count the floor admits, told, is the toll (21 bodies at the hospital)."""
    if toll.span is None or not _STRICT_FLOOR.search(toll.span.text):
        return toll
    filled = [f for f in pool if f.best == toll.best + 1]
    return min(filled, key=lambda f: f.span.start) if filled else toll


# "at least", "more than", "over": the floor a later specific count fills
_FLOOR = re.compile(
    r"\b(?:at least|more than|over|no fewer than|no less than|upwards of|in excess of)\b", re.I
)
SPECIFIC_FLOOR_RATIO = 2  # "more than 40" admits 46, not 90
SPECIFIC_VAGUE_RATIO = 8  # "dozens" (12) admits 40, not 104


def _specific(text: str, toll: Fatalities, pool: list[Fatalities]) -> Fatalities:
    """A headline rounds, the body counts: a floor ("Over 40 killed") or a vague word ("Many
    feared dead", "dozens killed") in the headline is a lower bound, and the smallest specific
    count the report gives above it (46 named by the local official) is the toll."""
    if toll.span is None:
        return toll
    vague = _vague(toll)
    if not vague and not _FLOOR.search(toll.span.text):
        return toll
    if not _in_headline(text, toll.span) or _floor_told_again(text, toll, pool):
        return toll
    ceiling = toll.best * (SPECIFIC_VAGUE_RATIO if vague else SPECIFIC_FLOOR_RATIO)
    above = [
        f
        for f in pool
        if toll.best < f.best <= ceiling
        and f.span.start != toll.span.start
        and not _STRICT_FLOOR.search(f.span.text)  # "more than 50 died" (another outlet's) rounds too
        and not _of_attackers(text, f)  # "at least five civilians dead" is not filled by six militants
    ]
    return min(above, key=lambda f: (f.best, f.span.start)) if above else toll


def _floor_told_again(text: str, toll: Fatalities, pool: list[Fatalities]) -> bool:
    """ "At least 15 dead" in the headline and "at least 15 people died" in the body: a floor that
    admits its own number, told again as the report's count, is the lowest credible toll; another
    source's higher count (19 by a monitoring group) does not fill it. "More than 40" admits no 40."""
    if _vague(toll) or _STRICT_FLOOR.search(toll.span.text):
        return False
    return any(f.best == toll.best and not _in_headline(text, f.span) for f in pool)


def _in_headline(text: str, span: Span) -> bool:
    """A line of the report's opening with no full stop: its headline (or a teaser's)."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    line = text[start : end if end >= 0 else len(text)].strip()
    return span.start < OPENING_CHARS and not re.search(r"[.!?][\"'”’)]?$|\. ", line)


def _vague(toll: Fatalities) -> bool:
    """ "dozens", "many", "several": a count with no number in it."""
    return (
        toll.span is not None
        and not re.search(
            r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
            r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a dozen)\b",
            toll.span.text,
            re.I,
        )
        and (
            parse_count(toll.span.text) is not None
            or any(w in VAGUE_COUNTS for w in re.findall(r"[a-z]+", toll.span.text.lower()))
        )  # "kill dozens": the verb before the vague word
    )


def _with_tolls(draft: Draft, tolls: tuple[Fatalities, ...]) -> Draft:
    first = replace(draft.clauses[0], fatalities=[*draft.clauses[0].fatalities, *tolls])
    return Draft([first, *draft.clauses[1:]])


def _fatalities(text: str, draft: Draft, lexicon: Lexicon) -> Fatalities | None:
    """The event's toll: the first count the report gives for it (its lead), unless a later
    sentence says the toll rose; another source's higher count is not taken. Counts inside
    quotes (a group's own boast) and running totals ("505 killed since October 7") are left
    out when others exist."""
    counts = sorted(
        (f for c in draft.clauses for f in c.fatalities), key=lambda f: f.span.start if f.span else 0
    )
    counts = [
        f
        for f in counts
        if f.span is None or not lexicon.refine["war_toll"].search(_sentence_of(text, f.span))
    ]
    counts = [f for f in counts if f.span is None or not _running_total(text, f.span)]  # never the event's
    counts = [
        f for f in counts if f.span is None or not _SEVERAL_ATTACKS.search(_sentence_of(text, f.span))
    ] or counts  # "18 killed in two separate attacks": the sum of two events, when one has its own
    plain = [f for f in counts if f.span is None or not _in_quotes(text, f.span)]
    counts = plain or counts
    counts = [f for f in counts if f.best > 0] or counts  # "none of their officers were hurt": of some
    if not counts:
        return None
    counts = [
        f for f in counts if f.span is None or _NUMBER.search(f.span.text)
    ] or counts  # not "X, who died"
    risen = [f for f in counts if f.span is not None and _TOLL_ROSE.search(_sentence_of(text, f.span))]
    if risen:
        return max(risen, key=lambda f: f.best)
    # ACLED's lowest credible count: another source's higher figure (a hospital's, a group's
    # claim, a later tally that does not say the toll rose) is not the event's
    return counts[0]


# The bomber's death told apart from the toll: "The suicide bomber also died in the blast",
# "11 corpses, with the suicide bomber making the total 12"
_BOMBER_APART = re.compile(
    r"\b(?:suicide )?bombers? (?:\w+ ){0,2}also (?:died|was killed|perished)\b|"
    r"\bwith the (?:suicide )?bomber making\b|\b(?:plus|besides|as well as) the (?:suicide )?bomber\b",
    re.I,
)
# The bomber's death told on its own: "blew himself up", "exploded herself", "detonated himself"
_BOMBER_DIED = re.compile(r"\b(?:blew|exploded|detonated) (?:him|her|them)sel(?:f|ves)(?: up)?\b", re.I)
# A toll of a kind of victim the bomber is not: "one soldier", "nine soldiers", "two civilians"
_VICTIM_KIND = re.compile(
    r"\b(?:soldiers?|troops|civilians?|policem[ae]n|police officers?|officers|worshippers|"
    r"personnel|villagers|students|children|shoppers|guards?|officials?)\b",
    re.I,
)


def with_bomber(text: str, toll: Fatalities) -> Fatalities:
    """ACLED counts a suicide bomber among a bombing's dead: a toll of the victims grows by one
    when the report tells the bomber's death apart from it, or counts a kind of victim (nine
    soldiers) and says the bomber blew himself up. "20 dead" may already count the bomber."""
    if toll.best == 0 or toll.span is None:
        return toll
    victims = bool(_VICTIM_KIND.search(toll.span.text) or _VICTIM_KIND.search(_sentence_of(text, toll.span)))
    if _BOMBER_APART.search(text) or (victims and _BOMBER_DIED.search(text)):
        return replace(toll, best=toll.best + 1, low=toll.low + 1, high=toll.high + 1)
    return toll


_BOMBER_DEAD = re.compile(
    r"\b(?:blew|exploded|detonated) (?:him|her)sel(?:f|ves)(?: up)?\b|\bthe (?:suicide )?bomber (?:also )?died\b",
    re.I,
)
# The second attacker killed beside the one who blew himself up: "and another was killed by security forces"
_ANOTHER_ATTACKER_DEAD = re.compile(
    r"\b(?:an)?other(?: one)? (?:was|had been) (?:killed|neutrali[sz]ed|shot dead)\b", re.I
)


def bomber_alone(text: str, counts: list[Fatalities]) -> Fatalities | None:
    """A suicide bombing that killed no one else still has a dead: ACLED counts the bomber
    ("A man blew himself up ..., wounding two bystanders"), and the second attacker when the
    report says he was killed too. ``None`` when the report tells no bomber's death, or counts
    other dead (``counts``, the report's own: a hotel siege's 15 are another clause's toll)."""
    said = _BOMBER_DEAD.search(text)
    if said is None or any(f.best > 2 for f in counts):
        return None
    sentence = _sentence_of(text, Span(said.start(), said.end(), said.group()))
    dead = 2 if _ANOTHER_ATTACKER_DEAD.search(sentence) else 1
    return Fatalities(dead, dead, dead, Span(said.start(), said.end(), said.group()))


_NUMBER = re.compile(
    r"\d|\b(?:no|none|nobody|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|scores|several|few|many|all|both)\b",
    re.I,
)
_SEVERAL_ATTACKS = re.compile(
    r"\b(?:two|three|four|twin|separate|several|multiple|a series of|a wave of) (?:separate |coordinated |deadly )?"
    r"(?:attacks|bombings|blasts|explosions|incidents|assaults|raids)\b",
    re.I,
)
_TOLL_ROSE = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|now stands|revised|updated|has reached|toll reached)\b",
    re.I,
)
_RUNNING_TOTAL = re.compile(
    r"\bsince (?:the (?:start|beginning|war|conflict)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?: \d{1,2})?|\d{4})\b|"
    r"\b(?:so far this year|this year alone|in total since|over the (?:past|last) (?:[\w-]+ )?(?:years?|months?|weeks?)|"
    r"in recent (?:months|weeks|years)|within the (?:past |last )?(?:week|month|year))\b|"
    r"\b(?:hundreds|thousands|tens of thousands|hundreds of thousands|millions)\b[^.;]{0,40}?"
    r"\b(?:have|has) (?:died|been killed|lost their lives)\b|"  # "Hundreds of people have died in clashes"
    r"\bsince (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|last week)\b|"  # "400 bodies since Monday"
    r"\b(?:campaign|offensive|operation|crackdown)s? (?:\w+ ){0,3}(?:has|have|had) (?:so far )?(?:killed|left)\b|"
    r"\b(?:crackdowns|attacks|clashes|strikes|raids) so far\b|"  # "killed in the deadly crackdowns so far"
    r"\b(?:have|has) (?:been )?(?:killed|left|claimed)\b[^.;]{0,40}?\bthis (?:year|month)\b|"  # "raids that have killed dozens this year"
    r"\b(?:over|during|in|within) (?:a|the) (?:period of (?:[\w-]+ )?(?:weeks|months|years)|"
    r"(?:[\w-]+-)?(?:week|month|year) (?:span|period|stretch))\b",  # "strikes over a four-month span killed 60"
    re.I,
)


def _running_total(text: str, span: Span) -> bool:
    sentence = _sentence_of(text, span)
    return any(
        not _SUPERLATIVE.search(sentence, max(0, m.start() - 50), m.start())
        for m in _RUNNING_TOTAL.finditer(sentence)
    )  # "one of the worst massacres in recent years" dates nothing


_SUPERLATIVE = re.compile(r"\b(?:worst|deadliest|bloodiest|biggest|largest|most \w+)\b", re.I)


def _sentence_of(text: str, span: Span) -> str:
    start = max(text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start)) + 1
    ends = [i for i in (text.find(". ", span.end), text.find("\n", span.end)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _in_quotes(text: str, span: Span) -> bool:
    paragraph_start = text.rfind("\n", 0, span.start) + 1
    return any(text.count('"', paragraph_start, edge) % 2 == 1 for edge in (span.start, span.end))
