"""Finds attributed statements: who said what, so events carry their sources.

Conflict reporting is mostly claims ("the army said it killed 12 militants"), and
ACLED-style coding must keep the source next to the fact. This stage reads
reporting verbs and "according to" phrases through the dependency parse and
returns each claim with its speaker as written (a later stage maps speakers to
canonical actors), the reported content, and the sentence(s) that carry it.

Who the speaker is (name, role, the fullest form the article gives) is decided in
``claim_speakers.py``; what the statement does and which field it speaks to in
``claim_coding.py``; which of a sentence's statements fold into one (a speaker going on, an
outlet relaying) in ``claim_folding.py``. Here: which tokens report a statement, where the
statement lies, one statement, one claim (a verb inside another's statement, an "according to"),
and a quotation that runs on into the next sentence merged into one claim.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.claim_coding import (
    CONDEMN,
    ClaimLexicon,
    about_event,
    armed_group_spoken_for,
    beside_event,
    field_of,
    is_source,
    named_party,
    speaker_type,
    stance_of,
)
from sitrep.claim_folding import going_on, without_relays
from sitrep.claim_model import ClaimCues, ClaimModel
from sitrep.claim_speakers import (
    BODY_ANAPHOR,
    NO_SOURCE,
    PRONOUNS,
    STATEMENT_NOUNS,
    Source,
    antecedent_kind,
    as_quoted_before,
    clip,
    np_span,
    person_before,
    source_of,
    spaced_dash,
    with_known_role,
    with_ruling_speakers,
)
from sitrep.model import Claim, Fatalities, Span
from sitrep.nlp import doc_text, tokens_with

SPEECH_LEMMAS = frozenset(
    """say state tell claim deny warn add announce report confirm insist allege accuse condemn
    describe call declare assert note explain argue write read tweet post acknowledge admit maintain
    stress emphasise emphasize vow clarify reveal indicate suggest blame reject dismiss
    denounce urge threaten criticise criticize concede""".split()
)
REPORT_NOUNS = frozenset({"report", "reports", "statement", "sources", "source", "media", "officials"})
# "put the blame on", "gave a provisional count of": a statement made with a verb that is no speech verb.
COUNT_NOUNS = frozenset(
    {"blame", "loss", "losses", "toll", "count", "figure", "tally", "estimate", "number", "identity", "explanation",
     "dead", "victim", "victims", "deceased", "attacker", "attackers", "bomber", "gunman", "gunmen"}
)  # fmt: skip
# "put the toll at", "gave a count of": verbs that make a statement of a count noun.
COUNT_VERBS = frozenset({"put", "give", "place", "name", "lay", "revise", "raise", "lower", "update"})
# Every lemma a reporting token can have ("according to" and ``_speech_lemma``'s verbs), for a quick first test.
REPORTING_LEMMAS = SPEECH_LEMMAS | COUNT_VERBS | {"speak", "accord"}
# "warning", "saying": a speech verb's -ing form, read as a reporting noun too (``_speech_lemma``).
SPEECH_NOUNS = frozenset(
    {f"{lemma}ing" for lemma in SPEECH_LEMMAS}
    | {f"{lemma[:-1]}ing" for lemma in SPEECH_LEMMAS if lemma.endswith("e")}
)
# Verbs whose subject, in a statement, is the one it names as the attacker.
VIOLENCE_LEMMAS = frozenset(
    """attack fire shell kill ambush strike bomb raid kidnap abduct storm shoot launch seize torch burn loot
    carry open respond target pound massacre execute behead assassinate murder overrun""".split()
)
UNNAMED_ATTACKERS = frozenset(
    "people person man men woman child bomber gunman gunmen attacker assailant shooter suspect".split()
)


def _speech_lemma(tok: Token) -> str:
    """The reporting verb a token stands for ('warning' as a noun counts), or ''."""
    lemma = tok.lemma_.lower()
    if lemma == "claim" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in tok.children
    ):
        return ""  # "the clashes claimed 13 lives": a toll, no statement
    kids = list(tok.children)
    if lemma == "add" and any(c.lower_ == "to" for c in kids) and not any(c.dep_ == "ccomp" for c in kids):
        return ""  # "the kidnapping adds to the security problems": no statement
    if tok.lower_ == "warning" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lemma_.lower() == "shot":
        return ""  # "fired tear gas and warning shots": shots, no warning given
    if lemma in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX", "NOUN"):
        if tok.pos_ == "NOUN" and not any(c.dep_ in ("nsubj", "ccomp") for c in tok.children):
            return ""
        return lemma
    if lemma == "speak" and any(c.dep_ == "prep" and c.lower_ in ("of", "about") for c in tok.children):
        return lemma  # "Survivors spoke of seeing bodies"
    if lemma in COUNT_VERBS and tok.pos_ == "VERB":
        if any(c.dep_ in ("dobj", "oprd") and c.lemma_.lower() in COUNT_NOUNS for c in tok.children):
            return lemma
    low = tok.lower_
    if tok.pos_ == "NOUN" and low.endswith("ing") and any(c.dep_ == "nsubj" for c in tok.children):
        for stem in (low[:-3], low[:-3] + "e"):
            if stem in SPEECH_LEMMAS:
                return stem
    return ""


def _speaker_token(verb: Token) -> Token | None:
    """The subject of a reporting verb, including 'with X stating' and '..., X said'."""
    subj = [_past_aside(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subj = [c for c in subj if not _dateline(c, verb)] or subj
    if _accused(verb):  # "two fighters stand accused of assault": the accused, no speaker
        return None
    if len(subj) > 1:  # the parse joined lines or clauses: the subject in the verb's own line, a name first
        subj = [c for c in subj if not _other_line(c, verb)] or subj
        subj.sort(key=lambda c: (c.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"), abs(verb.i - c.i)))
    if subj and subj[0].lower_ in ("which", "that", "what"):
        return None
    if subj and subj[0].dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children):
        # "the protesters had been warned", "who were admitted to hospital": the addressee, no speaker
        return _passive_by(verb) if verb.lemma_ in ("confirm", "report", "claim") else None
    if subj and subj[0].lower_ == "who" and verb.dep_ == "relcl":
        return verb.head
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents and subj and subj[0].dep_ == "nsubjpass":  # "Responsibility ... was claimed by the WPNLA"
        return agents[0]
    if subj and _other_line(subj[0], verb):  # the parse joined a title line to the story
        near = verb.doc[verb.i - 1] if verb.i > 0 else None
        return (
            near
            if near is not None and near.pos_ in ("NOUN", "PROPN") and not _other_line(near, verb)
            else None
        )
    if subj:
        return subj[0]
    prev = verb.i - 1
    while prev >= verb.sent.start and verb.doc[prev].is_punct:
        prev -= 1
    if prev >= verb.sent.start:
        cand = verb.doc[prev]
        cand = cand.head if cand.dep_ == "appos" else cand
        if cand.dep_ == "pobj" and cand.head.lower_ == "with":
            return cand
        closing = _closing_speaker(verb, verb.doc[prev])
        if closing is not None:
            return closing
    quoter = verb.head.head if verb.head.lower_ == "as" else verb.head
    quoted = [c for c in quoter.children if c.dep_ == "dobj"] if quoter.lemma_ == "quote" else []
    if quoted:  # "RIA quoted Kamchybek Tashiev as saying ..."
        return quoted[0]
    node = verb  # "X ... and said", "X were quick to condemn", "the Council, which gave ... and condemned"
    for _ in range(3):
        if node.dep_ not in ("conj", "advcl", "xcomp", "acomp"):
            break
        node = node.head
        if node.dep_ == "ccomp" and _speech_lemma(node.head):
            # "X said tensions had been building and called the unrest distressing": X goes on
            return _speaker_token(node.head)
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            relative = subj[0].lower_ in ("which", "who", "that") and node.dep_ == "relcl"
            return node.head if relative else subj[0]
    said_by = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS]
    if said_by:  # '"...," read the statement'
        return said_by[0]
    if verb.dep_ == "acl" and (  # "Early reports ... blamed gas canisters"; "Saberi, who heads ..., named"
        verb.head.lemma_.lower() in REPORT_NOUNS or verb.head.ent_type_ in ("PERSON", "ORG")
    ):
        return verb.head
    return None


def _dateline(tok: Token, verb: Token) -> bool:
    """Whether a subject stands in the dateline before a verb's line ('Sanaa, Yemen - The US military said')."""
    if tok.i > verb.i or _other_line(tok, verb):
        return False
    between = tok.doc[tok.i + 1 : verb.i]
    return any(":" in t.text or t.text in ("|", "\u2014", "\u2013") or spaced_dash(t) for t in between)


