"""Geoparsing evaluation on GeoWebNews and LGL, with the measures of Gritta et al.

"A Pragmatic Guide to Geoparsing Evaluation" (2019): geotagging precision, recall
and F1 on toponym spans (exact and overlapping), and for gold toponyms whose span
the system found: accuracy within 161 km, mean and median error, and the AUC of
the log error curve (0 perfect, 1 worst).
"""

from __future__ import annotations

import json
import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from sitrep.codebook import haversine_km
from sitrep.geo.gazetteer import Gazetteer, country_patterns, entity_patterns
from sitrep.geo.resolve import geoparse
from sitrep.model import Toponym
from sitrep.nlp import DEFAULT_MODEL, build_pipeline, normalise_text

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error
ACCURACY_KM = 161.0  # 100 miles


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class GeoError:
    """One resolved gold toponym: where it is, where the system put it, and how far apart."""

    doc: str
    toponym: str
    gold_lat: float
    gold_lon: float
    system_name: str
    system_lat: float | None
    system_lon: float | None
    km: float


@dataclass
class GeoReport:
    dataset: str
    documents: int
    gold: int
    system: int
    exact_matches: int
    overlap_matches: int
    resolved: int  # gold toponyms with coordinates whose span the system found
    unresolved: int  # of those, how many the system left without a location (scored at max error)
    accuracy_161: float
    mean_km: float
    median_km: float
    auc: float
    errors: list[GeoError] = field(default_factory=list)

    def _prf(self, matches: int) -> tuple[float, float, float]:
        p = matches / self.system if self.system else 0.0
        r = matches / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def exact(self) -> tuple[float, float, float]:
        """Precision, recall, F1 of exactly matching spans."""
        return self._prf(self.exact_matches)

    @property
    def overlap(self) -> tuple[float, float, float]:
        """Precision, recall, F1 of overlapping spans (one-to-one)."""
        return self._prf(self.overlap_matches)

    def to_json(self) -> dict:
        """Everything, with the per-toponym errors, as plain JSON."""
        data = asdict(self)
        data["exact_prf"] = [round(x, 4) for x in self.exact]
        data["overlap_prf"] = [round(x, 4) for x in self.overlap]
        return data

    def table(self) -> str:
        """A short printable table of the headline numbers."""
        ep, er, ef = self.exact
        op, orr, of = self.overlap
        rows = [
            ("documents", f"{self.documents}"),
            ("gold / system toponyms", f"{self.gold} / {self.system}"),
            ("geotagging exact P/R/F1", f"{ep:.3f} / {er:.3f} / {ef:.3f}"),
            ("geotagging overlap P/R/F1", f"{op:.3f} / {orr:.3f} / {of:.3f}"),
            ("resolved (unresolved)", f"{self.resolved} ({self.unresolved})"),
            ("accuracy@161km", f"{self.accuracy_161:.3f}"),
            ("mean / median error km", f"{self.mean_km:.0f} / {self.median_km:.1f}"),
            ("AUC (lower is better)", f"{self.auc:.3f}"),
        ]
        width = max(len(k) for k, _ in rows)
        return "\n".join([f"geo: {self.dataset}"] + [f"  {k.ljust(width)}  {v}" for k, v in rows])

    def errors_table(self) -> str:
        """Each resolved gold toponym placed more than 161 km off (or not placed), one per line."""
        wrong = [e for e in self.errors if e.km > ACCURACY_KM]
        if not wrong:
            return f"geo errors: {self.dataset}: none beyond {ACCURACY_KM:.0f} km"
        lines = [
            f"geo errors: {self.dataset}: {len(wrong)} of {len(self.errors)} resolved toponyms beyond "
            f"{ACCURACY_KM:.0f} km ({self.unresolved} not placed)",
            f"  {'doc':<14}{'toponym':<24}{'gold lat,lon':<20}{'system':<24}{'system lat,lon':<20}{'km':>8}",
        ]
        for e in wrong:
            gold_at = f"{e.gold_lat:.2f},{e.gold_lon:.2f}"
            sys_at = "-" if e.system_lat is None else f"{e.system_lat:.2f},{e.system_lon:.2f}"
            lines.append(
                f"  {e.doc[:13]:<14}{e.toponym[:23]:<24}{gold_at:<20}{(e.system_name or '-')[:23]:<24}"
                f"{sys_at:<20}{e.km:>8.0f}"
            )
        return "\n".join(lines)


def read_gold(xml_path: Path) -> Iterator[GoldDoc]:
    """Documents of either corpus format (GeoWebNews or LGL), with their gold toponyms."""
    root = ET.parse(xml_path).getroot()
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        doc_id = article.get("docid") or article.get("file") or str(n)
        node = article.find("toponyms")
        toponyms = [_gold_toponym(t) for t in (node if node is not None else [])]
        yield GoldDoc(doc_id, text, tuple(t for t in toponyms if t is not None))


