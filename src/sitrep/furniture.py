"""Page furniture: the lines of a news page that are not the story.

Real pages carry navigation ("Home | World | Africa"), bylines, time stamps ("March 23, 2024
04:02 am | Updated"), photo captions, "Read more" teasers, share and newsletter boxes and tag
lists. Their words are conflict words too: a teaser's "Capitol riot" is not an event of the
article, a time stamp is the report's date and not the event's, and "Africa" in the navigation
is not where anything happened. ``furniture_spans`` finds those lines so that the stages
after it ignore what they hold. It works on lines, with no parse, and keeps the headline.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from sitrep.model import Span

_NAV = re.compile(r"(?:\s[|›»>•·]\s.*){2,}|^(?:home|news|world)\s*[|›»>/]", re.I)
_MARKER = re.compile(
    r"^\W*(?:read more|read also|also read|related(?: stories| articles| news| coverage| content)?|more from|more on|"
    r"more stories|more news|more:|recommended|most read|most popular|trending|you may also like|you might also like|"
    r"see also|also on|also see|go to (?:video|gallery|article)|play video|up next|next (?:article|story)|"
    r"previous (?:article|story)|watch|listen|advertisement|sponsored|subscribe|sign up|newsletter|share(?: this)?|"
    r"follow us|tags?|topics?|keywords|click here|comments?|copyright|all rights reserved|join our|download our|"
    r"photo|image|picture|caption|video|file photo|credit|source:|editor'?s note|reporting by|writing by|editing by|"
    r"additional reporting|contributed to this report|(?:this|the) story (?:has|was) (?:not )?(?:been )?(?:edited|updated)|"
    r"first published|last updated|updated|published|posted)\b",
    re.I,
)
_CAPTION = re.compile(
    r"^\W*\[(?:photo|image|picture|video|caption)\b|\((?:ap|afp|reuters|getty|epa)\b[^)]*\)\s*$|"
    r"(?:ap photo|getty images|afp via getty|/ ?reuters|/ ?ap\)|photo:|credit:)",
    re.I,
)
_BYLINE = re.compile(
    r"^\W*by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[,|/].*)?$|"
    r"^(?:associated press|reuters|afp|agence france-presse|staff reporter|news desk|bbc news)\s*$",
    re.I,
)
_CAPS_NAME = re.compile(r"^[A-Z][A-Z.' -]{3,40}$")  # "EVENS SANON"
_STAMP = re.compile(
    r"\b\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|gmt|utc|ist|eat|wat|cat|pkt|est|edt|bst|cet|ast)?\b|\bupdated\b|\bpublished\b|"
    r"\b(?:gmt|utc)\b|\bminutes? read\b|\bmin read\b|\breading time\b",
    re.I,
)
_DATEISH = re.compile(
    r"\b(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
# "TBILISI, November 30. /TASS/." or "New Delhi, Jan 26 (PTI)": the report's place and date
_DATELINE = re.compile(
    r"^[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[A-Z][A-Za-z .'-]{2,30},(?:[ \t][A-Z][A-Za-z .]{2,20},)?[ \t]+"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)(?:,?[ \t]+\d{4})?[.,]?[ \t]*"
    r"(?:/[A-Z][A-Za-z-]{1,10}/\.?|\((?:[A-Z][A-Za-z-]{1,10})\))",
    re.MULTILINE,
)
_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")
_TEASER_MAX_WORDS = 20


def furniture_spans(text: str) -> list[Span]:
    """Character spans of the furniture lines of ``text`` (sorted, not overlapping)."""
    spans: list[Span] = []
    in_list = False  # the headlines listed under a "Related" or "Read more" marker
    seen_story = False
    for start, end in _lines(text):
        line = text[start:end].strip()
        if not line:
            in_list = False
            continue
        words = len(_WORD.findall(line))
        is_marker = bool(_MARKER.match(line))
        headline_like = words <= _TEASER_MAX_WORDS and not _SENTENCE_END.search(line)
        if (
            is_marker
            or _NAV.search(line)
            or _CAPTION.search(line)
            or (words <= 8 and (_BYLINE.match(line) or _CAPS_NAME.match(line) or " | " in line))
            or (words <= 14 and (_STAMP.search(line) or _DATEISH.search(line)) and _mostly_stamp(line))
            or (in_list and headline_like)
            or (seen_story and headline_like and _after_blank_before_furniture(spans, start, text))
        ):
            spans.append(Span(start, end, line))
            in_list = is_marker and (words <= 6 or line.rstrip().endswith(":"))
            continue
        in_list = False
        if words > _TEASER_MAX_WORDS or _SENTENCE_END.search(line):
            seen_story = True
    return spans


def dateline_spans(text: str) -> list[Span]:
    """ "TBILISI, November 30. /TASS/.", "New Delhi, Jan 26 (PTI)": where and when the report was
    filed. Its date is the report's, not the event's; its place is a fair hint of the event's."""
    return [Span(m.start(), m.end(), m.group(0)) for m in _DATELINE.finditer(text)]


