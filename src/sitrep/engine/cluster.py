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
def ray_session(workers: int) -> Iterator[None]:
    """A Ray cluster for the duration of a run (started here only if none is running)."""
    import ray

    started = not ray.is_initialized()
    if started:
        if os.environ.get("RAY_ADDRESS"):
            ray.init(logging_level=logging.WARNING, log_to_driver=False)
        else:
            ray.init(
                num_cpus=workers,
                include_dashboard=False,
                logging_level=logging.WARNING,
                log_to_driver=False,
                configure_logging=False,
            )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    try:
        yield
    finally:
        if started:
            ray.shutdown()
