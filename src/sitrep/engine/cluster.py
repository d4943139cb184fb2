"""Starting and stopping a local Ray cluster for ``sitrep run --engine ray``.

``RAY_ADDRESS`` (Ray's own variable) joins an existing cluster instead; on a laptop or CI a
local one with ``workers`` CPUs is started and stopped around the run, without the two daemons
such a cluster does not use: the autoscaler's monitor (its size is fixed) and the log monitor
(worker logs are not sent to the driver). That is ``ray start --no-monitor`` and what
``include_log_monitor=False`` gives Ray's own node, which ``ray.init`` does not expose; each
daemon is a Python process of ~80 MB.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext


@contextmanager
def ray_session(workers: int, *, object_store_mb: int = 256, lean: bool = True) -> Iterator[None]:
    """A Ray cluster for the duration of a run (started here only if none is running).

    A local cluster's object store is capped at ``object_store_mb``: shards and results pass
    one at a time per worker, and Ray's default (30% of the machine's memory) only invites
    the store to grow. ``lean`` leaves out the monitor and the log monitor (module docstring)."""
    import ray

    started = not ray.is_initialized()
    if started:
        if os.environ.get("RAY_ADDRESS"):
            ray.init(logging_level=logging.WARNING, log_to_driver=False)
        else:
            with _without_idle_daemons() if lean else nullcontext():
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


@contextmanager
def _without_idle_daemons() -> Iterator[None]:
    """While ``ray.init`` starts a local node, its parameters say: no autoscaler monitor, no
    log monitor. (``ray.init`` builds ``RayParams`` itself and has no argument for either.)"""
    from ray._private import parameter

    stock = parameter.RayParams

    class LeanParams(stock):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **{**kwargs, "no_monitor": True, "include_log_monitor": False})

    parameter.RayParams = LeanParams
    try:
        yield
    finally:
        parameter.RayParams = stock
