"""Fusion: events from different articles that report the same incident become one ``Incident``.

``fuse(reports, settings) -> list[Incident]`` is the entry point. It is a pure function of
the set of reports (the order they come in does not matter), so that fusing in several
batches gives what fusing everything at once gives (see ``sitrep.store.incidents``).

How it works:

1. **Blocking.** Each located event is put in (country, date bucket) blocks for every bucket
   its date window touches (the day, week or month of ``EventDate.start/.end`` widened by
   ``date_slack_days``), and inside a block in a grid cell of about ``near_km``. An event is
   compared only with events of the neighbouring cells of its blocks (regional or country-level
   places are compared with the whole block), so cost grows about linearly with the number
   of events as long as their density in place and time does.
2. **Gates.** A pair can be linked only if the date windows overlap, the places are within
   ``max_km`` (``near_km`` for "near" places; a region or a country matches the places inside
   it), the event types are compatible and the two events come from different articles.
3. **Scoring.** Location distance, date overlap and precision, type and sub-type, actors,
   named victims or else the death toll, and the token Jaccard of the trigger sentences,
   weighted (``FusionSettings``).
4. **Greedy linking.** Precise reports go first (day before week before month, exact place
   before region), then vaguer ones, then background mentions. Each report joins the best
   incident whose *reconciled* fields it scores at least ``threshold`` against and whose every
   member passes the gates; otherwise a main report starts a new incident and a background
   mention ("last month's strike in ...") stays unlinked. A vague report therefore cannot chain
   two different strikes: it joins one incident and does not widen its date or place.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from statistics import median_low

import pycountry

from sitrep.codebook import codebook, distance_km
from sitrep.config import FusionSettings
from sitrep.geo.gazetteer import load_demonyms
from sitrep.model import (
    Actor,
    ArticleResult,
    DatePrecision,
    DateSource,
    Event,
    EventDate,
    EventRole,
    Fatalities,
    GeoPrecision,
    Incident,
    Location,
    Span,
)

_DATE_RANK = codebook().date_ranks
_DATE_SPECIFICITY = {
    DatePrecision.DAY: 1.0,
    DatePrecision.WEEK: 0.6,
    DatePrecision.MONTH: 0.4,
    DatePrecision.YEAR: 0.2,
}
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+|\n\s*\n")
_WORD = re.compile(r"[a-z][a-z'-]+")
_GENERIC_ACTOR = re.compile(r"^unidentified\b", re.IGNORECASE)
_TEXT_FULL_AT = 0.25
_WIDE_LATITUDE = 60.0  # beyond this the longitude grid is too coarse: treat places as wide


@dataclass(frozen=True, slots=True)
class Report:
    """One event as fusion sees it: the event, when its article came out, its trigger sentence."""

    event: Event
    published: date
    sentence: str = ""
    tokens: frozenset[str] = field(default=frozenset(), compare=False)

    @classmethod
    def of(cls, event: Event, published: date, sentence: str = "") -> Report:
        """A report with the content tokens of its sentence (place and actor names removed)."""
        return cls(event, published, sentence, content_tokens(sentence, _name_words(event)))


@dataclass(frozen=True, slots=True)
class PairScore:
    """The parts of a match score, each 0-1, and their weighted total."""

    location: float
    date: float
    type: float
    actors: float
    casualties: float
    text: float
    total: float


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


def reports_from_results(results: Iterable[ArticleResult]) -> list[Report]:
    """Reports of every event of extracted articles (the trigger sentence cut from the text)."""
    return [
        Report.of(e, r.article.published, trigger_sentence(r.article.text, e.evidence.get("event_type")))
        for r in results
        for e in r.events
    ]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The versioned list of words that do not tell incidents apart (``data/fusion_stopwords.txt``)."""
    text = resources.files("sitrep").joinpath("data/fusion_stopwords.txt").read_text(encoding="utf-8")
    words = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    places = [*load_demonyms()[1], *(c.name for c in pycountry.countries)]
    places += [getattr(c, "common_name", "") for c in pycountry.countries]
    words |= {_stem(w) for name in places for w in _WORD.findall(name.lower())}
    return frozenset(words)


def content_tokens(sentence: str, names: Iterable[str] = ()) -> frozenset[str]:
    """Lower-case content words of a sentence, crudely singular, without stop words and ``names``."""
    drop = stopwords() | {_stem(w) for n in names for w in _WORD.findall(n.lower())}
    tokens = (_stem(w.split("'")[0].strip("-")) for w in _WORD.findall(sentence.lower()))
    return frozenset(t for t in tokens if len(t) > 2 and t not in drop)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _name_words(event: Event) -> list[str]:
    names = [a.name for a in (event.actor1, event.actor2, *event.assoc_actors) if a is not None]
    if event.location is not None:
        names += [event.location.name, event.location.admin1]
    return names


