"""Why the reports of a stored incident were linked: the pair model's probability, its features and the shared evidence.

An analyst checking a merge wants the reasons for every pair, not only for the link that
joined each report. They are recomputed here from the stored events with the same model
(``sitrep.fusion.score_pair``: the pair's features and the probability that the two reports
tell one incident) and settings, so what the page shows is what fusion weighed.
"""

from __future__ import annotations

from itertools import combinations

from sitrep.config import FusionSettings
from sitrep.fusion import Report, distance_km, link_threshold, score_pair
from sitrep.fusion_model import evidence
from sitrep.store.base import Store


def incident_links_of(store: Store, incident_id: str, settings: FusionSettings) -> list[dict] | None:
    """Every pair of the incident's reports with its probability, the features it was computed from
    (those that are not 0) and what the two share in words; ``None`` for no such incident.

    ``linked`` says whether the pair alone reaches the threshold; a report may instead have
    joined through the incident's reconciled fields, which the pair list then shows as weaker.
    """
    members = store.incident_members(incident_id)
    if not members:
        return None
    reports = sorted(store.fusion_reports_by_id(members), key=lambda r: (r.published, r.event.id))
    return [_pair(a, b, settings) for a, b in combinations(reports, 2)]


def _pair(a: Report, b: Report, settings: FusionSettings) -> dict:
    ea, eb = a.event, b.event
    km = None
    if ea.location is not None and eb.location is not None:
        km = round(distance_km(ea.location, eb.location), 1)
    out: dict = {
        "a": ea.id,
        "b": eb.id,
        "distance_km": km,
        "days_apart": abs((ea.event_date.start - eb.event_date.start).days),
    }
    score = score_pair(a, b, settings)
    if score is None:
        return {**out, "gates": False, "total": None, "linked": False}
    return {
        **out,
        "gates": True,
        "total": round(score.total, 3),
        "linked": score.total >= link_threshold(settings),
        "parts": {k: round(v, 3) for k, v in score.features.items() if v},
        "evidence": evidence(a, b, settings),
    }
