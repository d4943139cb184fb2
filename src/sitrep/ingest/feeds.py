"""News feeds: RSS 2.0 (and RSS 1.0) ``<item>`` and Atom ``<entry>``, one article each.

A document that is not well-formed XML is one error naming the file and line; an item
without a date or text is one error naming the file and item number (``feed.rss:item 3``,
counted from 1) and the other items are read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from sitrep.ingest.common import dated_article, guarded
from sitrep.ingest.html import html_to_text, read_html_text
from sitrep.model import Article, IngestError


def _local(tag: object) -> str:
    """An element's name without its namespace: ``{http://...}encoded`` -> ``encoded``."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: ET.Element, *names: str) -> str:
    """Text of the first child with one of ``names`` (in order of preference) that has any."""
    for name in names:
        for child in _children(element, name):
            if child.text and child.text.strip():
                return child.text.strip()
    return ""


def _atom_text(element: ET.Element) -> str:
    """Plain text of an Atom text construct (``type`` text, html or xhtml)."""
    kind = element.get("type", "text").lower()
    if kind == "xhtml" or len(element):
        for node in element.iter():  # drop the XHTML namespace so the tags read as HTML
            node.tag = _local(node.tag)
        inner = (element.text or "") + "".join(ET.tostring(child, encoding="unicode") for child in element)
        return html_to_text(inner)
    if kind in ("html", "text/html"):
        return html_to_text(element.text or "")
    return "\n\n".join(" ".join(p.split()) for p in (element.text or "").strip().split("\n\n") if p.strip())


def _item_text(item: ET.Element, atom: bool) -> str:
    if atom:
        for name in ("content", "summary"):
            for child in _children(item, name):
                text = _atom_text(child)
                if text:
                    return text
        return ""
    # content:encoded holds the full story when a feed has it; description is often a teaser.
    return html_to_text(_child_text(item, "encoded", "description"))


def _item_url(item: ET.Element) -> str:
    links = _children(item, "link")
    for link in links:  # RSS: <link>url</link>
        if link.text and link.text.strip():
            return link.text.strip()
    for link in links:  # Atom: <link rel="alternate" href="url"/>
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link.get("href", "").strip()
    for link in links:
        if link.get("href"):
            return link.get("href", "").strip()
    guid = next(iter(_children(item, "guid")), None)
    if guid is not None and guid.get("isPermaLink", "true") == "true" and guid.text:
        return guid.text.strip() if guid.text.strip().startswith("http") else ""
    return ""


def _plain(value: str) -> str:
    return " ".join(html_to_text(value).split()) if "<" in value or "&" in value else " ".join(value.split())


def read_feed_text(name: str, text: str) -> Iterator[Article | IngestError]:
    """Articles of an RSS or Atom feed; a bad item is an error and the next item is read."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":", 1)[0]
        yield IngestError(
            f"{name}:{line}", f"malformed XML feed: {reason} (line {line}, column {column + 1})"
        )
        return
    kind = _local(root.tag)
    if kind == "html":  # an XHTML page that starts with an XML declaration
        yield from read_html_text(name, text)
        return
    if kind not in ("rss", "feed", "rdf"):
        yield IngestError(f"{name}:1", f"not an RSS or Atom feed (root element <{kind}>)")
        return
    atom = kind == "feed"
    channel = root if atom else next(iter(_children(root, "channel")), root)
    source = _plain(_child_text(channel, "title"))
    items = [el for el in root.iter() if _local(el.tag) == ("entry" if atom else "item")]
    if not items:
        yield IngestError(name, f"feed holds no {'entries' if atom else 'items'}")
        return
    for number, item in enumerate(items, start=1):
        origin = f"{name}:item {number}"
        yield guarded(origin, lambda item=item, origin=origin: _item_article(origin, item, atom, source))


def _item_article(origin: str, item: ET.Element, atom: bool, source: str) -> Article | IngestError:
    raw_date = (
        _child_text(item, "published", "updated")
        if atom
        else _child_text(item, "pubdate", "date", "published", "updated")
    )
    if not raw_date:
        tag = "<published> or <updated>" if atom else "<pubDate>"
        return IngestError(origin, f"no publication date ({tag} missing or empty)")
    return dated_article(
        origin,
        _item_text(item, atom),
        raw_date,
        url=_item_url(item),
        title=_plain(_child_text(item, "title")),
        source=source,
    )


__all__ = ["read_feed_text"]
