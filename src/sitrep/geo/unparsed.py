"""Place names in the sentences a focused parse skipped.

With ``focus_neighbours`` set, only the sentences near a trigger are parsed (``sitrep.nlp.focus_text``);
the others reach geoparse as blanks, so a town named only there ("seized in his hometown of Manta",
"the home near Dungiven") was never a place, and a country or province event could not be refined
to it. The capitalised phrases of those sentences are found here from the text; which of them are
places is decided as for any untagged phrase, by a cue before it and the document's countries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from sitrep.nlp import doc_text, parsed_text

_WORD = r"[A-Z][a-zA-Z\u00c0-\u024f]+(?:-[A-Z][a-zA-Z\u00c0-\u024f]+)*"
# "Mocimboa da Praia", "Ciudad del Este": a particle inside a name
_NAME = re.compile(rf"(?<![\w'\u2019-]){_WORD}(?:\s(?:(?:da|de|do|dos|del|la|el)\s)?{_WORD}){{0,3}}(?![\w-])")
_BLANK = re.compile(r" {3,}")
_LEADING = re.compile(r"^(?:In|Near|Outside|The)\s+")
_CALENDAR = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Ramadan|Eid)\b"
)  # "in March", "on Sunday": the tagger's DATE where the sentence is parsed


def skipped_names(doc: Doc) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each capitalised phrase in a sentence the parse skipped, a leading
    "In" or "The" left out ("In Derbent" is the cue and the name)."""
    text = doc_text(doc)
    parsed = parsed_text(doc)
    if text == parsed:
        return
    for blank in _BLANK.finditer(parsed):
        if not text[blank.start() : blank.end()].strip():
            continue
        for m in _NAME.finditer(text, blank.start(), blank.end()):
            start, name = m.start(), m.group()
            lead = _LEADING.match(name)
            if lead:
                start, name = start + lead.end(), name[lead.end() :]
            if name and not _CALENDAR.match(name):
                yield start, m.end(), name
