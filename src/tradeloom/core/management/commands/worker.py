"""The task worker: django-tasks' database worker plus a periodic sweep.

The sweep delivers outbox events whose after-commit nudge was lost (a crash, a
retry back-off coming due), ingests spooled analytics events, expires RFQs, sends
digests, keeps the counts of the large browse pages of search current and counts
the popular searches autocomplete offers.
"""

from __future__ import annotations

import logging
import math
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

log = logging.getLogger("tradeloom.worker")

# (module, function, seconds): each function runs on every sweep, or at most once in
# ``seconds`` when that is more than 0 (first on the worker's first sweep).
SWEEPS = (
    ("tradeloom.core.events", "deliver_due", 0),
    ("tradeloom.analytics.recorder", "ingest_spool", 0),
    ("tradeloom.rfq.expiry", "expire_due", 0),
    ("tradeloom.inquiries.tasks", "send_due_digests", 0),
    ("tradeloom.search.query", "warm_browse_counts", 45),  # before kept counts expire
    ("tradeloom.search.popular", "refresh", 3600),
)
_last_run: dict[str, float] = {}


def sweep_once() -> None:
    from importlib import import_module

    for module, name, seconds in SWEEPS:
        now, key = time.monotonic(), f"{module}.{name}"
        if now - _last_run.get(key, -math.inf) < seconds:
            continue
        _last_run[key] = now
        try:
            getattr(import_module(module), name)()
        except Exception:
            log.exception("sweep %s failed", key)
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = "Run the background worker (tasks, outbox delivery, analytics ingestion)."

    def add_arguments(self, parser):
        parser.add_argument("--sweep-interval", type=float, default=5.0)
        parser.add_argument(
            "--once", action="store_true", help="run all due tasks and one sweep, then exit"
        )

    def handle(self, *args, sweep_interval: float, once: bool, **options):
        if once:
            sweep_once()
            call_command(
                "db_worker",
                queue_name="*",
                batch=True,
                reload=False,
                startup_delay=False,
                verbosity=0,
            )
            sweep_once()
            return
        stop = threading.Event()

        def sweeper():
            while not stop.wait(sweep_interval):
                sweep_once()

        thread = threading.Thread(target=sweeper, name="sweeper", daemon=True)
        thread.start()
        self.stdout.write("Worker running. Ctrl-C stops it.")
        try:
            call_command("db_worker", queue_name="*", reload=False, interval=1, verbosity=1)
        finally:
            stop.set()
