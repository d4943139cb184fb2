"""Field accuracy of the event coder on hand-coded articles (a folder with ``expected.yaml``).

Each gold event (main or background) is matched to the system's event of the same role,
preferring the same date; then the analyst's fields are compared: event type, sub-event
type, date, country, fatalities (best) and actor 1 (by words, so that "M23" matches
"M23: March 23 Movement"). Articles whose key lists no event must yield none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitrep.ingest import read_file
from sitrep.model import Article, Event

FIELDS = ("event_type", "sub_event_type", "event_date", "country", "fatalities", "actor1")


@dataclass(frozen=True)
class FieldError:
    article: str
    role: str
    field: str
    gold: str
    system: str


@dataclass
class ArticlesReport:
    folder: str
    articles: int = 0
    quiet_articles: int = 0  # articles that must yield no event
    false_alarms: list[str] = field(default_factory=list)  # quiet articles that yielded events
    scores: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    errors: list[FieldError] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        values = self.scores[name]
        return sum(values) / len(values) if values else 0.0

    def to_json(self) -> dict:
        return {
            "suite": "articles",
            "folder": self.folder,
            "articles": self.articles,
            "gold_events": len(self.scores["event_type"]),
            "no_event_articles": self.quiet_articles,
            "false_alarms": self.false_alarms,
            "accuracy": {f: round(self.accuracy(f), 3) for f in FIELDS},
        }

    def table(self) -> str:
        lines = [
            f"articles: {self.folder}",
            f"  articles {self.articles}, gold events {len(self.scores['event_type'])}, "
            f"no-event articles {self.quiet_articles} (false alarms {len(self.false_alarms)})",
        ]
        for name in FIELDS:
            values = self.scores[name]
            lines.append(f"  {name:<16}{sum(values):>4}/{len(values):<4}{self.accuracy(name):.3f}")
        return "\n".join(lines)

    def errors_table(self) -> str:
        rows = [
            f"{e.article} [{e.role}] {e.field}: gold {e.gold!r}, system {e.system!r}" for e in self.errors
        ]
        rows += [f"{name}: events in a no-event article" for name in self.false_alarms]
        return "\n".join(rows) or "no errors"


def read_key(folder: Path) -> dict[str, dict]:
    """The analyst's key: file name -> {"events": [...]}."""
    return yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))["articles"]


def score_articles(folder: Path, extract=None, *, limit: int | None = None) -> ArticlesReport:
    """Run ``extract`` (the default pipeline if None) on each keyed article and score it."""
    if extract is None:
        from sitrep.pipeline import extract
    key = read_key(folder)
    report = ArticlesReport(folder=str(folder))
    for name, spec in list(key.items())[:limit]:
        items = list(read_file(folder / name))
        if len(items) != 1 or not isinstance(items[0], Article):
            raise ValueError(f"{folder / name}: not one readable article ({items})")
        events = extract(items[0])
        score_one(report, name, spec["events"], events)
    return report


def score_one(report: ArticlesReport, name: str, gold_events: list[dict], events: list[Event]) -> None:
    report.articles += 1
    if not gold_events:
        report.quiet_articles += 1
        if events:
            report.false_alarms.append(name)
        return
    for gold in gold_events:
        candidates = [e for e in events if e.role.value == gold["role"]]
        e = next((x for x in candidates if x.event_date.iso == str(gold["event_date"])), None)
        e = e or (candidates[0] if candidates else None)
        for fname, want, got, right in _compare(gold, e):
            report.scores[fname].append(right)
            if not right:
                report.errors.append(FieldError(name, gold["role"], fname, str(want), str(got)))


def _compare(gold: dict, e: Event | None) -> list[tuple[str, object, object, bool]]:
    loc = e.location if e else None
    got_fatalities = e.fatalities.best if e and e.fatalities else None
    got_actor = e.actor1.name if e and e.actor1 else None
    return [
        ("event_type", gold["event_type"], e and e.event_type, bool(e) and e.event_type == gold["event_type"]),
        ("sub_event_type", gold["sub_event_type"], e and e.sub_event_type,
         bool(e) and e.sub_event_type == gold["sub_event_type"]),
        ("event_date", gold["event_date"], e and e.event_date.iso, bool(e) and e.event_date.iso == str(gold["event_date"])),
        ("country", gold.get("country"), loc and loc.country, loc is not None and loc.country == gold.get("country")),
        ("fatalities", gold.get("fatalities"), got_fatalities, got_fatalities == gold.get("fatalities")),
        ("actor1", gold.get("actor1"), got_actor, same_actor(gold.get("actor1"), got_actor)),
    ]  # fmt: skip


def same_actor(gold: str | None, system: str | None) -> bool:
    """Word-set match either way: names in keys are free text, canonical names are longer."""
    want = set(re.findall(r"[a-z0-9']+", (gold or "").lower()))
    got = set(re.findall(r"[a-z0-9']+", (system or "").lower()))
    return bool(want) and bool(got) and (want <= got or got <= want)
