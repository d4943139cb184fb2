"""Shared fixtures: a throwaway PostgreSQL server, the loaded pipeline and the coded samples.

The PostgreSQL server is started once per session from Debian's binaries
(``/usr/lib/postgresql/*/bin``) in a temporary folder, bound to 127.0.0.1 on a free port
with a random password, and each test that asks for it gets a fresh database. Set
``SITREP_TEST_POSTGRES_URL`` (an admin URL) to use an existing server instead. Without the
binaries the tests that need it skip, except under CI, where they fail.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "samples"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(reason: str) -> None:
    """Skip locally; under CI a missing prerequisite is a failure, not a silent skip."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- PostgreSQL ------------------------------------------------------------------------------


class PostgresServer:
    """An admin URL on a server that tests may create databases on."""

    _names = itertools.count(1)

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url

    def new_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"sitrep_test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return urlsplit(self.admin_url)._replace(path=f"/{name}").geturl()


def _postgres_bin() -> Path | None:
    found = [
        p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb") if p.parent.parent.name.isdigit()
    ]
    return max(found, key=lambda p: int(p.parent.name)) if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser") is None:
        skip_or_fail("running as root and runuser is missing: cannot start PostgreSQL as postgres")
    return ["runuser", "-u", "postgres", "--", *cmd]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this session (or the one named by SITREP_TEST_POSTGRES_URL)."""
    url = os.environ.get("SITREP_TEST_POSTGRES_URL")
    if url:
        yield PostgresServer(url)
        return
    bindir = _postgres_bin()
    if bindir is None:
        skip_or_fail("no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
    password = secrets.token_hex(16)
    (root / "pw").write_text(password + "\n")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(root / "pw", "postgres")
    port = free_port()
    data, log = root / "data", root / "server.log"
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "sitrep", "--auth=scram-sha-256",
                      f"--pwfile={root / 'pw'}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        admin = f"postgresql://sitrep:{password}@127.0.0.1:{port}/postgres"
        _wait_for(admin)
        yield PostgresServer(admin)
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def _wait_for(url: str, seconds: float = 20) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return postgres_server.new_database()


# -- the pipeline and the samples ------------------------------------------------------------


@pytest.fixture(scope="session")
def extractor():
    """The pipeline, loaded once for the session (spaCy and the gazetteer take seconds)."""
    from sitrep.pipeline import Extractor

    return Extractor.from_settings()


@pytest.fixture(scope="session")
def sample_results(extractor) -> list:
    """The bundled sample articles, coded once for the session."""
    from sitrep.ingest import read_paths
    from sitrep.model import Article

    articles = [a for a in read_paths([str(SAMPLES)]) if isinstance(a, Article)]
    assert articles, f"no sample articles in {SAMPLES}"
    return [r for r in extractor.extract_many(articles) if not r.error]