# Where the report was filed: "PORT-AU-PRINCE, Haiti (AP) —", "KABUL, Feb 13, 2025 (BSS/AFP) -",
# "BISHKEK. March 13 (Interfax) -", "YANGON:", "(MENAFN- Kashmir Observer) Srinagar- "; "(Nairobi) –" is an office.
_FILED_CAPS = re.compile(
    r"^[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?P<place>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3})\b"
    r"(?:,[ \t]*[A-Z][A-Za-z.'-]+(?:[ \t][A-Z][A-Za-z.'-]+){0,2})?"
    r"[^\n()\u2014\u2013:]{0,24}?(?:\([^)\n]{1,40}\)[ \t]*)?(?:\u2014|\u2013|--?|:)[ \t]",
    re.MULTILINE,
)
_FILED_AFTER_SOURCE = re.compile(
    r"^[ \t]*\([^)\n]{1,40}\)[ \t]*(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})[ \t]*(?:\u2014|\u2013|--?)[ \t]",
    re.MULTILINE,
)
_OFFICE = re.compile(
    r"^[ \t]*\((?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\)[ \t]*(?:\u2014|\u2013|--?)[ \t]", re.MULTILINE
)


def filing_places(text: str) -> list[Span]:
    """The place a report was filed from, at the head of its story: often not the event's
    ("JOHANNESBURG —" for a town in Mozambique), so it is a hint for the story, never the
    event's own place."""
    spans = []
    for m in _FILED_CAPS.finditer(text):
        if sum(ch.isalpha() for ch in m.group("place")) >= 4:
            spans.append(Span(m.start("place"), m.end("place"), m.group("place")))
    spans += [
        Span(m.start("place"), m.end("place"), m.group("place")) for m in _FILED_AFTER_SOURCE.finditer(text)
    ]
    return sorted(spans, key=lambda s: s.start)


def office_places(text: str) -> list[Span]:
    """ "(Nairobi) –": the office a rights group's release came from, no hint of the event's place."""
    return [Span(m.start("place"), m.end("place"), m.group("place")) for m in _OFFICE.finditer(text)]


def in_caption(text: str, span: Span) -> bool:
    """Whether ``span`` sits on a photo caption's line ("[Photo caption: ... in the town of Zvecan
    on Monday. Photo: Reuters]"): furniture, but a caption shows the scene of the story's event."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return bool(_CAPTION.search(text[start : end if end != -1 else len(text)]))


def inside(spans: Sequence[Span], span: Span) -> bool:
    """Whether ``span`` starts inside one of the sorted ``spans``."""
    i = bisect_right([s.start for s in spans], span.start) - 1
    return i >= 0 and span.start < spans[i].end


def without(items: Iterable, spans: Sequence[Span], span_of) -> list:
    """The items whose span (``span_of(item)``, may be None) is not furniture."""
    return [x for x in items if (s := span_of(x)) is None or not inside(spans, s)]


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _mostly_stamp(line: str) -> bool:
    """A line that is a date or time stamp with at most a few other words (an outlet's name)."""
    rest = _DATEISH.sub(" ", _STAMP.sub(" ", line))
    rest = re.sub(r"\b(?:on|at|by|and|the|last|first|\w+day)\b", " ", rest, flags=re.I)
    return len(_WORD.findall(rest)) <= 5 and not _SENTENCE_END.search(line.rstrip(" |"))


def _after_blank_before_furniture(spans: list[Span], start: int, text: str) -> bool:
    """A headline-like line right after furniture (a teaser list without its marker)."""
    if not spans:
        return False
    between = text[spans[-1].end : start]
    return between.count("\n") <= 2 and not between.strip()
