"""Who did it and to whom: an actor's role in its clause (read off the dependency path),
the vote over an event's clauses, and ACLED's default actors (protesters, civilians)."""

from __future__ import annotations

import re
from collections import defaultdict

from sitrep.actors import ActorDictionary, state_force, with_country
from sitrep.assemble.bomb_target import crowd_hit, crowd_hurt, forces_hit, forces_hurt
from sitrep.assemble.official_target import government_hit
from sitrep.assemble.records import Clause, Draft, Tree
from sitrep.codebook import codebook
from sitrep.crowds import force_at_crowd
from sitrep.events import ACCESSORY_SUBS, ARMED_TYPES, STRONG, Lexicon, whole_words
from sitrep.model import Actor, ActorMention, Span

_AGENT_DEPS = {"nsubj", "agent", "poss", "csubj"}
_PATIENT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
_TARGET_PREPS = {"on", "against", "at", "targeting", "in", "into", "upon"}
_SPEAKER_WORDS = (
    "spokes",
    "official",
    "statement",
    "said",
    "minister",
    "ministry",
    "authorities",
    "government",
)


# Who came after it: "police hunting assailants", "troops were searching the area".
_AFTERWARDS = re.compile(
    r"\s+(?:are |were |have been |had been |is |was )?(?:hunting|searching|investigating|looking for|"
    r"probing|combing|cordoned|sealed off|rushed to|arrived)\b",
    re.I,
)


_SPEECH_LEMMAS = {
    "say",
    "tell",
    "state",
    "claim",
    "report",
    "add",
    "announce",
    "confirm",
    "deny",
    "accuse",
    "warn",
    "write",
}


def is_speaker(text: str, actor: ActorMention, tree: Tree) -> bool:
    """Who reports an event is not a party to it: "residents said", "according to X"."""
    after = text[actor.span.end : actor.span.end + 18].lower()
    if any(w in after for w in _SPEAKER_WORDS) or _AFTERWARDS.match(text, actor.span.end):
        return True
    tok = tree.root(actor.span)
    while tok.dep_ in ("conj", "compound", "poss") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in _SPEECH_LEMMAS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def speaker_is_subject(clause: Clause, tree: Tree) -> bool:
    """The event's own subject is a pronoun standing for the speaker of its sentence."""
    for m in clause.mentions:
        trig = tree.root(m.trigger)
        head = trig if trig.pos_ in ("VERB", "AUX") else trig.head
        if any(ch.dep_ == "nsubj" and ch.lower_ in ("it", "they", "we") for ch in head.children):
            return True
    return False


_VICTIM_WORDS = re.compile(r"^(?:dead|died|wounded|injured|casualties|bodies|slain|death toll)$", re.I)


def actor_role(actor: ActorMention, clause: Clause, tree: Tree) -> tuple[str, float]:
    """actor1 (who did it) or actor2 (to whom), read off the dependency path."""
    tok = tree.root(actor.span)
    best = min(clause.mentions, key=lambda m: tree.distance(tok, tree.root(m.trigger)))
    trig = tree.root(best.trigger)
    weight = 1.0 / (1.0 + 0.25 * tree.distance(tok, trig))
    if best.strength == STRONG:
        weight *= 2
    path = tree.path_deps(tok, trig)
    if _VICTIM_WORDS.match(best.trigger.text) and not any(t.dep_ == "agent" for t in path):
        return "actor2", weight  # "eight police officers were among the dead"
    if not path:  # the trigger is not above the actor: look from their common head
        path = tree.path_deps(tok, trig.head) if trig.dep_ not in ("ROOT",) else []
        if path and trig.dep_ in _PATIENT_DEPS | {"pobj"} and path[-1].dep_ in _AGENT_DEPS:
            return "actor1", weight
    for t in reversed(path):
        if t.dep_ in ("agent",) or (t.dep_ == "pobj" and t.head.lower_ == "by"):
            return "actor1", weight
        if (
            t.dep_ == "pobj"
            and t.head.lower_ == "from"
            and t.head.head.i == trig.i
            and trig.pos_ in ("NOUN", "PROPN")
        ):
            return "actor1", weight  # "gunfire from Israeli settlers", "shelling from Russian positions"
        if t.dep_ == "pobj" and t.head.lower_ == "between":
            return "both", weight
        if t.dep_ == "pobj" and t.head.lower_ in _TARGET_PREPS:
            return "actor2", weight
    if path:
        top = path[-1].dep_
        if top in _AGENT_DEPS:
            return "actor1", weight
        if top in _PATIENT_DEPS:
            return "actor2", weight
    return ("actor1" if actor.span.start < best.trigger.start else "actor2"), weight * 0.8