def _past_aside(tok: Token) -> Token:
    """'In a post on X, formerly Twitter, US Central Command said': the parse makes the aside the
    subject and the speaker its conjunct."""
    aside = any(c.dep_ == "advmod" and c.lower_ in ("formerly", "previously") for c in tok.children)
    after = [c for c in tok.children if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN"]
    return after[0] if aside and after else tok


def _accused(verb: Token) -> bool:
    """'stand accused of', 'a man accused of blasphemy': a participle of accusing names the accused, not who accuses."""
    return (
        verb.lemma_ in ("accuse", "charge")
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "agent") for c in verb.children)
    )


def _recalled(verb: Token, lexicon: ClaimLexicon) -> bool:
    """Whether the reporting verb itself is dated before the event ('Last month, the minister said')."""
    return any(
        c.dep_ in ("advmod", "npadvmod", "prep") and lexicon.recalled_words.search(_subtree_text(c))
        for c in verb.children
    )


def _subtree_text(tok: Token) -> str:
    doc = tok.doc
    return doc[tok.left_edge.i : tok.right_edge.i + 1].text


def _closing_speaker(verb: Token, before: Token) -> Token | None:
    """The speaker the parse left without a link to a verb that closes the sentence
    ('..., Echo of the Caucasus, the Georgian service of Radio Free Europe, reported.')."""
    if verb.dep_ not in ("ROOT", "parataxis") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if not _closes(verb):
        return None
    node = before
    while node.dep_ in ("pobj", "prep", "compound") and node.head.i < node.i:
        node = node.head
    if node.pos_ not in ("NOUN", "PROPN") or node.i > verb.i:
        return None
    return node if speaker_type(np_span(node).text) != "other" else None  # a source, not "eight people"


