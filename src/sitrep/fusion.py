"""Fusion: events from different articles that report the same incident become one ``Incident``.

``fuse(reports, settings) -> list[Incident]`` is the entry point. It is a pure function of
the set of reports (the order they come in does not matter), so that fusing in several
batches gives what fusing everything at once gives (see ``sitrep.store.incidents``).

How it works:

1. **Blocking.** Each located event is put in (country, date bucket) blocks for every bucket
   its date window touches (the day, week or month of ``EventDate.start/.end`` widened by
   ``date_slack_days``), and inside a block in a grid cell of about ``near_km``. An event is
   compared only with events of the neighbouring cells of its blocks (regional or country-level
   places are compared with the whole block), with the events of its clues' blocks and with
   those of the other countries its passage names (a border clash that each side's outlets
   place at home), so cost grows about linearly with the number of events as long as their
   density in place and time does (``sitrep.fusion_blocks``).
2. **Gates.** A pair can be linked only if the date windows overlap, the places are within
   ``max_km`` (``near_km`` for "near" places; a region or a country matches the places inside
   it), the event types are compatible and the two events come from different articles.
3. **Scoring.** The fitted pair model (``sitrep.fusion_model``) gives each candidate pair the
   probability that it is one incident, from what the two reports share (place, day, sub-type,
   actors, tolls, the trigger sentences' words, the details of the passages around them).
   Two articles pair their events off one to one: a report does not link to an event of
   another article when another event of either article tells the other one better.
4. **Greedy linking.** Precise reports go first (day before week before month, exact place
   before region), then vaguer ones, then background mentions. Each report joins the best
   incident whose *reconciled* fields it scores at least ``threshold`` against and whose every
   member passes the gates; otherwise a main report starts a new incident and a background
   mention ("last month's strike in ...") stays unlinked. A vague report therefore cannot chain
   two different strikes: it joins one incident and does not widen its date or place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import pycountry

from sitrep.codebook import codebook, distance_km, packaged_text
from sitrep.config import FusionSettings
from sitrep.fusion_blocks import BlockIndex, date_window, max_gap, report_windows
from sitrep.fusion_model import clues, evidence, load_model, pair_features, singular, target_kinds
from sitrep.fusion_places import fold, same_name, told_apart
from sitrep.fusion_reconcile import (
    DATE_RANK,
    GENERIC_ACTOR,
    is_wide,
    reconcile,
)
from sitrep.geo.gazetteer import load_demonyms
from sitrep.model import (
    Actor,
    ArticleResult,
    DatePrecision,
    DateSource,
    Event,
    EventRole,
    Fatalities,
    GeoPrecision,
    Incident,
    Link,
    Location,
    Span,
)

_DATE_SPECIFICITY = {
    DatePrecision.DAY: 1.0,
    DatePrecision.WEEK: 0.6,
    DatePrecision.MONTH: 0.4,
    DatePrecision.YEAR: 0.2,
}
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+|\n\s*\n")
_WORD = re.compile(r"[a-z][a-z'-]+")
_TEXT_FULL_AT = 0.25
CONTEXT_CHARS = 1200  # clues are read this far either side of the trigger
_STRATEGIC = "Strategic developments"
_VIOLENCE = "Violence against civilians"
_DISRUPTED = "Disrupted weapons use"
_REMOTE = "Explosions/Remote violence"
# A crowd's violence that another outlet tells as what it was: the riot as the clash with the
# police, the mob's rampage or the forces firing on a march as the attack.
_CROWD_TOLD_AS = {
    "Violent demonstration": "Armed clash",
    "Mob violence": "Attack",
    "Excessive force against protesters": "Attack",
}


@dataclass(frozen=True, slots=True)
class Report:
    """One event as fusion sees it: the event, when its article came out, its trigger sentence
    and the clues of the text around it (names, numbers, target, time of day)."""

    event: Event
    published: date
    sentence: str = ""
    tokens: frozenset[str] = field(default=frozenset(), compare=False)
    clues: frozenset[str] = field(default=frozenset(), compare=False)
    named: frozenset[str] = field(default=frozenset(), compare=False)

    @classmethod
    def of(cls, event: Event, published: date, sentence: str = "", context: str = "") -> Report:
        """A report with the content tokens of its sentence (place and actor names removed), the
        clues of ``context`` (the passage around the trigger; the sentence if empty) and the
        places the passage names (to tell a misplaced report from one of another place)."""
        passage = context or sentence
        tokens = content_tokens(sentence, _name_words(event))
        found = clues(passage, stopwords())
        found |= {f"s:{kind}" for kind in hit_kinds(sentence)}
        return cls(event, published, sentence, tokens, found, named_words(passage))


@dataclass(frozen=True, slots=True)
class PairScore:
    """The features of a pair, the model's probability that it is one incident, and why."""

    features: dict[str, float]
    probability: float

    @property
    def total(self) -> float:
        return self.probability


