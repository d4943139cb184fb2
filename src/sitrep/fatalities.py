"""Reads death counts and the names of the dead from a parsed article.

ACLED counts deaths only (never the wounded) and, where a report is vague or
gives a range, codes the most conservative number it states. ``parse_count``
follows those rules so that every stage turns "at least a dozen" into the same
triple ``(best, low, high)``:

* A plain number is exact: ``"12"``, ``"1,200"``, ``"twenty-five"``, ``"two
  hundred"``, ``"a dozen"`` (12), ``"a/an/one"`` (1), ``"no"``/``"none"`` (0).
* A floor is coded as the stated number: ``"at least 12"``, ``"more than 20"``,
  ``"over 20"`` give ``(n, n, n)`` (ACLED does not add one to "more than").
* Approximations keep the number: ``"about 30"``, ``"nearly 30"``, ``"some 30"``.
* A ceiling keeps the number as best guess but admits fewer: ``"up to 30"`` and
  ``"as many as 30"`` give ``(30, 1, 30)``; ``"fewer than 10"`` gives ``(9, 1, 9)``.
* A range is coded at its lower end: ``"between 20 and 30"``, ``"20 to 30"``,
  ``"20-30"``, ``"two or three"`` give ``(low, low, high)``.
* Vague quantities use one table, ``VAGUE_COUNTS``. ACLED's published rules
  (fatalities FAQ) fix "tens" = 10, "dozens" = 12, "hundreds" = 100 and so on
  for larger units. For unnumbered plurals older ACLED codebooks code "several",
  "many" and "plural" as 10; we keep 10 for "many"/"numerous" but code
  "several", "a few", "some", "a handful" and "multiple" as 3, the smallest
  reading, as ACLED's "most conservative estimate" rule asks. "scores" is 20
  (one score). These defaults are ours where ACLED is silent; change the table,
  not the code.

The counting rules live in ``sitrep.counts`` (re-exported here).

``find_fatalities`` looks for death statements through the dependency parse
(kill/die/dead/death toll/bodies/lose lives ...) and reads the victims' count
from the phrase attached to the trigger; "killing all passengers" is resolved
to the latest count of people in the same or the previous sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.counts import VAGUE_COUNTS, Count, parse_count
from sitrep.model import Fatalities, Span
from sitrep.nlp import doc_text, tokens_with

__all__ = ["VAGUE_COUNTS", "Count", "find_fatalities", "find_victims", "parse_count"]

# ---------------------------------------------------------------- lexicons

KILL_VERBS = frozenset(
    {
        "kill",
        "slay",
        "execute",
        "behead",
        "massacre",
        "murder",
        "assassinate",
        "lynch",
        "slaughter",
        "decapitate",
        "gun",
        "shoot",
        "martyr",  # South Asian reports: "martyred nine soldiers", "was martyred"
        "neutralise",  # armies' word for the enemy dead: "about 30 terrorists were neutralised"
        "neutralize",
    }
)
DIE_VERBS = frozenset({"die", "perish"})
DEATH_NOUNS = frozenset(
    {
        "killing",
        "death",
        "murder",
        "assassination",
        "execution",
        "massacre",
        "beheading",
        "fatality",
        "slaying",
        "lynching",
    }
)
PERSON_NOUNS = frozenset(
    """people person man men woman women child children civilian soldier troop fighter militant
    commander leader officer policeman police passenger occupant member resident villager worker
    journalist student protester demonstrator insurgent rebel gunman attacker assailant bomber guard
    personnel staff official citizen farmer herder family relative pilgrim worshipper hostage
    peacekeeper gendarme recruit cadet bodyguard doctor nurse teacher shepherd infant baby girl boy
    kid teenager youth elder supporter refugee migrant prisoner inmate detainee individual victim
    jihadist militiaman crew driver trooper marine serviceman servicemember sergeant captain colonel
    general lieutenant major chief operative agent spy suspect fisherman miner other bandit combatant
    guerrilla guerilla pupil schoolchild wife son daughter sibling aunt uncle niece nephew monk priest
    pastor imam cleric nun customer guest spectator trader vendor cadre constable policewoman pilot
    paramedic rescuer volunteer tourist infantryman jawan visitor councillor councilor mayor governor
    senator legislator lawmaker prosecutor inspector director editor contractor sailor survivor
    neighbour neighbor""".split()
)
NOT_PERSON_ER = frozenset(
    {
        "number",
        "water",
        "tower",
        "border",
        "computer",
        "order",
        "power",
        "matter",
        "paper",
        "letter",
        "quarter",
        "headquarter",
        "shelter",
        "corner",
        "center",
    }
)
ALL_WORDS = frozenset({"all", "everyone", "everybody", "both"})
NO_CASUALTY_NOUNS = frozenset({"casualty", "death", "fatality", "injury", "victim", "loss"})
HARM_VERBS = frozenset({"kill", "hurt", "injure", "harm", "wound", "die"})
BAD_NUM_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
HEDGE_AUX = frozenset({"would", "could", "might", "may", "will", "shall", "can", "should"})
INTENT_VERBS = frozenset({"threaten", "vow", "plan", "try", "attempt", "want", "seek", "aim", "plot"})
SINGULAR_PRONOUNS = frozenset({"him", "her", "he", "she", "himself", "herself"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _is_personish(tok: Token) -> bool:
    """Whether a noun can name people, so that 'kill the project' is not a death."""
    lemma = tok.lemma_.lower()
    if tok.ent_type_ in PLACE_ENTS:
        return False  # "Niger: 23 soldiers die": a country is never among the dead
    if tok.pos_ == "PROPN" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ":":
        return False  # nor a headline's label ("Manipur: ...")
    if tok.ent_type_ in ("PERSON", "NORP") or lemma in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS:
        return True
    if lemma in NOT_PERSON_ER:
        return False
    return tok.pos_ in ("NOUN", "PROPN") and lemma.endswith(("man", "men", "ist", "ian", "ee", "er"))


def _good_number(tok: Token) -> bool:
    """A cardinal that can count people: not a date, time, money, age or year."""
    counts_dead = tok.dep_ in ("nummod", "conj") and (_is_personish(tok.head) or tok.head.lower_ == "dead")
    if tok.ent_type_ in BAD_NUM_ENTS and not counts_dead:  # "no fewer than 21 dead" read as money
        return False
    if tok.head.lower_ in ("aged", "age", "ages") or tok.head.lemma_ == "age":
        return False
    return not (tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100)


# ---------------------------------------------------------------- counting a noun phrase

_COUNT_DEPS = frozenset({"nummod", "quantmod", "det", "predet", "advmod", "amod"})


def _count_phrase(tok: Token) -> SpacySpan:
    """The quantifier part of a noun phrase: 'at least 12 people', 'the three US troops'."""
    doc, start = tok.doc, tok.i
    if tok.like_num or tok.pos_ == "NUM":
        start = tok.left_edge.i
    else:
        for child in tok.lefts:
            if _counts_noun(child) and (
                child.dep_ != "amod" or child.like_num or child.lower_ in ("several", "multiple")
            ):  # "several people" (tagged an adjective) is a vague count; "many" is no count
                start = min(start, child.left_edge.i)
    start = max(start, tok.sent.start, tok.i - 8)
    return doc[start : tok.i + 1]


def _counts_noun(child: Token) -> bool:
    """A word left of a noun that may count it; "a dozen" the parser hung as a compound too."""
    return child.dep_ in _COUNT_DEPS or (child.dep_ == "compound" and child.lower_ in ("dozen", "dozens"))


def _has_number(tok: Token) -> bool:
    """Whether the noun carries a count of its own (a cardinal, 'several', 'no', 'dozens')."""
    words = [c for c in tok.lefts if _counts_noun(c)]
    return any(
        (c.like_num and _good_number(c)) or c.lower_ in VAGUE_COUNTS or c.lower_ in ("no", "dozen")
        for c in words
    )  # "more than a dozen civilians": a dozen is a number


def _antecedent(tok: Token) -> tuple[Count, int] | None:
    """Latest 'three men' before tok in its own or the previous sentence, for 'all passengers'."""
    sent = tok.sent
    first = sent.start
    if first > 0:
        first = tok.doc[first - 1].sent.start
    for cand in reversed(tok.doc[first : tok.i]):
        if (
            cand.dep_ == "nummod"
            and _good_number(cand)
            and _is_personish(cand.head)
            and cand.head.tag_ in ("NNS", "NNPS")
        ):
            count = parse_count(_count_phrase(cand.head).text)
            if count and count[0] > 0:
                return count, cand.left_edge.idx
    return None


def _noun_count(tok: Token) -> tuple[Count, int] | None:
    """Count of people named by one noun (without its conjuncts) and where that count starts."""
    lower = tok.lower_
    if tok.like_num or tok.pos_ == "NUM":
        if not _good_number(tok):
            return None
        count = parse_count(_count_phrase(tok).text)
        return (count, _count_phrase(tok).start_char) if count else None
    if lower in VAGUE_COUNTS or tok.lemma_ in ("dozen", "score"):
        pobj = [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if pobj and not _is_personish(pobj[0]) and pobj[0].lower_ not in ("them", "us"):
            return None  # "killing some of them" counts the dead, "dozens of homes" does not
        count = parse_count(_count_phrase(tok).text)
        return (count, _count_phrase(tok).start_char) if count else None
    if lower in SINGULAR_PRONOUNS:
        return (1, 1, 1), tok.idx
    if (
        lower in ALL_WORDS
        or lower == "them"
        or (_is_personish(tok) and any(c.lower_ == "all" for c in tok.lefts))
    ):
        return _antecedent(tok)  # "abducted nine people ... and killed them"
    if not (_is_personish(tok) or _named_person(tok) or _counted_group(tok)):
        return None
    if _has_number(tok):
        phrase = _count_phrase(tok)
        count = parse_count(phrase.text)
        return (count, phrase.start_char) if count else None
    if tok.tag_ in ("NN", "NNP") or tok.ent_type_ == "PERSON":
        return (1, 1, 1), _count_phrase(tok).start_char
    return None


def _named_person(tok: Token) -> bool:
    """A name the tagger did not know, told with who he was: "Mzwandile Shandu, a councillor"."""
    return (
        tok.pos_ == "PROPN"
        and tok.ent_type_ not in PLACE_ENTS
        and any(c.dep_ == "appos" and c.lemma_ in PERSON_NOUNS for c in tok.children)
    )


def _counted_group(tok: Token) -> bool:
    """Members of a named group counted by its name: "eight Taliban killed" (not "the Taliban")."""
    return (
        tok.pos_ == "PROPN"
        and tok.ent_type_ not in PLACE_ENTS
        and any(c.dep_ == "nummod" and c.like_num and _good_number(c) for c in tok.children)
    )


def _group_count(tok: Token) -> tuple[Count, int, int] | None:
    """Sum over 'two soldiers and a civilian'; every conjunct must have a count."""
    parts = [tok] + [
        c for c in tok.subtree if c.dep_ == "conj" and c.i != tok.i and c.head.i != c.i and _in_chain(c, tok)
    ]  # not tok itself when it is a conjunct ("bombs targets, 9 civilians killed" was 18)
    parts += _listed_apart(tok)
    best = low = high = 0
    start, end = tok.idx, tok.idx + len(tok)
    parts = [p for p in parts if p is tok or not _injured_after(p)]  # "five dead and 36 wounded"
    for part in parts:
        found = _noun_count(part)
        if found is None and part is not tok and part.tag_ == "NNS" and not _has_number(part):
            continue  # "46 people, children and women among them": who they were, not more dead
        if found is None:
            return None
        (b, lo, hi), first = found
        best, low, high = best + b, low + lo, high + hi
        start, end = min(start, first), max(end, part.idx + len(part))
    return (best, low, high), start, end


def _listed_apart(tok: Token) -> list[Token]:
    """Counted groups the parser hung as an apposition: "Four police officers, two commune
    officials and three civilians were killed" lists three groups, not one described twice
    ("Five people, four of them Levies", "46 people, children and women among them")."""
    more = [
        c
        for c in tok.children
        if c.dep_ == "appos"
        and _has_number(c)
        and not any(g.lower_ in ("of", "among", "including") for g in c.children)
        and any(g.dep_ == "conj" and _has_number(g) for g in c.children)
    ]
    return [t for c in more for t in (c, *(g for g in c.children if g.dep_ == "conj" and _has_number(g)))]


_INJURED = frozenset(
    {"wounded", "injured", "hurt", "injuries", "missing", "abducted", "kidnapped", "arrested"}
)


def _with_hurt(trigger: Token) -> bool:
    """A death word joined to a word for the hurt over one count ("killed or wounded 39",
    "hundreds were killed and injured"): the dead among them are not told, so ACLED's
    conservative count is the one death the words imply."""
    if trigger.lemma_ not in ("kill", "dead"):
        return False
    joined = [c for c in trigger.children if c.dep_ == "conj"]
    if trigger.dep_ == "conj":
        joined.append(trigger.head)
    return any(
        (t.lower_ in _INJURED or t.lemma_ in ("injure", "wound", "hurt")) and not _own_count(t)
        for t in joined
    )


def _own_count(hurt: Token) -> bool:
    """ "36 injured", "wounded five", "many more wounded", "several others hurt": the hurt are
    counted apart."""
    before = hurt.doc[max(hurt.i - 2, 0) : hurt.i]
    return (
        any(t.like_num for t in before)
        or _vaguely_counted(hurt)
        or any(
            c.dep_ in ("nummod", "dobj", "nsubj", "nsubjpass", "npadvmod", "attr")
            and (c.ent_type_ not in BAD_NUM_ENTS or _bare_number(c))
            for c in hurt.children
        )
        or any(  # "wounding around 180": the parser's preposition
            c.dep_ == "prep" and any(g.dep_ == "pobj" and _bare_number(g) for g in c.children)
            for c in hurt.children
        )
    )  # "killed or wounded yesterday": a day is no count of the hurt


HURT_COUNT_WORDS = frozenset(VAGUE_COUNTS) | {"more", "others"}


def _vaguely_counted(hurt: Token) -> bool:
    """ "32 people had been killed and many more wounded", "several more seriously hurt": a word
    of number or "others" just before the hurt gives them a count of their own."""
    before = hurt.doc[max(hurt.i - 3, 0) : hurt.i]
    return any(t.lower_ in HURT_COUNT_WORDS for t in before)


def _bare_number(tok: Token) -> bool:
    """A number, even one the tagger reads as a date or an age ("injuring around 63"): a count
    of the hurt, unless it is a year."""
    return tok.like_num and not (tok.text.isdigit() and len(tok.text) == 4)


def _injured_after(tok: Token) -> bool:
    """A conjunct count of the hurt, not of the dead: "five people dead and 36 wounded"."""
    following = tok.doc[tok.i + 1 : tok.i + 3]
    return any(t.lower_ in _INJURED for t in following) and not any(
        t.lower_ in DEATH_NOUNS for t in following
    )


def _hurt_before(tok: Token) -> bool:
    """A count the parser gave the kill verb but a word of hurt governs: "kill 2, wound scores"."""
    doc = tok.doc
    words = doc[max(tok.left_edge.i - 1, 0) : tok.i]
    return any(t.lemma_ in ("wound", "injure") or t.lower_ in ("wounding", "injuring") for t in words)


def _in_chain(tok: Token, root: Token) -> bool:
    """Whether tok is reached from root through conj links only."""
    while tok.dep_ == "conj" and tok.i != root.i:
        tok = tok.head
    return tok.i == root.i


# ---------------------------------------------------------------- triggers


def _hedged(verb: Token) -> bool:
    """Future, conditional, negated or intended killings are not reported deaths."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in HEDGE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in INTENT_VERBS


