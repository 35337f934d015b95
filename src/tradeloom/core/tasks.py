"""Background tasks of the core: outbox delivery and the periodic sweep."""

from __future__ import annotations

from django_tasks import task

from tradeloom.core.events import deliver_due


@task()
def deliver_outbox() -> int:
    return deliver_due()
