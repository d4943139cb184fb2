"""The assembled event: which count it takes, with no model."""

from sitrep.assemble.tolls import _in_quotes
from sitrep.model import Span


def test_counts_inside_quotes_are_claims():
    text = 'The group said it had killed "seven apostate soldiers". Police said three died.'
    boast = Span(text.index("killed"), text.index('".'), "")
    plain = Span(text.index("three"), text.index("died") + 4, "")
    assert _in_quotes(text, boast) and not _in_quotes(text, plain)