def _subjects(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    """Arguments of a verb; a relative pronoun stands for the noun the clause hangs on."""
    found = [c for c in verb.children if c.dep_ in deps]
    if not found and verb.dep_ == "conj":
        found = [c for c in verb.head.children if c.dep_ in deps]
    if not found and _raised(verb):  # "three people are now known to have died"
        found = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [verb.head if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl" else c for c in found]


# Verbs that lend their subject to the death they report: "are known to have died", "were
# reported to have been killed", "is believed to have died"
RAISING_VERBS = frozenset(
    {"know", "believe", "report", "say", "confirm", "fear", "think", "understand", "presume"}
)


def _raised(verb: Token) -> bool:
    """A death verb under a verb of knowing or saying, whose subject is the dead's."""
    return verb.dep_ == "xcomp" and verb.head.lemma_ in RAISING_VERBS and verb.head.tag_ == "VBN"


def _kill_victims(verb: Token) -> list[Token]:
    """Who a kill verb killed: its object, its passive subject, or the noun it modifies."""
    if any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children) or _hedged(verb):
        return []
    if verb.lemma_ == "gun" and not any(c.lower_ == "down" for c in verb.children):
        return []
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    found = [verb.head if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl" else c for c in found]
    if not found and verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
        found = [verb.head]
    if not found and verb.dep_ == "pcomp" and verb.tag_ == "VBN" and verb.head.lower_ == "with":
        found = [c for c in verb.children if c.dep_ == "nsubj"]  # "with at least three people killed"
    if not found and verb.dep_ == "conj" and verb.head.lemma_ not in HARM_VERBS - {"kill"}:
        found = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not found and _raised(verb) and any(c.dep_ == "auxpass" for c in verb.children):
        found = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


def _dead_victims(dead: Token) -> list[Token]:
    """'12 dead', 'left 5 dead', 'shot dead three people', 'three people are dead'."""
    nums = [c for c in dead.children if c.dep_ == "nummod"]
    if nums:
        return nums
    own = [c for c in dead.children if c.dep_ == "nsubj"]
    if own and dead.dep_ in ("ccomp", "xcomp", "oprd") and not _hedged(dead.head):
        return own  # "leaving at least five people dead": the dead as the subject of a small clause
    head = dead.head
    if dead.dep_ == "amod" and (head.like_num or head.pos_ == "NUM"):
        return [head]
    if dead.dep_ == "amod" and head.dep_ == "dobj" and head.head.lemma_ in ("shoot", "leave", "find", "gun"):
        return [head]
    if dead.dep_ == "dep" and head.lemma_ in ("shoot", "gun") and not _hedged(head):
        return [c for c in head.children if c.dep_ == "dobj"]  # "shooting dead five gunmen"
    if dead.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advmod", "dobj", "conj") and head.pos_ in (
        "VERB",
        "AUX",
    ):
        if _hedged(head):
            return []
        return [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "nsubj") and c.i != dead.i]
    prev = dead.doc[dead.i - 1] if dead.i > 0 else None
    if prev is not None and (prev.like_num or _is_personish(prev)) and prev.sent == dead.sent:
        return [prev]
    return []