def _said_before(verb: Token, speaker: Token | None, segment: SpacySpan) -> int | None:
    """Where the speaker's words begin when the statement comes before them and the verb closes the
    line with nothing said after it ('..., the Iraqi broadcaster Rudaw reported on Monday.')."""
    if (
        speaker is None
        or speaker.i > verb.i
        or verb.dep_ not in ("ROOT", "parataxis", "acl")
        or not _closes(verb)
    ):
        return None
    start = np_span(speaker).start
    return start if start > segment.start + 2 else None


def _closes(verb: Token) -> bool:
    """Whether nothing but the verb's own modifiers ('on Monday', 'in a statement') and punctuation
    follows it in its line: no complement, no second clause ('adding that ...')."""
    segment = clip(verb)
    own = {t.i for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod", "agent") for t in c.subtree}
    return all(t.is_punct or t.i in own for t in verb.doc[verb.i + 1 : segment.end])


def _passive_by(verb: Token) -> Token | None:
    """The speaker of a passive reporting verb whose 'by' the parse hung lower ('confirmed at two press
    conferences in Maputo today by Orlando Mudumane')."""
    for tok in verb.subtree:
        if (
            tok.lower_ == "by"
            and tok.i > verb.i
            and tok.dep_ in ("prep", "agent")
            and not _in_clause(tok, verb)
        ):
            named = [c for c in tok.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")]
            if named and clip(verb).start <= named[0].i < clip(verb).end:
                return named[0]
    return None


# Links that open a clause of its own below a verb: a "by" inside one names that clause's doer.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "csubj"})


def _in_clause(tok: Token, verb: Token) -> bool:
    """Whether a token hangs in a clause below the verb, not on the verb's own phrases: in 'are reported
    to have been killed by the Burma army' the army is who killed, not who reported."""
    node = tok
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in CLAUSE_DEPS:
            return True
        node = node.head
    return False


def _other_line(a: Token, b: Token) -> bool:
    """Whether a line break separates two tokens."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" in doc_text(a.doc)[lo:hi]


def _content_span(verb: Token, segment: SpacySpan, speaker: Token | None = None) -> tuple[int, int] | None:
    """Character range of what was said: the complement clause or the words after the verb."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    before = _said_before(verb, speaker, segment)
    if before is not None:  # "..., Echo of the Caucasus, ..., reported."
        start, end = segment.start, before
    elif comps:  # every complement: "say they are trying to establish the number [of those] abducted"
        start, end = min(c.left_edge.i for c in comps), max(c.right_edge.i for c in comps) + 1
        if end <= verb.i:
            end = _goes_on(verb) or end
        if doc[start].dep_ == "mark" and doc[start].lower_ in ("that", "whether"):
            start += 1
    elif verb.lemma_ == "confirm" and any(c.dep_ == "nsubjpass" for c in verb.children):
        said = next(c for c in verb.children if c.dep_ == "nsubjpass")  # "The attack was confirmed by X"
        start, end = said.left_edge.i, said.right_edge.i + 1
    elif verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        # "Shooting broke out, Yerevan said, and two soldiers were shot dead by the Azerbaijani side":
        # the statement goes on past the reporting clause
        after = [t.i for t in verb.head.subtree if t.i > verb.right_edge.i and not t.is_punct]
        start, end = segment.start, (max(after) + 1 if after else _goes_on(verb) or verb.left_edge.i)
    elif verb.dep_ in ("parataxis", "advcl") and (
        verb.lemma_ == "tell" or not any(c.dep_ == "dobj" for c in verb.children)
    ):
        # "In that attack, reports say, 80 students died"; "..., a correspondent reported from the scene"
        own = {t.i for t in verb.subtree}
        before = [t.i for t in verb.head.subtree if t.i not in own and t.i < verb.i]
        after = [t.i for t in verb.head.subtree if t.i not in own and t.i > verb.i]
        rest = after if len(after) >= len(before) else before  # the larger side of the parenthesis
        if not rest:
            return None
        start, end = min(rest), max(rest) + 1
    elif verb.dep_ == "relcl" and verb.lemma_ == "claim":  # "The bombings, which Daesh has claimed"
        start, end = verb.head.left_edge.i, verb.i + 1
    else:
        start, end = verb.i + 1, max(t.i for t in verb.subtree) + 1
    start, end = max(start, segment.start), min(end, segment.end)
    return _trim(doc, start, end)


def _goes_on(verb: Token) -> int | None:
    """Where a statement ends that a reporting clause interrupts ('Fighting broke out, the border service
    said, when Tajik forces opened fire'): after the clauses with their own subject the parse hung on
    the verb, not a speech of its own ('adding that ...') or the speaker's own next act."""
    ends = [
        c.right_edge.i + 1
        for c in verb.children
        if c.i > verb.i
        and c.dep_ in ("advcl", "conj")
        and not _speech_lemma(c)
        and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in PRONOUNS for g in c.children)
    ]
    return max(ends) if ends else None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character range without edge punctuation and spaces (quotes included)."""
    if start >= end:
        return None
    lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    text = doc_text(doc)
    while lo < hi and (text[lo].isspace() or text[lo] in "\"',;:-\u2013\u2014"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in "\"',;:.-\u2013\u2014"):
        hi -= 1
    return (lo, hi) if hi - lo > 2 else None


def _reporting_tokens(doc: Doc) -> list[int]:
    """The tokens that may report a statement: ``_claim_at`` passes over every other one."""
    return tokens_with(doc, REPORTING_LEMMAS, SPEECH_NOUNS)


def _according_to(tok: Token, previous: Source) -> tuple[Source, tuple[int, int] | None] | None:
    """'According to a statement by X, ...' and '..., according to police.'"""
    if tok.lemma_.lower() != "accord" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
        return None
    to = tok.doc[tok.i + 1]
    pobj = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not pobj:
        return None
    source = source_of(pobj[0], previous)
    segment = clip(tok)
    edge = max(t.i for t in tok.subtree)
    if tok.i - segment.start <= 1:
        return source, _trim(tok.doc, edge + 1, segment.end)
    if segment.end - edge > 2 * (
        tok.i - segment.start
    ):  # "A few minutes later, according to X, a bomb went off"
        return source, _trim(tok.doc, edge + 1, segment.end)
    return source, _trim(tok.doc, segment.start, tok.i)


def _claim_at(
    tok: Token, previous: Source, tolls: Sequence[Fatalities], lexicon: ClaimLexicon, model: ClaimModel
) -> tuple[Claim, ClaimCues] | None:
    """The claim a reporting verb or an 'according to' phrase carries, if any (and if it is one),
    with the cues the claim model reads."""
    if tok.lemma_.lower() != "accord" and not _speech_lemma(tok):
        return None  # cheap test first: most tokens are neither
    doc = tok.doc
    segment = clip(tok)
    found = _according_to(tok, previous)
    if found is not None:
        source, rng, lemma = found[0], found[1], "according"
    else:
        lemma = _speech_lemma(tok)
        if not lemma:
            return None
        subj = _speaker_token(tok)
        if subj is None or (lemma == "read" and subj.lemma_.lower() not in STATEMENT_NOUNS):
            return None
        if _recalled(tok, lexicon) or _an_act(tok, lemma):
            return None
        if lemma == "call" and (
            not any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in tok.children) or _naming(tok)
        ):
            return None
        source, rng = source_of(subj, previous), _content_span(tok, segment, subj)
    name, role, head, gpe = source
    if name and not is_source(head, name, lexicon=lexicon):
        name, role, head, gpe = person_before(tok, previous)
    if not name or rng is None or _headline(segment):
        return None
    opened = _quote_start(doc, segment.start_char) if rng[1] <= tok.idx else None
    if opened is not None:  # the quotation the verb closes began sentences earlier: all of it is the claim
        rng, segment = (opened + 1, rng[1]), doc.char_span(opened, segment.end_char, alignment_mode="expand")
    text = doc_text(doc)[rng[0] : rng[1]]
    if len(text.split()) < (2 if lemma in VERB_ONLY_EVENT else 3) or not (
        about_event(text, lexicon=lexicon) or lemma in VERB_ONLY_EVENT or re.search(r"\d", text)
    ):
        return None
    kind = speaker_type(name, role, lexicon=lexicon, gpe=gpe)
    if (
        kind == "other" and not role and BODY_ANAPHOR.fullmatch(name)
    ):  # "the group said": the one named before
        kind = antecedent_kind(doc, tok.i, lexicon)
    agent = _agent(doc, rng)
    if not agent and lemma in ("blame", "accuse"):  # "police blamed the Pakistani Taliban"
        blamed = [c for c in tok.children if c.dep_ == "dobj"]
        agent = _accused_party(blamed[0]) if blamed else ""
    party, party_kind = named_party(text)
    cues = ClaimCues(
        lemma, text, kind, agent, _is_place(doc, agent), str(stance_of(_confirming(segment) or lemma, text, kind, agent=agent)),
        speaker=name, quoted='"' in segment.text, position=segment.start_char / max(1, len(doc_text(doc))),
    )  # fmt: skip
    stance = model.stance(cues)
    toll = next((f.best for f in tolls if f.span is not None and rng[0] <= f.span.start < rng[1]), None)
    # "TPNPB spokesman Sebby Sambom": the group a person speaks for, not the one a group's own role names
    person = kind == "armed group" and not armed_group_spoken_for(name)
    spoken_for = armed_group_spoken_for(role) if person else ""
    field, value = field_of(
        text,
        stance,
        agent=agent,
        speaker=spoken_for or name,
        toll=toll,
        party=party if party_kind == "group" else "",
    )
    span = Span(segment.start_char, segment.end_char, segment.text)
    claim = Claim(name, text, span, stance, role, kind, field, value, Span(rng[0], rng[1], text))
    return claim, dataclasses.replace(cues, stance=stance, field=field)


def _an_act(verb: Token, lemma: str) -> bool:
    """Whether a speech verb does a thing instead of saying one: 'declared a state of emergency', 'declared
    three days of mourning', 'declared victory', 'declared the area off-limits' (no clause said)."""
    return lemma == "declare" and not any(c.dep_ == "ccomp" for c in verb.children)


def _naming(verb: Token) -> bool:
    """'what the UN calls the world's worst crisis', 'al-Kikli, also called Ghaniwa': a name given in
    passing, no statement about the event; unless the name condemns ('what the authorities called a
    "heinous" operation')."""
    kids = list(verb.children)
    if any(c.dep_ == "dobj" and c.lower_ == "what" for c in kids):
        return not any(c.dep_ == "oprd" and CONDEMN.search(_subtree_text(c)) for c in kids)
    return any(c.lower_ == "also" for c in kids) and not any(c.dep_ == "dobj" for c in kids)


def _confirming(segment: SpacySpan) -> str:
    """'Confirming the attack, the police spokesman said ...': the speaker confirms what they say next."""
    first = next((t for t in segment if not (t.is_punct or t.is_space)), None)
    return "confirm" if first is not None and first.lower_ == "confirming" else ""


def _accused_party(tok: Token) -> str:
    """Who an accusation names, without what they are accused of ('the senior officer of supporting the militia')."""
    span = np_span(tok)
    cut = [c.left_edge.i for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    return tok.doc[span.start : min(cut)].text if cut and min(cut) > span.start else span.text


def _is_place(doc: Doc, agent: str) -> bool:
    """Whether the attacker a statement names is a country or city ('Turkey bombarded')."""
    return bool(agent) and any(e.label_ == "GPE" and e.text == agent for e in doc.ents)


# A statement on these verbs is about the event even without its words ("the group claimed it").
# Not "accuse": an accusation of no violence ("of corruption", "of favouring loyalists") is no claim.
VERB_ONLY_EVENT = frozenset(
    {
        "claim",
        "deny",
        "blame",
        "condemn",
        "denounce",
        "confirm",
        "reject",
        "allege",
        "dismiss",
        "warn",
    }
)


def _headline(segment: SpacySpan) -> bool:
    """A title line ('ISIS Says It Carried Out Kerman Blasts'): no full stop, most words capitalised, or a
    short line of its own with no full stop ("Official says gang raid killed several people", "Fresh border
    fighting: Afghans report 15 civilians dead", "Ecuador says blast was gangs' 'declaration of war'")."""
    text = segment.text.strip()
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    if not words or _full_stop(text) or len(words) < 4:
        return False
    line = _line_of(segment)
    if not _full_stop(line) and len(re.findall(r"[A-Za-z][\w'-]*", line)) <= 20:
        return True
    return sum(w[0].isupper() for w in words) / len(words) > 0.6 or ": " in text[:40]


def _full_stop(text: str) -> bool:
    """Whether a text ends as a sentence does: a stop, or a quotation closed after one ('..."', not a title's
    quoted 'declaration of war')."""
    return text[-1:] in ".!?" or (text[-1:] in "\"'\u201d\u2019" and text[-2:-1] in ".!?,")


def _line_of(segment: SpacySpan) -> str:
    """The whole line of text a segment stands in (a title's words after its 'Fresh border fighting:')."""
    text = doc_text(segment.doc)
    start = text.rfind("\n", 0, segment.start_char) + 1
    end = text.find("\n", segment.end_char)
    return text[start : end if end >= 0 else len(text)].strip()


def _agent(doc: Doc, rng: tuple[int, int]) -> str:
    """The attacker a statement names: the subject of a violence verb, or its 'by' agent."""
    lexicon = ClaimLexicon.default()
    window = doc.char_span(rng[0], rng[1], alignment_mode="expand")  # the statement's tokens, not the doc's
    for tok in window if window is not None else doc:
        if (
            tok.idx < rng[0]
            or tok.idx >= rng[1]
            or tok.lemma_.lower() not in VIOLENCE_LEMMAS
            or tok.pos_ != "VERB"
        ):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj and tok.dep_ == "conj":  # "Kyrgyz troops were massing and had fired on three villages"
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        by = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for who in (*subj, *by):
            if (
                who.lower_ in ("he", "she", "who", "which", "that")
                or who.lemma_.lower() in lexicon.non_source_heads
            ):
                if who.lower_ not in ("it",):
                    continue
            if who.pos_ in ("NUM",) or who.lemma_.lower() in UNNAMED_ATTACKERS:
                continue  # "a suicide bomber killed 44": no one is named
            return np_span(who).text
    return ""


def find_claims(
    doc: Doc,
    *,
    tolls: Sequence[Fatalities] = (),
    lexicon: ClaimLexicon | None = None,
    model: ClaimModel | None = None,
    day: date | None = None,
) -> list[Claim]:
    """Every attributed statement about the event in the doc, in text order, one per reporting verb.

    ``tolls`` are the counts the fatalities stage found (a claim's toll is the one inside it);
    ``day``, the report's, tells whether a group's spokesman already spoke for a state.
    A sentence that is only the continuation of a quotation ('"By this act ..."') is merged
    into the claim of the sentence before it. A speaker named once with a role keeps it. The claim
    model (``claim_model.py``) weighs asserts against accuses and drops the statements an analyst
    passes over.
    """
    lexicon = lexicon or ClaimLexicon.default()
    model = model or ClaimModel.default()
    claims: list[Claim] = []
    previous: Source = NO_SOURCE
    roles: dict[str, str] = {}
    reporting = _reporting_tokens(doc)
    for sent in doc.sents:
        own: list[tuple[Claim, Token]] = []
        for i in reporting[bisect_left(reporting, sent.start) : bisect_left(reporting, sent.end)]:
            tok = doc[i]
            found = _claim_at(tok, previous, tolls, lexicon, model)
            if found is None:
                continue
            claim, cues = found
            own, keep = _one_statement(own, claim, tok)
            if not keep:
                continue
            claim = as_quoted_before(
                with_known_role(claim, roles, lexicon, doc), [*claims, *(c for c, _ in own)]
            )
            previous = (claim.speaker, claim.speaker_role, "", claim.speaker_type == "government")
            if beside_event(claim.text, claim.stance, claim.field, lexicon=lexicon):  # still who "he" is
                continue
            earlier = [c.speaker for c in claims] + [c.speaker for c, _ in own]
            cues = dataclasses.replace(
                cues, kind=claim.speaker_type, speaker=claim.speaker, earlier=len(earlier),
                speaker_before=claim.speaker in earlier,
            )  # fmt: skip
            if model.keeps(cues):
                own.append((claim, tok))
        if not own and claims and _continues_quote(sent, claims[-1]):
            claims[-1] = _merge(doc, claims[-1], sent)
        claims.extend(without_relays(going_on([c for c, _ in own])))
    return with_ruling_speakers(claims, day.isoformat()) if day else claims


def _one_statement(
    own: list[tuple[Claim, Token]], claim: Claim, verb: Token
) -> tuple[list[tuple[Claim, Token]], bool]:
    """The sentence's claims once a new one is added, and whether the new one is kept: one statement, one claim.

    A reporting verb inside another claim's statement is the same speaker going on ('saying it
    "condemns ..."', '"We have no security, we say it every day," Banza said') when its subject
    is a pronoun or the same speaker: the outer claim is kept. When it names someone else in the
    outer verb's complement, the outer speaker only relays ('AIM reported that Mudumane told
    journalists that ...'): the inner claim is kept, as it is under an 'according to' that
    closes another's statement ('..., Imamoglu said, according to a court document').
    """
    kept: list[tuple[Claim, Token]] = []
    keep_new = True
    for other, other_verb in own:
        if _inside(verb, other, other_verb):
            if _same_voice(claim, verb, other):
                keep_new = False
            elif other_verb.lemma_.lower() == "accord" or _relays(other_verb, verb):
                continue  # "According to the police chief, the driver called and said 13 passengers were taken"
        elif _inside(other_verb, claim, verb):
            if verb.lemma_.lower() == "accord":  # '"...," Imamoglu said, according to a court document'
                keep_new = False
            elif _same_voice(other, other_verb, claim):
                continue
            if _relays(verb, other_verb):
                keep_new = False
        elif claim.speaker == other.speaker and claim.text in other.text:
            keep_new = False
        kept.append((other, other_verb))
    return kept, keep_new


def _inside(verb: Token, claim: Claim, claim_verb: Token) -> bool:
    """Whether a reporting verb is part of another claim's statement: inside it, and one clause
    of it, not a clause joined to it ('X said three died, and a hospital gave a toll of 20')."""
    if claim.content is None or not claim.content.start <= verb.idx < claim.content.end:
        return False
    if claim_verb.lemma_.lower() == "accord":  # "According to X, ...": the whole line is X's statement
        return True
    return _governs(claim_verb, verb) or _governs(verb, claim_verb)


def _relays(outer: Token, inner: Token) -> bool:
    """Whether a reporting verb frames another in its complement ('X reported that Y said', 'X received
    a call from the driver, who said'), not beside it or in a clause on something else ('the results
    that the council announced')."""
    node = inner
    for _ in range(8):
        if inner.i < outer.i or node.head.i == node.i:
            return False
        if node.dep_ == "relcl" and not any(c.lower_ == "who" and c.dep_ == "nsubj" for c in node.children):
            return False
        if node.dep_ not in ("ccomp", "xcomp", "relcl", "pobj", "prep", "dobj"):
            return False
        node = node.head
        if node.i == outer.i:
            return True
    return False


def _governs(high: Token, low: Token, *, across: frozenset[str] = frozenset({"conj"})) -> bool:
    """Whether ``high`` is above ``low`` in the parse through no link of the kinds in ``across``."""
    node = low
    for _ in range(8):
        if node.dep_ in across or node.head.i == node.i:
            return False
        node = node.head
        if node.i == high.i:
            return True
    return False


def _same_voice(claim: Claim, verb: Token, outer: Claim) -> bool:
    """Whether a claim inside another's statement is the same speaker's (a pronoun, the same name)."""
    subject = _speaker_token(verb)
    return claim.speaker == outer.speaker or subject is None or subject.lower_ in PRONOUNS


def _continues_quote(sent: SpacySpan, last: Claim) -> bool:
    """Whether a speaker-less sentence opens with a quote right after a quoted claim."""
    first_line = sent.text.strip().split("\n")[0]
    gap = doc_text(sent.doc)[last.span.end : sent.start_char]
    return first_line.startswith('"') and len(first_line) > 3 and "\n" not in gap


def _quote_start(doc: Doc, at: int) -> int | None:
    """Where a quotation still open at ``at`` began on its line ('"On the region. One dead. I'm going," he wrote')."""
    text = doc_text(doc)
    line = text.rfind("\n", 0, at) + 1
    before = text[line:at]
    return line + before.index('"') if before.count('"') % 2 else None


def _merge(doc: Doc, last: Claim, sent: SpacySpan) -> Claim:
    """Extend a claim over the next sentence of the same quotation."""
    first = next((t for t in sent if not t.is_space), sent[0])
    segment = clip(first)
    rng = _trim(doc, segment.start, segment.end)
    if rng is None:
        return last
    end = segment.end_char
    span = Span(last.span.start, end, doc_text(doc)[last.span.start : end])
    text = f"{last.text} {doc_text(doc)[rng[0] : rng[1]]}"
    return dataclasses.replace(last, text=text, span=span)
