"""Actor look-up: who did it, and to whom, as canonical ACLED-style actors.

The dictionary is versioned data (``data/state_actors.yaml``, generated from pycountry,
and ``data/actors.yaml``, curated). Aliases are matched over raw article text on a token
trie: case-insensitive, except for short acronyms (KH, IS, SAF, U.S.) which must keep
their capitals; curly, straight and missing apostrophes are equal and hyphens are
ignored, so "Kata’ib Hezbollah", "Kataib Hezbollah" and "al-Shabaab"/"al Shabaab" all
match. Generic actors ("protesters", "gunmen") carry a ``{country}`` placeholder that
:func:`with_country` fills from the event's country.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

import yaml

from sitrep.codebook import codebook
from sitrep.model import Actor, ActorMention, Span

DATA_DIR = Path(__file__).resolve().parent / "data"
CURATED_FILE = DATA_DIR / "actors.yaml"
STATE_FILE = DATA_DIR / "state_actors.yaml"

ACTOR_TYPES = frozenset(codebook().actor_types)
PLACEHOLDERS = ("{country}", "{the_country}")

_APOSTROPHES = "'\u2019\u2018\u02bc`\u2032"
_WORD = re.compile(r"\w+(?:[" + _APOSTROPHES + r"]\w+)*|[^\w\s\-\u2010\u2011]")
_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_STRAIGHTEN = str.maketrans({c: "'" for c in _APOSTROPHES})
_END = ""  # trie key of "an alias ends here"; no token has an empty key
_AMBIGUOUS = -1  # alias names several actors: consumed, never resolved
_STOP = -2  # stop phrase: consumed, never resolved

Token = tuple[int, int, str, str]  # start, end, case-insensitive key, case-sensitive key


@dataclass(frozen=True, slots=True)
class CountryNames:
    """A country's short name ("Iraq"), its form after "of" ("the United States"), and the
    other words that name it ("Iraqi", "America") in aliases."""

    name: str
    formal: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor with its aliases and entity-ruler settings, as read from the data files."""

    actor: Actor
    aliases: tuple[str, ...] = ()
    label: str = "ORG"
    ruler: bool = True
    ruler_aliases: tuple[str, ...] = ()  # curated aliases only: generated ones stay out of the ruler
    regional: tuple[tuple[str, str], ...] = ()  # (country, actor) the generic word means there; "*" elsewhere
    ruling: tuple[str, str] = ()  # (ISO day, state actor): from that day the group is the state's forces


@dataclass
class _Trie:
    root: dict = field(default_factory=dict)
    collisions: dict[str, set[int]] = field(default_factory=dict)

    def add(self, keys: list[str], value: int, alias: str) -> None:
        """Insert an alias path; a second actor on the same path makes it ambiguous."""
        node = self.root
        for key in keys:
            node = node.setdefault(key, {})
        old = node.get(_END)
        if old is None or value == _AMBIGUOUS:
            node[_END] = value
        elif old != value and old != _AMBIGUOUS and value != _STOP and old != _STOP:
            self.collisions.setdefault(alias, {old}).add(value)
            node[_END] = _AMBIGUOUS

    def get(self, keys: list[str]) -> int | None:
        node = self.root
        for key in keys:
            node = node.get(key)
            if node is None:
                return None
        return node.get(_END)


