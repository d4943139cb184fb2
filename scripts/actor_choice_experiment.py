"""Experiment (issue 9): does a learned choice among actor candidates beat the rule cascade?

Runs the coder on the development half of the real-news corpus and records, for each matched
main event, every candidate actor (the event's clause actors, the article's actor mentions, the
cascade's choice, ACLED's default actors for the event's country) with simple features; then
scores a logistic ranker by 5-fold cross-validation grouped by incident. Dev only: it never
reads the test half. It wraps two assemble internals to see the drafts, so it is a measuring
tool, not part of the pipeline.

    .venv/bin/python scripts/actor_choice_experiment.py [--with-cascade]
"""

from __future__ import annotations

import argparse
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

import sitrep.assemble as assemble
from sitrep.actors import with_country
from sitrep.codebook import codebook
from sitrep.evaluation.news import NEWS_CORPUS, load_corpus, match_events, same_actor
from sitrep.ingest.text import read_seed_text
from sitrep.model import Actor, Event
from sitrep.pipeline import Extractor

ACTOR_TYPES = (
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
    "Civilians", "External/Other forces", "Government",
)  # fmt: skip
EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
)  # fmt: skip
SUB_TYPES = (
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Suicide bomb", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence",
    "Abduction/forced disappearance", "Arrests", "Agreement", "Disrupted weapons use",
    "Government regains territory", "Non-state actor overtakes territory",
)  # fmt: skip
LEAD_CHARS = 600


@dataclass
class Candidate:
    group: str  # the incident: folds never split one
    event_key: str
    name: str
    features: np.ndarray
    gold: dict
    cascade: tuple[str | None, str | None]


class _Recorder:
    """Sees each event's draft and findings, and the clause votes behind its actors."""

    def __init__(self) -> None:
        self.built: dict[int, tuple] = {}
        self.votes: dict[int, tuple[dict, dict]] = {}
        self._build, self._vote = assemble._build_event, assemble.vote_actors
        assemble._build_event, assemble.vote_actors = self.build, self.vote

    def build(self, findings, draft, *args):
        event = self._build(findings, draft, *args)
        self.built[id(event)] = (findings, draft)
        return event

    def vote(self, draft, country):
        votes: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        actors = {}
        for clause in draft.clauses:
            for mention, role, weight in clause.actors:
                actor = with_country(mention.actor, country)
                actors[actor.name] = actor
                votes[actor.name][0] += weight if role in ("actor1", "both") else 0.0
                votes[actor.name][1] += weight if role in ("actor2", "both") else 0.0
        self.votes[id(draft)] = (dict(votes), actors)
        return self._vote(draft, country)


def default_actors(country: str) -> list[Actor]:
    types = codebook().actor_types
    found = [
        with_country(Actor(types[t].default, t), country)
        for t in ("Political militia", "Civilians", "Protesters", "Rioters")
    ]
    found += [
        with_country(Actor(f"{kind} Forces of {{the_country}}", "State forces"), country)
        for kind in ("Police", "Military")
    ]
    return found


def candidates(item, event: Event, gold: dict, recorder: _Recorder, with_cascade: bool) -> list[Candidate]:
    findings, draft = recorder.built[id(event)]
    country = event.location.country if event.location else ""
    votes, clause_actors = recorder.votes.get(id(draft), ({}, {}))
    defaults = default_actors(country)
    pool = [*clause_actors.values(), *(with_country(m.actor, country) for m in findings.actors)]
    pool += [a for a in (event.actor1, event.actor2) if a is not None] + defaults
    named = {a.name: a for a in pool if "{" not in a.name}
    starts: dict[str, list[int]] = defaultdict(list)
    for m in findings.actors:
        starts[with_country(m.actor, country).name].append(m.span.start)
    totals = [sum(v[i] for v in votes.values()) or 1.0 for i in (0, 1)]
    claimed = bool(event.evidence.get("actor1_claimed") or event.evidence.get("actor1_blamed"))
    text_chars = max(len(findings.doc.text), 1)
    out = []
    for name, actor in named.items():
        chosen = (
            event.actor1 is not None and event.actor1.name == name,
            event.actor2 is not None and event.actor2.name == name,
        )
        seen = starts.get(name, [])
        kinds = [float(actor.type == t) for t in ACTOR_TYPES]
        row = [float(c) if with_cascade else 0.0 for c in chosen]
        row += [votes.get(name, [0.0, 0.0])[i] / totals[i] for i in (0, 1)]
        row += [float(name in clause_actors), math.log1p(len(seen)), min(seen) / text_chars if seen else 1.0]
        row += [
            float(bool(seen) and min(seen) < LEAD_CHARS),
            float(actor.country == country),
            float("Unidentified" in name),
        ]
        row += [float(claimed and chosen[0]), float(name in {d.name for d in defaults})]
        row += kinds
        row += [k * float(event.event_type == t) for k in kinds for t in EVENT_TYPES]
        row += [k * float(event.sub_event_type == t) for k in kinds for t in SUB_TYPES]
        key = f"{item.name}#{gold['_index']}"
        cascade = (event.actor1.name if event.actor1 else None, event.actor2.name if event.actor2 else None)
        out.append(Candidate(gold.get("incident") or key, key, name, np.array(row), gold, cascade))
    return out


