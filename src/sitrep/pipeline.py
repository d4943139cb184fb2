"""Runs the stages in order: ``extract(article) -> list[Event]`` is the heart of sitrep.

The CLI, the API and the evaluation all call this module; none re-implements it.
A failing article becomes an ``ArticleResult`` with an error naming the stage,
and the batch goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from itertools import islice
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from sitrep import claims as claims_stage
from sitrep import fatalities as fatalities_stage
from sitrep import temporal
from sitrep.actors import ActorDictionary
from sitrep.assemble import Findings, assemble_events
from sitrep.codebook import codebook
from sitrep.config import AssembleSettings, Settings
from sitrep.events import Lexicon, find_event_mentions, sentence_spans
from sitrep.furniture import dateline_spans, furniture_spans, without
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import geoparse
from sitrep.model import Article, ArticleResult, Event
from sitrep.nlp import build_pipeline, focus_text, normalise_text

_T = TypeVar("_T")


@dataclass
class Extractor:
    """The loaded resources of every stage, built once and reused for many articles."""

    nlp: Language
    gazetteer: Gazetteer
    actors: ActorDictionary
    lexicon: Lexicon
    batch_size: int = 32
    assemble: AssembleSettings = field(default_factory=AssembleSettings)
    focus_neighbours: int = -1

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Extractor:
        settings = settings or Settings()
        return cls(
            nlp=build_pipeline(settings.spacy_model),
            gazetteer=Gazetteer.default(),
            actors=ActorDictionary.default(),
            lexicon=Lexicon.default(),
            batch_size=settings.batch_size,
            assemble=settings.assemble,
            focus_neighbours=settings.focus_neighbours,
        )

    @property
    def versions(self) -> dict[str, str]:
        """Versions of the code, model and data behind every output row."""
        return versions(self.nlp.meta.get("name", ""), self.nlp.meta.get("version", ""))

    def extract(self, article: Article) -> list[Event]:
        """The coded events of one article (raises on a stage failure)."""
        if not self.lexicon.mentions_possible(article.text):
            return []
        doc = self.nlp(self._text(article))
        return self._events(article, doc)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order; articles that triage rejects skip the parse."""
        articles = iter(articles)
        while batch := list(islice(articles, self.batch_size)):
            wanted = [a for a in batch if self.lexicon.mentions_possible(a.text)]
            docs = dict(zip((a.id for a in wanted), self._parse(wanted), strict=True))
            for article in batch:
                doc = docs.get(article.id)
                if doc is None:
                    yield ArticleResult(article)
                    continue
                try:
                    yield ArticleResult(article, tuple(self._events(article, doc)))
                except StageError as exc:  # one bad article must not stop the batch
                    yield ArticleResult(article, error=str(exc), stage=exc.stage)

    def _parse(self, articles: list[Article]) -> list[Doc]:
        return list(self.nlp.pipe((self._text(a) for a in articles), batch_size=self.batch_size))

    def _text(self, article: Article) -> str:
        text = normalise_text(article.text)
        if self.focus_neighbours < 0:
            return text
        return focus_text(text, self.lexicon.trigger_regex, self.focus_neighbours)

    def _events(self, article: Article, doc: Doc) -> list[Event]:
        """Every stage on one parsed article; a failure raises ``StageError`` naming the stage."""
        text = doc.text
        page = _stage("furniture", furniture_spans, text)  # navigation, bylines, stamps, captions, teasers: not the story
        stamps = sorted([*page, *_stage("furniture", dateline_spans, text)], key=lambda s: s.start)  # the report's own dates
        tolls = without(_stage("fatalities", fatalities_stage.find_fatalities, doc), page, _span)
        findings = Findings(
            article=article,
            doc=doc,
            mentions=without(_stage("events", lambda: find_event_mentions(text, sentence_spans(doc), self.lexicon)), page, _trigger),
            times=without(_stage("temporal", temporal.find_time_expressions, text, article.published), stamps, _span),
            toponyms=without(_stage("geo", geoparse, doc, self.gazetteer), page, _span),
            actors=without(_stage("actors", self.actors.find, text), page, _span),
            fatalities=tolls,
            victims=without(_stage("fatalities", fatalities_stage.find_victims, doc), page, lambda s: s),
            claims=without(_stage("claims", lambda: claims_stage.find_claims(doc, tolls=tolls)), page, _span),
        )
        return _stage("assemble", assemble_events, findings, self.lexicon, self.assemble)


class StageError(Exception):
    """A stage failed on one article; ``stage`` names it, the message names the error."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(f"{stage}: {type(error).__name__}: {error}")
        self.stage = stage


def _stage(name: str, fn: Callable[..., _T], *args: Any) -> _T:
    try:
        return fn(*args)
    except Exception as exc:
        raise StageError(name, exc) from exc


def _span(item):
    return item.span


def _trigger(mention):
    return mention.trigger


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor.from_settings(Settings())


def extract(article: Article) -> list[Event]:
    """Events of one article with the default settings (resources loaded on first call)."""
    return default_extractor().extract(article)


def extract_parallel(articles: Iterable[Article], settings: Settings, workers: int) -> Iterator[ArticleResult]:
    """Spread articles over worker processes, each with its own Extractor."""
    if workers <= 1:
        yield from Extractor.from_settings(settings).extract_many(articles)
        return
    articles = iter(articles)
    size = max(settings.batch_size // 2, 4)  # small chunks keep every worker busy to the end
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque = deque()
        while chunk := list(islice(articles, size)):
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= workers * 3:  # a bounded window: results in input order
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


_WORKER: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Extractor.from_settings(settings)


def _work(articles: list[Article]) -> list[ArticleResult]:
    assert _WORKER is not None
    return list(_WORKER.extract_many(articles))


def versions(model_name: str = "", model_version: str = "", settings: Settings | None = None) -> dict[str, str]:
    """Code, model and data versions, without loading the model (its meta is read if not given)."""
    if not model_name:
        import spacy

        meta = spacy.util.get_model_meta(spacy.util.get_package_path((settings or Settings()).spacy_model))
        model_name, model_version = meta.get("name", ""), meta.get("version", "")
    return {
        "sitrep": _version("sitrep"),
        "spacy_model": f"{model_name}-{model_version}",
        "actors": ActorDictionary.default().version,
        "event_lexicon": Lexicon.default().version,
        "codebook": codebook().version,
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"