class ActorDictionary:
    """Versioned alias dictionary of actors, compiled to a token trie for fast look-up."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        countries: Mapping[str, CountryNames],
        version: str,
        *,
        ambiguous: Iterable[str] = (),
        stop_phrases: Iterable[str] = (),
    ) -> None:
        self.version = version
        self.countries = dict(countries)
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        self._by_name = {e.actor.name: e.actor for e in self.entries}
        self.regional = {e.actor.name: dict(e.regional) for e in self.entries if e.regional}
        self.ruling = {e.actor.name: e.ruling for e in self.entries if e.ruling}
        self._trie = _Trie()
        self._ambiguous = {tuple(alias_keys(a)) for a in ambiguous}
        for index, entry in enumerate(self.entries):
            for alias in _alias_forms(entry):
                self._trie.add(alias_keys(alias), index, alias)
        for phrase in stop_phrases:
            self._trie.add(alias_keys(phrase), _STOP, phrase)
        for alias in ambiguous:
            self._trie.add(alias_keys(alias), _AMBIGUOUS, alias)

    @classmethod
    def default(cls) -> ActorDictionary:
        """The shipped dictionary, loaded once per process."""
        return _default_dictionary()

    @classmethod
    def from_files(cls, curated: Path = CURATED_FILE, state: Path = STATE_FILE) -> ActorDictionary:
        """Load the curated and the generated YAML files (curated entries extend generated ones)."""
        return cls.from_data(_read_yaml(curated), _read_yaml(state))

    @classmethod
    def from_data(cls, curated: Mapping, state: Mapping | None = None) -> ActorDictionary:
        """Build from already parsed documents; tests pass small ones."""
        state = state or {"version": "none", "countries": {}, "actors": []}
        entries: dict[str, ActorEntry] = {}
        for raw in state.get("actors") or []:
            entry = _entry(raw, generated=True)
            entries[entry.actor.name] = entry
        for raw in curated.get("actors") or []:
            entry = _entry(raw, generated=False)
            entries[entry.actor.name] = _merge(entries.get(entry.actor.name), entry)
        countries = {
            str(code): CountryNames(
                str(c["name"]), str(c.get("formal") or c["name"]), tuple(str(w) for w in c.get("words") or ())
            )
            for code, c in (state.get("countries") or {}).items()
        }
        version = f"actors-{curated.get('version', 'none')}+state-{state.get('version', 'none')}"
        return cls(
            entries.values(),
            countries,
            version,
            ambiguous=curated.get("ambiguous") or (),
            stop_phrases=curated.get("stop_phrases") or (),
        )

    @property
    def collisions(self) -> dict[str, list[str]]:
        """Aliases that more than one actor claims (unintended ambiguity), alias -> names."""
        return {
            alias: sorted(self.entries[i].actor.name for i in ids)
            for alias, ids in self._trie.collisions.items()
            if tuple(alias_keys(alias)) not in self._ambiguous
        }

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name."""
        return self._by_name.get(name)

    def lookup(self, alias: str) -> Actor | None:
        """The actor an alias (or canonical name) stands for; None if unknown or ambiguous."""
        if alias in self._by_name:
            return self._by_name[alias]
        keys = [_token_key(tok) for tok in tokenize(alias)]
        value = self._trie.get(keys) if keys else None
        return self.entries[value].actor if value is not None and value >= 0 else None

    def find(self, text: str) -> list[ActorMention]:
        """Leftmost-longest, non-overlapping alias matches in ``text``, offsets into it."""
        tokens = tokenize(text)
        root = self._trie.root
        mentions: list[ActorMention] = []
        i, n = 0, len(tokens)
        while i < n:
            if tokens[i][2] not in root and tokens[i][3] not in root:
                i += 1
                continue
            i, last, value = self._best_overlapping(tokens, i)
            if value is None:
                i += 1
                continue
            if value >= 0:
                start, end = tokens[i][0], tokens[last][1]
                mentions.append(ActorMention(Span(start, end, text[start:end]), self.entries[value].actor))
            i = last + 1
        mentions = [m for m in mentions if not _AFFILIATION.match(text, m.span.end)]
        return self._with_weapon_owners(text, self._with_coordinated(text, mentions))

    def _with_weapon_owners(self, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """ "A Russian guided aerial bomb", "an Israeli strike": the state that fired it."""
        taken = [(m.span.start, m.span.end) for m in mentions]
        extra = []
        for match in _WEAPON_OWNER.finditer(text):
            start, end = match.span(1)
            if any(s <= start < e for s, e in taken):
                continue
            for noun in ("military", "forces", "army", "troops"):
                actor = self.lookup(f"{match.group(1)} {noun}")
                if actor is not None and actor.type == "State forces" and not _is_template(actor.name):
                    extra.append(ActorMention(Span(start, end, text[start:end]), actor))
                    break
        return sorted([*mentions, *extra], key=lambda m: m.span.start) if extra else mentions

    def _with_coordinated(self, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """ "Russian and Ukrainian troops": the first demonym shares the second's noun."""
        extra: list[ActorMention] = []
        for m in mentions:
            first, _, rest = m.span.text.partition(" ")
            if not rest:
                continue
            before = _COORDINATED.search(text, 0, m.span.start)
            if before is None or before.end() != m.span.start:
                continue
            actor = self.lookup(f"{before.group(1)} {rest}")
            if actor is not None and actor != m.actor:
                start = before.start(1)
                extra.append(ActorMention(Span(start, before.end(1), text[start : before.end(1)]), actor))
        return sorted([*mentions, *extra], key=lambda m: m.span.start) if extra else mentions

    def _best_overlapping(self, tokens: list[Token], i: int) -> tuple[int, int, int | None]:
        """The longest match at i, unless a longer one starts inside it and runs past its end.

        So "the Armed Forces of Ukraine" yields the named army, not the generic "the armed forces".
        """
        root = self._trie.root
        last, value = self._longest(tokens, i)
        k = i + 1
        while value is not None and k <= last:
            if tokens[k][2] not in root and tokens[k][3] not in root:
                k += 1
                continue
            other_last, other = self._longest(tokens, k)
            if other is not None and other_last > last and other_last - k > last - i:
                i, last, value = k, other_last, other
            k += 1
        return i, last, value

    def _longest(self, tokens: list[Token], i: int) -> tuple[int, int | None]:
        """Walk the trie from token i; the last token and value of the longest alias."""
        best: tuple[int, int | None] = (i, None)
        frontier = [self._trie.root]
        for j in range(i, len(tokens)):
            _, _, low, exact = tokens[j]
            nxt = []
            for node in frontier:
                if low in node:
                    nxt.append(node[low])
                if exact in node:
                    nxt.append(node[exact])
            if not nxt:
                break
            for child in nxt:
                if _END in child:
                    best = (j, child[_END])
                    break
            frontier = nxt
        return best

    def entity_patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns for named groups (the ruler matches on LOWER).

        Aliases with acronyms become token patterns on ORTH so that case still counts;
        two-letter acronyms, generic nouns, generated state aliases and aliases that
        begin with a country word (they would hide a GPE or NORP) are left out.
        """
        from spacy.lang.en import English

        make_doc = English().make_doc
        country_word = _country_word_regex(self.countries.values())
        patterns: list[dict] = []
        seen: set[tuple[str, str]] = set()
        for entry in self.entries:
            if not entry.ruler or not entry.ruler_aliases or _is_template(entry.actor.name):
                continue
            for alias in entry.ruler_aliases:
                if tuple(alias_keys(alias)) in self._ambiguous or not _fit_for_ruler(alias, country_word):
                    continue
                pattern = _ruler_pattern(alias.replace("\u2019", "'"), make_doc)
                key = (entry.label, repr(pattern))
                if key not in seen:
                    seen.add(key)
                    patterns.append({"label": entry.label, "pattern": pattern, "id": entry.actor.name})
        return patterns


# "the al-Qaeda-linked group al-Shabaab": a description of the actor, not the actor.
_AFFILIATION = re.compile(r"-(?:linked|affiliated|backed|aligned|allied|inspired|supported|leaning)\b", re.I)
_WEAPON_OWNER = re.compile(
    r"\b([A-Z][a-z]+|US|U\.S\.)(?= (?:[\w-]+ ){0,2}(?:drones?|missiles?|rockets?|bombs?|(?:air ?)?strikes?|"
    r"airstrikes?|warplanes?|jets?|aircraft|shelling|artillery|shells|helicopters?|bombardment)\b)"
)
_COORDINATED = re.compile(r"\b([A-Z][\w'.-]+) (?:and|or|&) $")


def is_unidentified(actor: Actor | None) -> bool:
    """ACLED's unidentified sides ("Unidentified Armed Group (Mali)", "Unidentified Gang"): the
    report names no group, so a named group, a claim or a blame outranks it."""
    return actor is not None and actor.name.startswith("Unidentified ")


def state_force(kind: str, country_code: str) -> Actor:
    """The country's police or military ("Police", "Military") as ACLED names them."""
    return with_country(Actor(f"{kind} Forces of {{the_country}}", "State forces"), country_code)


def as_ruled(actor: Actor | None, day: str, country_code: str) -> Actor | None:
    """A group that has become a state is ACLED's state forces in its country from the day it took
    power ("Taliban" in Kabul in October 2021 are "Military Forces of Afghanistan (2021-)"); before
    it, abroad ("Taliban" in Pakistan), and any other actor, as is."""
    if actor is None:
        return None
    dictionary = ActorDictionary.default()
    since, name = dictionary.ruling.get(actor.name, ("", ""))
    state = dictionary.get(name) if since and day >= since else None
    return state if state is not None and state.country == country_code.upper() else actor


def with_country(actor: Actor, country_code: str) -> Actor:
    """Fill a generic actor's "{country}" from the event's country ("Protesters (Iraq)").

    Actors without a placeholder come back unchanged. With no known country the placeholder
    is dropped ("Protesters"): a template must never reach the output. A generic word that
    ACLED reads as a country's known insurgency when no group is named ("insurgents" in
    southern Thailand, "separatist fighters" in Cameroon) is that group there, and an
    unidentified armed group anywhere else; "soldiers" in the Palestinian territories are Israel's.
    """
    if not _is_template(actor.name):
        return actor
    dictionary = ActorDictionary.default()
    meaning = dictionary.regional.get(actor.name, {})
    known = dictionary.get(meaning.get(country_code.upper(), "")) or dictionary.get(meaning.get("*", ""))
    if known is not None and not _is_template(known.name):
        return known
    actor = known or actor  # "*": the generic actor the word is everywhere else
    names = dictionary.countries.get(country_code.upper())
    if names is None:
        bare = re.sub(r"\s*\((?:\{the_country\}|\{country\})\)|\{the_country\}|\{country\}", "", actor.name)
        bare = re.sub(r"\s+of\s*$", "", re.sub(r"\s+", " ", bare).strip())  # "Police Forces of {the_country}"
        return replace(actor, name=bare)
    name = actor.name.replace("{the_country}", names.formal).replace("{country}", names.name)
    return replace(actor, name=name, country=country_code.upper())


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens with their match keys; hyphens are skipped.

    A possessive "'s" becomes its own token so that "Hamas's" still matches "Hamas".
    """
    tokens: list[Token] = []
    append = tokens.append
    for m in _WORD.finditer(text):
        word = m.group()
        start = m.start()
        end = start + len(word)
        if word[-1] in "sS" and len(word) > 2 and word[-2] in _APOSTROPHES:
            append((start, end - 2, *_word_keys(word[:-2])))
            append((end - 2, end, "'s", "'s"))
        else:
            append((start, end, *_word_keys(word)))
    return tokens


def alias_keys(alias: str) -> list[str]:
    """Trie path of an alias: acronym tokens keep their case, the rest is lower-cased."""
    return [_token_key(tok) for tok in tokenize(alias)]


@lru_cache(maxsize=1 << 16)
def _word_keys(word: str) -> tuple[str, str]:
    """Case-insensitive and case-sensitive keys of a word; cached, since words repeat."""
    if len(word) == 1 and not word.isalnum():
        key = word.translate(_STRAIGHTEN)
        return key, key
    base = word.translate(_DROP_APOSTROPHES)
    if not base.isascii():
        base = _strip_accents(base)
    return base.lower(), "=" + base


def _token_key(token: Token) -> str:
    """Key under which an alias token is stored: case-sensitive for acronyms."""
    exact = token[3]
    return exact if _is_acronym(exact[1:]) and exact.startswith("=") else token[2]


def _is_acronym(word: str) -> bool:
    """KH, IS, SAF, FARDC, M23, LeT, the U and S of U.S.: too short to match in lower case."""
    if not word or len(word) > 5 or not any(c.isupper() for c in word):
        return False
    letters = [c for c in word if c.isalpha()]
    return all(c.isupper() for c in letters) or sum(c.isupper() for c in letters) >= 2


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_template(name: str) -> bool:
    return any(p in name for p in PLACEHOLDERS)


def _alias_forms(entry: ActorEntry) -> list[str]:
    """Aliases plus the canonical name when it reads like text (not "JNIM: ..." or a template)."""
    forms = list(entry.aliases)
    name = entry.actor.name
    if ":" not in name and "(" not in name and not _is_template(name):
        forms.append(name)
    return list(dict.fromkeys(forms))


def _entry(raw: Mapping, *, generated: bool) -> ActorEntry:
    """One actor record from YAML, checked."""
    name, type_ = str(raw["name"]), str(raw["type"])
    if type_ not in ACTOR_TYPES:
        raise ValueError(f"actor {name!r}: unknown type {type_!r}")
    aliases = tuple(str(a) for a in raw.get("aliases") or ())
    actor = Actor(name=name, type=type_, country=str(raw.get("country") or ""))
    ruler_aliases = () if generated else tuple(_alias_forms(ActorEntry(actor, aliases)))
    regional = tuple((str(c).upper(), str(a)) for c, a in (raw.get("regional") or {}).items())
    if regional and not _is_template(name):
        raise ValueError(f"actor {name!r}: only a generic actor can mean a group by region")
    ruling = raw.get("ruling") or {}
    return ActorEntry(
        actor,
        aliases,
        str(raw.get("label", "ORG")),
        bool(raw.get("ruler", True)),
        ruler_aliases,
        regional,
        (str(ruling["from"]), str(ruling["as"])) if ruling else (),
    )


def _merge(base: ActorEntry | None, extra: ActorEntry) -> ActorEntry:
    """A curated entry named like a generated one adds aliases to it."""
    if base is None:
        return extra
    if base.actor != extra.actor:
        raise ValueError(f"actor {extra.actor.name!r}: type/country differ from the generated entry")
    aliases = tuple(dict.fromkeys(base.aliases + extra.aliases))
    return ActorEntry(base.actor, aliases, extra.label, extra.ruler, extra.ruler_aliases)


def _read_yaml(path: Path) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader


@cache
def _default_dictionary() -> ActorDictionary:
    return ActorDictionary.from_files()


def _country_word_regex(countries: Iterable[CountryNames]) -> re.Pattern:
    """Names and adjectives of countries ("Iraq", "Iraqi", "US"), at the start of an alias."""
    words = {w.lower() for c in countries for w in (c.name, *c.words) if w}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:the\s+)?(?:{alternation})(?:['\u2019]s?)?(?:[\s-]|$)", re.IGNORECASE)


def _fit_for_ruler(alias: str, country_word: re.Pattern) -> bool:
    """Leave out two-letter acronyms, "the ..." phrases and aliases led by a country word."""
    tokens = tokenize(alias)
    if len(tokens) == 1 and _is_acronym(alias) and len(alias) <= 2:
        return False
    if alias.lower().startswith("the "):
        return False
    return not country_word.match(alias)


def _ruler_pattern(alias: str, make_doc) -> str | list[dict]:
    """A phrase pattern, or a token pattern on ORTH when the alias holds an acronym."""
    doc = make_doc(alias)
    if not any(_is_acronym(t.text.replace(".", "")) for t in doc):
        return alias
    return [
        {"ORTH": t.text} if _is_acronym(t.text.replace(".", "")) else {"LOWER": t.text.lower()} for t in doc
    ]