def collect(with_cascade: bool) -> list[Candidate]:
    recorder = _Recorder()
    extractor = Extractor.from_settings()
    rows: list[Candidate] = []
    for item in load_corpus(NEWS_CORPUS, "dev"):
        article = next(iter(read_seed_text(item.path.name, item.path.read_text("utf-8"))))
        events = list(next(iter(extractor.extract_many([article]))).events)
        gold_events = item.gold.get("events") or []
        for index, event in match_events(gold_events, events).items():
            gold = {**gold_events[index], "_index": index}
            if gold["role"] == "main" and id(event) in recorder.built:
                rows += candidates(item, event, gold, recorder, with_cascade)
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 60) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton steps."""
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad = x.T @ (p - y) / len(y) + l2 * w / len(y)
        hess = (x.T * (p * (1 - p))) @ x / len(y) + (l2 / len(y) + 1e-6) * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
        b -= 2 * float((p - y).mean())
    return w, b


def cross_validate(rows: list[Candidate], l2: float, folds: int = 5) -> dict[str, int]:
    groups = sorted({r.group for r in rows})
    np.random.default_rng(0).shuffle(groups)
    tally = defaultdict(int)
    for k in range(folds):
        held = set(groups[k::folds])
        train = [r for r in rows if r.group not in held]
        x = np.array([r.features for r in train])
        models = [
            fit(x, np.array([float(same_actor(r.gold.get(role), r.name)) for r in train]), l2)
            for role in ("actor1", "actor2")
        ]
        events: dict[str, list[Candidate]] = defaultdict(list)
        for r in rows:
            if r.group in held:
                events[r.event_key].append(r)
        for found in events.values():
            (w1, b1), (w2, b2) = models
            p1 = [1 / (1 + math.exp(-(r.features @ w1 + b1))) for r in found]
            first = int(np.argmax(p1))
            p2 = [
                -1.0 if i == first else 1 / (1 + math.exp(-(r.features @ w2 + b2)))
                for i, r in enumerate(found)
            ]
            second = int(np.argmax(p2))
            gold = found[0].gold
            tally["events"] += 1
            tally["model actor1"] += same_actor(gold.get("actor1"), found[first].name)
            tally["model actor2"] += same_actor(
                gold.get("actor2"), found[second].name if p2[second] > 0.5 else None
            )
            tally["cascade actor1"] += same_actor(gold.get("actor1"), found[0].cascade[0])
            tally["cascade actor2"] += same_actor(gold.get("actor2"), found[0].cascade[1])
    return dict(tally)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-cascade", action="store_true", help="give the model the cascade's choice")
    args = parser.parse_args()
    rows = collect(args.with_cascade)
    print(f"{len({r.event_key for r in rows})} matched main events, {len(rows)} candidates")
    print("| l2 | model actor 1 | model actor 2 | cascade actor 1 (tuned on dev) | cascade actor 2 |")
    print("|---:|---:|---:|---:|---:|")
    for l2 in (0.3, 1.0, 3.0):
        t = cross_validate(rows, l2)
        n = t["events"]
        print(
            f"| {l2} | {t['model actor1'] / n:.3f} | {t['model actor2'] / n:.3f} | {t['cascade actor1'] / n:.3f} | {t['cascade actor2'] / n:.3f} |"
        )


if __name__ == "__main__":
    main()
