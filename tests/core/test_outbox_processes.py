"""The outbox and the worker across real processes sharing the test database."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tradeloom.analytics.models import AnalyticsEvent
from tradeloom.analytics.recorder import record
from tradeloom.core.events import deliver_due, handler, record_event, unregister
from tradeloom.core.models import OutboxDelivery

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The URL of the database this test runs on, for a child process."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = quote(s["HOST"] or "localhost", safe="")
    return f"postgresql://{auth}@{host}:{s['PORT'] or 5432}/{quote(s['NAME'], safe='')}"


def start_child(tmp_path: Path, *args: str, lease_seconds: int = 0) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TRADELOOM_VAR_DIR": str(tmp_path / "child-var"),
        "OUTBOX_CHILD_MARKER": str(tmp_path / "marker"),
        "DJANGO_SETTINGS_MODULE": "tradeloom.settings",
        "OUTBOX_CHILD_LEASE_SECONDS": str(lease_seconds or ""),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.outbox_child", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, child: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if child.poll() is not None:
            pytest.fail(f"child exited early ({child.returncode}): {child.stderr.read()}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("child never started the handler")
        time.sleep(0.05)


@pytest.fixture
def calls():
    seen: list[int] = []
    handler("test.blocking", "test.blocking")(lambda event: seen.append(event.id))
    handler("test.probe", "test.probe")(lambda event: seen.append(event.id))
    yield seen
    unregister("test.blocking")
    unregister("test.probe")


def test_a_worker_killed_inside_a_handler_loses_nothing(tmp_path, calls):
    event = record_event("test.blocking", {"n": 1})
    child = start_child(tmp_path, "deliver")
    wait_for(tmp_path / "marker", child)
    leased = OutboxDelivery.objects.get(event=event)

    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)

    delivery = OutboxDelivery.objects.get(event=event)
    assert leased.leased_until > timezone.now()
    assert (delivery.status, delivery.attempts, delivery.delivered_at) == ("pending", 0, None)
    assert (tmp_path / "marker").read_text() == f"{event.id}\n"
    # The dead worker's lease still holds, so nobody delivers yet.
    assert deliver_due() == 0
    OutboxDelivery.objects.filter(pk=delivery.pk).update(
        leased_until=timezone.now() - timedelta(seconds=1)
    )

    assert deliver_due() == 1
    assert deliver_due() == 0

    delivery.refresh_from_db()
    assert calls == [event.id]
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


def test_a_killed_worker_is_redelivered_once_its_short_lease_runs_out(tmp_path, calls):
    event = record_event("test.blocking", {"n": 2})
    child = start_child(tmp_path, "deliver", lease_seconds=2)
    wait_for(tmp_path / "marker", child)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    leased_until = OutboxDelivery.objects.get(event=event).leased_until

    while not (delivered := deliver_due()) and timezone.now() < leased_until + timedelta(
        seconds=10
    ):
        time.sleep(0.2)

    assert delivered == 1
    assert timezone.now() >= leased_until  # taken over only once the lease ran out
    assert calls == [event.id]
    assert OutboxDelivery.objects.get(event=event).status == "delivered"


def test_worker_once_runs_queued_tasks_and_a_sweep(tmp_path, calls, settings):
    settings.ANALYTICS_SPOOL_DIR = tmp_path / "child-var" / "spool" / "analytics"
    event = record_event("test.probe", {"n": 3})  # commits, enqueuing deliver_outbox
    record("page.viewed", visitor="v1", properties={"path": "/"})

    child = start_child(tmp_path, "worker", "--once")
    _out, err = child.communicate(timeout=120)

    assert child.returncode == 0, err
    assert (tmp_path / "marker").read_text() == f"{event.id}\n"
    assert OutboxDelivery.objects.get(event=event).status == "delivered"
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("tradeloom.core.tasks.deliver_outbox", "SUCCESSFUL")
    ]
    assert list(AnalyticsEvent.objects.values_list("name", "visitor_id")) == [("page.viewed", "v1")]
