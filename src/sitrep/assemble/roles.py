"""Main or background: the lead event among the latest-dated is main, events dated clearly
before it are recalled; orphan victims and claims go to their event or the main one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sitrep.assemble.merge import event_date_of
from sitrep.assemble.records import Draft, Findings
from sitrep.codebook import codebook
from sitrep.model import Claim, EventDate, EventRole

_PRECISION_RANK = codebook().date_ranks


def assign_roles(
    drafts: list[Draft], published: date, story_day: Callable[[Draft], date | None] | None = None
) -> list[EventRole]:
    """Main: the lead event among the latest-dated; background: clearly earlier ones.

    ``story_day`` gives the day a lead with no day of its own (a headline) is coded on: "Six
    soldiers dead in gunfights" over "died in gun battles on Sunday" in a Tuesday page is Sunday's
    news, so Sunday's battle is not recalled against the page's day."""
    dates = [event_date_of(d.date) if d.date is not None else None for d in drafts]
    known = [d for d in dates if d is not None]
    if not known:
        return [EventRole.MAIN] * len(drafts)
    latest = max(d.start for d in known)
    main_index = next(
        (i for i, d in enumerate(dates) if d is None or d.end >= latest - timedelta(days=3)),
        0,
    )
    main = dates[main_index]
    main_start = main.start if main else published  # an undated lead is coded on the report date
    main_rank = _PRECISION_RANK[main.precision] if main else 0
    if story_day is not None and main is None:
        told = story_day(drafts[main_index])
        main_start = told if told is not None and told < main_start else main_start

    def recalled(d: EventDate | None) -> bool:
        if d is None:
            return False
        coarser = _PRECISION_RANK[d.precision] > main_rank and d.start < main_start
        return d.end < main_start - timedelta(days=1) or coarser

    return [
        EventRole.MAIN if i == main_index or not recalled(d) else EventRole.BACKGROUND
        for i, d in enumerate(dates)
    ]


def attach_orphans(findings: Findings, drafts: list[Draft], roles: list[EventRole]) -> None:
    """Victims named outside any event sentence belong to the main event, and so does
    a "no casualties were reported" when the main event has no count of its own."""
    main = drafts[roles.index(EventRole.MAIN)] if EventRole.MAIN in roles else drafts[0]
    attached = {(v.start, v.end) for d in drafts for c in d.clauses for v in c.victims}
    for victim in findings.victims:
        if (victim.start, victim.end) not in attached:
            main.clauses[0].victims.append(victim)
    if not any(c.fatalities for c in main.clauses):
        zero = next((f for f in findings.fatalities if f.best == 0), None)
        if zero is not None:
            main.clauses[0].fatalities.append(zero)


def claims_by_draft(
    findings: Findings, drafts: list[Draft], roles: list[EventRole]
) -> list[tuple[Claim, ...]]:
    """Each claim goes to the event whose trigger its sentences hold, else to the main event."""
    owned: list[list[Claim]] = [[] for _ in drafts]
    main = roles.index(EventRole.MAIN) if EventRole.MAIN in roles else 0
    for claim in findings.claims:
        owner = next(
            (
                i
                for i, d in enumerate(drafts)
                if any(claim.span.start <= m.trigger.start < claim.span.end for m in d.mentions)
            ),
            main,
        )
        owned[owner].append(claim)
    return [tuple(sorted(c, key=lambda c: c.span.start)) for c in owned]