_NON_STATE = codebook().non_state_types()


def vote_actors(draft: Draft, country: str) -> tuple[Actor | None, Actor | None, dict[str, Span]]:
    """Vote over the clauses: weighted by tree distance, named groups over generic ones.

    "Militants" or "gunmen" in an event that names an armed group are that group; clauses
    that only add an arrest or looting to the event do not vote.
    """
    votes: dict[str, dict[str, float]] = {"actor1": defaultdict(float), "actor2": defaultdict(float)}
    spans: dict[tuple[str, str], Span] = {}
    actors: dict[str, Actor] = {}
    primary = [c for c in draft.clauses if not c.strong_subs or set(c.strong_subs) - ACCESSORY_SUBS]
    voting = [(m, r, w * _symmetry(c)) for c in (primary or draft.clauses) for m, r, w in c.actors]
    named_votes: dict[Actor, float] = defaultdict(float)
    for m, _, weight in voting:
        if m.actor.type in _NON_STATE and not _is_generic(m.actor):
            named_votes[m.actor] += weight
    named_group = max(named_votes, key=named_votes.get, default=None)
    for mention, role, weight in voting:
        actor = mention.actor
        if named_group is not None and actor.type in _NON_STATE and _is_generic(actor):
            actor = named_group
        generic = _is_generic(actor)
        actor = with_country(actor, country)
        bonus = 1.0 if not generic and actor.type != "Civilians" else 0.0
        for r in ("actor1", "actor2") if role == "both" else (role,):
            votes[r][actor.name] += weight + bonus
            spans.setdefault((r, actor.name), mention.span)
        actors[actor.name] = actor
    actor1 = max(votes["actor1"], key=votes["actor1"].get, default=None)
    rest = {k: v for k, v in votes["actor2"].items() if k != actor1}
    if not rest:  # "Russian and Ukrainian troops fought": both sides stand as subjects
        rest = {k: v for k, v in votes["actor1"].items() if k != actor1 and actors[k].type in ARMED_TYPES}
        spans.update({("actor2", k): spans[("actor1", k)] for k in rest})
    actor2 = max(rest, key=rest.get, default=None)
    actor1, actor2 = _lead_order(draft, country, actor1, actor2)
    evidence = {}
    for role, name in (("actor1", actor1), ("actor2", actor2)):
        span = spans.get((role, name)) or spans.get(("actor2" if role == "actor1" else "actor1", name))
        if name and span is not None:
            evidence[role] = span
    return actors.get(actor1), actors.get(actor2), evidence


def _directed(draft: Draft, country: str, sides: set[str]) -> bool:
    """Some clause says who acted on whom: "Tajik forces opened fire on Kyrgyz border guards"."""
    for clause in draft.clauses:
        roles = {(with_country(m.actor, country).name, role) for m, role, _ in clause.actors}
        if any((a, "actor1") in roles and (b, "actor2") in roles for a in sides for b in sides if a != b):
            return True
    return False


def _symmetry(clause: Clause) -> float:
    """ "Kyrgyz and Tajik forces clashed": a clause with two sides as subjects says nothing of who
    began it, so a clause that does ("Tajik forces opened fire on Kyrgyz border guards") outweighs it."""
    subjects = {m.actor.name for m, role, _ in clause.actors if role in ("actor1", "both")}
    return 0.5 if len(subjects) >= 2 and not any(role == "actor2" for _, role, _ in clause.actors) else 1.0


def _lead_order(draft: Draft, country: str, actor1: str | None, actor2: str | None) -> tuple:
    """When the lead clause names both sides as subjects ("Russian and Ukrainian troops
    fought"), its order decides who is actor 1, not the later paragraphs' mentions."""
    if actor1 is None or actor2 is None or _directed(draft, country, {actor1, actor2}):
        return actor1, actor2
    lead = draft.clauses[0]
    subjects = [
        with_country(m.actor, country).name
        for m, role, _ in sorted(lead.actors, key=lambda a: a[0].span.start)
        if role in ("actor1", "both")
    ]
    if actor1 in subjects and actor2 in subjects and subjects.index(actor2) < subjects.index(actor1):
        return actor2, actor1
    return actor1, actor2


