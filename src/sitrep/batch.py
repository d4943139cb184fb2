"""One write path: ``ingest_batch`` extracts, stores and fuses a batch of articles.

The CLI (``sitrep ingest``), the API (``POST /articles``) and the server's watcher all
call it, so a stored event is always in an incident. Articles already stored are
recognised by their content hash before extraction, so a resumed run costs a look-up
per article, not a parse. The events and their incidents are written in one
transaction: a process killed half-way leaves neither. Fusion is incremental
(``link_incidents``): its cost per batch is the reports around the batch, not the store.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

from sitrep.config import FusionSettings
from sitrep.model import Article, ArticleResult, IngestError, IngestSummary
from sitrep.store import Store
from sitrep.store.linking import link_incidents

if TYPE_CHECKING:
    from sitrep.pipeline import ExtractorPool

Extract = Callable[[Sequence[Article]], Iterable[ArticleResult]]


def ingest_batch(
    store: Store,
    articles: Sequence[Article],
    extract: Extract,
    *,
    versions: dict[str, str],
    fusion: FusionSettings | None = None,
) -> IngestSummary:
    """Extract the articles not yet stored, then store their events and fuse them, all or nothing.

    ``extract`` turns a list of articles into results (an ``Extractor.extract_many`` or an
    ``ExtractorPool``); a failing article comes back as an error, and the others are stored.
    """
    todo = _todo(store, articles)
    results = list(extract(todo)) if todo else []
    return _store(store, articles, todo, results, versions, fusion)


def ingest_batches(
    store: Store,
    batches: Iterable[Sequence[Article]],
    pool: ExtractorPool,
    *,
    versions: dict[str, str],
    fusion: FusionSettings | None = None,
    ahead: int = 2,
) -> Iterator[IngestSummary]:
    """``ingest_batch`` on each batch in turn, the extraction of the next ``ahead`` batches under
    way in the pool's workers while this one is stored and fused.

    Batch by batch, two workers wait for the slower one's half and then for the store (a serial
    stage); here their queue never runs dry. The summaries are ``ingest_batch``'s; an article
    stored by an earlier batch of the window is extracted again and counted as already stored.
    """
    if not pool.processes:  # one process: nothing to overlap with
        for batch in batches:
            yield ingest_batch(store, batch, pool, versions=versions, fusion=fusion)
        return
    pending: deque[tuple[Sequence[Article], list[Article], list[Future[list[ArticleResult]]]]] = deque()
    for batch in batches:
        todo = _todo(store, batch)
        pending.append((batch, todo, pool.submit_parts(todo)))
        if len(pending) > ahead:
            yield _settle(store, pending.popleft(), versions, fusion)
    while pending:
        yield _settle(store, pending.popleft(), versions, fusion)


def _settle(store: Store, item, versions: dict[str, str], fusion: FusionSettings | None) -> IngestSummary:
    batch, todo, futures = item
    return _store(store, batch, todo, [r for f in futures for r in f.result()], versions, fusion)


def _todo(store: Store, articles: Sequence[Article]) -> list[Article]:
    """The articles of a batch not yet stored, each once."""
    unique = list({a.id: a for a in articles}.values())
    known = store.known_articles(a.id for a in unique)
    return [a for a in unique if a.id not in known]


def _store(
    store: Store,
    articles: Sequence[Article],
    todo: Sequence[Article],
    results: Sequence[ArticleResult],
    versions: dict[str, str],
    fusion: FusionSettings | None,
) -> IngestSummary:
    stored = [r for r in results if not r.error]
    errors = tuple(IngestError(r.article.origin, r.error, stage="extract") for r in results if r.error)
    with store.transaction():
        written = store.write_batch(stored, versions=versions)
        fused = link_incidents(store, [e.id for r in stored for e in r.events], fusion or FusionSettings())
    return IngestSummary(
        articles_added=written.articles_added,
        articles_known=len(articles) - len(todo) + written.articles_skipped,
        events_added=written.events_added,
        incidents_changed=fused.added - fused.removed,
        incident_ids=fused.incident_ids,
        errors=errors,
        results=tuple(stored),
    )
