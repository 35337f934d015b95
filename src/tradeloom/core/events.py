"""Domain events through a transactional outbox.

``record_event`` writes the event and one delivery row per subscribed handler in
the caller's transaction, so an event exists exactly when its change does. After
commit it nudges the task worker; ``deliver_due`` (run by the worker, and swept
periodically) leases due deliveries, runs the handler outside the lease
transaction, and marks the result. Delivery is at least once: handlers must be
idempotent (they key their effects on the event id).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tradeloom.core.models import OutboxDelivery, OutboxEvent

log = logging.getLogger("tradeloom.outbox")

Handler = Callable[[OutboxEvent], None]
_HANDLERS: dict[str, Handler] = {}
# Handlers that talk to the outside world (SMTP, webhooks) run outside a
# transaction: on SQLite an open write transaction would hold the database lock
# for as long as a slow mail server takes.
_OUTSIDE_TRANSACTION: set[str] = set()
_SUBSCRIPTIONS: dict[str, list[str]] = {}


def handler(name: str, *events: str, atomic: bool = True) -> Callable[[Handler], Handler]:
    """Register ``fn`` under ``name`` for the given event names (``"*"`` for all).

    An ``atomic`` handler's database writes commit together with its delivered
    mark. A non-atomic one (``atomic=False``) is for side effects outside the
    database; a worker dying between the effect and the mark repeats the effect.
    """

    def register(fn: Handler) -> Handler:
        _HANDLERS[name] = fn
        if atomic:
            _OUTSIDE_TRANSACTION.discard(name)
        else:
            _OUTSIDE_TRANSACTION.add(name)
        for event in events:
            subs = _SUBSCRIPTIONS.setdefault(event, [])
            if name not in subs:
                subs.append(name)
        return fn

    return register


def unregister(name: str) -> None:
    _HANDLERS.pop(name, None)
    _OUTSIDE_TRANSACTION.discard(name)
    for subs in _SUBSCRIPTIONS.values():
        if name in subs:
            subs.remove(name)


def subscribers(event_name: str) -> list[str]:
    names = _SUBSCRIPTIONS.get(event_name, []) + _SUBSCRIPTIONS.get("*", [])
    return list(dict.fromkeys(names))


def record_event(
    name: str, payload: dict[str, Any] | None = None, *, company=None, actor=None
) -> OutboxEvent:
    """Write an event in the current transaction; deliveries start after commit."""
    event = OutboxEvent.objects.create(
        name=name,
        payload=payload or {},
        company=company,
        actor=actor if actor is not None and actor.is_authenticated else None,
    )
    OutboxDelivery.objects.bulk_create(
        OutboxDelivery(event=event, handler=h) for h in subscribers(name)
    )
    _nudge_after_commit()
    return event


def _nudge_after_commit() -> None:
    """One nudge per transaction, however many events it records."""
    connection = transaction.get_connection()
    if not any(fn is _nudge_worker for _sids, fn, _robust in connection.run_on_commit):
        transaction.on_commit(_nudge_worker)


def _nudge_worker() -> None:
    from tradeloom.core.tasks import deliver_outbox

    try:
        deliver_outbox.enqueue()
    except Exception:  # the periodic sweep delivers anyway
        log.warning("could not enqueue outbox delivery", exc_info=True)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, 3600))


def _lease(batch: int) -> list[int]:
    now = timezone.now()
    lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    with transaction.atomic():
        due = (
            OutboxDelivery.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxDelivery.Status.PENDING, next_attempt_at__lte=now)
            .exclude(leased_until__gt=now)
            .order_by("id")
            .values_list("id", flat=True)[:batch]
        )
        ids = list(due)
        OutboxDelivery.objects.filter(id__in=ids).update(leased_until=lease)
    return ids


def _deliver_one(delivery_id: int) -> bool:
    delivery = OutboxDelivery.objects.select_related("event").get(id=delivery_id)
    fn = _HANDLERS.get(delivery.handler)
    now = timezone.now()
    attempts = delivery.attempts + 1
    try:
        if fn is None:
            raise LookupError(f"no handler registered as {delivery.handler!r}")
        if delivery.handler in _OUTSIDE_TRANSACTION:
            fn(delivery.event)
        with transaction.atomic():
            if delivery.handler not in _OUTSIDE_TRANSACTION:
                fn(delivery.event)
            OutboxDelivery.objects.filter(id=delivery_id).update(
                status=OutboxDelivery.Status.DELIVERED,
                attempts=attempts,
                delivered_at=timezone.now(),
                leased_until=None,
                last_error="",
            )
        return True
    except Exception as exc:
        log.warning(
            "outbox handler %s failed on %s", delivery.handler, delivery.event, exc_info=True
        )
        gave_up = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxDelivery.objects.filter(id=delivery_id).update(
            status=OutboxDelivery.Status.FAILED if gave_up else OutboxDelivery.Status.PENDING,
            attempts=attempts,
            next_attempt_at=now + backoff(attempts),
            leased_until=None,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return False


def deliver_due(batch: int = 100) -> int:
    """Deliver every due delivery; returns how many succeeded."""
    delivered = 0
    while ids := _lease(batch):
        delivered += sum(_deliver_one(i) for i in ids)
        if len(ids) < batch:
            break
    return delivered


def retry_failed(event_ids: Iterable[int] | None = None) -> int:
    """Put deliveries the worker gave up on back to pending, due now, with a fresh count
    of attempts; ``event_ids`` limits it to those events. Returns how many were put back.

    Only failed deliveries change: a pending one keeps its back-off and lease, and a
    delivered one is never run again. The last error stays until the next attempt.
    """
    failed = OutboxDelivery.objects.filter(status=OutboxDelivery.Status.FAILED)
    if event_ids is not None:
        failed = failed.filter(event_id__in=list(event_ids))
    with transaction.atomic():
        count = failed.update(
            status=OutboxDelivery.Status.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            leased_until=None,
        )
        if count:
            _nudge_after_commit()
    return count