def _is_generic(actor: Actor) -> bool:
    """A template actor ("gunmen", "troops") whose country comes from the event."""
    return "{" in actor.name


def default_actors(
    event_type: str, sub: str, actor1: Actor | None, actor2: Actor | None, country: str, cue_text: str = ""
) -> tuple[Actor | None, Actor | None]:
    """ACLED's conventions: protests have protesters, riots rioters, attacks on civilians have
    civilians, an attack or bombing by no named group is an unidentified armed group's, and
    the police who break up a demonstration are its second side (a violent demonstration's only
    where the sentences have them meet the crowd: clash with it, use force on it or be attacked by
    it; police who came, watched or counted the arrested are no side)."""
    if actor1 is not None and actor1.type == "Civilians":  # ACLED: civilians are only ever acted upon
        demonstration = event_type in ("Protests", "Riots")  # the crowd itself, coded as protesters below
        actor1, actor2 = (
            (actor2 if actor2 is not None and actor2.type != "Civilians" else None),
            (None if demonstration else actor1),
        )
    if (
        sub == "Armed clash"  # a recapture is the army's, whatever it lost on the way
        and actor1 is not None
        and actor2 is not None
        and actor1.type == "State forces"
        and actor2.type in codebook().non_state_types()
        and _STATE_HIT.search(cue_text)
    ):
        actor1, actor2 = actor2, actor1  # "23 soldiers die in ambush": the ambushers began it
    if not country:
        return actor1, actor2
    if sub == _EXCESSIVE:  # ACLED: the force is actor 1
        protesters = _default_actor("Protesters", country)
        force = actor1 if actor1 is not None and actor1.type != "Protesters" else actor2
        return _police_unless_army(force, country, cue_text) or _police(country, cue_text), protesters
    if event_type == "Protests" and (actor1 is None or actor1.type != "Protesters"):
        protesters = _default_actor("Protesters", country)
        actor1, actor2 = protesters, actor2 if actor2 is not None else actor1
    if (
        event_type == "Riots"
        and actor1 is not None
        and actor1.type == "State forces"
        and sub != "Mob violence"
    ):
        actor1, actor2 = None, actor1  # the police who faced the rioters are the second side
    if event_type == "Riots" and (actor1 is None or actor1.type == "Protesters"):  # ACLED: rioters
        actor1 = _default_actor("Rioters", country)
    if sub == "Violent demonstration" and actor2 is not None and actor2.type == "Civilians":
        actor2 = None  # ACLED: a crowd that turns on people is a mob; a violent demonstration's other side is a force
    if (
        event_type in ("Protests", "Riots")
        and sub != "Peaceful protest"
        and sub != "Mob violence"
        and actor2 is None
    ):  # ACLED: an intervention is the state's, and the police's unless the report names the army
        actor2 = _police(country, cue_text) or (
            state_force("Police", country) if sub == "Protest with intervention" else None
        )
    if event_type in ("Protests", "Riots") and sub != "Mob violence":
        actor2 = _police_unless_army(actor2, country, cue_text)
    if sub == "Violent demonstration" and actor2 is not None and actor2.type == "State forces":
        actor2 = actor2 if force_at_crowd("crowd_met_force", cue_text, Lexicon.default()) else None
    if sub == "Mob violence" and (
        actor2 is None
        or (actor2.type == "State forces" and not _MOB_ON_POLICE.search(cue_text))
        or (actor2.type == "State forces" and Lexicon.default().refine["mob_on_people"].search(cue_text))
    ):  # a lynching's victim: the police came after, or held the man the mob came for
        actor2 = _default_actor("Civilians", country)
    if sub in _BOMBS and actor1 is not None and actor1.type == "State forces":
        actor1, actor2 = None, actor2 or actor1  # the soldiers or police a bomb hit; states do not plant them
    if sub == "Air/drone strike" and actor1 is None:  # no one names the aircraft: the state's own air force
        actor1 = state_force("Military", country)
    if sub in _ONE_SIDED and actor1 is None:
        actor1 = _default_actor("Political militia", country)  # "Unidentified Armed Group (X)"
    civilian_target = CIVILIAN_TARGET.search(cue_text) and not _ARMED_TARGET.search(cue_text)
    if sub in _BOMBS and civilian_target and actor2 is not None and actor2.type == "State forces":
        actor2 = None  # police at a bombed rally or market said what happened; the crowd was hit
    if actor2 is None and (sub in _ON_CIVILIANS or (sub in _REMOTE and civilian_target)):
        actor2 = _default_actor("Civilians", country)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None
    return actor1, actor2


