"""The versions of the code, model and data behind every output row.

Kept apart from the pipeline so that a process that only writes or records rows (the driver of
``sitrep run``, the API before its first extraction) need not import spaCy (~60 MB) to name them.
"""

from __future__ import annotations

import importlib.util
import json
from importlib import metadata
from pathlib import Path

from sitrep.actors import ActorDictionary
from sitrep.codebook import codebook
from sitrep.config import Settings
from sitrep.events import Lexicon


def versions(
    model_name: str = "", model_version: str = "", settings: Settings | None = None
) -> dict[str, str]:
    """Code, model and data versions, without loading the model (its meta is read if not given)."""
    if not model_name:
        meta = model_meta((settings or Settings()).spacy_model)
        model_name, model_version = meta.get("name", ""), meta.get("version", "")
    return {
        "sitrep": _version("sitrep"),
        "spacy_model": f"{model_name}-{model_version}",
        "actors": ActorDictionary.default().version,
        "event_lexicon": Lexicon.default().version,
        "codebook": codebook().version,
    }


def model_meta(model: str) -> dict:
    """The installed model package's ``meta.json``, found without importing it (or spaCy)."""
    spec = importlib.util.find_spec(model)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"spaCy model package {model!r} is not installed")
    return json.loads((Path(spec.submodule_search_locations[0]) / "meta.json").read_text("utf-8"))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"
