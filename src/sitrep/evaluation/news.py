"""Scores the coder on the real-news corpus (``corpus/news``): events found, fields, fusion, claims.

The corpus holds articles rewritten from real pages, each with an analyst's coding
(``<id>.gold.json``) and a development / test split (``split.json``). Scoring, per article:

- **events**: gold events and system events are paired greedily by how well they agree
  (type, date, place); a pair needs some agreement beyond sharing the article. Main-event
  precision / recall / F1 counts a system *main* event with no gold partner as spurious
  (an event in a non-conflict article included) and a gold main event without a system main
  partner as missed.
- **fields** on matched gold main events: type, sub-type, date (day), place within 25 / 161
  km of the analyst's (where the analyst coded only a province or a country, naming that
  area or a place in it counts as right), country, fatalities (ACLED's conservative count; no count = 0), actor
  1 and 2 (by name or alias), and role on every matched gold event.
- **fusion**: the split's extracted articles are fused; pairwise precision / recall over the
  gold main events whose incident is told by more than one article, and again over those the
  coder found as main events (what fusion itself loses); ``--show-errors`` lists the missed
  and wrong pairs, saying whether the coder or fusion lost a pair (tune on dev only).
- **claims**: a gold claim is found when a system claim's sentence covers its text; speaker
  (name or role), stance and speaker type are scored on found claims, the field on found
  claims that speak to one, and the value on found claims that give a toll or a perpetrator.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from sitrep.evaluation.fusion import PairwiseScore, pairwise
from sitrep.evaluation.geo import haversine_km
from sitrep.model import Article, ArticleResult, Claim, Event, EventRole

# The corpus of the repository (a clone); --corpus names another.
NEWS_CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "news"

FIELDS = (
    "event_type", "sub_event_type", "event_date", "place_25km", "place_161km", "country",
    "fatalities", "actor1", "actor2",
)  # fmt: skip

# Words that alone do not name an actor: "Pakistan" must not match "Police Forces of Pakistan".
GENERIC_ACTOR_WORDS = frozenset(
    "the of and force military police government state armed group unidentified "
    "civilian protester rioter militia men gunmen security army troop".split()
)  # singular: compared with the singular words of names

# The system's stance words and the analyst's vocabulary.
STANCES = {
    "asserts": "asserts", "said": "asserts", "": "asserts", "reports": "asserts",
    "denies": "denies", "claims responsibility": "claims responsibility", "claims": "claims responsibility",
    "accuses": "accuses", "blames": "accuses", "condemns": "condemns", "warns": "warns",
    "confirms": "confirms",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str  # file stem
    path: Path
    gold: dict


@dataclass(frozen=True, slots=True)
class Mismatch:
    article: str
    what: str
    gold: str
    system: str


@dataclass
class NewsReport:
    corpus: str
    split: str
    articles: int = 0
    quiet_articles: int = 0
    false_alarms: list[str] = field(default_factory=list)
    main_gold: int = 0
    main_system: int = 0
    main_matched: int = 0
    scores: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in (*FIELDS, "role")})
    fusion: PairwiseScore | None = None
    fusion_extracted: PairwiseScore | None = None  # over the gold events the coder found as main events
    fusion_errors: list[str] = field(default_factory=list)
    claims_gold: int = 0
    claims_system: int = 0
    claims_found: int = 0
    claims_true: int = 0  # system claims that cover a gold claim
    speaker_right: list[bool] = field(default_factory=list)
    stance_right: list[bool] = field(default_factory=list)
    speaker_type_right: list[bool] = field(default_factory=list)
    field_right: list[bool] = field(default_factory=list)  # on found claims whose gold field is not "none"
    value_right: list[bool] = field(default_factory=list)  # on found claims with a gold toll or perpetrator
    errors: list[Mismatch] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.main_matched / self.main_system if self.main_system else 1.0

    @property
    def recall(self) -> float:
        return self.main_matched / self.main_gold if self.main_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        values = self.scores[name]
        return sum(values) / len(values) if values else 0.0

    def claims_measures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "recall": ratio(self.claims_found, self.claims_gold),
            "precision": ratio(self.claims_true, self.claims_system),
            "speaker": ratio(sum(self.speaker_right), len(self.speaker_right)),
            "stance": ratio(sum(self.stance_right), len(self.stance_right)),
            "speaker_type": ratio(sum(self.speaker_type_right), len(self.speaker_type_right)),
            "field": ratio(sum(self.field_right), len(self.field_right)),
            "value": ratio(sum(self.value_right), len(self.value_right)),
        }

    def to_json(self) -> dict:
        return {
            "suite": "news",
            "corpus": self.corpus,
            "split": self.split,
            "articles": self.articles,
            "no_event_articles": self.quiet_articles,
            "false_alarms": self.false_alarms,
            "main_events": {
                "gold": self.main_gold, "system": self.main_system, "matched": self.main_matched,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            },
            "accuracy": {f: round(self.accuracy(f), 3) for f in self.scores},
            "fusion": None if self.fusion is None else _pairs_json(self.fusion),
            "fusion_extracted": None if self.fusion_extracted is None else _pairs_json(self.fusion_extracted),
            "claims": {"gold": self.claims_gold, "system": self.claims_system, **self.claims_measures()},
        }  # fmt: skip

    def table(self) -> str:
        lines = [
            f"news: {self.corpus} [{self.split}]",
            f"  articles {self.articles}, no-event articles {self.quiet_articles} "
            f"(false alarms {len(self.false_alarms)})",
            f"  main events: gold {self.main_gold}, system {self.main_system}, matched {self.main_matched}: "
            f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}",
        ]
        for name, values in self.scores.items():
            lines.append(f"  {name:<16}{sum(values):>4}/{len(values):<4}{self.accuracy(name):.3f}")
        if self.fusion:
            f = self.fusion
            lines.append(
                f"  fusion pairs    P {f.precision:.3f} R {f.recall:.3f} "
                f"({f.correct_pairs} right of {f.predicted_pairs} linked, {f.true_pairs} true)"
            )
        if f := self.fusion_extracted:
            lines.append(
                f"  fusion, both found as main events: P {f.precision:.3f} R {f.recall:.3f} "
                f"({f.correct_pairs} right of {f.predicted_pairs} linked, {f.true_pairs} true)"
            )
        c = self.claims_measures()
        lines.append(
            f"  claims          gold {self.claims_gold}, system {self.claims_system}: recall {c['recall']:.3f} "
            f"precision {c['precision']:.3f} speaker {c['speaker']:.3f} stance {c['stance']:.3f}"
        )
        lines.append(
            f"  claims (more)   speaker type {c['speaker_type']:.3f} field {c['field']:.3f} "
            f"value {c['value']:.3f} (toll / perpetrator)"
        )
        return "\n".join(lines)

    def errors_table(self) -> str:
        rows = [f"{e.article} {e.what}: gold {e.gold!r}, system {e.system!r}" for e in self.errors]
        rows += [f"{name}: events in a no-event article" for name in self.false_alarms]
        rows += self.fusion_errors
        return "\n".join(rows) or "no errors"


def load_corpus(folder: Path, split: str = "test") -> list[GoldArticle]:
    """The coded articles of one half (``dev``, ``test``, a session's held-out ``validation``
    when the corpus has one) or ``all``, in a stable order."""
    articles_dir = folder / "articles"
    if not articles_dir.is_dir():
        raise FileNotFoundError(f"news corpus not found at {folder} (give --corpus)")
    names = sorted(p.name[: -len(".gold.json")] for p in articles_dir.glob("*.gold.json"))
    if split != "all":
        halves = json.loads((folder / "split.json").read_text("utf-8"))
        if split not in halves:
            raise ValueError(f"no split {split!r} in {folder / 'split.json'} (dev, test or all)")
        wanted = set(halves[split])
        names = [n for n in names if n in wanted]
    return [
        GoldArticle(
            n, articles_dir / f"{n}.txt", json.loads((articles_dir / f"{n}.gold.json").read_text("utf-8"))
        )
        for n in names
    ]


def matched_main_events(
    extract_many: Callable[[Iterable[Article]], Iterable[ArticleResult]],
    folder: Path = NEWS_CORPUS,
    split: str = "dev",
) -> Iterator[tuple[GoldArticle, str, dict, Event]]:
    """Each main event of a half that the coder found, with the analyst's coding and its
    incident (the group a grouped cross-validation keeps together): what a fitted part learns
    from. Articles are coded one at a time, so a caller may record what each event was built from."""
    from sitrep.ingest.text import read_seed_text

    for item in load_corpus(folder, split):
        article = next(iter(read_seed_text(item.path.name, item.path.read_text("utf-8"))))
        events = list(next(iter(extract_many([article]))).events)
        gold_events = item.gold.get("events") or []
        for index, event in match_events(gold_events, events).items():
            gold = gold_events[index]
            if gold["role"] == "main":
                yield item, gold.get("incident") or f"{item.name}#{index}", gold, event


def score_news(
    folder: Path = NEWS_CORPUS,
    split: str = "test",
    *,
    limit: int | None = None,
    extract_many: Callable[[Iterable[Article]], Iterable[ArticleResult]] | None = None,
    fusion_settings=None,
) -> NewsReport:
    """Extract the split's articles, score them and their fusion against the analyst's coding."""
    from sitrep.ingest import read_file

    corpus = load_corpus(folder, split)[:limit]
    if extract_many is None:
        from sitrep.pipeline import Extractor

        extract_many = Extractor.from_settings().extract_many
    articles = []
    for item in corpus:
        read = list(read_file(item.path))
        if len(read) != 1 or not isinstance(read[0], Article):
            raise ValueError(f"{item.path}: not one readable article ({read})")
        articles.append(read[0])
    results = list(extract_many(articles))
    report = NewsReport(corpus=str(folder), split=split)
    matched: dict[tuple[str, int], Event] = {}
    for item, result in zip(corpus, results, strict=True):
        matched.update(score_article(report, item, result))
    fused = fuse_news(corpus, results, matched, fusion_settings)
    report.fusion, report.fusion_extracted = fused.score, fused.score_extracted
    report.fusion_errors = fused.errors()
    return report


def score_article(
    report: NewsReport, item: GoldArticle, result: ArticleResult
) -> dict[tuple[str, int], Event]:
    """Add one article to the report; return the system event matched to each gold main event."""
    gold_events = item.gold.get("events") or []
    events = list(result.events)
    report.articles += 1
    report.main_system += sum(e.role is EventRole.MAIN for e in events)
    if not gold_events:
        report.quiet_articles += 1
        if events:
            report.false_alarms.append(item.name)
        return {}
    pairs = match_events(gold_events, events)
    paired = {id(e) for e in pairs.values()}
    for e in events:
        if e.role is EventRole.MAIN and id(e) not in paired:
            report.errors.append(Mismatch(item.name, "[main] spurious event", "", _system_summary(e)))
    found: dict[tuple[str, int], Event] = {}
    for gi, gold in enumerate(gold_events):
        event = pairs.get(gi)
        if event is not None:
            right = event.role.value == gold["role"]
            report.scores["role"].append(right)
            if not right:
                report.errors.append(
                    Mismatch(item.name, f"[{gold['role']}] role", gold["role"], event.role.value)
                )
        if gold["role"] != "main":
            continue
        report.main_gold += 1
        if event is None:
            report.errors.append(Mismatch(item.name, "[main] event", _gold_summary(gold), "not found"))
            continue
        found[(item.name, gi)] = event
        report.main_matched += event.role is EventRole.MAIN
        for name, want, got, right in compare_fields(gold, event):
            report.scores[name].append(right)
            if not right:
                report.errors.append(Mismatch(item.name, f"[main] {name}", str(want), str(got)))
    score_claims(report, item, result)
    return found


def match_events(gold_events: Sequence[dict], events: Sequence[Event]) -> dict[int, Event]:
    """Greedy one-to-one pairing of gold and system events by agreement (type, date, place, role)."""
    scored = []
    for gi, gold in enumerate(gold_events):
        for si, event in enumerate(events):
            score = _agreement(gold, event)
            if score >= 1.5:
                scored.append((score, gi, si))
    pairs: dict[int, Event] = {}
    used: set[int] = set()
    for _, gi, si in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if gi not in pairs and si not in used:
            pairs[gi] = events[si]
            used.add(si)
    return pairs


def _agreement(gold: dict, event: Event) -> float:
    score = 0.0
    if event.event_type == gold.get("event_type"):
        score += 1.0
    gold_date, got_date = str(gold.get("event_date", "")), event.event_date.iso
    if gold_date and (got_date.startswith(gold_date) or gold_date.startswith(got_date)):
        score += 1.0
    elif gold_date[:7] == got_date[:7]:
        score += 0.5
    km = _km(gold, event)
    if km is not None and km <= 50:
        score += 1.0
    elif event.location and event.location.country == (gold.get("location") or {}).get("country"):
        score += 0.5
    if event.role.value == gold.get("role"):
        score += 0.25
    return score


def compare_fields(gold: dict, e: Event) -> list[tuple[str, object, object, bool]]:
    """(field, gold value, system value, right) for each scored field of a matched main event."""
    km = _place_km(gold, e)
    loc = gold.get("location") or {}
    want_fat = gold.get("fatalities") or 0
    got_fat = e.fatalities.best if e.fatalities else 0
    got_place = (
        f"{e.location.name} ({km:.0f} km)"
        if e.location and km is not None
        else (e.location and e.location.name)
    )
    return [
        ("event_type", gold.get("event_type"), e.event_type, e.event_type == gold.get("event_type")),
        ("sub_event_type", gold.get("sub_event_type"), e.sub_event_type, e.sub_event_type == gold.get("sub_event_type")),
        ("event_date", gold.get("event_date"), e.event_date.iso, e.event_date.iso == str(gold.get("event_date"))),
        ("place_25km", loc.get("name"), got_place, km is not None and km <= 25),
        ("place_161km", loc.get("name"), got_place, km is not None and km <= 161),
        ("country", loc.get("country"), e.location and e.location.country,
         e.location is not None and e.location.country == loc.get("country")),
        ("fatalities", want_fat, got_fat, want_fat == got_fat),
        ("actor1", _gold_actor_name(gold.get("actor1")), e.actor1 and e.actor1.name,
         same_actor(gold.get("actor1"), e.actor1 and e.actor1.name)),
        ("actor2", _gold_actor_name(gold.get("actor2")), e.actor2 and e.actor2.name,
         same_actor(gold.get("actor2"), e.actor2 and e.actor2.name)),
    ]  # fmt: skip


def same_actor(gold: dict | str | None, system: str | None) -> bool:
    """The system's actor is the analyst's: same name or alias, or one holds the other's distinctive words.

    No actor on both sides is right; one side only is wrong.
    """
    names = _gold_actor_names(gold)
    if not names or not system:
        return not names and not system
    got = _words(system)
    for name in names:
        want = _words(name)
        if want == got or _words(_STATE_PERIOD.sub("", name)) == got:
            return True  # "Military Forces of Yemen (2017-) Presidential Leadership Council": Yemen's forces
        small, big = (want, got) if len(want) <= len(got) else (got, want)
        if small and small <= big and small - GENERIC_ACTOR_WORDS - _country_words(small):
            return True
    return False


# ACLED's period and faction after a state's forces: the same state's forces, whoever leads them.
_STATE_PERIOD = re.compile(r"\s*\(\d{4}-\d{0,4}\).*$")


def score_claims(report: NewsReport, item: GoldArticle, result: ArticleResult) -> None:
    """Claims of the article: found by text overlap, then speaker, stance, speaker type, field and value.

    Every system claim counts once (a claim shown on two events of the article is one claim),
    so two claims taken from one sentence are two: each gold claim is paired with the claim of
    its sentence whose statement overlaps its text most, one not yet paired first. A system
    claim paired with no gold claim is spurious (named in the errors).
    """
    system, pairs = pair_claims(item, result)
    report.claims_gold += len(pairs)
    report.claims_system += len(system)
    paired = {id(hit) for _, hit in pairs if hit is not None}
    for claim, hit in pairs:
        if hit is None:
            report.errors.append(Mismatch(item.name, "claim", claim["text"][:80], "not found"))
            continue
        report.claims_found += 1
        _score_found_claim(report, item.name, claim, hit)
    report.claims_true += len(paired)
    for c in system:
        if id(c) not in paired:
            report.errors.append(Mismatch(item.name, "claim spurious", "", f"{c.speaker}: {c.text[:70]}"))


def pair_claims(
    item: GoldArticle, result: ArticleResult
) -> tuple[list[Claim], list[tuple[dict, Claim | None]]]:
    """The article's system claims (each once) and each coded claim with the system claim paired
    to it, or None: what the scorer and a blind review sample (``scripts/sample_claims_review.py``) share."""
    text = result.article.text
    gold_claims = []
    for claim in item.gold.get("claims") or []:
        start = text.find(claim.get("text", ""))
        if claim.get("text") and start >= 0:
            gold_claims.append((start, start + len(claim["text"]), claim))
    system = list(
        {(c.span.start, c.span.end, c.speaker, c.text): c for e in result.events for c in e.claims}.values()
    )
    paired: set[int] = set()
    pairs: list[tuple[dict, Claim | None]] = []
    for start, end, claim in gold_claims:
        hit = _paired_claim(system, start, end, paired)
        if hit is not None:
            paired.add(id(hit))
        pairs.append((claim, hit))
    return system, pairs


def _paired_claim(system: Sequence[Claim], start: int, end: int, paired: set[int]) -> Claim | None:
    """The system claim whose sentence covers a gold statement (or most of it): the one whose statement is most alike."""

    def covers(c: Claim) -> bool:
        s, t = c.span.start, c.span.end
        return (s <= start + 3 and t >= end - 3) or min(t, end) - max(s, start) > (end - start) / 2

    def overlap(c: Claim) -> float:  # of the two statements, as a share of their union
        s, t = (c.content.start, c.content.end) if c.content is not None else (c.span.start, c.span.end)
        return max(0, min(t, end) - max(s, start)) / (max(t, end) - min(s, start))

    candidates = [c for c in system if covers(c)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (id(c) not in paired, overlap(c)))


def _score_found_claim(report: NewsReport, name: str, claim: dict, hit: Claim) -> None:
    """Speaker (name or role), stance, speaker type, field and value of one found claim."""
    speaker = " ".join(p for p in (hit.speaker, hit.speaker_role) if p)
    checks = [
        ("speaker", report.speaker_right, claim.get("speaker", ""), speaker, _same_speaker(claim, speaker)),
        ("stance", report.stance_right, claim.get("stance", ""), hit.stance,
         STANCES.get(hit.stance, hit.stance) == claim.get("stance")),
        ("speaker type", report.speaker_type_right, claim.get("speaker_type", ""), hit.speaker_type,
         hit.speaker_type == claim.get("speaker_type")),
    ]  # fmt: skip
    want_field = claim.get("field") or "none"
    if want_field != "none":
        checks.append(("field", report.field_right, want_field, hit.field, hit.field == want_field))
    if want_field in ("fatalities", "perpetrator") and claim.get("value") not in (None, ""):
        got = f"{hit.field}={hit.value}"
        checks.append(("value", report.value_right, f"{want_field}={claim['value']}", got,
                       hit.field == want_field and same_value(want_field, claim["value"], hit.value)))  # fmt: skip
    for what, scores, want, got, right in checks:
        scores.append(right)
        if not right:
            report.errors.append(Mismatch(name, f"claim {what}", str(want), str(got)))


def same_value(field_name: str, gold: object, system: str) -> bool:
    """A toll is the same number; a perpetrator is the same actor by name or distinctive words, or
    one actor for the product itself (``contest.normal_value``: "Daesh" is the Islamic State, "the
    Houthis" Ansar Allah), as the API and the page judge two sources' values alike."""
    from sitrep.contest import normal_value

    if field_name == "fatalities":
        want, got = re.findall(r"\d+", str(gold)), re.findall(r"\d+", system or "")
        return bool(want and got and want[0] == got[0])
    if not system:
        return False
    alike = normal_value(field_name, str(gold)) == normal_value(field_name, system) != ""
    return alike or same_actor(str(gold), system) or _same_speaker({"speaker": str(gold)}, system)


@dataclass(frozen=True, slots=True)
class NewsFusion:
    """What fusion made of one half: for each gold main event of an incident (``article#index``),
    its gold incident and the system incident of the event matched to it."""

    gold: dict[str, str]
    predicted: dict[str, str]
    extracted: frozenset[str]  # the gold events the coder found as main events: fusion's own reach
    described: dict[str, str] = field(default_factory=dict)  # key -> the system event, in short

    @property
    def score(self) -> PairwiseScore:
        """Pairwise over every gold main event (a missed event stands alone)."""
        return pairwise(self.gold, self.predicted)

    @property
    def score_extracted(self) -> PairwiseScore:
        """Pairwise over the events the coder found as main events: what fusion itself loses."""
        return pairwise({k: v for k, v in self.gold.items() if k in self.extracted}, self.predicted)

    def errors(self) -> list[str]:
        """Missed pairs (true pairs fusion kept apart, or whose event the coder did not find as a
        main event) and wrong pairs (linked, but two incidents), one line each."""
        label = {k: self.predicted.get(k, f"__alone__{k}") for k in self.gold}
        rows = []
        for a, b in combinations(sorted(self.gold), 2):
            same, linked = self.gold[a] == self.gold[b], label[a] == label[b]
            if same and not linked:
                lost = [k for k in (a, b) if k not in self.extracted]
                why = f"not found as a main event: {', '.join(lost)}" if lost else "fusion kept them apart"
                rows.append(f"fusion missed pair {a} | {b} ({self.gold[a]}): {why}; {self._show(a, b)}")
            elif linked and not same:
                rows.append(
                    f"fusion wrong pair {a} ({self.gold[a]}) | {b} ({self.gold[b]}); {self._show(a, b)}"
                )
        return rows

    def _show(self, *keys: str) -> str:
        return " | ".join(self.described.get(k, "-") for k in keys)


def fuse_news(
    corpus: Sequence[GoldArticle],
    results: Sequence[ArticleResult],
    matched: dict[tuple[str, int], Event],
    settings,
) -> NewsFusion:
    """Fuse the split's extracted articles and pair each gold main event of an incident with the
    incident of its matched system event."""
    from sitrep.config import FusionSettings
    from sitrep.fusion import fuse, reports_from_results

    incidents = fuse(reports_from_results(results), settings or FusionSettings())
    owner = {event_id: inc.id for inc in incidents for event_id in inc.event_ids}
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    extracted: set[str] = set()
    described: dict[str, str] = {}
    for item in corpus:
        for gi, event in enumerate(item.gold.get("events") or []):
            if event.get("role") != "main" or not event.get("incident"):
                continue
            key = f"{item.name}#{gi}"
            gold[key] = event["incident"]
            system = matched.get((item.name, gi))
            if system is not None and system.id in owner:
                predicted[key] = owner[system.id]
            if system is not None and system.role is EventRole.MAIN:
                extracted.add(key)
            described[key] = _system_summary(system) if system is not None else "not found"
    return NewsFusion(gold, predicted, frozenset(extracted), described)


def score_fusion(
    corpus: Sequence[GoldArticle],
    results: Sequence[ArticleResult],
    matched: dict[tuple[str, int], Event],
    settings,
) -> PairwiseScore:
    """Pairwise precision / recall of fusion over the gold main events (a missed event stands alone)."""
    return fuse_news(corpus, results, matched, settings).score


def _pairs_json(score: PairwiseScore) -> dict:
    return {
        "precision": round(score.precision, 3), "recall": round(score.recall, 3),
        "true_pairs": score.true_pairs, "predicted_pairs": score.predicted_pairs,
        "correct_pairs": score.correct_pairs,
    }  # fmt: skip


def _place_km(gold: dict, event: Event) -> float | None:
    """Distance to the analyst's place; 0 when the analyst coded only a region or a country
    (precision 3) and the system names that area or a place inside it: two centre points of
    one province say nothing about who got the place right."""
    loc = gold.get("location") or {}
    got = event.location
    if got is not None and loc.get("geo_precision") == 3 and got.country == loc.get("country"):
        want_admin = _words(loc.get("admin1") or "")
        if not want_admin or _words(got.admin1) & want_admin or _words(got.name) & want_admin:
            return 0.0
    return _km(gold, event)


def _km(gold: dict, event: Event) -> float | None:
    loc = gold.get("location") or {}
    if event.location is None or loc.get("lat") is None or loc.get("lon") is None:
        return None
    return haversine_km(
        float(loc["lat"]), float(loc["lon"]), event.location.latitude, event.location.longitude
    )


def _gold_actor_names(gold: dict | str | None) -> list[str]:
    if not gold:
        return []
    if isinstance(gold, str):
        return [gold]
    return [n for n in [gold.get("name", ""), *(gold.get("aliases") or [])] if n]


def _gold_actor_name(gold: dict | str | None) -> str | None:
    names = _gold_actor_names(gold)
    return names[0] if names else None


def _same_speaker(claim: dict, speaker: str) -> bool:
    """The name or the role agree; words such as 'police' count when they are all either side has."""
    for name in (claim.get("speaker", ""), claim.get("speaker_role", "")):
        want_all, got_all = _words(name) - {"the"}, _words(speaker) - {"the"}
        want, got = want_all - GENERIC_ACTOR_WORDS, got_all - GENERIC_ACTOR_WORDS
        if not want or not got:
            want, got = want_all, got_all
        if want and got and (want <= got or got <= want or len(want & got) >= 2):
            return True
    return False


def _words(text: str) -> set[str]:
    text = re.sub(r"[\u2018\u2019`]", "'", text.lower())
    words = {w.strip("'") for w in re.findall(r"[a-z0-9'\u00c0-\u024f]+", text)}
    words = {w for w in words if w and w != "s" and not w.isdigit()}  # "(2018-)": ACLED's period, not a name
    return {_singular(w) for w in words}  # "Houthis" is "Houthi"


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _country_words(words: set[str]) -> set[str]:
    """The words of ``words`` that are (part of) a country's name."""
    return words & _all_country_words()


@functools.cache
def _all_country_words() -> frozenset[str]:
    import pycountry

    found: set[str] = set()
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")):
            found |= _words(name)
    return frozenset(found - {"republic", "democratic", "people", "united", "state", "states"})


def _system_summary(e: Event) -> str:
    place = e.location.name if e.location else "?"
    return f"{e.event_date.iso} {e.sub_event_type} at {place} ({e.trigger!r})"


def _gold_summary(gold: dict) -> str:
    loc = (gold.get("location") or {}).get("name", "?")
    return f"{gold.get('event_date')} {gold.get('sub_event_type')} at {loc}"
