"""A person's review of fusion: splits and joins that survive a rebuild, link evidence, version history."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import FusionSettings
from sitrep.evaluation.fusion import article_file, extract_corpus
from sitrep.model import ArticleResult, EventRole
from sitrep.store import open_store
from sitrep.store.review import history, join_events, split_event

CORPUS = Path(__file__).parents[1] / "data" / "fusion"
SETTINGS = FusionSettings()


@pytest.fixture(scope="module")
def beledweyne(extractor) -> dict[str, ArticleResult]:
    """The hand-written reports of the Beledweyne bombing (wire, rising toll, commander, region)."""
    results = extract_corpus(CORPUS, extractor)
    return {article_file(r)[:3]: r for r in results if "beledweyne" in article_file(r)}


def _main(result: ArticleResult) -> str:
    return next(e.id for e in result.events if e.role is EventRole.MAIN)


def test_link_shows_the_shared_evidence(beledweyne):
    with open_store(":memory:") as store:
        store.write_batch(list(beledweyne.values()))
        store.refresh_incidents(None, SETTINGS)
        record = store.incident(store.incident_of_event(_main(beledweyne["f08"])))
        assert record is not None and record.incident.links
        link = next(k for k in record.incident.links if k.by == "model")
        assert 0.5 <= link.probability <= 1.0
        assert any(line.startswith(("same place", "shared names", "same day")) for line in link.evidence)
        assert record.to_json()["links"][0]["evidence"]


def test_split_and_join_survive_a_rebuild(beledweyne):
    wire, toll = _main(beledweyne["f07"]), _main(beledweyne["f08"])
    with open_store(":memory:") as store:
        store.write_batch(list(beledweyne.values()))
        store.refresh_incidents(None, SETTINGS)
        together = store.incident_of_event(wire)
        assert store.incident_of_event(toll) == together
        split_event(store, toll, SETTINGS, note="another blast")
        assert store.incident_of_event(toll) != store.incident_of_event(wire)
        store.refresh_incidents(None, SETTINGS)  # a rebuild keeps the person's decision
        assert store.incident_of_event(toll) != store.incident_of_event(wire)
        assert toll not in store.incident_members(store.incident_of_event(wire))
        join_events(store, wire, toll, SETTINGS, note="same blast after all")
        store.refresh_incidents(None, SETTINGS)
        assert store.incident_of_event(toll) == store.incident_of_event(wire)
        record = store.incident(store.incident_of_event(toll))
        assert any(k.by == "person" for k in record.incident.links)


def test_revised_toll_is_a_new_version_with_the_report_that_changed_it(beledweyne):
    first, later = beledweyne["f07"], beledweyne["f08"]
    with open_store(":memory:") as store:
        store.write_batch([first])
        store.refresh_incidents([e.id for e in first.events], SETTINGS)
        incident = store.incident_of_event(_main(first))
        store.write_batch([later])
        store.refresh_incidents([e.id for e in later.events], SETTINGS)
        assert store.incident_of_event(_main(later)) == incident  # the id stays the same
        versions = history(store, incident)
        assert [v.version for v in versions] == [1, 2]
        assert _main(later) in versions[1].changed_by
        before, after = (v.fields["fatalities"] for v in versions)
        assert after is not None and before != after  # the toll was revised
        assert before is None or after["high"] > before["high"]
        assert store.incident(incident).to_json()["history"][1]["version"] == 2
