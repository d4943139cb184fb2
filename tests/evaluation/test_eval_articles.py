"""`sitrep eval articles` on a few hand-coded articles: the report adds up and names errors."""

from datetime import date
from pathlib import Path

from sitrep.evaluation.articles import FIELDS, ArticlesReport, same_actor, score_articles, score_one
from sitrep.model import Article
from sitrep.pipeline import extract

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def test_scores_the_first_articles_with_the_real_pipeline():
    report = score_articles(ARTICLES, limit=3)
    assert report.articles == 3
    assert set(report.to_json()["accuracy"]) == set(FIELDS)
    assert report.accuracy("event_type") > 0.5
    assert "articles:" in report.table()


def test_a_quiet_article_with_events_is_a_false_alarm():
    report = ArticlesReport(folder="x")
    score_one(report, "quiet.txt", [], [])
    assert report.false_alarms == []
    article = Article(
        id="b", published=date(2024, 1, 1), text="Gunmen killed 12 villagers in Zamfara state on Monday."
    )
    score_one(report, "loud.txt", [], extract(article))
    assert report.false_alarms == ["loud.txt"] and "loud.txt" in report.errors_table()


def test_actor_names_match_by_words():
    assert same_actor("M23", "M23: March 23 Movement")
    assert same_actor("Houthi Movement (Ansar Allah)", "Ansar Allah")
    assert not same_actor("Military Forces of Russia", "Military Forces of Ukraine")
    assert not same_actor(None, "Al Shabaab")
