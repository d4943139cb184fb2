"""Runs the stages in order: ``extract(article) -> list[Event]`` is the heart of sitrep.

The CLI, the API and the evaluation all call this module; none re-implements it.
A failing article becomes an ``ArticleResult`` with an error naming the stage,
and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from sitrep import claims as claims_stage
from sitrep import fatalities as fatalities_stage
from sitrep import temporal
from sitrep.actors import ActorDictionary
from sitrep.assemble import Findings, assemble_events
from sitrep.codebook import packaged_text
from sitrep.config import AssembleSettings, Settings
from sitrep.events import Lexicon, find_event_mentions, sentence_spans
from sitrep.focus import claim_sentence
from sitrep.furniture import dateline_spans, filing_places, furniture_spans, inside, office_places, without
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.locate import capitals
from sitrep.geo.parts import country_parts
from sitrep.geo.resolve import geoparse
from sitrep.model import Article, ArticleResult, Event
from sitrep.nlp import build_pipeline, doc_text, focus_text, normalise_text, with_text
from sitrep.triage import quick_lexicon, triggers_to_parse
from sitrep.versions import versions

_T = TypeVar("_T")
_WARM_UP_DAY = date(2024, 3, 11)


@dataclass
class Extractor:
    """The loaded resources of every stage, built once and reused for many articles."""

    nlp: Language
    gazetteer: Gazetteer
    actors: ActorDictionary
    lexicon: Lexicon
    batch_size: int = 64
    assemble: AssembleSettings = field(default_factory=AssembleSettings)
    focus_neighbours: int = 1
    focus_lead: int = 1
    focus_claims: bool = True

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Extractor:
        settings = settings or Settings()
        return cls(
            nlp=build_pipeline(settings.spacy_model),
            gazetteer=Gazetteer.default(),
            actors=ActorDictionary.default(),
            lexicon=quick_lexicon(Lexicon.default()),
            batch_size=settings.batch_size,
            assemble=settings.assemble,
            focus_neighbours=settings.focus_neighbours,
            focus_lead=settings.focus_lead,
            focus_claims=settings.focus_claims,
        )

    @property
    def versions(self) -> dict[str, str]:
        """Versions of the code, model and data behind every output row."""
        return versions(self.nlp.meta.get("name", ""), self.nlp.meta.get("version", ""))

    def warm(self) -> Extractor:
        """Load now what the stages load at first use (the gazetteer's indexes, the claim, sub-type
        and actor models and lexicons, compiled patterns) by coding a packaged report: a worker
        pays it once on loading rather than in its first shard, and workers forked after it
        inherit it. The answers for later articles are the same (a test compares them)."""
        self.gazetteer.admin_by_loose_name("")  # the gazetteer's indexes made at first use
        self.gazetteer.capital("")
        self.gazetteer.provinces("")
        sample = packaged_text("warm_up.txt")
        list(self.extract_many([Article(Article.make_id(sample, _WARM_UP_DAY), _WARM_UP_DAY, sample)]))
        return self

    def extract(self, article: Article) -> list[Event]:
        """The coded events of one article (raises on a stage failure)."""
        spans = self.triggers_to_parse(article)
        if spans is None:
            return []
        text = self._text(article, spans)
        doc = self._with_text(article, self.nlp(text), text)
        return self._events(article, doc)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order; articles that triage rejects skip the parse.

        Any failure is the failing article's error: a batch whose parse fails is parsed
        again one article at a time, so one hostile text never costs the others.
        """
        articles = iter(articles)
        while batch := list(islice(articles, self.batch_size)):
            wanted: dict[str, tuple[Article, list[tuple[int, int]]]] = {}
            failed: dict[str, StageError] = {}
            for article in batch:
                try:
                    if (spans := self.triggers_to_parse(article)) is not None:
                        wanted[article.id] = (article, spans)
                except Exception as exc:
                    failed[article.id] = StageError("triage", exc)
            docs = self._parse_each(wanted, failed)
            for article in batch:
                if article.id in failed:
                    yield ArticleResult(
                        article, error=str(failed[article.id]), stage=failed[article.id].stage
                    )
                    continue
                doc = docs.get(article.id)
                if doc is None:
                    yield ArticleResult(article)
                    continue
                try:
                    yield ArticleResult(article, tuple(self._events(article, doc)))
                except StageError as exc:  # one bad article must not stop the batch
                    yield ArticleResult(article, error=str(exc), stage=exc.stage)
                except Exception as exc:  # outside a named stage (assembly): still this article's alone
                    yield ArticleResult(article, error=_failure("extract", exc), stage="extract")

    def triggers_to_parse(self, article: Article) -> list[tuple[int, int]] | None:
        """Triage (``sitrep.triage``): the article's trigger spans if it can yield an event, else None."""
        return triggers_to_parse(_normalised(article.text), self.lexicon)

    def _parse_each(
        self, wanted: dict[str, tuple[Article, list[tuple[int, int]]]], failed: dict[str, StageError]
    ) -> dict[str, Doc]:
        """Docs by article id: the batch at once, or one by one when the batch fails."""
        texts = {key: self._text(article, spans) for key, (article, spans) in wanted.items()}
        try:
            docs = self.nlp.pipe(texts.values(), batch_size=self.batch_size)
            return {
                key: self._with_text(wanted[key][0], doc, texts[key])
                for key, doc in zip(texts, docs, strict=True)
            }
        except Exception:
            out = {}
            for key, text in texts.items():
                try:
                    out[key] = self._with_text(wanted[key][0], self.nlp(text), text)
                except Exception as exc:
                    failed[key] = StageError("parse", exc)
            return out

    def _text(self, article: Article, spans: list[tuple[int, int]]) -> str:
        """What spaCy parses: the article, or with focus its event sentences amid blanks."""
        text = _normalised(article.text)
        if self.focus_neighbours < 0:
            return text
        keep = claim_sentence() if self.focus_claims else None
        return focus_text(text, spans, self.focus_neighbours, lead=self.focus_lead, keep=keep)

    def _with_text(self, article: Article, doc: Doc, parsed: str) -> Doc:
        """A focused doc still reads as the whole article to every stage that reads text;
        ``parsed``, the text spaCy was given, is kept as the doc's own (``nlp.parsed_text``)."""
        return doc if self.focus_neighbours < 0 else with_text(doc, _normalised(article.text), parsed)

    def _events(self, article: Article, doc: Doc) -> list[Event]:
        """Every stage on one parsed article; a failure raises ``StageError`` naming the stage.

        The event mentions come first: an article with none yields no event whatever the
        other stages find (assembly builds events from clauses of mentions), so their work
        is skipped (a tenth of the parsed news texts of the mix).
        """
        text = doc_text(doc)
        page = _stage(
            "furniture", furniture_spans, text
        )  # navigation, bylines, stamps, captions, teasers: not the story
        mentions = without(
            _stage("events", lambda: find_event_mentions(text, sentence_spans(doc), self.lexicon)),
            page,
            _trigger,
        )
        if not mentions:
            return []
        stamps = sorted(
            [*page, *_stage("furniture", dateline_spans, text)], key=lambda s: s.start
        )  # the report's own dates
        toponyms = _stage("geo", geoparse, doc, self.gazetteer)
        filed = filing_places(text)  # "JOHANNESBURG —": where the report was filed, a hint only
        tolls = without(_stage("fatalities", fatalities_stage.find_fatalities, doc), page, _span)
        findings = Findings(
            article=article,
            doc=doc,
            mentions=mentions,
            times=without(
                _stage("temporal", temporal.find_time_expressions, text, article.published), stamps, _span
            ),
            toponyms=without(
                toponyms, sorted([*page, *filed, *office_places(text)], key=lambda s: s.start), _span
            ),
            page_toponyms=[t for t in toponyms if inside(page, t.span)],
            filed_toponyms=[t for t in toponyms if inside(filed, t.span)],
            capitals=_stage("geo", capitals, toponyms, self.gazetteer),
            parts=_stage("geo", country_parts, toponyms, self.gazetteer),
            actors=without(_stage("actors", self.actors.find, text), page, _span),
            fatalities=tolls,
            victims=without(_stage("fatalities", fatalities_stage.find_victims, doc), page, lambda s: s),
            claims=without(
                _stage("claims", lambda: claims_stage.find_claims(doc, tolls=tolls, day=article.published)),
                page,
                _span,
            ),
        )
        return _stage("assemble", assemble_events, findings, self.lexicon, self.assemble)