# -- inputs ------------------------------------------------------------------------------------


def trigger_sentence(text: str, span: Span | None, *, limit: int = 400) -> str:
    """The sentence of ``text`` around ``span`` (at most ``limit`` characters each side)."""
    if span is None or not text:
        return ""
    lo = max(0, span.start - limit)
    start = max((m.end() for m in _SENTENCE_END.finditer(text, lo, span.start)), default=lo)
    end_match = _SENTENCE_END.search(text, span.end, min(len(text), span.end + limit))
    end = end_match.start() + 1 if end_match else min(len(text), span.end + limit)
    return text[start:end].strip()


def trigger_context(text: str, span: Span | None, *, limit: int = CONTEXT_CHARS) -> str:
    """The passage of ``text`` around ``span`` (``limit`` characters each side): where clues are read."""
    if span is None or not text:
        return text[: 2 * limit]
    return text[max(0, span.start - limit) : span.end + limit]


def reports_from_results(results: Iterable[ArticleResult]) -> list[Report]:
    """Reports of every event of extracted articles (the trigger sentence and passage cut from the text)."""
    reports = []
    for r in results:
        for e in r.events:
            span = e.evidence.get("event_type")
            sentence = trigger_sentence(r.article.text, span)
            reports.append(Report.of(e, r.article.published, sentence, trigger_context(r.article.text, span)))
    return reports


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The versioned list of words that do not tell incidents apart (``data/fusion_stopwords.txt``)."""
    text = packaged_text("fusion_stopwords.txt")
    words = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    places = [*load_demonyms()[1], *(c.name for c in pycountry.countries)]
    places += [getattr(c, "common_name", "") for c in pycountry.countries]
    words |= {singular(w) for name in places for w in _WORD.findall(name.lower())}
    return frozenset(words)


def content_tokens(sentence: str, names: Iterable[str] = ()) -> frozenset[str]:
    """Lower-case content words of a sentence, crudely singular, without stop words and ``names``."""
    drop = stopwords() | {singular(w) for n in names for w in _WORD.findall(n.lower())}
    tokens = (singular(w.split("'")[0].strip("-")) for w in _WORD.findall(sentence.lower()))
    return frozenset(t for t in tokens if len(t) > 2 and t not in drop)


_NAMED = re.compile(r"\b[A-Z][\w'\u2019-]+")


def named_words(text: str) -> frozenset[str]:
    """The folded capitalised words of a passage and ``cc:XX`` for each country its demonyms
    name ("Chadian cities" names Chad): what places the text speaks of, whatever the coder chose."""
    words = {fold(m.group()) for m in _NAMED.finditer(text)}
    demonyms = load_demonyms()[1]
    words |= {f"cc:{demonyms[w]}" for w in _NAMED.findall(text) if w in demonyms}
    return frozenset(words)


def names_place(report: Report, loc: Location) -> bool:
    """Does the report's passage name the place (every word of its name, or its country's
    demonym when the place is the country)?"""
    words = [w for w in _WORD.findall(fold(loc.name)) if len(w) > 2]
    if words and all(w in report.named for w in words):
        return True
    return loc.feature == "country" and f"cc:{loc.country}" in report.named


def _name_words(event: Event) -> list[str]:
    names = [a.name for a in (event.actor1, event.actor2, *event.assoc_actors) if a is not None]
    if event.location is not None:
        names += [event.location.name, event.location.admin1]
    return names


# -- gates --------------------------------------------------------------------------------------


def places_compatible(a: Location, b: Location, settings: FusionSettings) -> bool:
    """Could the two places be where one incident happened?"""
    if a.country != b.country:
        return False
    if is_wide(a) or is_wide(b):
        wide = [x for x in (a, b) if is_wide(x)]
        return any(w.feature == "country" or not w.admin1 for w in wide) or a.admin1 == b.admin1
    limit = settings.max_km
    if GeoPrecision.NEAR in (a.geo_precision, b.geo_precision):
        limit = 2 * settings.max_km
    return distance_km(a, b) <= limit


def types_compatible(a: str, b: str) -> bool:
    """Event types that two reports of one incident may carry (all violence, all demonstrations ...)."""
    return a == b or codebook().same_family(a, b)


def events_compatible(a: Event, b: Event) -> bool:
    """Compatible types, or a "strategic development" that counts dead beside violence: ACLED
    records no deaths for strategic developments, so one that has a toll is an attack coded
    by its aftermath (troops pursuing the attackers, a claim), and may be the other's incident.
    A disrupted weapons use beside a strike or a blast may be its incident too: one outlet tells
    the drones that got through, another those shot down (or the second bomb defused)."""
    if types_compatible(a.event_type, b.event_type):
        return True
    return any(
        x.event_type == _STRATEGIC
        and (
            (
                x.fatalities is not None
                and x.fatalities.best > 0
                and codebook().same_family(y.event_type, _VIOLENCE)
            )
            or (x.sub_event_type == _DISRUPTED and y.event_type == _REMOTE)
        )
        for x, y in ((a, b), (b, a))
    ) or crowd_told_as_clash_or_attack(a, b)


def crowd_told_as_clash_or_attack(a: Event, b: Event) -> bool:
    """A violent crowd and the clash or attack it was: one outlet tells the riot, another the
    clash with the police; one the mob or the forces' firing on a march, another the attack.
    A riot beside an attack is not let through: a killing and the riot it sets off are two events."""
    return any(_CROWD_TOLD_AS.get(x.sub_event_type) == y.sub_event_type for x, y in ((a, b), (b, a)))


def pair_allowed(a: Report, b: Report, settings: FusionSettings) -> bool:
    """The gates: different articles, each with a place or a day, dates at most ``max_gap_days``
    apart, compatible types, places that are not plainly two (two named towns, or points in one
    country farther apart than ``far_km``), and trigger sentences that do not name two different
    targets.

    Outlets and the coder often get the place wrong (another country, no place at all), so a
    place only keeps reports apart when both are points in one country and far apart, and not
    when one report's text names the other's place (:func:`placed_elsewhere`); reports
    that share ``detail_override`` names, numbers and times of day (the victims, the commander,
    "21 killed", "at night") pass the place gates and a wider date gap: the coder misplaced or
    misdated one of them, two incidents are not told with the same details.
    """
    ea, eb = a.event, b.event
    if ea.article_id == eb.article_id or not events_compatible(ea, eb) or targets_differ(a, b):
        return False
    if too_vague(ea) or too_vague(eb):
        return False
    if (
        ea.role is EventRole.MAIN is eb.role
        and abs(a.published - b.published).days > settings.max_published_gap_days
    ):
        return False  # two accounts of a fresh incident do not come out months apart
    if round_up_towns(a, b, settings):
        return False
    gap = _gap(date_window(ea.event_date, settings), date_window(eb.event_date, settings))
    if settings.detail_override and shared_details(a, b) >= settings.detail_override:
        # the details also reach a stale report's own days (the coder took a recalled date)
        gap = min(_gap(wa, wb) for wa in report_windows(a, settings) for wb in report_windows(b, settings))
        return gap <= settings.max_gap_days + settings.detail_extra_days
    if gap > settings.max_gap_days:
        return False
    la, lb = ea.location, eb.location
    if la is None or lb is None or la.country != lb.country or is_wide(la) or is_wide(lb):
        return True
    if placed_elsewhere(a, b):
        return True
    if GeoPrecision.EXACT == la.geo_precision == lb.geo_precision and not same_name(la.name, lb.name):
        return distance_km(la, lb) <= settings.same_place_km  # two named towns: two incidents
    return distance_km(la, lb) <= settings.far_km


def round_up_towns(a: Report, b: Report, settings: FusionSettings) -> bool:
    """Two named towns apart, and each passage names both: two round-ups of the same day's
    strikes, whose shared details say which articles tell one day, not which town is which."""
    la, lb = a.event.location, b.event.location
    if la is None or lb is None or la.country != lb.country or is_wide(la) or is_wide(lb):
        return False
    if not GeoPrecision.EXACT == la.geo_precision == lb.geo_precision or same_name(la.name, lb.name):
        return False
    if distance_km(la, lb) <= settings.max_km:
        return False
    return all(names_place(r, loc) for r in (a, b) for loc in (la, lb))


def placed_elsewhere(a: Report, b: Report) -> bool:
    """One report's passage names the other's place and the other's passage does not name its
    place back: the coder put the first where its officials spoke or its outlet sits (the
    capital, the province, the next town), while its text tells the other's town. Two reports
    of two towns name each other's town both ways or not at all (a round-up, or two stories).
    Main reports only: a background mention's place is the one it recalls."""
    la, lb = a.event.location, b.event.location
    if la is None or lb is None or a.event.role is not EventRole.MAIN or b.event.role is not EventRole.MAIN:
        return False
    return names_place(a, lb) != names_place(b, la)


