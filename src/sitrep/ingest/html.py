"""Saved web pages: one article per page, its text reduced to plain paragraphs.

The text is that of ``<article>`` if the page has one, else ``<main>``, else ``<body>``;
navigation, headers, footers, asides, forms, scripts and styles are left out. Title, URL
and publication date come from the page's meta tags (Open Graph first).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sitrep.ingest.common import dated_article
from sitrep.model import Article, IngestError

_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}  # fmt: skip
_SKIP = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
    "template", "svg", "iframe", "button", "select",
}  # fmt: skip
_BLOCK = {
    "address", "article", "blockquote", "body", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul", "caption", "details", "summary",
}  # fmt: skip
# Meta names that carry a page's publication date, best first.
_DATE_META = ("article:published_time", "date", "pubdate", "publishdate", "datepublished", "dc.date")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)

    def find(self, tag: str) -> _Node | None:
        """The first descendant named ``tag`` (document order)."""
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None

    def iter(self) -> Iterator[_Node]:
        for child in self.children:
            if isinstance(child, _Node):
                yield child
                yield from child.iter()


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed tags close with their parent, stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k.lower(): (v or "") for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k.lower(): (v or "") for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse(text: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _text_of(node: _Node) -> str:
    """Plain text of a node: paragraphs separated by blank lines, whitespace collapsed."""
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buffer).split())
        buffer.clear()
        if line:
            paragraphs.append(line)

    def walk(current: _Node) -> None:
        for child in current.children:
            if isinstance(child, str):
                buffer.append(child)
            elif child.tag in _SKIP:
                continue
            elif child.tag in _BLOCK:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(node)
    flush()
    return "\n\n".join(paragraphs)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's description or content)."""
    return _text_of(_parse(fragment))


def _meta(root: _Node) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property / name / itemprop; the first one wins."""
    found: dict[str, str] = {}
    for node in root.iter():
        if node.tag != "meta":
            continue
        content = node.attrs.get("content", "").strip()
        for key in ("property", "name", "itemprop"):
            name = node.attrs.get(key, "").strip().lower()
            if name and content and name not in found:
                found[name] = content
    return found


def _canonical(root: _Node) -> str:
    for node in root.iter():
        if node.tag == "link" and "canonical" in node.attrs.get("rel", "").lower().split():
            href = node.attrs.get("href", "").strip()
            if href:
                return href
    return ""


def read_html_text(name: str, text: str) -> Iterator[Article | IngestError]:
    """One article from a saved web page; a page without a publication date is an error."""
    root = _parse(text)
    container = root.find("article") or root.find("main") or root.find("body") or root
    meta = _meta(root)
    title_node = root.find("title")
    title = meta.get("og:title") or (" ".join(_text_of(title_node).split()) if title_node else "")
    url = _canonical(root) or meta.get("og:url", "")
    raw_date = next((meta[key] for key in _DATE_META if meta.get(key)), "")
    if not raw_date:
        time_node = next((n for n in container.iter() if n.tag == "time" and n.attrs.get("datetime")), None)
        raw_date = time_node.attrs["datetime"] if time_node else ""
    if not raw_date:
        yield IngestError(
            name,
            "web page has no publication date (no article:published_time or date meta tag, "
            "no <time datetime> in the article)",
        )
        return
    yield dated_article(
        name, _text_of(container), raw_date, url=url, title=title, source=meta.get("og:site_name", "")
    )


__all__ = ["read_html_text", "html_to_text"]
