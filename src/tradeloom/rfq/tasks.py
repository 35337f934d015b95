"""Background work of RFQs: the expiry sweep, also runnable as a task."""

from __future__ import annotations

from django_tasks import task

from tradeloom.rfq.expiry import expire_due


@task()
def expire_rfqs_and_quotes() -> int:
    return expire_due()
