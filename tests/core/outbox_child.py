"""A child process for the outbox tests: registers test handlers, then works.

``python -m tests.core.outbox_child deliver`` runs one ``deliver_due()``;
``python -m tests.core.outbox_child worker --once`` runs the ``tradeloom`` command.
The handlers write to the file named by ``OUTBOX_CHILD_MARKER`` so the parent can
see what ran; ``test.blocking`` then blocks until the parent kills the process.
"""

import os
import sys
import time
from pathlib import Path


def register_handlers(marker: Path) -> None:
    from tradeloom.core.events import handler

    @handler("test.blocking", "test.blocking")
    def blocking(event):
        marker.write_text(f"{event.id}\n")
        time.sleep(300)

    @handler("test.probe", "test.probe")
    def probe(event):
        with marker.open("a") as fh:
            fh.write(f"{event.id}\n")


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradeloom.settings")
    import django

    django.setup()
    if lease := os.environ.get("OUTBOX_CHILD_LEASE_SECONDS"):
        from django.conf import settings

        settings.OUTBOX_LEASE_SECONDS = int(lease)
    register_handlers(Path(os.environ["OUTBOX_CHILD_MARKER"]))
    if argv == ["deliver"]:
        from tradeloom.core.events import deliver_due

        deliver_due()
    else:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["tradeloom", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