# -- gates --------------------------------------------------------------------------------------


def date_window(event_date: EventDate, settings: FusionSettings) -> tuple[int, int]:
    """First and last day (ordinals) the event could be on, widened by the slack settings."""
    lo, hi = event_date.start.toordinal(), event_date.end.toordinal()
    if event_date.source is DateSource.PUBLICATION_DATE:
        lo -= settings.publication_slack_days
    return lo - settings.date_slack_days, hi + settings.date_slack_days


def is_wide(loc: Location) -> bool:
    """A place that stands for an area (a region or a country), not a point."""
    return loc.geo_precision is GeoPrecision.REGION or loc.feature in {"country", "admin1", "region"}


def places_compatible(a: Location, b: Location, settings: FusionSettings) -> bool:
    """Could the two places be where one incident happened?"""
    if a.country != b.country:
        return False
    if is_wide(a) or is_wide(b):
        wide = [x for x in (a, b) if is_wide(x)]
        return any(w.feature == "country" or not w.admin1 for w in wide) or a.admin1 == b.admin1
    limit = settings.max_km
    if GeoPrecision.NEAR in (a.geo_precision, b.geo_precision):
        limit = settings.near_km
    return distance_km(a, b) <= limit


def types_compatible(a: str, b: str) -> bool:
    """Event types that two reports of one incident may carry (all violence, all demonstrations ...)."""
    return a == b or codebook().same_family(a, b)


def pair_allowed(a: Report, b: Report, settings: FusionSettings) -> bool:
    """The gates: different articles, overlapping date windows, compatible places and types."""
    ea, eb = a.event, b.event
    if ea.article_id == eb.article_id or ea.location is None or eb.location is None:
        return False
    a_lo, a_hi = date_window(ea.event_date, settings)
    b_lo, b_hi = date_window(eb.event_date, settings)
    if a_lo > b_hi or b_lo > a_hi:
        return False
    return types_compatible(ea.event_type, eb.event_type) and places_compatible(
        ea.location, eb.location, settings
    )


# -- blocking ------------------------------------------------------------------------------------


