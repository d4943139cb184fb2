"""Who a speaker is: the noun phrase as written, its name and role apart, expanded where the article allows.

``claims.py`` finds the reporting verb and its subject through the parse; this module turns
that subject into a source an analyst can read: "the provincial police chief, Moazzam Jah
Ansari" is a name and a role, "Rasool's statement" is Yahya Rasool, "CENTCOM" is "US Central
Command (CENTCOM)", "he" and "according to him" are the speaker just quoted, and a person
quoted by surname keeps the role the article introduced them with.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.claim_coding import ARMED_TYPES, ClaimLexicon, speaker_type
from sitrep.model import Claim
from sitrep.nlp import doc_text

STATEMENT_NOUNS = frozenset(
    {"statement", "communique", "communiqué", "release", "announcement", "tweet", "post", "message", "letter", "call"}
)  # fmt: skip
# Documents whose author, when the article names one, is the source ("a report by Amnesty").
AUTHORED_NOUNS = STATEMENT_NOUNS | {"report"}
# "a number of officials said", "some of the residents said": the speaker is who they are a part of.
PART_NOUNS = frozenset(
    {"number", "some", "many", "most", "several", "one", "both", "all", "dozens", "scores", "group"}
)
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
# "According to him, ...": the object form names the speaker the article has just quoted.
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
KEEP_PREPS = frozenset({"of", "for", "from", "at", "to"})
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "case"})

TITLE_WORDS = frozenset(
    "prime deputy vice foreign interior defence defense police army district regional state".split()
)
ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson minister president chief officer official commander governor
    director head leader chairman secretary-general secretary administrator commissioner prosecutor
    coordinator researcher representative ambassador mayor general colonel""".split()
)
# An abbreviation of these is a post, not a body to name in full ("the SSP", "the DPO").
POST_WORDS = ROLE_NOUNS | {"superintendent", "inspector"}
# A source as the article gives it: name, role, parse head (to tell a toll from a speaker), whether a place.
Source = tuple[str, str, str, bool]
NO_SOURCE: Source = ("", "", "", False)


def clip(tok: Token) -> SpacySpan:
    """The part of tok's sentence between paragraph breaks, without edge whitespace.

    Asked for most tokens of a candidate sentence, so the answer is kept per doc for every
    token of the same line (``tok.sent`` walks the sentence on each call).
    """
    doc = tok.doc
    cache = doc.user_data.setdefault("sitrep_clip", {})
    bounds = cache.get(tok.i)
    if bounds is None:
        sent = tok.sent
        start, end = sent.start, sent.end
        for t in sent:
            if "\n" in t.text and t.i < tok.i:
                start = t.i + 1
            elif "\n" in t.text and t.i > tok.i:
                end = t.i
                break
        line = range(start, end) if "\n" not in tok.text else (tok.i,)
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        bounds = (start, end)
        cache.update(dict.fromkeys(line, bounds))
    return doc[bounds[0] : bounds[1]]


def np_span(tok: Token) -> SpacySpan:
    """A speaker's noun phrase as written, without relative clauses or trailing commas."""
    doc = tok.doc
    keep = [tok]
    for child in tok.children:
        if child.dep_ in CUT_DEPS or (child.dep_ == "appos" and not in_parens(child)):
            continue
        if child.dep_ == "prep" and child.lower_ not in KEEP_PREPS:
            continue
        keep.extend(child.subtree)
    segment = clip(tok)
    start = max(min(t.i for t in keep), segment.start)
    end = min(max(t.i for t in keep) + 1, segment.end)
    cuts = [
        t.i
        for t in doc[start : tok.i]
        if ":" in t.text or t.text in ("|", "\u2014", "\u2013") or spaced_dash(t)
    ]
    start = cuts[-1] + 1 if cuts else start  # "Yaounde, November 11 (Xinhua): Local sources say"
    while end > start + 1 and doc[end - 1].is_punct and doc[end - 1].text != ")":
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    if end < len(doc) and doc[end].text == ")" and "(" in doc[start:end].text:
        end += 1
    return doc[start:end]


