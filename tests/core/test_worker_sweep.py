"""The worker's sweep runs each function of ``SWEEPS`` every time, or at most once in its
interval: the first sweep runs them all, the next only the unbounded ones until the
interval has passed."""

import sys
import types

import pytest

from tradeloom.core.management.commands import worker


@pytest.fixture
def calls(monkeypatch):
    made: list[str] = []
    module = types.ModuleType("sweep_probe")
    module.often = lambda: made.append("often")
    module.hourly = lambda: made.append("hourly")
    monkeypatch.setitem(sys.modules, "sweep_probe", module)
    monkeypatch.setattr(
        worker, "SWEEPS", (("sweep_probe", "often", 0), ("sweep_probe", "hourly", 3600))
    )
    monkeypatch.setattr(worker, "_last_run", {})
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    return made


def test_an_interval_holds_a_sweep_back_until_it_has_passed(calls, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(worker.time, "monotonic", lambda: clock[0])

    worker.sweep_once()
    clock[0] += 5
    worker.sweep_once()
    clock[0] += 3600
    worker.sweep_once()

    assert calls == ["often", "hourly", "often", "often", "hourly"]


def test_a_failing_sweep_does_not_stop_the_others(calls, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(sys.modules["sweep_probe"], "often", broken)

    worker.sweep_once()

    assert calls == ["hourly"]