def acled_sides(
    event_type: str, sub: str, actor1: Actor | None, actor2: Actor | None, country: str, cue_text: str = ""
) -> tuple[Actor | None, Actor | None]:
    """ACLED's fixed sides, checked again on the fitted ranker's choice, which weighs the
    candidates of each side by themselves and can break them: the crowd first in a protest or
    riot and the force first in excessive force (:func:`default_actors`), the arresting force
    first in arrests, and never civilians as the side whose drones or missiles were downed."""
    if event_type in ("Protests", "Riots") or sub == _EXCESSIVE:
        return default_actors(event_type, sub, actor1, actor2, country, cue_text)
    state = "State forces"
    if sub == "Arrests" and actor1 is not None and actor1.type not in (state, "Government"):
        held = actor1 if actor1.type != "Civilians" else actor2
        force = actor2 if actor2 is not None and actor2.type == state else None
        if force is None and country:  # ACLED: the arresting force is the police unless named
            force = state_force("Police", country)
        if force is not None:  # "three IS suspects were arrested": the police acted on them
            return force, held if held is not force else None
    if sub == "Agreement":
        actor1, actor2 = _signatory(actor1, cue_text), _signatory(actor2, cue_text)
        if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
            actor2 = None  # a state does not settle with its own army: the other party the sentences name
        return _parties(actor1, actor2)
    if sub == "Armed clash" and _state_struck_first(actor1, actor2, cue_text):
        return actor2, actor1
    if sub in _BOMBS and actor2 is not None and actor2.type == "Civilians":
        actor2 = forces_hit(country, cue_text) or actor2
    elif (
        sub in _BOMBS
        and actor2 is not None
        and actor2.type == state
        and country
        and crowd_hit(cue_text)
        and (not forces_hurt(cue_text) or crowd_hurt(cue_text))
    ):  # police told of the market bombing, soldiers sat in the tea shop or died among the worshippers
        actor2 = _default_actor("Civilians", country)
    if actor2 is not None and actor2.type == "Civilians" and sub in _ON_OFFICIALS:
        actor2 = government_hit(country, cue_text) or actor2  # "abducted the sub-prefect": the state's side
    if actor2 is not None and actor2.type == "Civilians" and _SHIP_HIT.search(cue_text):
        actor2 = SEAFARERS  # a merchant ship's crew are no one country's civilians
    if sub == "Air/drone strike" and actor1 is not None and actor1.type in _NON_STATE:
        actor1, actor2 = _air_force_first(actor1, actor2, country, cue_text)
    if sub == "Disrupted weapons use" and actor2 is not None and actor2.type == "Civilians":
        if actor1 is not None and actor1.type == state and actor1.country == country:
            return actor1, None  # the sender is not named among the actors: no side rather than a wrong one
        if actor1 is not None and country:  # the sender's weapons were downed where they fell
            home = state_force("Military", country)
            return home, actor1
    return actor1, actor2


_RIOT_WORDS = re.compile(r"\b(?:rioters?|rioting|riots?|rioted|looters|mobs?)\b", re.I)
_PROTEST_WORDS = re.compile(
    r"\b(?:protesters?|protestors?|demonstrators?|marchers|protests?|demonstrations?|rall(?:y|ies))\b", re.I
)


_MANY_HELD = re.compile(
    r"\b(?:\d+|dozens|scores|hundreds|several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty)\s+(?:(?!and\b|or\b)[\w-]+\s+){0,3}?(?:people|persons|protesters|protestors|"
    r"demonstrators|rioters|suspects|men|youths|students|individuals|others|activists|supporters|"
    r"(?:were |had been |have been )?(?:arrested|detained|held))\b",
    re.I,
)