def _gold_toponym(node: ET.Element) -> GoldToponym | None:
    """A toponym with coordinates (GeoWebNews drops expressions and non-toponyms this way)."""
    start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
    name = node.findtext("phrase") or node.findtext("extractedName") or ""
    gaz = node.find("gaztag")
    lat = (gaz.findtext("lat") if gaz is not None else None) or node.findtext("latitude")
    lon = (gaz.findtext("lon") if gaz is not None else None) or node.findtext("longitude")
    if node.find("extractedName") is not None and not lat:
        return None  # GeoWebNews: expressions, demonyms, non-toponyms carry no coordinates
    return GoldToponym(start, end, name, float(lat) if lat else None, float(lon) if lon else None)


@lru_cache(maxsize=1)
def _pipeline(model: str = DEFAULT_MODEL) -> Language:
    return build_pipeline(model, patterns=entity_patterns() + country_patterns())


def score_geo(
    xml_path: Path,
    *,
    limit: int | None = None,
    gazetteer: Gazetteer | None = None,
    nlp: Language | None = None,
) -> GeoReport:
    """Geoparse each article of a gold corpus and score tagging and resolution."""
    gazetteer = gazetteer or Gazetteer.default()
    nlp = nlp or _pipeline()
    docs = list(read_gold(Path(xml_path)))[:limit]
    counts = {"gold": 0, "system": 0, "exact": 0, "overlap": 0}
    errors: list[GeoError] = []
    parsed = nlp.pipe((normalise_text(d.text) for d in docs), batch_size=16)
    for gold, doc in zip(docs, parsed, strict=True):
        system = geoparse(doc, gazetteer)
        counts["gold"] += len(gold.toponyms)
        counts["system"] += len(system)
        counts["exact"] += len(
            {(t.start, t.end) for t in gold.toponyms} & {(t.span.start, t.span.end) for t in system}
        )
        pairs = _overlap_pairs(gold.toponyms, system)
        counts["overlap"] += len(pairs)
        errors.extend(_error(gold.id, g, s) for g, s in pairs if g.lat is not None and g.lon is not None)
    return _report(Path(xml_path).stem, len(docs), counts, errors)


def _overlap_pairs(gold: tuple[GoldToponym, ...], system: list[Toponym]) -> list[tuple[GoldToponym, Toponym]]:
    """One-to-one matches of overlapping spans, exact matches first."""
    pairs, used = [], set()
    ordered = sorted(gold, key=lambda g: g.start)
    for g in ordered:
        best = None
        for j, s in enumerate(system):
            if j in used or s.span.end <= g.start or s.span.start >= g.end:
                continue
            if best is None or (s.span.start, s.span.end) == (g.start, g.end):
                best = j
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def _error(doc_id: str, gold: GoldToponym, system: Toponym) -> GeoError:
    loc = system.location
    assert gold.lat is not None and gold.lon is not None
    if loc is None:
        return GeoError(doc_id, gold.name, gold.lat, gold.lon, "", None, None, MAX_ERROR_KM)
    km = haversine_km(gold.lat, gold.lon, loc.latitude, loc.longitude)
    return GeoError(
        doc_id, gold.name, gold.lat, gold.lon, loc.name, loc.latitude, loc.longitude, round(km, 2)
    )


def _report(name: str, documents: int, counts: dict[str, int], errors: list[GeoError]) -> GeoReport:
    kms = [e.km for e in errors]
    return GeoReport(
        dataset=name,
        documents=documents,
        gold=counts["gold"],
        system=counts["system"],
        exact_matches=counts["exact"],
        overlap_matches=counts["overlap"],
        resolved=len(errors),
        unresolved=sum(1 for e in errors if e.system_lat is None),
        accuracy_161=(sum(k <= ACCURACY_KM for k in kms) / len(kms)) if kms else 0.0,
        mean_km=statistics.fmean(kms) if kms else 0.0,
        median_km=statistics.median(kms) if kms else 0.0,
        auc=log_error_auc(kms),
        errors=errors,
    )


def log_error_auc(kms: list[float]) -> float:
    """Area under ln(error+1)/ln(MAX_ERROR) over the sorted errors, in 0..1 (lower is better)."""
    if not kms:
        return 0.0
    scaled = [math.log(min(k, MAX_ERROR_KM) + 1) / math.log(MAX_ERROR_KM) for k in sorted(kms)]
    if len(scaled) == 1:
        return min(scaled[0], 1.0)
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:], strict=False))  # trapezoids, unit width
    return min(area / (len(scaled) - 1), 1.0)


def main() -> None:  # pragma: no cover - manual runs: python -m sitrep.evaluation.geo FILE [LIMIT]
    import sys

    limit = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None  # "" means all
    report = score_geo(Path(sys.argv[1]), limit=limit)
    print(report.table())
    if len(sys.argv) > 3:
        Path(sys.argv[3]).write_text(json.dumps(report.to_json(), indent=1))


if __name__ == "__main__":  # pragma: no cover
    main()