def spaced_dash(tok: Token) -> bool:
    """A dash between spaces ('ADDIS ABABA, March 22 - Ethiopia's military'), not a hyphen ('al-Shabaab')."""
    return tok.text == "-" and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def in_parens(tok: Token) -> bool:
    """'(CENTCOM)' is part of the speaker's name; a comma apposition is not."""
    doc = tok.doc
    return tok.i > 0 and doc[tok.i - 1].text == "(" and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ")"


def expand(doc: Doc, text: str) -> str:
    """The fullest written form of a short speaker: 'CENTCOM' -> 'US Central Command (CENTCOM)', 'the OTS'
    -> 'Organization of Turkic States (OTS)'."""
    short = re.sub(r"^[Tt]he ", "", text)
    if re.fullmatch(r"[A-Z][A-Z0-9.&-]{1,}", short):
        word = r"[A-Z][\w.&'-]*"
        named = rf"{word}(?: (?:(?:of|for|and|the|de|du) )*{word})* \(" + re.escape(short) + r"\)"
        match = re.search(named, doc_text(doc))
        full = _as_long_as(match.group(0), short) if match else ""
        if full and not {w.lower() for w in re.findall(r"[\w'-]+", full)} & POST_WORDS:
            return full
    if re.fullmatch(r"[A-Z][\w'-]+", text):
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == text:
                return ent.text
    return text


def _as_long_as(named: str, short: str) -> str:
    """A name cut to as many capitalised words as its abbreviation has letters, when it has more ('The
    Secretary General of the Organization of Turkic States (OTS)' -> 'Organization of Turkic States (OTS)')."""
    words = named.split(" ")
    letters, seen = sum(c.isalpha() for c in short), 0
    for i in range(len(words) - 2, -1, -1):  # "Inter-Services" stands for two letters
        seen += sum(part[:1].isupper() for part in words[i].split("-"))
        if seen >= letters:
            return " ".join(words[i:])
    return named