def the_crowd_held(sub: str, actor2: Actor | None, country: str, cue_text: str, story: str) -> Actor | None:
    """Those arrested in numbers at or after a demonstration are its crowd, not civilians: ACLED
    codes the people held as the protesters or rioters the report is about ("police arrested 37
    people after the clashes outside parliament"), by the words the report tells the crowd by; one
    leader held at home is a civilian still."""
    if sub != "Arrests" or actor2 is None or actor2.type != "Civilians" or not country:
        return actor2
    if not _MANY_HELD.search(cue_text):
        return actor2
    riots, protests = len(_RIOT_WORDS.findall(story)), len(_PROTEST_WORDS.findall(story))
    if not riots and not protests:
        return actor2
    return _default_actor("Rioters" if riots >= protests else "Protesters", country)


def _parties(actor1: Actor | None, actor2: Actor | None) -> tuple[Actor | None, Actor | None]:
    """An agreement between a state and an armed group puts the state first (29 of 30
    development events): "the TPLF and the government signed" is the government's accord."""
    states = ("State forces", "Government")
    if actor1 is not None and actor2 is not None and actor1.type in _NON_STATE and actor2.type in states:
        return actor2, actor1
    return actor1, actor2


def _signatory(actor: Actor | None, cue_text: str) -> Actor | None:
    """A state's side of an agreement is its government (92 of 113 state parties of the development half):
    "Armenia and Azerbaijan agreed", "Azerbaijan freed 32 Armenian soldiers", unless the report
    has the armed forces make it ("the ruling military junta", "the two armies' commanders") or
    it is a swap of prisoners, which :func:`interstate_actors` gives to the two armies."""
    if (
        actor is None
        or not actor.name.startswith("Military Forces of")
        or _ARMY_SIGNS.search(cue_text)
        or _PRISONERS.search(cue_text)
    ):
        return actor
    return with_country(Actor("Government of {the_country}", "Government"), actor.country)


_PRISONERS = whole_words("prisoners?", "detainees", "captives", "POWs", "prisoners? of war")
_ARMY_SIGNS = whole_words(
    "military", "militaries", "army", "armies", "junta", "commanders?", "generals?", "DGMOs?", "chiefs? of staff",
    "defen[cs]e ministr(?:y|ies)", "defen[cs]e ministers?",
)  # fmt: skip


def _is_police(actor: Actor | None) -> bool:
    return actor is not None and actor.type == "State forces" and actor.name.startswith("Police Forces")


# ACLED codes the crews and passengers of merchant ships as civilians of no one country.
SEAFARERS = Actor("Civilians (International)", "Civilians")
_SHIP_HIT = whole_words(
    "(?:merchant|cargo|container|commercial) (?:ship|vessel)s?", "ships?", "vessels?", "(?:oil |chemical )?tankers?",
    "bulk carriers?", "freighters?",
)  # fmt: skip


def _air_force_first(
    group: Actor, actor2: Actor | None, country: str, cue_text: str
) -> tuple[Actor | None, Actor | None]:
    """An air or drone strike is a state's unless the report ties the aircraft to the armed group
    ("a drone attack by the RSF", "an RSF drone strike", "Hezbollah launched drones"): a group
    named beside a strike ("Hamas-run Gaza", "the town held by rebels", "five of its fighters were
    killed in Turkish bombardment") is where it landed or whom it hit. The state is the one whose
    aircraft the sentences name ("an Israeli air strike", "the Ugandan army"), else the country's."""
    dictionary = ActorDictionary.default()
    mentions = dictionary.find(cue_text)
    for m in mentions:
        if with_country(m.actor, country).name == group.name and _flies(cue_text, m.span.start, m.span.end):
            return group, actor2
    named = [m.actor for m in mentions if m.actor.type == "State forces" and not _is_generic(m.actor)]
    if not named and not country:
        return group, actor2
    state = named[0] if named else state_force("Military", country)
    if actor2 is None or actor2.name == state.name:
        actor2 = group  # "Turkish drones struck PKK positions"
    return state, actor2