class StageError(Exception):
    """A stage failed on one article; ``stage`` names it, the message names the error."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(f"{stage}: {type(error).__name__}: {str(error)[:200]}")
        self.stage = stage


def _stage(name: str, fn: Callable[..., _T], *args: Any) -> _T:
    try:
        return fn(*args)
    except Exception as exc:
        raise StageError(name, exc) from exc


@lru_cache(maxsize=128)  # two batches of 64 articles
def _normalised(text: str) -> str:
    """``normalise_text``, once per text: triage, focus and the whole-text doc each ask for it."""
    return normalise_text(text)


def _span(item):
    return item.span


def _trigger(mention):
    return mention.trigger


def _failure(stage: str, exc: BaseException) -> str:
    return f"{stage}: {type(exc).__name__}: {str(exc)[:200]}"


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor.from_settings(Settings())


def extract(article: Article) -> list[Event]:
    """Events of one article with the default settings (resources loaded on first call)."""
    return default_extractor().extract(article)


class ExtractorPool:
    """Extraction behind an executor: worker processes, or one thread with an in-process Extractor.

    ``processes=0`` extracts in this process (the model is loaded on first use, so a run
    that finds every article stored never loads it); ``processes>=1`` starts spawned worker
    processes, each loading its own Extractor, so a server's reads keep the interpreter
    while articles are parsed. Calling the pool extracts a list and keeps its order.
    """

    def __init__(
        self, settings: Settings, processes: int = 0, *, extractor: Extractor | None = None, nice: int = 0
    ) -> None:
        self.settings = settings
        self.processes = processes
        self.nice = nice  # added to the workers' niceness: a server's reads get the CPU first
        self._extractor = extractor
        self._executor: Executor | None = None
        self._lock = threading.Lock()

    @property
    def started(self) -> bool:
        return self._executor is not None

    def submit(self, articles: Sequence[Article]) -> Future[list[ArticleResult]]:
        """Extract ``articles`` in the background; the future holds their results in order."""
        return self._pool().submit(_work if self.processes else self._extract_here, list(articles))

    def submit_parts(self, articles: Sequence[Article]) -> list[Future[list[ArticleResult]]]:
        """``articles`` in one part per worker process, each extracting in the background."""
        if not articles:
            return []
        size = max(-(-len(articles) // max(self.processes, 1)), 1)
        return [self.submit(articles[i : i + size]) for i in range(0, len(articles), size)]

    def __call__(self, articles: Sequence[Article]) -> list[ArticleResult]:
        return [r for f in self.submit_parts(articles) for r in f.result()]

    def close(self) -> None:
        """Stop at once: queued work is cancelled and worker processes are ended, not awaited
        (a server stopping must not wait for a 200,000-character parse, nor leave it orphaned)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        workers = list(getattr(executor, "_processes", None) or {})  # ProcessPoolExecutor's, by pid
        processes = [executor._processes[pid] for pid in workers]  # type: ignore[attr-defined]
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()  # SIGKILL cannot be ignored: the join ends even on a loaded machine
                process.join()

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pool(self) -> Executor:
        with self._lock:
            if self._executor is None:
                if self.processes:
                    self._executor = ProcessPoolExecutor(
                        max_workers=self.processes,
                        mp_context=multiprocessing.get_context("spawn"),  # no fork of a threaded server
                        initializer=_init_worker,
                        initargs=(self.settings, self.nice),
                    )
                else:
                    self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitrep-extract")
            return self._executor

    def _extract_here(self, articles: list[Article]) -> list[ArticleResult]:
        if self._extractor is None:
            self._extractor = Extractor.from_settings(self.settings)
        return list(self._extractor.extract_many(articles))