def source_of(tok: Token, previous: Source) -> Source:
    """Who a speaker token names, as written: name and role apart, expanded where the article allows."""
    if tok.lower_ in PRONOUNS or tok.lower_ in OBJECT_PRONOUNS:
        return previous if previous[0] else nearest_entity(tok)
    author = document_author(tok)
    if author is not None:
        return source_of(author, previous)
    if tok.lemma_.lower() in STATEMENT_NOUNS:
        return previous if previous[0] else (np_span(tok).text, "", tok.lemma_, False)
    part = [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if tok.lemma_.lower() in PART_NOUNS and part:  # "a number of officials in the province"
        name, role, _, gpe = source_of(part[0], previous)
        return np_span(tok).text, role, part[0].lemma_, gpe
    role = ""
    names = [
        c for c in tok.children if c.dep_ == "appos" and not in_parens(c) and c.ent_type_ in ("PERSON", "ORG")
    ]
    if names:  # "the provincial police chief, Moazzam Jah Ansari"
        role, tok = np_span(tok).text, names[0]
    else:
        role = role_of(tok)
    text = expand(tok.doc, np_span(tok).text)
    if not role:
        text, role = split_title(tok, text)
    if not role and tok.ent_type_ == "PERSON" and np_span(tok).start >= entity_at(tok).start:
        role = title_before(entity_at(tok))
    return text, role, tok.lemma_, tok.ent_type_ in ("GPE", "NORP")


def title_before(ent: SpacySpan) -> str:
    """The post written right before a name that the parse left outside the name's phrase
    ("National police chief Razarudin Husain said", parsed as two subjects): a run of nouns and
    adjectives ending in a role noun."""
    doc, start = ent.doc, ent.start
    words = []
    for t in reversed(doc[ent.sent.start : start]):
        if t.pos_ not in ("NOUN", "PROPN", "ADJ") or t.ent_type_ == "PERSON" or len(words) == 8:
            break
        words.insert(0, t)
    if not words or words[-1].lower_ not in ROLE_NOUNS:
        return ""
    return doc[words[0].i : start].text


def document_author(tok: Token) -> Token | None:
    """Who wrote the statement, report or post the article cites ('a report the Kapaeeng Foundation
    published', 'a post shared by Zagazola Makama', 'a statement by the army'); for 'the report', the
    author of the report the article cited before. The author, not the document, is the source."""
    if tok.lemma_.lower() not in AUTHORED_NOUNS:
        return None
    found = _author_of(tok)
    if found is not None or not any(c.lower_ == "the" for c in tok.children):
        return found
    earlier = (t for t in reversed(tok.doc[: tok.i]) if t.lemma_ == tok.lemma_)
    return next((a for a in map(_author_of, earlier) if a is not None), None)


def _author_of(tok: Token) -> Token | None:
    """The owner, 'by' or 'from' agent, or publishing subject of a document noun, if the article names one."""
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
            return c
        by = c if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") else None
        if c.dep_ == "acl":  # "a post shared by X"
            by = next((g for g in c.children if g.dep_ == "agent"), None)
        if c.dep_ == "relcl":  # "a report the Kapaeeng Foundation published"
            subj = [g for g in c.children if g.dep_ == "nsubj" and g.lower_ not in ("which", "that", "who")]
            if subj:
                return subj[0]
        named = [g for g in by.children if g.dep_ == "pobj"] if by is not None else []
        if named:
            return named[0]
    return None


def role_of(tok: Token) -> str:
    """The role an article gives a named speaker: ', a spokesman for the hospital,' or ', who speaks for ...'."""
    for child in tok.children:
        if child.dep_ == "appos" and not in_parens(child) and child.ent_type_ not in ("PERSON", "GPE"):
            return np_span(child).text
        if child.dep_ == "relcl" and tok.ent_type_ == "PERSON":
            words = [t for t in child.subtree if t.lower_ not in ("who", "whose")]
            segment = clip(tok)
            words = [t for t in words if segment.start <= t.i < segment.end]
            if words and len(words) <= 14:
                return tok.doc[words[0].i : words[-1].i + 1].text.strip(" ,")
    return ""


def split_title(tok: Token, text: str) -> tuple[str, str]:
    """'police chief Camillus Wambura' -> ('Camillus Wambura', 'police chief')."""
    ent = entity_at(tok) if tok.ent_type_ == "PERSON" else None
    if ent is not None and text.endswith(ent.text) and len(text) > len(ent.text) + 2:
        title = text[: -len(ent.text)].strip(" ,")
        if is_title(title):  # not a first name the parser left out of the entity ("Benjamin Netanyahu")
            return ent.text, title
    return text, ""


def is_title(words: str) -> bool:
    """'police chief', 'Israeli Prime Minister': a role, not the first part of a name ('Benjamin')."""
    found = re.findall(r"[\w'-]+", words)
    return any(w.lower() in ROLE_NOUNS or w.lower() in TITLE_WORDS or w[0].islower() for w in found)


def entity_at(tok: Token) -> SpacySpan:
    """The named entity a token is part of, read from its IOB tags (``doc.ents`` builds every span)."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def nearest_entity(tok: Token) -> Source:
    """For a pronoun with no earlier speaker: the last person (he/she) or organisation before it."""
    labels = ("PERSON",) if tok.lower_ in ("he", "she", "him", "her") else ("ORG", "NORP", "GPE")
    before = [e for e in tok.doc.ents if e.end <= tok.i and e.label_ in labels]
    if not before:
        return NO_SOURCE
    return expand(tok.doc, before[-1].text), "", before[-1].root.lemma_, before[-1].label_ in ("GPE", "NORP")


def person_before(verb: Token, previous: Source) -> Source:
    """When the parse gives a toll as subject ('..., some of them critically, X told'), the person right before."""
    ent = next((e for e in verb.doc.ents if e.label_ == "PERSON" and verb.i - 2 <= e.end <= verb.i), None)
    return source_of(ent.root, previous) if ent is not None else NO_SOURCE


def with_known_role(claim: Claim, roles: dict[str, str], lexicon: ClaimLexicon, doc: Doc) -> Claim:
    """'Khan said' after 'Muhammad Asim Khan, who speaks for the hospital,' keeps his role; a person
    quoted with no role takes the one the article gives them elsewhere ('Israeli Prime Minister Netanyahu')."""
    last = claim.speaker.split()[-1] if claim.speaker.split() else ""
    if claim.speaker_role:
        roles[claim.speaker] = roles[last] = claim.speaker_role
        return claim
    role = roles.get(claim.speaker) or roles.get(last, "")
    if not role and last not in roles and claim.speaker_type == "other" and claim.speaker[:1].isupper():
        role = roles[last] = role_in_doc(doc, last)
    if not role:
        return claim
    kind = speaker_type(claim.speaker, role, lexicon=lexicon)
    if kind == "other":  # a role that names no kind keeps what the name told ("Yerevan": the government)
        kind = claim.speaker_type
    return dataclasses.replace(claim, speaker_role=role, speaker_type=kind)


def role_in_doc(doc: Doc, last: str) -> str:
    """The role a person named ``last`` has where the article introduces them: a title before, an apposition after."""
    text = doc_text(doc)
    for match in re.finditer(r"\b" + re.escape(last) + r"\b", text):
        found = doc.char_span(match.start(), match.end())
        if found is None or found[0].ent_type_ != "PERSON":
            continue
        ent = entity_at(found[0])
        lead = doc[min(ent.root.left_edge.i, ent.start) : ent.start].text.strip(" ,")
        if lead and is_title(lead) and len(lead.split()) <= 8:
            return lead
        role = role_of(ent.root)
        if role:
            return role
    return ""


# "the group said", "the network said": a body the article named before, not a source of its own.
BODY_ANAPHOR = re.compile(r"(the|this) ([\w-]+ )?(group|alliance|outfit|network|organi[sz]ation)", re.I)


def antecedent_kind(doc: Doc, before: int, lexicon: ClaimLexicon) -> str:
    """The kind of the body a bare 'the group' stands for: the nearest body named before it whose kind
    its words tell (an organisation the parse tags, an armed group the actor dictionary knows), or
    'other'; an outlet quoting it is not the group."""
    from sitrep.actors import ActorDictionary, is_unidentified

    at = doc[before].idx if before < len(doc) else len(doc_text(doc))
    named = [
        (e.end_char, speaker_type(e.text, lexicon=lexicon))
        for e in doc.ents
        if e.end_char <= at and e.label_ == "ORG"
    ]
    named += [
        (m.span.end, "armed group")
        for m in ActorDictionary.default().find(doc_text(doc)[:at])
        if m.actor.type in ARMED_TYPES and not is_unidentified(m.actor)
    ]
    kinds = [kind for _, kind in sorted(named) if kind not in ("other", "media")]
    return kinds[-1] if kinds else "other"


# "the ministry said", "the official said": a speaker the article quoted before, named by its post alone.
DEFINITE_SPEAKER = re.compile(r"(the|this) (same )?([a-z]+?)s?", re.I)
QUOTED_AGAIN_HEADS = frozenset(
    """ministry official spokesman spokeswoman spokesperson commissioner colonel coalition agency department
    source officer general command service""".split()
)


def as_quoted_before(claim: Claim, earlier: list[Claim]) -> Claim:
    """'The ministry said' after 'Russia's defence ministry said' is that ministry again, of the kind
    the fuller mention told; the post alone ('the official') cannot tell a soldier from a minister."""
    found = DEFINITE_SPEAKER.fullmatch(claim.speaker)
    if found is None or claim.speaker_role or found.group(3).lower() not in QUOTED_AGAIN_HEADS:
        return claim
    head = re.compile(r"\b" + found.group(3), re.I)
    fuller = [
        c
        for c in earlier
        if not DEFINITE_SPEAKER.fullmatch(c.speaker)
        and (head.search(c.speaker) or head.search(c.speaker_role))
    ]
    if not fuller or fuller[-1].speaker_type == "other":
        return claim
    return dataclasses.replace(claim, speaker_type=fuller[-1].speaker_type)


def with_ruling_speakers(claims: list[Claim], day: str) -> list[Claim]:
    """A spokesman of a group that had become the state by the report's day speaks for the
    government ("Taliban spokesman Zabihullah Mujahid" in 2023), as ACLED codes the group itself."""
    from sitrep.actors import ActorDictionary

    dictionary = ActorDictionary.default()
    out = []
    for claim in claims:
        if claim.speaker_type == "armed group":
            found = dictionary.find(f"{claim.speaker_role} {claim.speaker}")
            since = next(
                (dictionary.ruling[m.actor.name][0] for m in found if m.actor.name in dictionary.ruling), ""
            )
            if since and day >= since:
                claim = dataclasses.replace(claim, speaker_type="government")
        out.append(claim)
    return out
