"""Contested fields: two outlets with different tolls and a denial stand side by side,
marked contested, through the real pipeline, the store and the API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.contest import contest, normal_value
from sitrep.model import Article, Voice
from sitrep.store import open_store

DAWN = (
    "A suicide bomber killed 44 people at a political rally in Khar, in Pakistan's Bajaur district, on Sunday, "
    "hospital officials said. Police said the Islamic State group carried out the attack. "
    "The Pakistani Taliban denied any role in the bombing."
)
REUTERS = (
    "A suicide bombing at a political rally in Khar, in Pakistan's Bajaur district, killed 54 people on Sunday, "
    "the provincial health minister Riaz Anwar said."
)


def _voice(field: str, value: str, stance: str = "asserts", outlet: str = "A") -> Voice:
    return Voice(field, value, stance, "someone", "government", outlet, "a1", "e1")


@pytest.mark.parametrize(
    ("voices", "contested"),
    [
        ([_voice("fatalities", "44"), _voice("fatalities", "at least 44", outlet="B")], False),
        ([_voice("fatalities", "44"), _voice("fatalities", "54", outlet="B")], True),
        ([_voice("perpetrator", "TTP"), _voice("perpetrator", "Tehreek-e-Taliban Pakistan")], False),
        ([_voice("perpetrator", "TTP"), _voice("perpetrator", "Islamic State")], True),
        ([_voice("event", "strike"), _voice("event", "", stance="denies")], True),
        ([_voice("event", "strike"), _voice("event", "air raid")], False),
    ],
)
def test_contested_when_sources_disagree(voices: list[Voice], contested: bool) -> None:
    (group,) = contest(voices)
    assert group.contested is contested and len(group.voices) == len(voices)


def test_values_are_compared_as_numbers_and_actors() -> None:
    assert normal_value("fatalities", "at least 1,200") == "1200"
    assert normal_value("fatalities", "dozens") == "12"
    assert normal_value("perpetrator", "the Pakistani Taliban") == normal_value("perpetrator", "TTP")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[TestClient]:
    day = date(2023, 7, 31)
    articles = [
        Article(Article.make_id(text, day), day, text, source=outlet, title=outlet)
        for text, outlet in ((DAWN, "Dawn"), (REUTERS, "Reuters"))
    ]
    db = str(Path(tmp_path_factory.mktemp("contest")) / "contest.duckdb")
    with open_store(db) as store:
        store.write_batch(list(extractor.extract_many(articles)), versions=extractor.versions)
        store.refresh_incidents()
    with TestClient(create_app(db, extractor=extractor)) as c:
        yield c


def test_two_tolls_and_a_denial_are_contested_in_the_api(client: TestClient) -> None:
    (incident,) = client.get("/incidents").json()["incidents"]
    assert sorted(s["source"] for s in incident["sources"]) == ["Dawn", "Reuters"]
    assert {"fatalities", "perpetrator"} <= set(incident["contested"])
    tolls = incident["claims_by_field"]["fatalities"]
    assert tolls["contested"] and {v["value"] for v in tolls["voices"]} == {"44", "54"}
    assert {v["outlet"] for v in tolls["voices"]} == {"Dawn", "Reuters"}
    minister = next(v for v in tolls["voices"] if v["speaker"] == "Riaz Anwar")
    assert minister["speaker_type"] == "government"
    blame = incident["claims_by_field"]["perpetrator"]["voices"]
    stances = {(v["speaker"], v["stance"]) for v in blame}
    assert ("Police", "accuses") in stances and ("The Pakistani Taliban", "denies") in stances
    assert client.get(f"/incidents/{incident['id']}").json()["contested"] == incident["contested"]


def test_event_claims_carry_role_kind_field_and_offsets(client: TestClient) -> None:
    (incident,) = client.get("/incidents").json()["incidents"]
    event_id = next(s["event_id"] for s in incident["sources"] if s["source"] == "Reuters")
    (claim,) = client.get(f"/events/{event_id}").json()["claims"]
    assert claim["speaker"] == "Riaz Anwar" and claim["speaker_role"] == "the provincial health minister"
    assert (claim["field"], claim["value"]) == ("fatalities", "54")
    start, end = claim["text_offsets"]
    assert REUTERS[start:end] == claim["text"]