# An armed group that flew the aircraft: "by the RSF", "RSF drone", "the ELN launched drones",
# "the militias' killing of three soldiers in a strike".
_AIRCRAFT = r"(?:drones?|(?:air ?)?strikes?|airstrikes?|aircraft|warplanes?|jets?|helicopters?|planes?|UAVs?)"
_BY_GROUP = re.compile(rf"\b{_AIRCRAFT}\b[^.;]{{0,90}}?\bby\s+(?:[\w'’-]+\s+){{0,3}}$", re.I)
_GROUP_FLEW = re.compile(
    rf"^(?:['’]s?)?\s+(?:[\w-]+\s+){{0,2}}{_AIRCRAFT}\b|"
    rf"^['’]s?\s+(?:[\w-]+\s+){{0,2}}(?:killing|attacks?|assault)\b[^.;]{{0,60}}?\b{_AIRCRAFT}\b|"
    rf"^[^.;]{{0,40}}?\b(?:launched|fired|sent|flew|used|deployed|carried out|conducted|claimed|targeted)\b"
    rf"[^.;]{{0,50}}?\b{_AIRCRAFT}\b",
    re.I,
)


def _flies(text: str, start: int, end: int) -> bool:
    """The group at ``text[start:end]`` is who flew the strike the sentence tells."""
    return bool(
        _BY_GROUP.search(text, max(0, start - 140), start) or _GROUP_FLEW.match(text[end : end + 120])
    )


# The state's men on the receiving end: they were ambushed, attacked or killed, or died.
_STATE_HIT = re.compile(
    r"\b(?:soldiers|troops|servicemen|policemen|police officers|gendarmes|guards|peacekeepers)\b"
    r"(?: [\w-]+){0,3}? (?:(?:were|was|have been|had been|got) (?:killed|ambushed|attacked|shot dead|overrun)|"
    r"die[sd]?\b|dead\b)|"
    r"\bambush(?:ed)? (?:on |of )?(?:a |an |the )?(?:[\w-]+ ){0,2}(?:soldiers|troops|convoy|patrol|army|military|police)\b",
    re.I,
)


def _state_struck_first(actor1: Actor | None, actor2: Actor | None, cue_text: str) -> bool:
    """The state's men began the clash the ranker gave to the armed group: "security forces
    stormed the building and killed the gunmen", "four militants died in an encounter with
    security forces", "an operation in the Tirah valley led to a shootout"; not where the group
    attacked, ambushed or opened fire, or killed the state's men."""
    return (
        actor1 is not None
        and actor2 is not None
        and actor1.type in _NON_STATE
        and actor2.type == "State forces"
        and bool(_STATE_STRUCK.search(cue_text))
        and not _GROUP_BEGAN.search(cue_text)
        and not _STATE_HIT.search(cue_text)
    )


