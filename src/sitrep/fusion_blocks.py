"""Date windows and blocking of fusion: which reports are compared at all.

Each located event is put in (country, date bucket) blocks for every bucket its date window
touches, and inside a block in a grid cell of about ``far_km``; it is compared only with the
events of the neighbouring cells, of its clues' blocks (names and numbers of its passage) and
of the other countries its passage names, so cost grows about linearly with the number of
events as long as their density in place and time does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry

from sitrep.config import FusionSettings
from sitrep.fusion_places import fold
from sitrep.fusion_reconcile import is_wide
from sitrep.model import DateSource, EventDate, EventRole, Location

if TYPE_CHECKING:
    from sitrep.fusion import Report

_WIDE_LATITUDE = 60.0  # beyond this the longitude grid is too coarse: treat places as wide


def date_window(event_date: EventDate, settings: FusionSettings) -> tuple[int, int]:
    """First and last day (ordinals) the event could be on, widened by the slack settings."""
    lo, hi = event_date.start.toordinal(), event_date.end.toordinal()
    if event_date.source is DateSource.PUBLICATION_DATE:
        lo -= settings.publication_slack_days
    return lo - settings.date_slack_days, hi + settings.date_slack_days


def stale(report: Report, settings: FusionSettings) -> bool:
    """A main report dated from its text more than ``stale_days`` before it came out: the coder
    may have taken a date the text recalls ("since October 7") for the event's own."""
    e = report.event
    return (
        e.role is EventRole.MAIN
        and e.event_date.source is DateSource.TEXT
        and (report.published - e.event_date.end).days > settings.stale_days
    )


def report_windows(report: Report, settings: FusionSettings) -> list[tuple[int, int]]:
    """The date windows a report's event could lie in: its date's, and for a :func:`stale`
    report also the days before it came out (a report is mostly about the last few days)."""
    windows = [date_window(report.event.event_date, settings)]
    if stale(report, settings):
        day = report.published.toordinal()
        windows.append((day - settings.publication_slack_days - settings.date_slack_days, day))
    return windows


def max_gap(settings: FusionSettings) -> int:
    """The widest gap between two date windows that any pair may have (with shared details)."""
    return settings.max_gap_days + (settings.detail_extra_days if settings.detail_override else 0)


class BlockIndex:
    """Reports by (country, date bucket, grid cell) and by (date bucket, clue), so each report
    finds its candidates in a few blocks: nearby places, or the same names and numbers. A
    report is also a candidate of the reports of every other country its passage names: a
    border clash is placed by each side's outlets in their own country (a Thai outlet puts
    the Chong Bok gunfight in Ubon Ratchathani, a Cambodian one in Preah Vihear), and the two
    sides' accounts share few names but the border and the day."""

    def __init__(self, settings: FusionSettings) -> None:
        self.settings = settings
        self._cell_deg = settings.far_km / 111.0
        self._cells: dict[tuple, list[int]] = defaultdict(list)
        self._wide: dict[tuple, list[int]] = defaultdict(list)
        self._all: dict[tuple, list[int]] = defaultdict(list)
        self._clues: dict[tuple, list[int]] = defaultdict(list)
        self._abroad: dict[tuple, list[int]] = defaultdict(list)  # (country a passage names, bucket)

    def _buckets(self, report: Report) -> list[int]:
        size, pad = self.settings.bucket_days, max_gap(self.settings)
        found = {
            k
            for lo, hi in report_windows(report, self.settings)
            for k in range(lo // size, (hi + pad) // size + 1)
        }
        return sorted(found)

    def _cell(self, loc: Location) -> tuple[int, int] | None:
        if is_wide(loc) or abs(loc.latitude) > _WIDE_LATITUDE:
            return None
        return math.floor(loc.latitude / self._cell_deg), math.floor(loc.longitude / (2 * self._cell_deg))

    def add(self, i: int, report: Report) -> None:
        loc = report.event.location
        cell = None if loc is None else self._cell(loc)
        keys = _block_clues(report)
        for bucket in self._buckets(report):
            for clue in keys:
                self._clues[(bucket, clue)].append(i)
            if loc is None:
                continue
            key = (loc.country, bucket)
            self._all[key].append(i)
            for country in countries_named(report):
                self._abroad[(country, bucket)].append(i)
            if cell is None:
                self._wide[key].append(i)
            else:
                self._cells[(*key, *cell)].append(i)

    def near(self, report: Report) -> set[int]:
        """Indices of the reports in the blocks around ``report`` (a superset of its candidates)."""
        loc = report.event.location
        cell = None if loc is None else self._cell(loc)
        found: set[int] = set()
        cap = self.settings.clue_block_max
        for bucket in self._buckets(report):
            for clue in _block_clues(report):
                posting = self._clues.get((bucket, clue), ())
                if len(posting) <= cap:  # a name every report of the week shares tells nothing
                    found.update(posting)
            if loc is None:
                continue
            key = (loc.country, bucket)
            found.update(self._abroad.get(key, ()))
            for country in countries_named(report):
                found.update(self._all.get((country, bucket), ()))
            if cell is None:
                found.update(self._all.get(key, ()))
                continue
            found.update(self._wide.get(key, ()))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    found.update(self._cells.get((*key, cell[0] + dy, cell[1] + dx), ()))
        return found


def _block_clues(report: Report) -> list[str]:
    return sorted(c for c in report.clues if c[0] in "n#")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded one-word country names ("thailand", "cambodia") -> ISO code."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", "")):
            if name and " " not in name and "," not in name:
                names[fold(name)] = c.alpha_2
    return names


def countries_named(report: Report) -> frozenset[str]:
    """The countries other than its own that a located report's passage names, by name or
    demonym ("Thai soldiers", "Cambodia's defence ministry")."""
    loc = report.event.location
    if loc is None:
        return frozenset()
    names = _country_names()
    found = {w[3:] for w in report.named if w.startswith("cc:")} | {
        names[w] for w in report.named if w in names
    }
    return frozenset(found - {loc.country})
