"""Field-by-field scoring of the pipeline on hand-coded articles (the seed and its gold).

A gold file lists events with a ``role``; each gold main or background event is
matched to the system's event of that role (the closest date), and every field
an analyst coded is checked: right, wrong, or missing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.codebook import haversine_km
from sitrep.ingest import read_file
from sitrep.model import Article, Event


@dataclass(frozen=True)
class FieldCheck:
    event: str  # gold event id and role, e.g. "A (main)"
    field: str
    gold: str
    system: str
    right: bool


@dataclass
class SeedReport:
    article: str
    checks: list[FieldCheck] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(c.right for c in self.checks)

    def to_json(self) -> dict:
        return {
            "suite": "seed",
            "article": self.article,
            "right": self.right,
            "total": len(self.checks),
            "accuracy": round(self.right / len(self.checks), 3) if self.checks else 0.0,
            "checks": [c.__dict__ for c in self.checks],
        }

    def table(self) -> str:
        lines = [f"seed: {self.article}", f"{'event':<16}{'field':<16}{'':<3}{'gold':<40}system"]
        for c in self.checks:
            mark = "ok" if c.right else "XX"
            lines.append(f"{c.event:<16}{c.field:<16}{mark:<3}{c.gold[:38]:<40}{c.system[:60]}")
        lines.append(f"{self.right}/{len(self.checks)} fields right")
        return "\n".join(lines)

    def errors_table(self) -> str:
        wrong = [c for c in self.checks if not c.right]
        return (
            "\n".join(f"{c.event} {c.field}: gold {c.gold!r}, system {c.system!r}" for c in wrong)
            or "no errors"
        )


def score_seed(article_path: Path, gold_path: Path, events: list[Event] | None = None) -> SeedReport:
    """Run the pipeline on the article (unless events are given) and check each gold field."""
    article = _read_article(article_path)
    if events is None:
        from sitrep.pipeline import extract

        events = extract(article)
    gold = json.loads(gold_path.read_text("utf-8"))
    report = SeedReport(article=article_path.name)
    for gold_event in gold["events"]:
        role = gold_event.get("role")
        if role not in ("main", "background"):
            continue
        label = f"{gold_event.get('id', '?')} ({role})"
        system = _match(gold_event, [e for e in events if e.role.value == role])
        report.checks.extend(_check_event(label, gold_event, system))
    return report


def _read_article(path: Path) -> Article:
    items = list(read_file(path))
    if not items or not isinstance(items[0], Article):
        raise ValueError(f"{path}: not a readable article ({items[0] if items else 'empty'})")
    return items[0]


def _match(gold: dict, candidates: list[Event]) -> Event | None:
    if not candidates:
        return None
    wanted = gold.get("event_date", "")
    same_date = [e for e in candidates if e.event_date.iso == wanted]
    return (same_date or candidates)[0]


def _check_event(label: str, gold: dict, e: Event | None) -> list[FieldCheck]:
    def check(name: str, gold_value, system_value, right: bool) -> FieldCheck:
        return FieldCheck(label, name, str(gold_value), str(system_value), bool(right))

    if e is None:
        return [check("event", "present", "missing", False)]
    checks = [
        check("event_date", gold["event_date"], e.event_date.iso, gold["event_date"] == e.event_date.iso),
        check(
            "date_precision",
            gold["date_precision"],
            e.event_date.precision.value,
            gold["date_precision"] == e.event_date.precision.value,
        ),
        check("event_type", gold["acled_event_type"], e.event_type, gold["acled_event_type"] == e.event_type),
        check(
            "sub_event_type",
            gold["acled_sub_event_type"],
            e.sub_event_type,
            gold["acled_sub_event_type"] == e.sub_event_type,
        ),
        check("plover", gold["plover"]["event_type"], e.plover, gold["plover"]["event_type"] == e.plover),
        check("cameo", gold["cameo"], e.cameo, e.cameo.startswith(gold["cameo"])),
    ]
    for role in ("actor1", "actor2"):
        want = gold.get(role)
        got = getattr(e, role)
        if want:
            checks.append(
                check(
                    role, want["name"], got.name if got else None, got is not None and _same_actor(want, got)
                )
            )
    checks.extend(_check_location(check, gold.get("location"), e))
    if "fatalities" in gold:
        got = e.fatalities.best if e.fatalities else None
        checks.append(check("fatalities", gold["fatalities"], got, got == gold["fatalities"]))
    for victim in gold.get("victims", []):
        found = any(_norm(victim["name"]) in _norm(v) or _norm(v) in _norm(victim["name"]) for v in e.victims)
        checks.append(check("victim", victim["name"], "; ".join(e.victims), found))
    for claim in gold.get("claims", []):
        checks.append(_check_claim(check, claim, e))
    return checks


def _check_location(check, want: dict | None, e: Event) -> list[FieldCheck]:
    if not want:
        return []
    loc = e.location
    out = [
        check(
            "country",
            want["country"],
            loc.country if loc else None,
            loc is not None and loc.country == want["country"],
        )
    ]
    if "lat" in want and loc is not None:
        km = haversine_km(want["lat"], want["lon"], loc.latitude, loc.longitude)
        out.append(
            check(
                "coordinates",
                f"{want['lat']},{want['lon']}",
                f"{loc.latitude:.3f},{loc.longitude:.3f} ({km:.1f} km)",
                km <= 25,
            )
        )
    elif "lat" in want:
        out.append(check("coordinates", f"{want['lat']},{want['lon']}", None, False))
    if "geo_precision" in want:
        got = int(loc.geo_precision) if loc else None
        out.append(check("geo_precision", want["geo_precision"], got, got == want["geo_precision"]))
    return out


def _check_claim(check, claim: dict, e: Event) -> FieldCheck:
    """A gold claim is found when a system claim has an overlapping speaker and content."""
    speaker_words = set(_words(claim["source"]))
    claim_words = set(_words(claim["claim"]))
    for c in e.claims:
        speaker_ok = bool(speaker_words & set(_words(c.speaker)))
        overlap = len(claim_words & set(_words(c.text))) / max(len(claim_words), 1)
        if speaker_ok and overlap >= 0.5:
            return check("claim", f"{claim['source']}: {claim['claim']}", f"{c.speaker}: {c.text}", True)
    return check("claim", f"{claim['source']}: {claim['claim']}", "not found", False)


_STOP = {"the", "of", "a", "an", "in", "on", "and", "to", "that", "was", "for", "us", "u.s."}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", _norm(text)) if w not in _STOP and len(w) > 2]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"['\u2019]", "", text.lower())


def _same_actor(want: dict, got) -> bool:
    if _norm(want["name"]) == _norm(got.name):
        return True
    want_words, got_words = set(_words(want["name"])), set(_words(got.name))
    if (
        want.get("country")
        and want["country"] == got.country
        and want_words <= got_words | {"military", "forces"}
    ):
        return True
    return bool(got_words) and got_words <= want_words  # "Iran-backed militias" for "... in Iraq"
