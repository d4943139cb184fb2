"""Score the temporal stage on TempEval-3 TimeBank gold, with the TempEval-3 measures.

The measures follow the TempEval-3 task definition (UzZaman et al., 2013):
extent precision/recall/F1 under strict (same offsets) and relaxed (any overlap)
matching, attribute F1 for ``value`` over relaxed-matched pairs
(P = correct / system, R = correct / gold), and type accuracy over those pairs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from sitrep.model import TimeExpression
from sitrep.temporal import find_time_expressions

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
_DCT_RE = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_ENTITY_RE = re.compile("|".join(map(re.escape, _ENTITIES)))


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    timex_type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One TimeBank document as raw text, its creation date and its gold expressions."""

    name: str
    doc_date: date
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True, slots=True)
class TimexError:
    """A gold or system expression that did not match, or matched with a wrong value."""

    doc: str
    kind: str  # "missed", "spurious", "value", "type"
    gold_text: str = ""
    gold_value: str = ""
    system_text: str = ""
    system_value: str = ""


class _Counts(Counter):
    """Running tallies by name (gold, system, strict, value_ok, ...) plus a row per timex type."""

    def __init__(self) -> None:
        super().__init__()
        self.by_type: dict[str, list[int]] = {}  # type -> [gold, found, value_ok]


@dataclass(frozen=True, slots=True)
class TypeScore:
    gold: int
    recall: float
    value_accuracy: float


@dataclass(frozen=True, slots=True)
class TemporalReport:
    """TempEval-3 scores of ``find_time_expressions`` over a TimeBank folder."""

    documents: int
    gold: int
    system: int
    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    value_precision: float
    value_recall: float
    value_f1: float
    type_accuracy: float
    by_type: dict[str, TypeScore]
    errors: tuple[TimexError, ...] = ()

    def to_json(self) -> dict:
        """A JSON-ready dict (floats rounded), for ``sitrep eval temporal --json``."""
        data = asdict(self)
        for key, val in data.items():
            if isinstance(val, float):
                data[key] = round(val, 4)
        data["by_type"] = {
            t: {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(s).items()}
            for t, s in self.by_type.items()
        }
        data["errors"] = [asdict(e) for e in self.errors]
        return data

    def table(self, *, max_errors: int = 20) -> str:
        """A printable summary: headline measures, per-type breakdown, first errors."""
        lines = [
            f"TimeBank documents: {self.documents}   gold: {self.gold}   system: {self.system}",
            f"{'measure':<16}{'P':>8}{'R':>8}{'F1':>8}",
            _row("strict extent", self.strict_precision, self.strict_recall, self.strict_f1),
            _row("relaxed extent", self.relaxed_precision, self.relaxed_recall, self.relaxed_f1),
            _row("value", self.value_precision, self.value_recall, self.value_f1),
            f"{'type accuracy':<16}{self.type_accuracy:>24.3f}",
            "",
            f"{'type':<16}{'gold':>8}{'recall':>8}{'value':>8}",
        ]
        for name, score in self.by_type.items():
            lines.append(f"{name:<16}{score.gold:>8}{score.recall:>8.3f}{score.value_accuracy:>8.3f}")
        if self.errors and max_errors:
            lines += ["", f"first {min(max_errors, len(self.errors))} of {len(self.errors)} errors:"]
            for err in self.errors[:max_errors]:
                lines.append(
                    f"  {err.kind:<9}{err.doc[:24]:<25}gold={err.gold_text!r}:{err.gold_value}"
                    f"  sys={err.system_text!r}:{err.system_value}"
                )
        return "\n".join(lines)

    def errors_table(self) -> str:
        """Every error, one per line: kind, document, gold text and value, system text and value."""
        if not self.errors:
            return "no errors"
        kinds = {k: sum(e.kind == k for e in self.errors) for k in ("missed", "spurious", "value", "type")}
        lines = [
            f"{len(self.errors)} errors: " + ", ".join(f"{n} {k}" for k, n in kinds.items() if n),
            f"{'kind':<9}{'doc':<26}{'gold':<40}system",
        ]
        for err in self.errors:
            gold = f"{err.gold_text[:28]!r} {err.gold_value}" if err.gold_text or err.gold_value else "-"
            system = (
                f"{err.system_text[:28]!r} {err.system_value}" if err.system_text or err.system_value else "-"
            )
            lines.append(f"{err.kind:<9}{err.doc[:25]:<26}{gold[:39]:<40}{system}")
        return "\n".join(lines)


def _row(name: str, p: float, r: float, f: float) -> str:
    return f"{name:<16}{p:>8.3f}{r:>8.3f}{f:>8.3f}"


def _unescape(chunk: str) -> str:
    return _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], chunk)


def _parse_dct(xml: str) -> date:
    tag = _DCT_RE.search(xml)
    if tag is None:
        raise ValueError("no CREATION_TIME TIMEX3")
    value = dict(_ATTR_RE.findall(tag.group(0)))["value"]
    return date.fromisoformat(value[:10])