def extract_parallel(
    articles: Iterable[Article], settings: Settings, workers: int
) -> Iterator[ArticleResult]:
    """Spread articles over worker processes, each with its own Extractor.

    Where processes can be forked, the Extractor is loaded once here and the workers inherit
    it: no load per worker (seconds each, while the others wait on a 2-core machine), and the
    model's arrays and the mapped gazetteer stay shared pages. Elsewhere each worker loads its own.
    """
    if workers <= 1:
        yield from Extractor.from_settings(settings).extract_many(articles)
        return
    articles = iter(articles)
    size = max(settings.batch_size // 2, 4)  # small chunks keep every worker busy to the end
    with _worker_pool(settings, workers) as pool:
        pending: deque = deque()
        while chunk := list(islice(articles, size)):
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= workers * 3:  # a bounded window: results in input order
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


_WORKER: Extractor | None = None


def _worker_pool(settings: Settings, workers: int) -> ProcessPoolExecutor:
    """Workers forked from this process with its Extractor (loaded here once), or spawned
    workers that load their own where fork is not offered."""
    global _WORKER
    if "fork" not in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings,))
    _WORKER = Extractor.from_settings(settings).warm()  # inherited, loaded and warm, at the fork
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_forked_worker
    )


def _forked_worker() -> None:
    assert _WORKER is not None, "a forked worker inherits the Extractor of its parent"


def _init_worker(settings: Settings, nice: int = 0) -> None:
    global _WORKER
    if nice:
        os.nice(nice)
    _WORKER = Extractor.from_settings(settings)


def _work(articles: list[Article]) -> list[ArticleResult]:
    assert _WORKER is not None
    return list(_WORKER.extract_many(articles))