def _toll_count(toll: Token) -> list[Token]:
    """The number a death toll is said to stand at, rise to or reach."""
    if not any(c.lemma_ in ("death", "casualty", "fatality") for c in toll.children):
        return []
    cands = [g for c in toll.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    head = toll.head
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "at"):
            cands += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("dobj", "attr") and c.i != toll.i:
            cands.append(c)
    return [c for c in cands if c.like_num or c.pos_ == "NUM" or c.lower_ in VAGUE_COUNTS]


def _noun_victims(noun: Token) -> list[Token]:
    """'killing of three soldiers', 'the deaths of 12 people', '12 fatalities', 'bodies of 5'."""
    if noun.dep_ == "compound":
        return []
    pobj = [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if pobj:
        return pobj
    if noun.lemma_ in ("fatality", "death", "body", "corpse") and _has_number(noun):
        return [c for c in noun.lefts if c.dep_ == "nummod"][:1] or []
    return []


def _lives_claimed(verb: Token) -> list[Token]:
    """ "claimed at least 11 lives", "claimed the lives of six soldiers": the count of the lives."""
    lives = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ == "life"]
    whose = [
        g for life in lives for p in life.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"
    ]
    return whose or [c for life in lives for c in life.children if c.dep_ == "nummod"]


def _victim_heads(tok: Token) -> list[Token]:
    """Dispatch a possible trigger to the rule that finds its victims' noun."""
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if tok.pos_ in ("VERB", "AUX") and lemma in KILL_VERBS - {"shoot"}:
        return _kill_victims(tok)
    if tok.pos_ == "VERB" and lemma in DIE_VERBS and not _hedged(tok):
        return _subjects(tok, ("nsubj",))
    if (
        lemma == "lose"
        and any(c.dep_ == "dobj" and c.lemma_ == "life" for c in tok.children)
        and not _hedged(tok)
    ):
        return _subjects(tok, ("nsubj",))
    if lemma == "claim" and tok.pos_ == "VERB" and not _hedged(tok):
        return _lives_claimed(tok)
    if lower == "dead" and tok.pos_ in ("ADJ", "NOUN", "VERB", "ADV"):
        return _dead_victims(tok)
    if lemma == "toll":
        return _toll_count(tok)
    if lemma == "death" and tok.head.lower_ == "to" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head  # "burned him to death", "was beaten to death"
        return [] if _hedged(verb) else [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.pos_ == "NOUN" and (lemma in DEATH_NOUNS or lemma in ("body", "corpse")):
        return _noun_victims(tok)
    return []


# Every lemma and word a death statement turns on (``_victim_heads``, ``_also_victims``,
# ``_zero_statement``): the tokens the stage reads; any other token can report no death.
_DEATH_LEMMAS = KILL_VERBS | DIE_VERBS | DEATH_NOUNS | {"lose", "claim", "toll", "death", "body", "corpse"}
_DEATH_WORDS = frozenset({"dead", "no", "nobody", "none", "one"})


def _death_words(doc: Doc) -> list[int]:
    """The tokens that can carry a death statement, or a statement of none."""
    return tokens_with(doc, _DEATH_LEMMAS, _DEATH_WORDS)


def _zero_statement(tok: Token) -> bool:
    """'no casualties were reported', 'no one was hurt', 'nobody died' (not 'no civilian casualties')."""
    if tok.lower_ == "no" and tok.dep_ == "det":
        noun = tok.head
        if noun.lemma_ in NO_CASUALTY_NOUNS and not any(
            c.lower_ in ("civilian", "further", "more") for c in noun.lefts
        ):
            return True
    subject = tok.lower_ in ("nobody", "none") or (
        tok.lower_ == "one" and any(c.lower_ == "no" for c in tok.lefts)
    )
    if subject and tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.head.lemma_ in HARM_VERBS or (
            tok.head.lemma_ == "be"
            and any(c.lemma_ in HARM_VERBS or c.lower_ in ("dead", "hurt") for c in tok.head.children)
        )
    return False


def _evidence(doc: Doc, start: int, end: int) -> Span:
    """A model Span over the doc text, so evidence always indexes the article."""
    return Span(start, end, doc_text(doc)[start:end])


def find_fatalities(doc: Doc) -> list[Fatalities]:
    """Every death statement in the doc, in text order, with the phrase that carries it.

    Overlapping statements ("shot dead three people" read via two triggers) are
    reported once. Wounded and injured counts are never returned. The dead of one
    statement are summed, however the parser split them: "six soldiers and two rebels
    were killed", "killed three commanders along with ten civilians", "six soldiers died
    and four rebels were killed" are one toll each, as ACLED totals an event's dead.
    """
    found: list[Fatalities] = []
    by_trigger: dict[int, int] = {}  # trigger token -> index of its statement in found
    seen: dict[int, set[int]] = {}  # statement index -> its victims' tokens
    for tok in map(doc.__getitem__, _death_words(doc)):
        if _zero_statement(tok):
            node = tok.head
            lo = min(tok.idx, node.left_edge.idx)
            hi = max(tok.idx + len(tok), node.idx + len(node))
            found.append(Fatalities(0, 0, 0, _evidence(doc, lo, hi)))
            continue
        heads = _victim_heads(tok) + _also_victims(tok)
        victims = {
            v.i: v for v in heads if not (v.like_num and _injured_after(v)) and not _hurt_before(v)
        }  # not "5 injured", not "wound scores"
        counted = [c for v in victims.values() if (c := _group_count(v)) is not None]
        if not counted:
            continue
        best, low, high = (sum(c[0][k] for c in counted) for k in range(3))
        start, end = min(c[1] for c in counted), max(c[2] for c in counted)
        if _with_hurt(tok):  # "hundreds were killed and injured": one count for both
            best, low = min(best, 1), min(low, 1)
        first = tok.left_edge.idx if tok.lemma_ == "toll" else tok.idx
        if tok.lower_ == "dead" and tok.head.pos_ == "VERB":
            first = min(first, tok.head.idx)
        elif tok.lemma_ == "death" and tok.head.lower_ == "to":
            first = min(first, tok.head.head.idx)  # "burning him to death"
        lo, hi = min(start, first), max(end, tok.idx + len(tok))
        joined = by_trigger.get(tok.head.i) if tok.dep_ == "conj" else None
        own = joined is not None and not set(victims) & seen[joined]  # not "killed and beheaded five"
        own = (
            own and "\n" not in doc_text(doc)[found[joined].span.end : lo]
        )  # a headline and its lead, not one statement
        if own and best > 0 and found[joined].best > 0:  # "six soldiers died and four rebels were killed"
            prior = found[joined]
            found[joined] = Fatalities(
                prior.best + best,
                prior.low + low,
                prior.high + high,
                _evidence(doc, min(prior.span.start, lo), max(prior.span.end, hi)),
            )
            by_trigger[tok.i] = joined
            seen[joined] |= set(victims)
            continue
        by_trigger[tok.i] = len(found)
        seen[len(found)] = set(victims)
        found.append(Fatalities(best, low, high, _evidence(doc, lo, hi)))
    return _dedupe(found)


def _also_victims(trigger: Token) -> list[Token]:
    """More dead named beside the victims: "killed three commanders along with 10 civilians"."""
    if trigger.lemma_ not in KILL_VERBS | DIE_VERBS and trigger.lower_ != "dead":
        return []
    return [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in ("along", "together")
        for w in c.children
        if w.dep_ == "prep" and w.lower_ == "with"
        for g in w.children
        if g.dep_ == "pobj" and _is_personish(g)
    ]


def _dedupe(items: list[Fatalities]) -> list[Fatalities]:
    """Keep the first of any statements whose evidence overlaps (longer first at the same start)."""
    items = sorted(items, key=lambda f: (f.span.start, -f.span.end))
    kept: list[Fatalities] = []
    for item in items:
        if kept and item.span.start < kept[-1].span.end:
            continue
        kept.append(item)
    return kept


# ---------------------------------------------------------------- victims

ORG_WORDS = frozenset(
    """hezbollah hizbollah militia militias brigade brigades group army front movement party forces
    state battalion command committee council ministry government police agency company corps
    organisation organization network alliance coalition division regiment unit units""".split()
)
SPEECH_LEMMAS = frozenset(
    {"say", "state", "tell", "claim", "deny", "warn", "add", "announce", "confirm", "read"}
)
SPEAKER_NOUNS = frozenset({"spokesman", "spokesperson", "spokeswoman", "minister", "official", "spokesmen"})
VICTIM_NOUNS = frozenset({"dead", "victim", "casualty", "fatality", "killed", "martyr"})
NAMING_WINDOW = 3  # sentences after a death in which "by the name of X" still names a victim


def _is_org_like(ent: SpacySpan, org_texts: list[str]) -> bool:
    """'Kataib Hezbollah' tagged PERSON: organisation words in or beside it, or an ORG elsewhere."""
    doc = ent.doc
    words = {t.lower_ for t in ent}
    if words & ORG_WORDS:
        return True
    near = [doc[i].lower_ for i in (ent.start - 1, ent.end) if 0 <= i < len(doc)]
    if any(w in ORG_WORDS for w in near):
        return True
    low = ent.text.lower()
    return any(org == low or (len(org) > 3 and org in low) for org in org_texts)


def _is_speaker(root: Token) -> bool:
    """A person who talks ('spokesperson, Yahya Rasool, stating') is not a victim."""
    node = root
    if node.dep_ == "appos":
        node = node.head
    if (
        any(c.dep_ == "appos" and c.lemma_ in SPEAKER_NOUNS for c in root.children)
        or node.lemma_ in SPEAKER_NOUNS
    ):
        return True
    return node.dep_ in ("nsubj", "poss") and node.head.lemma_ in SPEECH_LEMMAS


def _is_naming(root: Token) -> bool:
    """'identifying him as X', 'named X', 'by the name of X'."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in ("identify", "name"):
        return True
    if root.dep_ in ("oprd", "dobj", "appos", "attr", "npadvmod") and head.lemma_ in ("name", "identify"):
        return True
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ == "name"


def _listed_among_dead(root: Token) -> bool:
    """'the dead included X', 'among the victims was X'."""
    verb = root.head
    if verb.lemma_ not in ("include", "be"):
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_ in VICTIM_NOUNS and child.i != root.i:
            return True
        if child.dep_ == "prep" and child.lower_ == "among":
            if any(g.lemma_ in VICTIM_NOUNS for g in child.children):
                return True
    return False


def _victim_tokens(doc: Doc) -> tuple[set[int], set[int]]:
    """Token ids named as killed (with appositions) and the sentences that report a death."""
    victims: set[int] = set()
    death_sents: set[int] = set()
    sent_index = {s.start: k for k, s in enumerate(doc.sents)}
    for tok in map(doc.__getitem__, _death_words(doc)):
        heads = _victim_heads(tok)
        if heads:
            death_sents.add(sent_index[tok.sent.start])
        for head in heads:
            victims.add(head.i)
            victims.update(c.i for c in head.children if c.dep_ in ("appos", "conj"))
            if head.dep_ == "appos":
                victims.add(head.head.i)
    return victims, death_sents


def find_victims(doc: Doc) -> list[Span]:
    """Names of people reported killed, each once, in text order.

    A PERSON counts when it is what was killed (or in apposition to it), when a
    report names the dead ("identifying him as X", "by the name of X" near a
    killing) or lists it among the dead. Speakers and organisation names that the
    model mistakes for people are left out.
    """
    victims, death_sents = _victim_tokens(doc)
    sent_index = {s.start: k for k, s in enumerate(doc.sents)}
    org_texts = [e.text.lower() for e in doc.ents if e.label_ == "ORG"]
    found: list[Span] = []
    seen: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.text in seen or _is_org_like(ent, org_texts):
            continue
        root = ent.root
        while root.dep_ == "conj" and root.head.ent_type_ == "PERSON":
            root = root.head
        if _is_speaker(root):
            continue
        k = sent_index[ent.sent.start]
        named = _is_naming(root) and any(k - d in range(NAMING_WINDOW + 1) for d in death_sents)
        if root.i in victims or named or _listed_among_dead(root):
            seen.add(ent.text)
            found.append(Span(ent.start_char, ent.end_char, ent.text))
    return found