_FORCE = r"(?:security forces|security personnel|troops|soldiers|army|military|police(?:men)?|forces|commandos|jawans)"
_ARMED = (
    r"(?:militants?|terrorists?|gunmen|insurgents?|rebels?|Maoists?|Naxal(?:ite)?s?|fighters?|attackers?|bandits?|"
    r"jihadists?|cadres?|extremists?|khawarij|dacoits)"
)
_CLASH = r"(?:encounter|gunfight|shoot-?out|firefight|exchange of fire|gun ?battle)"
_STATE_STRUCK = re.compile(
    rf"\b{_FORCE}\b(?: (?!were\b|was\b|been\b|are\b)[\w-]+){{0,4}}? (?:shot dead|killed|neutrali[sz]ed|eliminated|"
    rf"gunned down)(?: (?!in\b|by\b)[\w-]+){{0,3}}? {_ARMED}\b|"
    rf"\b{_ARMED}\b(?: [\w-]+){{0,5}}? (?:died|(?:were |was )?killed|(?:were |was )?shot dead) in (?:an? |the )?"
    rf"(?:[\w-]+ )?(?:{_CLASH}|operation) (?:with|by)\b|"
    rf"\b(?:operation|offensive|raid|cordon)(?: [\w-]+){{0,8}}? (?:led to|triggered|sparked) (?:an? |the )?"
    rf"(?:[\w-]+ )?{_CLASH}\b|"
    rf"\b{_FORCE}\b(?: [\w-]+){{0,3}}? stormed\b",
    re.I,
)
_GROUP_BEGAN = re.compile(
    rf"\b{_ARMED}\b(?: [\w-]+){{0,4}}? (?:attacked|ambushed|stormed|raided|opened fire|struck|overran|assaulted)\b|"
    r"\b(?:hit back|retaliated|repulsed|repelled|fought off)\b",
    re.I,
)
_EXCESSIVE = "Excessive force against protesters"
_ON_CIVILIANS = frozenset(
    {"Attack", "Abduction/forced disappearance", "Sexual violence", "Looting/property destruction"}
)
_MOB_ON_POLICE = re.compile(
    r"\b(?:attack(?:ed|ing)?|stormed|torched|set (?:fire to|ablaze)|burn(?:ed|t)|pelted|stoned|lynched|beat(?:en)?)"
    r" (?:\w+ ){0,3}(?:police(?:men)?|officers?|police (?:station|post|vehicles?)|soldiers|troops)\b",
    re.I,
)
_BOMBS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
_ON_OFFICIALS = _BOMBS | {
    "Attack",
    "Abduction/forced disappearance",
}  # one-sided: a state's official as the target
_REMOTE = _BOMBS | {"Air/drone strike", "Shelling/artillery/missile attack"}  # civilians hit from afar too
_ONE_SIDED = (_ON_CIVILIANS - {"Looting/property destruction"}) | _BOMBS
CIVILIAN_TARGET = whole_words(
    "civilians?",
    "people",
    "worshippers",
    "shoppers",
    "passengers",
    "villagers",
    "residents",
    "students",
    "pupils",
    "children",
    "women",
    "market",
    "mosque",
    "church",
    "school",
    "hospital",
    "beach",
    "restaurant",
    "hotel",
    "caf[eé]",
    "bus",
    "wedding",
    "funeral",
    "rally",
    "crowd",
    "shrine",
    "bars?",
    "nightclub",
    "pub",
    "shops?",
    "customers",
    "revellers",
    "drinkers",
)
_ARMED_TARGET = whole_words(
    "soldiers",
    "troops",
    "convoy",
    "patrol",
    "checkpoint",
    "military (?:base|post|vehicle)",
    "army (?:base|post|vehicle)",
    "police (?:station|post|vehicle|van|officers|patrol)",
    "policemen",
    "security forces",
)
_POLICE_WORDS = whole_words(
    "police",
    "policemen",
    "riot police",
    "security forces",
    "officers",
    "gendarmes",
    "tear ?gas",
    "water cannons?",
)


# Soldiers named at a demonstration: without them its "security forces" are the police. The army
# the crowd marched against ("the military's seizure of power", "military rulers", "the army chief")
# is the regime, not a force on the street.
_RULING = (
    r"(?!(?:'s|’s)? (?:seizure|takeover|coup|rule|grip)\b)(?!-(?:led|backed|run)\b)"
    r"(?! (?:chiefs?|rulers?|rule|junta|government|regime|leaders?|leadership|coup|takeover|council|"
    r"uprising|defectors|authorities|administration)\b)"
)
_ARMY_WORDS = whole_words(
    "soldiers?",
    "troops?",
    "army" + _RULING,
    "military" + _RULING,
    "servicemen",
    "paratroopers?",
    "marines?",
    "national guard",
    "(?:revolutionary )?guards",
    "irgc",
    "basij",
    "gendarmes?",
    "gendarmerie",
)


def _police_unless_army(force: Actor | None, country: str, cue_text: str) -> Actor | None:
    """ACLED codes the force that meets a crowd as the police unless the report names soldiers:
    "security forces fired on protesters" are the country's police, not its army."""
    army = state_force("Military", country)
    if force is None or force.name != army.name or _ARMY_WORDS.search(cue_text):
        return force
    return state_force("Police", country)


def _police(country: str, cue_text: str) -> Actor | None:
    """The country's police, when the story has them act."""
    if not _POLICE_WORDS.search(cue_text):
        return None
    return state_force("Police", country)


def _default_actor(actor_type: str, country: str) -> Actor:
    """The codebook's default actor of a type ("Protesters (Kenya)") in the event's country."""
    return with_country(Actor(codebook().actor_types[actor_type].default, actor_type), country)
