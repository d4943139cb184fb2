"""The fitter of fusion's pair model (``scripts/fit_fusion.py``): signs held, copies weighed fairly."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from sitrep.fusion_model import FEATURES, SIGNS

_SPEC = importlib.util.spec_from_file_location(
    "fit_fusion", Path(__file__).resolve().parents[1] / "scripts" / "fit_fusion.py"
)
fit_fusion = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fit_fusion)


def _pairs(n: int = 60, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Pairs whose label follows the text feature, and where a place conflict happens to come
    with true pairs (the coder misplaced their reports): a sign the fit must not learn."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, len(FEATURES)))
    y = (np.arange(n) % 3 != 0).astype(float)
    x[:, FEATURES.index("text")] = y * 0.8 + rng.random(n) * 0.2
    x[:, FEATURES.index("place_conflict")] = y
    x[:, FEATURES.index("toll_agree")] = y * (rng.random(n) < 0.7)
    return x, y


def test_every_weight_keeps_its_sign():
    x, y = _pairs()
    coef, _ = fit_fusion.fit(x, y, l2=0.1)
    for name, weight in zip(FEATURES, coef, strict=True):
        assert weight * SIGNS[name] >= -1e-9, name
    assert coef[FEATURES.index("place_conflict")] == 0.0  # held at 0, not learned as agreement
    assert coef[FEATURES.index("text")] > 1.0


def test_disagreeing_copies_keep_the_positives_weight():
    """A copy of each true pair with its toll rising instead of agreeing teaches disagreement,
    not a higher prior: the true pairs and their copies weigh what the true pairs weighed."""
    x, y = _pairs()
    w = np.ones(len(y))
    ax, ay, aw = fit_fusion.augment(x, y, w)
    assert len(ay) > len(y)
    assert np.isclose(aw[ay == 1].sum(), w[y == 1].sum())
    copies = ax[len(y) :]
    rising = copies[:, FEATURES.index("toll_rising")] == 1
    assert rising.any() and not copies[rising, FEATURES.index("toll_agree")].any()


def test_common_clues_are_counted_per_article_and_numbers_read_back(tmp_path, monkeypatch):
    """A name every article's passage carries is common, one article's many events count once,
    and a number clue ("#:12") reads back as a clue, not as a comment line."""
    from datetime import date

    from sitrep.model import Article, ArticleResult, DatePrecision, Event, EventDate, EventRole, Span

    def result(key: str, text: str, events: int = 1) -> ArticleResult:
        article = Article(id=key, published=date(2024, 3, 12), text=text)
        day = EventDate(date(2024, 3, 12), DatePrecision.DAY)
        event = Event(
            f"ev-{key}",
            key,
            day,
            "Battles",
            "Armed clash",
            "ASSAULT",
            "190",
            EventRole.MAIN,
            None,
            None,
            None,
            None,
            evidence={"event_type": Span(0, 5)},
        )
        return ArticleResult(article=article, events=(event,) * events)

    results = [
        result("a", "Gunmen killed 12 villagers in Ngala, Borno (Photo: AFP).", events=3),
        result("b", "Troops killed 12 militants near Bama (Photo: Reuters)."),
        result("c", "A clash in Gwoza left one dead (Photo: AP)."),
    ]
    counts = fit_fusion.article_clue_counts(results)
    assert counts["n:photo"] == 3 and counts["#:12"] == 2 and counts["n:ngala"] == 1
    out = tmp_path / "fusion_common_clues.txt"
    monkeypatch.setattr(fit_fusion, "COMMON_OUT", out)
    fit_fusion.write_common_clues(results, 2)
    lines = out.read_text().splitlines()
    assert lines[0] == "# version: 1" and lines[-2:] == ["#:12", "n:photo"]
    import sitrep.fusion_model as model

    monkeypatch.setattr(model, "packaged_text", lambda name: out.read_text())
    model.common_clues.cache_clear()
    try:
        assert model.common_clues() == {"#:12", "n:photo"}
    finally:
        model.common_clues.cache_clear()


def test_the_fit_learns_only_from_pairs_the_scorer_would_weigh():
    """An article that tells Kalat's attack of the 16th and that of the 17th as two events: its
    event of the 16th and another outlet's report of the 17th are never weighed by fusion
    (``fusion_places.told_apart``), so the fit must not learn from that pair either."""
    from datetime import date

    from tests.test_fusion_places import KALAT, clash

    from sitrep.config import FusionSettings
    from sitrep.model import Article, ArticleResult

    text = "Militants attacked a Levies post in Kalat on Sunday night and again on Monday, killing four."
    both, other = (Article(name, date(2025, 2, 18), text) for name in ("both-nights", "other"))
    first, second = clash("a", "both-nights", KALAT, day=16), clash("b", "both-nights", KALAT, day=17)
    report = clash("o", "other", KALAT, day=17)
    results = [ArticleResult(both, (first, second)), ArticleResult(other, (report,))]
    incident = {first.id: "kalat-16", second.id: "kalat-17", report.id: "kalat-17"}
    _, labels, groups = fit_fusion.labelled_pairs(results, incident, FusionSettings())
    assert list(zip(groups, labels.tolist(), strict=True)) == [("kalat-17", 1.0)]  # not ("kalat-16", 0.0)
