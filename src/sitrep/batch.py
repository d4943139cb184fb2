"""One write path: ``ingest_batch`` extracts, stores and fuses a batch of articles.

The CLI (``sitrep ingest``), the API (``POST /articles``) and the server's watcher all
call it, so a stored event is always in an incident. Articles already stored are
recognised by their content hash before extraction, so a resumed run costs a look-up
per article, not a parse. The events and their incidents are written in one
transaction: a process killed half-way leaves neither. Fusion is incremental
(``link_incidents``): its cost per batch is the reports around the batch, not the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sitrep.config import FusionSettings
from sitrep.model import Article, ArticleResult, IngestError, IngestSummary
from sitrep.store import Store
from sitrep.store.linking import link_incidents

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
    unique = list({a.id: a for a in articles}.values())
    known = store.known_articles(a.id for a in unique)
    todo = [a for a in unique if a.id not in known]
    results = list(extract(todo)) if todo else []
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
