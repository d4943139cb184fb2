"""A conflict's running toll is never one event's fatalities."""

from datetime import date

from sitrep.model import Article, EventRole


def test_the_wars_toll_is_not_the_events(extractor) -> None:
    text = (
        "Rwandan and Mozambican troops recaptured the port town of Mocimboa da Praia on Sunday, the army said. "
        "The conflict has left more than 3,000 people dead and 820,000 displaced."
    )
    events = [
        e for e in extractor.extract(Article("war", date(2021, 8, 9), text)) if e.role is EventRole.MAIN
    ]
    assert events and all(e.fatalities is None or e.fatalities.best < 3000 for e in events)