def parse_tml(path: Path) -> GoldDocument:
    """Read one .tml file into raw text plus gold expressions with offsets into that text."""
    xml = path.read_text(encoding="utf-8")
    body = _TEXT_RE.search(xml)
    if body is None:
        raise ValueError(f"{path.name}: no <TEXT> element")
    raw, pos, parts = body.group(1), 0, []
    length, open_timex, gold = 0, None, []
    for tag in _TAG_RE.finditer(raw):
        chunk = _unescape(raw[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            open_timex = (length, dict(_ATTR_RE.findall(tag.group(3))))
        elif open_timex is not None:
            begin, attrs = open_timex
            open_timex = None
            if attrs.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(GoldTimex(begin, length, "", attrs.get("type", ""), attrs.get("value", "")))
    parts.append(_unescape(raw[pos:]))
    text = "".join(parts)
    timexes = tuple(GoldTimex(g.start, g.end, text[g.start : g.end], g.timex_type, g.value) for g in gold)
    return GoldDocument(path.stem, _parse_dct(xml), text, timexes)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _pair(gold: Iterable[GoldTimex], system: list[TimeExpression]) -> list[tuple[GoldTimex, TimeExpression]]:
    """One-to-one relaxed pairs: each gold takes the first free overlapping system expression."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and _overlaps((g.start, g.end), (s.span.start, s.span.end)):
                used.add(i)
                pairs.append((g, s))
                break
    return pairs


def _score_document(doc: GoldDocument, counts: _Counts, errors: list[TimexError]) -> None:
    system = find_time_expressions(doc.text, doc.doc_date)
    counts["gold"] += len(doc.timexes)
    counts["system"] += len(system)
    sys_extents = {(s.span.start, s.span.end) for s in system}
    counts["strict"] += sum((g.start, g.end) in sys_extents for g in doc.timexes)
    pairs = _pair(doc.timexes, system)
    paired_gold = {id(g) for g, _ in pairs}
    paired_sys = {id(s) for _, s in pairs}
    counts["relaxed_gold"] += len(pairs)
    counts["relaxed_system"] += len(pairs)
    for g in doc.timexes:
        row = counts.by_type.setdefault(g.timex_type, [0, 0, 0])
        row[0] += 1
        if id(g) not in paired_gold:
            errors.append(TimexError(doc.name, "missed", g.text, g.value))
    for g, s in pairs:
        row = counts.by_type[g.timex_type]
        row[1] += 1
        counts["pairs"] += 1
        counts["type_ok"] += g.timex_type == s.timex_type
        if g.value == s.value:
            counts["value_ok"] += 1
            row[2] += 1
        else:
            errors.append(TimexError(doc.name, "value", g.text, g.value, s.span.text, s.value))
    for s in system:
        if id(s) not in paired_sys:
            errors.append(TimexError(doc.name, "spurious", system_text=s.span.text, system_value=s.value))


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_documents(docs: Iterable[GoldDocument]) -> TemporalReport:
    """Score already-parsed documents: the core of ``score_timebank``, usable on any gold."""
    counts, errors, n = _Counts(), [], 0
    for doc in docs:
        _score_document(doc, counts, errors)
        n += 1
    sp, sr = _ratio(counts["strict"], counts["system"]), _ratio(counts["strict"], counts["gold"])
    rp, rr = (
        _ratio(counts["relaxed_system"], counts["system"]),
        _ratio(counts["relaxed_gold"], counts["gold"]),
    )
    vp, vr = _ratio(counts["value_ok"], counts["system"]), _ratio(counts["value_ok"], counts["gold"])
    by_type = {
        t: TypeScore(row[0], _ratio(row[1], row[0]), _ratio(row[2], row[1]))
        for t in TIMEX_TYPES
        if (row := counts.by_type.get(t))
    }
    return TemporalReport(
        documents=n,
        gold=counts["gold"],
        system=counts["system"],
        strict_precision=sp,
        strict_recall=sr,
        strict_f1=_f1(sp, sr),
        relaxed_precision=rp,
        relaxed_recall=rr,
        relaxed_f1=_f1(rp, rr),
        value_precision=vp,
        value_recall=vr,
        value_f1=_f1(vp, vr),
        type_accuracy=_ratio(counts["type_ok"], counts["pairs"]),
        by_type=by_type,
        errors=tuple(errors),
    )


def score_timebank(folder: Path, *, limit: int | None = None) -> TemporalReport:
    """Run the temporal finder over the TimeBank ``*.tml`` files of ``folder`` and score it.

    Files are taken in name order so that ``limit`` picks a stable subset.
    """
    paths = sorted(Path(folder).glob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    if not paths:
        raise FileNotFoundError(f"no .tml files in {folder}")
    return score_documents(parse_tml(p) for p in paths)


def report_json(report: TemporalReport) -> str:
    """The report as indented JSON text."""
    return json.dumps(report.to_json(), indent=2)
