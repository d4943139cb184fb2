"""The default gazetteer as columns in memory-mapped files, not 254,000 Python objects.

As ``Place`` objects and a dict of 420,000 names the gazetteer took ~180 MB in every process
that loads a pipeline (each Ray actor, each pool worker) and 3.5 s to unpickle. Here it is a
folder of numpy columns and byte blobs, mapped read-only: the processes of one machine share
its pages through the page cache, a process only pages in the rows and names it reads, and
opening it takes milliseconds. A ``Place`` is made when a row is asked for, equal field by field
to the one the table was written from.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy

from sitrep.geo.gazetteer import Place

_STRINGS = ("country", "admin1", "feature_class", "feature_code")
_NO_ID = -1  # geonameid None


def name_hash(key: str) -> int:
    """A hash of a normalised name that is the same in every process (``hash`` is salted)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class PlaceTable(Sequence[Place]):
    """The places, one row each: ``table[i]`` is the ``Place`` of row ``i``."""

    def __init__(self, folder: Path) -> None:
        self._lat = _column(folder, "lat")
        self._lon = _column(folder, "lon")
        self._population = _column(folder, "population")
        self._geonameid = _column(folder, "geonameid")
        self._names = _column(folder, "names")
        self._name_at = _column(folder, "name_offsets")
        self._codes = {field: _column(folder, field) for field in _STRINGS}
        self._values = json.loads((folder / "strings.json").read_text("utf-8"))
        self._row = lru_cache(maxsize=1 << 16)(self._make)

    def __len__(self) -> int:
        return len(self._lat)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._row(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._row(int(i))

    def __iter__(self) -> Iterator[Place]:
        return (self._row(i) for i in range(len(self)))

    def rows_with_code(self, codes: Iterable[str]) -> list[int]:
        """Rows whose GeoNames feature code is one of ``codes``, in table order."""
        values = self._values["feature_code"]
        wanted = [values.index(c) for c in codes if c in values]
        return numpy.flatnonzero(numpy.isin(self._codes["feature_code"], wanted)).tolist()

    def name(self, i: int) -> str:
        """The name of row ``i``, without making its ``Place``."""
        start, end = self._name_at[i : i + 2].tolist()
        return self._names[start:end].tobytes().decode("utf-8")

    def _make(self, i: int) -> Place:
        geonameid = self._geonameid[i].item()
        return Place(
            self.name(i),
            *(self._values[f][int(self._codes[f][i])] for f in ("country", "admin1")),
            float(self._lat[i]),
            float(self._lon[i]),
            int(self._population[i]),
            *(self._values[f][int(self._codes[f][i])] for f in ("feature_class", "feature_code")),
            None if geonameid == _NO_ID else geonameid,
        )


class NameIndex(Mapping[str, tuple[int, ...]]):
    """Normalised name -> rows of the places that carry it, found by a stable 64-bit hash
    (binary search over the sorted hashes) and checked against the stored name."""

    def __init__(self, folder: Path) -> None:
        self._hashes = _column(folder, "key_hashes")
        self._keys = _column(folder, "keys")
        self._key_at = _column(folder, "key_offsets")
        self._rows = _column(folder, "rows")
        self._rows_at = _column(folder, "row_offsets")

    def get(self, key: str, default=None):  # type: ignore[override]
        wanted = name_hash(key)
        encoded = key.encode("utf-8")
        hashes = self._hashes
        j = int(hashes.searchsorted(numpy.uint64(wanted)))
        while j < len(hashes) and hashes[j].item() == wanted:
            start, end = self._key_at[j : j + 2].tolist()
            if self._keys[start:end].tobytes() == encoded:
                lo, hi = self._rows_at[j : j + 2].tolist()
                return tuple(self._rows[lo:hi].tolist())
            j += 1
        return default

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        at = self._key_at.tolist()
        return (bytes(self._keys[at[j] : at[j + 1]]).decode("utf-8") for j in range(len(self._hashes)))

    def __len__(self) -> int:
        return len(self._hashes)


def write_table(folder: Path, rows: Sequence[tuple], index: Mapping[str, Sequence[int]]) -> None:
    """Write places (``Place`` field tuples) and the name index as a table folder, atomically:
    written beside ``folder`` and renamed, so that workers building at once never read half."""
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 9
    names, lat, lon, population, geonameid = columns[0], columns[3], columns[4], columns[5], columns[8]
    _save(tmp, "lat", numpy.array(lat, dtype=numpy.float64))
    _save(tmp, "lon", numpy.array(lon, dtype=numpy.float64))
    _save(tmp, "population", numpy.array(population, dtype=numpy.int64))
    _save(tmp, "geonameid", numpy.array([_NO_ID if g is None else g for g in geonameid], dtype=numpy.int64))
    _save_strings(tmp, "names", "name_offsets", names)
    values = {}
    for field, column in zip(_STRINGS, (columns[1], columns[2], columns[6], columns[7]), strict=True):
        values[field] = sorted(set(column))
        code = {v: k for k, v in enumerate(values[field])}
        _save(tmp, field, numpy.array([code[v] for v in column], dtype=numpy.uint32))
    (tmp / "strings.json").write_text(json.dumps(values), "utf-8")
    keys = sorted(index, key=name_hash)
    _save(tmp, "key_hashes", numpy.array([name_hash(k) for k in keys], dtype=numpy.uint64))
    _save_strings(tmp, "keys", "key_offsets", keys)
    postings = [index[k] for k in keys]
    _save(tmp, "rows", numpy.array([i for ids in postings for i in ids], dtype=numpy.int32))
    _save(tmp, "row_offsets", numpy.cumsum([0, *map(len, postings)], dtype=numpy.int64))
    try:
        tmp.rename(folder)
    except OSError:  # another process wrote it first: theirs serves
        shutil.rmtree(tmp, ignore_errors=True)


def open_table(folder: Path) -> tuple[PlaceTable, NameIndex]:
    """The places and the name index of a table folder (mapped, not read)."""
    return PlaceTable(folder), NameIndex(folder)


def _save(folder: Path, name: str, array: numpy.ndarray) -> None:
    numpy.save(folder / f"{name}.npy", array, allow_pickle=False)


def _save_strings(folder: Path, blob: str, offsets: str, strings: Iterable[str]) -> None:
    encoded = [s.encode("utf-8") for s in strings]
    _save(folder, blob, numpy.frombuffer(b"".join(encoded), dtype=numpy.uint8))
    _save(folder, offsets, numpy.cumsum([0, *map(len, encoded)], dtype=numpy.int64))


def _column(folder: Path, name: str) -> numpy.ndarray:
    """A column mapped read-only, as a plain ndarray (``memmap``'s subclass costs per access)."""
    return numpy.asarray(numpy.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False))