class BlockIndex:
    """Reports by (country, date bucket, grid cell), so each finds its candidates in a few blocks."""

    def __init__(self, settings: FusionSettings) -> None:
        self.settings = settings
        self._cell_deg = settings.near_km / 111.0
        self._cells: dict[tuple, list[int]] = defaultdict(list)
        self._wide: dict[tuple, list[int]] = defaultdict(list)
        self._all: dict[tuple, list[int]] = defaultdict(list)

    def _buckets(self, report: Report) -> range:
        lo, hi = date_window(report.event.event_date, self.settings)
        size = self.settings.bucket_days
        return range(lo // size, hi // size + 1)

    def _cell(self, loc: Location) -> tuple[int, int] | None:
        if is_wide(loc) or abs(loc.latitude) > _WIDE_LATITUDE:
            return None
        return math.floor(loc.latitude / self._cell_deg), math.floor(loc.longitude / (2 * self._cell_deg))

    def add(self, i: int, report: Report) -> None:
        loc = report.event.location
        if loc is None:
            return
        cell = self._cell(loc)
        for bucket in self._buckets(report):
            key = (loc.country, bucket)
            self._all[key].append(i)
            if cell is None:
                self._wide[key].append(i)
            else:
                self._cells[(*key, *cell)].append(i)

    def near(self, report: Report) -> set[int]:
        """Indices of the reports in the blocks around ``report`` (a superset of its candidates)."""
        loc = report.event.location
        if loc is None:
            return set()
        cell = self._cell(loc)
        found: set[int] = set()
        for bucket in self._buckets(report):
            key = (loc.country, bucket)
            if cell is None:
                found.update(self._all.get(key, ()))
                continue
            found.update(self._wide.get(key, ()))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    found.update(self._cells.get((*key, cell[0] + dy, cell[1] + dx), ()))
        return found


def candidate_pairs(reports: Sequence[Report], settings: FusionSettings) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that pass the blocking and the gates."""
    index = BlockIndex(settings)
    for i, report in enumerate(reports):
        index.add(i, report)
    for j, report in enumerate(reports):
        for i in sorted(index.near(report)):
            if i < j and pair_allowed(reports[i], report, settings):
                yield i, j


def components(reports: Sequence[Report], settings: FusionSettings) -> list[list[int]]:
    """Connected groups of the candidate graph: fusion never links across them (union-find)."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in candidate_pairs(reports, settings):
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        groups[root(i)].append(i)
    return sorted(groups.values())


# -- scoring -------------------------------------------------------------------------------------


def location_score(a: Location, b: Location, settings: FusionSettings) -> float:
    """1 for the same place, falling with distance; a region or a country only half-confirms."""
    if is_wide(a) or is_wide(b):
        return 0.45 if "country" in (a.feature, b.feature) else 0.6
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0
    d = distance_km(a, b)
    if d <= settings.same_place_km:
        return 1.0
    scale = settings.near_km if GeoPrecision.NEAR in (a.geo_precision, b.geo_precision) else settings.max_km
    return max(0.0, 0.8 * (1 - d / scale))


def date_score(a: EventDate, b: EventDate, settings: FusionSettings) -> float:
    """1 for the same day; less for vaguer dates, publication-date fall-backs and near misses."""
    gap = max(0, max(_earliest(a, settings), _earliest(b, settings)) - min(a.end, b.end).toordinal())
    spec = min(_DATE_SPECIFICITY[a.precision], _DATE_SPECIFICITY[b.precision])
    if DateSource.PUBLICATION_DATE in (a.source, b.source):
        spec *= 0.7
    if gap == 0:
        return spec
    return spec * max(0.0, 0.5 - 0.25 * (gap - 1))


def _earliest(d: EventDate, settings: FusionSettings) -> int:
    """A date that fell back to the publication date may be a day or two earlier."""
    start = d.start.toordinal()
    return start - settings.publication_slack_days if d.source is DateSource.PUBLICATION_DATE else start


def type_score(a: Event | Incident, b: Event | Incident) -> float:
    if a.event_type == b.event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.6
    return 0.3 if types_compatible(a.event_type, b.event_type) else 0.0


def overlap_score(a: set[str], b: set[str]) -> float:
    """0.5 when either side names nothing; more when the names overlap, 0.2 when they differ."""
    if not a or not b:
        return 0.5
    shared = len(a & b)
    return 0.5 + 0.5 * shared / min(len(a), len(b)) if shared else 0.2


def casualty_score(
    a_victims: set[str], b_victims: set[str], a: Fatalities | None, b: Fatalities | None
) -> float:
    """Named victims when both sides name some; else whether the death tolls agree.

    1 for the same toll, 0.75 when one toll lies in the other's low-high range or the later
    report (``b``) counts more (tolls rise as bodies are found), 0.25 when they disagree,
    0.5 when either is unknown.
    """
    if a_victims and b_victims:
        return overlap_score(a_victims, b_victims)
    if a is None or b is None:
        return 0.5
    if a.best == b.best:
        return 1.0
    if b.low <= a.best <= b.high or a.low <= b.best <= a.high:
        return 0.75
    if b.best > a.best:  # ``b`` is the later report: "the death toll has risen to seven"
        return 0.75
    return 0.25


def _by_publication(a: Report, b: Report) -> tuple[Fatalities | None, Fatalities | None]:
    """The two tolls, earlier report first (a later report may count more dead)."""
    if b.published < a.published:
        a, b = b, a
    return a.event.fatalities, b.event.fatalities


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def text_score(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard of content words, scaled so that sharing a quarter of them counts as full agreement.

    Reports of one incident share few words beyond place, actors and type (which are left out),
    but they share the target ("fuel depot", "kindergarten"); two strikes on one day rarely do.
    """
    if not a or not b:
        return 0.3
    return min(1.0, jaccard(a, b) / _TEXT_FULL_AT)


def actor_names(actors: Iterable[Actor | None]) -> set[str]:
    """Named actors; "Unidentified Armed Group (X)" says nothing about which incident it is."""
    return {a.name for a in actors if a is not None and not _GENERIC_ACTOR.match(a.name)}


def weighted(parts: Sequence[float], settings: FusionSettings) -> float:
    weights = (
        settings.weight_location, settings.weight_date, settings.weight_type,
        settings.weight_actors, settings.weight_casualties, settings.weight_text,
    )  # fmt: skip
    return sum(w * p for w, p in zip(weights, parts, strict=True)) / (sum(weights) or 1.0)


def score_pair(a: Report, b: Report, settings: FusionSettings) -> PairScore | None:
    """How alike two reports are, or ``None`` when the gates keep them apart."""
    if not pair_allowed(a, b, settings):
        return None
    ea, eb = a.event, b.event
    assert ea.location is not None and eb.location is not None
    parts = (
        location_score(ea.location, eb.location, settings),
        date_score(ea.event_date, eb.event_date, settings),
        type_score(ea, eb),
        overlap_score(_event_actors(ea), _event_actors(eb)),
        casualty_score(set(ea.victims), set(eb.victims), *_by_publication(a, b)),
        text_score(a.tokens, b.tokens),
    )
    return PairScore(*parts, total=weighted(parts, settings))


def _event_actors(e: Event) -> set[str]:
    return actor_names((e.actor1, e.actor2, *e.assoc_actors))


# -- linking -------------------------------------------------------------------------------------


@dataclass
class _Cluster:
    """An incident being built: its reports and, kept up to date, their reconciled fields."""

    reports: list[Report]
    incident: Incident
    actors: set[str]
    victims: set[str]

    @classmethod
    def start(cls, report: Report) -> _Cluster:
        return cls([report], reconcile([report]), _event_actors(report.event), set(report.event.victims))

    @property
    def mains(self) -> list[Report]:
        return [r for r in self.reports if r.event.role is EventRole.MAIN]

    def add(self, report: Report) -> None:
        self.reports.append(report)
        if report.event.role is EventRole.MAIN:
            self.actors |= _event_actors(report.event)
            self.victims |= set(report.event.victims)
        self.incident = reconcile(self.reports)


def score_incident(report: Report, cluster: _Cluster, settings: FusionSettings) -> float | None:
    """How well a report fits an incident's reconciled fields; ``None`` if any member's gates fail."""
    mains = cluster.mains
    if any(not pair_allowed(m, report, settings) for m in cluster.reports):
        return None
    inc, e = cluster.incident, report.event
    parts = (
        location_score(e.location, inc.location, settings) if e.location and inc.location else 0.5,
        date_score(e.event_date, inc.event_date, settings),
        type_score(e, inc),
        overlap_score(_event_actors(e), cluster.actors),
        casualty_score(set(e.victims), cluster.victims, *_tolls_in_order(report, cluster)),
        max(text_score(report.tokens, m.tokens) for m in mains),
    )
    return weighted(parts, settings)


def _tolls_in_order(report: Report, cluster: _Cluster) -> tuple[Fatalities | None, Fatalities | None]:
    """The incident's toll and the report's, the earlier published first."""
    later = report.published >= max(r.published for r in cluster.reports)
    pair = (cluster.incident.fatalities, report.event.fatalities)
    return pair if later else pair[::-1]


def _order(report: Report) -> tuple:
    """Precise main reports first, background mentions last; ties by date, publication, id."""
    e = report.event
    return (
        e.role is not EventRole.MAIN,
        _DATE_RANK[e.event_date.precision],
        e.event_date.source is DateSource.PUBLICATION_DATE,
        int(e.location.geo_precision) + is_wide(e.location) if e.location else 9,
        e.event_date.start,
        report.published,
        e.id,
    )


def fuse(reports: Iterable[Report], settings: FusionSettings) -> list[Incident]:
    """Incidents of the reports: every main event in exactly one, background mentions where they match.

    Deterministic and independent of input order; incidents come sorted by date then id.
    """
    unique = {r.event.id: r for r in reports}
    ordered = sorted(unique.values(), key=_order)
    index = BlockIndex(settings)
    for i, report in enumerate(ordered):
        index.add(i, report)
    owner: dict[int, int] = {}
    clusters: list[_Cluster] = []
    for i, report in enumerate(ordered):
        best = _best_cluster(report, index.near(report), owner, clusters, settings)
        if best is not None:
            clusters[best].add(report)
            owner[i] = best
        elif report.event.role is EventRole.MAIN:
            owner[i] = len(clusters)
            clusters.append(_Cluster.start(report))
    return sorted((c.incident for c in clusters), key=lambda inc: (inc.event_date.start, inc.id))


def _best_cluster(
    report: Report, near: set[int], owner: dict[int, int], clusters: list[_Cluster], settings: FusionSettings
) -> int | None:
    best, best_score = None, settings.threshold
    for c in sorted({owner[j] for j in near if j in owner}):
        score = score_incident(report, clusters[c], settings)
        if score is not None and score >= best_score and (best is None or score > best_score):
            best, best_score = c, score
    return best


# -- reconciliation ------------------------------------------------------------------------------


def incident_id(event_id: str) -> str:
    """The incident's key: a hash of its first-reported event, stable while that event stays in it."""
    return hashlib.sha256(f"incident\n{event_id}".encode()).hexdigest()[:16]


def reconcile(reports: Sequence[Report]) -> Incident:
    """The incident's fields from its reports (main reports decide; background ones only count as sources).

    date: the most precise date (text before publication-date fall-backs), the most reported of
    those, then the earliest; place: the most precise, the most reported, then the first;
    type: the majority type, then its majority sub-type (ties: the most confident report);
    actors: the majority actor 1 and actor 2, everyone else named as associated;
    fatalities: see :func:`combine_fatalities`.
    """
    mains = [r for r in reports if r.event.role is EventRole.MAIN] or list(reports)
    founder = min(mains, key=lambda r: (r.published, r.event.id))
    events = [r.event for r in mains]
    event_type = _majority([e.event_type for e in events], events)
    sub_type = _majority([e.sub_event_type for e in events if e.event_type == event_type], events)
    actor1 = _majority_actor([e.actor1 for e in events], events)
    actor2 = _majority_actor([e.actor2 for e in events if e.actor2 != actor1], events)
    named = {a for e in events for a in (e.actor1, e.actor2, *e.assoc_actors) if a is not None}
    return Incident(
        id=incident_id(founder.event.id),
        event_date=pick_date([e.event_date for e in events]),
        event_type=event_type,
        sub_event_type=sub_type,
        location=pick_location([e.location for e in events]),
        actor1=actor1,
        actor2=actor2,
        fatalities=combine_fatalities([e.fatalities for e in events]),
        event_ids=tuple(sorted(r.event.id for r in reports)),
        article_ids=tuple(sorted({r.event.article_id for r in reports})),
        background_ids=tuple(sorted(r.event.id for r in reports if r.event.role is not EventRole.MAIN)),
        assoc_actors=tuple(sorted(named - {actor1, actor2}, key=lambda a: a.name)),
        victims=tuple(sorted({v for e in events for v in e.victims})),
        first_reported=min(r.published for r in reports),
    )


def pick_date(dates: Sequence[EventDate]) -> EventDate:
    """The most precise date read in the text, the most reported of those, then the earliest."""

    def rank(d: EventDate) -> tuple[int, bool]:
        return _DATE_RANK[d.precision], d.source is DateSource.PUBLICATION_DATE

    best = min(rank(d) for d in dates)
    finest = [d for d in dates if rank(d) == best]
    counts = Counter(d.start for d in finest)
    start = min(counts, key=lambda s: (-counts[s], s))
    return next(d for d in finest if d.start == start)


def pick_location(locations: Sequence[Location | None]) -> Location | None:
    """The most precise place (exact town over "near" over region or country), the most reported."""
    known = [loc for loc in locations if loc is not None]
    if not known:
        return None
    best = min(int(loc.geo_precision) + is_wide(loc) for loc in known)
    finest = [loc for loc in known if int(loc.geo_precision) + is_wide(loc) == best]
    counts = Counter((loc.name, loc.geonameid) for loc in finest)
    top = max(counts.values())
    return next(loc for loc in finest if counts[(loc.name, loc.geonameid)] == top)


def combine_fatalities(reports: Sequence[Fatalities | None]) -> Fatalities | None:
    """Best / low / high across sources, UCDP-style: best is the median report rounded down
    (the lower middle one: conservative, and one outlier cannot move it), low the lowest
    report's low, high the highest report's high. Sources that give no count are left out;
    an explicit "no one was killed" counts as 0.
    """
    counts = [f for f in reports if f is not None]
    if not counts:
        return None
    return Fatalities(
        best=median_low(sorted(f.best for f in counts)),
        low=min(f.low for f in counts),
        high=max(f.high for f in counts),
    )


def _majority(values: Sequence[str], events: Sequence[Event]) -> str:
    """The most frequent value; ties go to the value of the most confident event, then by name."""
    counts = Counter(values)
    if not counts:
        return ""
    confidence = defaultdict(float)
    for e in events:
        for v in (e.event_type, e.sub_event_type):
            confidence[v] = max(confidence[v], e.confidence)
    return min(counts, key=lambda v: (-counts[v], -confidence[v], v))


def _majority_actor(actors: Sequence[Actor | None], events: Sequence[Event]) -> Actor | None:
    named = [a for a in actors if a is not None]
    if not named:
        return None
    counts = Counter(named)
    generic = {a: bool(_GENERIC_ACTOR.match(a.name)) for a in counts}
    return min(counts, key=lambda a: (generic[a], -counts[a], a.name))


def window_of(reports: Sequence[Report], settings: FusionSettings) -> tuple[date, date]:
    """First and last day a candidate of any of the reports can be on (for loading from a store)."""
    lo = min(date_window(r.event.event_date, settings)[0] for r in reports)
    hi = max(date_window(r.event.event_date, settings)[1] for r in reports)
    pad = settings.date_slack_days + settings.publication_slack_days
    return date.fromordinal(lo) - timedelta(days=pad), date.fromordinal(hi) + timedelta(days=pad)
