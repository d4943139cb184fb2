"""Starting and stopping a local Ray cluster for ``sitrep run --engine ray``.

``RAY_ADDRESS`` (Ray's own variable) joins an existing cluster instead; on a laptop or CI a
local one with ``workers`` CPUs is started and stopped around the run.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def ray_session(workers: int, *, object_store_mb: int = 256) -> Iterator[None]:
    """A Ray cluster for the duration of a run (started here only if none is running).

    A local cluster's object store is capped at ``object_store_mb``: shards and results pass
    one at a time per worker, and Ray's default (30% of the machine's memory) only invites
    the store to grow."""
    import ray

    started = not ray.is_initialized()
    if started:
        if os.environ.get("RAY_ADDRESS"):
            ray.init(logging_level=logging.WARNING, log_to_driver=False)
        else:
            ray.init(
                num_cpus=workers,
                object_store_memory=object_store_mb * 2**20,
                include_dashboard=False,
                logging_level=logging.WARNING,
                log_to_driver=False,
                configure_logging=False,
            )
    try:
        yield
    finally:
        if started:
            ray.shutdown()