def too_vague(event: Event) -> bool:
    """No place and no day ("drone strikes killed dozens in September"): the report could be
    any incident of the month in any country, and only its words would tie it to one."""
    return event.location is None and event.event_date.precision is not DatePrecision.DAY


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0], b[0]) - min(a[1], b[1])


_AT_TARGET = re.compile(
    r"\b(?:at|on|into|inside|targeting|targeted|hit|struck)\s+(?=((?:[\w'-]+\s+){0,3}[\w'-]+))"
)


def hit_kinds(sentence: str) -> set[int]:
    """Kinds of target the sentence says were hit ("at the depot", "struck a school"), not those
    it merely mentions ("the ministry said", "shops stayed closed")."""
    kinds = target_kinds()
    found: set[int] = set()
    for m in _AT_TARGET.finditer(sentence.lower()):
        for word in m.group(1).split():
            kind = kinds.get(word, kinds.get(word.rstrip("s"), -1))
            if kind >= 0:
                found.add(kind)
                break
    return found


def shared_details(a: Report, b: Report) -> int:
    """How many names, distinctive numbers and times of day two reports' passages share."""
    return sum(c[0] in "n#h" for c in a.clues & b.clues)


def targets_differ(a: Report, b: Report) -> bool:
    """Both trigger sentences name what was hit, and not the same kind of thing (a depot, a school)."""
    ta = {c for c in a.clues if c[0] == "s"}
    tb = {c for c in b.clues if c[0] == "s"}
    return bool(ta and tb and not ta & tb)


