"""A local Ray node is started without the daemons a fixed-size, quiet cluster never uses."""

from __future__ import annotations

import pytest

pytest.importorskip("ray")

from ray._private import parameter  # noqa: E402

from sitrep.engine.cluster import _without_idle_daemons  # noqa: E402


def test_the_node_parameters_leave_out_the_monitor_and_the_log_monitor() -> None:
    stock = parameter.RayParams
    with _without_idle_daemons():
        params = parameter.RayParams(num_cpus=2, include_dashboard=False)
        assert params.no_monitor is True and params.include_log_monitor is False
        assert params.num_cpus == 2 and params.include_dashboard is False  # the rest as asked
        assert isinstance(params, stock)
    assert parameter.RayParams is stock  # put back for anyone else starting a node
    assert stock(num_cpus=1).no_monitor is False


def test_the_parameters_are_put_back_when_the_start_fails() -> None:
    stock = parameter.RayParams
    with pytest.raises(RuntimeError), _without_idle_daemons():
        raise RuntimeError("ray.init failed")
    assert parameter.RayParams is stock