# -- blocking (sitrep.fusion_blocks) ---------------------------------------------------------------


def candidate_pairs(reports: Sequence[Report], settings: FusionSettings) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that pass the blocking and the gates."""
    index = BlockIndex(settings)
    for i, report in enumerate(reports):
        index.add(i, report)
    for j, report in enumerate(reports):
        for i in sorted(index.near(report)):
            if i < j and pair_allowed(reports[i], report, settings):
                yield i, j


def components(
    reports: Sequence[Report], settings: FusionSettings, joins: Iterable[tuple[str, str]] = ()
) -> list[list[int]]:
    """Connected groups of the candidate graph and of the joins a person made: fusion never
    links across them (union-find)."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in candidate_pairs(reports, settings):
        parent[root(i)] = root(j)
    at = {r.event.id: i for i, r in enumerate(reports)}
    for a, b in joins:
        if a in at and b in at:
            parent[root(at[a])] = root(at[b])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        groups[root(i)].append(i)
    return sorted(groups.values())


# -- scoring -------------------------------------------------------------------------------------


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _by_publication(a: Report, b: Report) -> tuple[Fatalities | None, Fatalities | None]:
    """The two tolls, earlier report first (a later report may count more dead)."""
    if b.published < a.published:
        a, b = b, a
    return a.event.fatalities, b.event.fatalities


def actor_names(actors: Iterable[Actor | None]) -> set[str]:
    """Named actors; "Unidentified Armed Group (X)" says nothing about which incident it is."""
    return {a.name for a in actors if a is not None and not GENERIC_ACTOR.match(a.name)}


def _event_actors(e: Event) -> set[str]:
    return actor_names((e.actor1, e.actor2, *e.assoc_actors))


def score_pair(a: Report, b: Report, settings: FusionSettings) -> PairScore | None:
    """The model's probability that two reports tell one incident, or ``None`` when the gates keep them apart."""
    if not pair_allowed(a, b, settings):
        return None
    features = pair_features(a, b, settings)
    return PairScore(features, load_model(settings.model).probability(features))


def link_threshold(settings: FusionSettings) -> float:
    """The probability at which reports link: the settings' if set, else the model's fitted one."""
    return settings.threshold or load_model(settings.model).threshold


def member_floor(settings: FusionSettings) -> float:
    """The probability under which a main member rules a report out of its incident: a share of
    the link threshold, so a refit that moves the threshold moves the floor with it."""
    return settings.member_floor_share * link_threshold(settings)


# -- linking -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decisions:
    """A person's decisions that fusion keeps: pairs of events that must not / must be one incident."""

    splits: frozenset[frozenset[str]] = frozenset()
    joins: frozenset[frozenset[str]] = frozenset()

    def apart(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.splits


@dataclass
class _Cluster:
    """An incident being built: its reports, how each joined, and its reconciled fields."""

    reports: list[Report]
    links: list[Link]
    incident: Incident

    @classmethod
    def start(cls, report: Report) -> _Cluster:
        return cls([report], [], reconcile([report]))

    def add(self, report: Report, link: Link) -> None:
        self.reports.append(report)
        self.links.append(link)
        self.incident = replace(reconcile(self.reports), links=tuple(sorted(self.links)))

    def remove(self, report: Report) -> None:
        """Take out a report that no other member links to (it moves to another incident)."""
        self.reports = [r for r in self.reports if r.event.id != report.event.id]
        self.links = [k for k in self.links if k.event_id != report.event.id]
        self.incident = replace(reconcile(self.reports), links=tuple(sorted(self.links)))


class PairScorer:
    """The model's probabilities of the pairs of one fusion run (each pair scored once), and the
    rule that two articles tell an incident once each.

    An article may tell two incidents (a truck bomb in Cali and a police helicopter downed in
    Amalfi the same day), and its passages then share every name and number with the other
    outlets' reports of *both* incidents: the details say which articles tell one story, not
    which of their events is which incident. So a report does not link to an event of another
    article that a sibling event tells better: the two articles' events pair off, best first.
    Nor to an event in another town that its own article tells as another event
    (:func:`sitrep.fusion_places.told_apart`).
    """

    def __init__(self, reports: Iterable[Report], settings: FusionSettings, decisions: Decisions) -> None:
        self.settings = settings
        self.decisions = decisions
        self.model = load_model(settings.model)
        self._memo: dict[tuple[str, str], float | None] = {}
        self._siblings: dict[str, list[Report]] = defaultdict(list)
        for r in reports:
            self._siblings[r.event.article_id].append(r)

    def probability(self, a: Report, b: Report) -> float | None:
        """The pair's probability, or ``None`` when the gates or a person's split keep them apart."""
        key = (a.event.id, b.event.id) if a.event.id < b.event.id else (b.event.id, a.event.id)
        if key not in self._memo:
            allowed = not self.decisions.apart(*key) and self.allowed(a, b)
            self._memo[key] = self.model.probability(pair_features(a, b, self.settings)) if allowed else None
        return self._memo[key]

    def allowed(self, a: Report, b: Report) -> bool:
        """The gates a pair must pass before the model weighs it (``scripts/fit_fusion.py`` fits on
        the same pairs)."""
        return pair_allowed(a, b, self.settings) and not self.told_apart(a, b)

    def told_apart(self, a: Report, b: Report) -> bool:
        """Two towns, one of them told by the other's article as another event (a round-up)."""
        others_a, others_b = ([r.event for r in self._siblings.get(x.event.article_id, ())] for x in (a, b))
        return told_apart(a.event, b.event, others_a, others_b, self.settings.max_km)

    def outdone(self, member: Report, report: Report, p: float) -> bool:
        """Does another event of either article tell the other report better than these two do?"""
        for mine, theirs in ((report, member), (member, report)):
            for sibling in self._siblings.get(mine.event.article_id, ()):
                if sibling is not mine and sibling.event.id != mine.event.id:
                    q = self.probability(sibling, theirs)
                    if q is not None and q > p:
                        return True
        return False


def score_cluster(report: Report, cluster: _Cluster, scorer: PairScorer) -> tuple[float, Report] | None:
    """The best probability of ``report`` with a main member (and that member), or ``None`` if a
    gate fails, a person split them, or a main member is all but ruled out (:func:`member_floor`:
    a vague report must not chain two incidents). A member ``outdone`` by a sibling is no partner."""
    best: tuple[float, Report] | None = None
    floor = member_floor(scorer.settings)
    for member in cluster.reports:
        p = scorer.probability(member, report)
        if p is None:
            return None
        if member.event.role is not EventRole.MAIN or scorer.outdone(member, report, p):
            continue
        if p < floor:
            return None
        if best is None or p > best[0]:
            best = (p, member)
    return best


def _order(report: Report) -> tuple:
    """Precise main reports first, background mentions last; ties by date, publication, id."""
    e = report.event
    return (
        e.role is not EventRole.MAIN,
        DATE_RANK[e.event_date.precision],
        e.event_date.source is DateSource.PUBLICATION_DATE,
        int(e.location.geo_precision) + is_wide(e.location) if e.location else 9,
        e.event_date.start,
        report.published,
        e.id,
    )


def fuse(
    reports: Iterable[Report], settings: FusionSettings, decisions: Decisions | None = None
) -> list[Incident]:
    """Incidents of the reports: every main event in exactly one, background mentions where they match.

    A person's ``decisions`` win over the model: split events never share an incident, joined
    ones always do. Deterministic and independent of input order; sorted by date then id.
    """
    decisions = decisions or Decisions()
    unique = {r.event.id: r for r in reports}
    ordered = sorted(unique.values(), key=_order)
    joined = _join_groups(ordered, decisions)
    index = BlockIndex(settings)
    for i, report in enumerate(ordered):
        index.add(i, report)
    scorer = PairScorer(ordered, settings, decisions)
    owner: dict[int, int] = {}
    group_cluster: dict[int, int] = {}
    clusters: list[_Cluster] = []
    for i, report in enumerate(ordered):
        group = joined.get(i)
        if group is not None and group in group_cluster:
            c = group_cluster[group]
            members = clusters[c].reports
            member = next(
                (r for r in members if frozenset((r.event.id, report.event.id)) in decisions.joins),
                members[0],
            )
            clusters[c].add(report, _link(member, report, 1.0, settings, by="person"))
        elif (best := _best_cluster(report, index.near(report), owner, clusters, scorer)) is not None:
            c, p, member = best
            clusters[c].add(report, _link(member, report, p, settings))
        elif report.event.role is EventRole.MAIN or group is not None:
            c = len(clusters)
            clusters.append(_Cluster.start(report))
        else:
            continue
        owner[i] = c
        if group is not None:
            group_cluster.setdefault(group, c)
    _second_look(ordered, index, owner, clusters, scorer)
    return sorted((c.incident for c in clusters), key=lambda inc: (inc.event_date.start, inc.id))


def _second_look(
    ordered: Sequence[Report],
    index: BlockIndex,
    owner: dict[int, int],
    clusters: list[_Cluster],
    scorer: PairScorer,
) -> None:
    """Move a report to the incident it tells better than the one it joined.

    Linking is greedy: a precise report joins the best incident there is when its turn comes,
    and a report that tells it far better may come later (a vaguer place, a later day) and start
    its own, or be kept out by the report's first partner. So each report that the model linked
    and that no other report links to is scored once more against the incidents built since,
    and moves to the best one it scores ``second_look_margin`` higher with (a clear gain only:
    reports of a round-up of several strikes score alike with all of them).
    """
    for i, report in enumerate(ordered):
        c = owner.get(i)
        if c is None:
            continue
        cluster = clusters[c]
        own = next((k for k in cluster.links if k.event_id == report.event.id), None)
        if own is None or own.by != "model" or any(k.linked_to == report.event.id for k in cluster.links):
            continue
        best: tuple[float, int, Report] | None = None
        margin = scorer.settings.second_look_margin
        for d in sorted({owner[j] for j in index.near(report) if j in owner} - {c}):
            scored = score_cluster(report, clusters[d], scorer)
            if (
                scored is not None
                and scored[0] > own.probability + margin
                and (best is None or scored[0] > best[0])
            ):
                best = (scored[0], d, scored[1])
        if best is None or best[0] < link_threshold(scorer.settings):
            continue
        p, d, member = best
        cluster.remove(report)
        clusters[d].add(report, _link(member, report, p, scorer.settings))
        owner[i] = d


def _join_groups(ordered: Sequence[Report], decisions: Decisions) -> dict[int, int]:
    """Index -> group (its first index) of the reports a person joined, transitively."""
    at = {r.event.id: i for i, r in enumerate(ordered)}
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for pair in decisions.joins:
        a, b = sorted(pair)
        if a in at and b in at:
            ra, rb = root(at[a]), root(at[b])
            parent[max(ra, rb)] = min(ra, rb)
            parent.setdefault(min(ra, rb), min(ra, rb))
    return {i: root(i) for i in parent}


def _best_cluster(
    report: Report, near: set[int], owner: dict[int, int], clusters: list[_Cluster], scorer: PairScorer
) -> tuple[int, float, Report] | None:
    best: tuple[int, float, Report] | None = None
    threshold = link_threshold(scorer.settings)
    for c in sorted({owner[j] for j in near if j in owner}):
        scored = score_cluster(report, clusters[c], scorer)
        if scored is not None and scored[0] >= threshold and (best is None or scored[0] > best[1]):
            best = (c, *scored)
    return best


def _link(
    member: Report, report: Report, probability: float, settings: FusionSettings, by: str = "model"
) -> Link:
    """Why ``report`` joined: the member it matched best, the probability and the shared evidence."""
    return Link(
        event_id=report.event.id,
        linked_to=member.event.id,
        probability=round(probability, 3),
        evidence=tuple(evidence(member, report, settings)),
        by=by,
    )


def window_of(reports: Sequence[Report], settings: FusionSettings) -> tuple[date, date]:
    """First and last day a candidate of any of the reports can be on (for loading from a store)."""
    lo = min(w[0] for r in reports for w in report_windows(r, settings))
    hi = max(w[1] for r in reports for w in report_windows(r, settings))
    pad = settings.date_slack_days + settings.publication_slack_days + max_gap(settings)
    return date.fromordinal(lo) - timedelta(days=pad), date.fromordinal(hi) + timedelta(days=pad)
