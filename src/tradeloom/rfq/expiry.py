"""The expiry sweep: RFQs past their closing date, quotes past their validity.

Run by the worker's periodic sweep (``expire_due``). Each row moves in its own short
transaction through the transition functions, which re-read the status under a lock,
so a sweep racing an award or a withdrawal simply skips the row the other one moved.

- An open RFQ past its closing date closes when it has live quotes (the buyer can still
  award within the award window) and expires when it has none.
- A closed RFQ not awarded within ``RFQ_AWARD_WINDOW_DAYS`` after closing expires, and
  its live quotes expire with it.
- A live quote past its ``valid_until`` date expires.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tradeloom.core.errors import Conflict
from tradeloom.core.events import record_event
from tradeloom.rfq.lifecycle import transition_quote, transition_rfq
from tradeloom.rfq.models import Quote, Rfq

log = logging.getLogger("tradeloom.rfq")
R = Rfq.Status
QS = Quote.Status
LIVE = (QS.SUBMITTED, QS.REVISED)


def award_window() -> timedelta:
    return timedelta(days=int(getattr(settings, "RFQ_AWARD_WINDOW_DAYS", 30)))


def _expire_quotes_of(rfq: Rfq, reason: str) -> None:
    for quote in rfq.quotes.filter(status__in=LIVE).order_by("pk"):
        transition_quote(quote, QS.EXPIRED, role="system", reason=reason)


def expire_due(now=None, batch: int = 200) -> int:
    """Move everything that is due; returns how many RFQs and quotes moved."""
    now = now or timezone.now()
    moved = 0
    for rfq in Rfq.objects.filter(status=R.OPEN, expires_at__lte=now).order_by("pk")[:batch]:
        try:
            with transaction.atomic():
                Rfq.objects.select_for_update().filter(pk=rfq.pk).first()
                if rfq.quotes.filter(status__in=LIVE).exists():
                    transition_rfq(rfq, R.CLOSED, role="system", reason="closing date passed")
                else:
                    transition_rfq(rfq, R.EXPIRED, role="system", reason="closing date passed")
                    record_event("rfq.expired", {"rfq_id": rfq.pk}, company=rfq.buyer)
            moved += 1
        except Conflict:
            continue
    stale = Rfq.objects.filter(status=R.CLOSED, expires_at__lte=now - award_window())
    for rfq in stale.order_by("pk")[:batch]:
        try:
            with transaction.atomic():
                Rfq.objects.select_for_update().filter(pk=rfq.pk).first()
                transition_rfq(rfq, R.EXPIRED, role="system", reason="not awarded in time")
                _expire_quotes_of(rfq, "rfq expired")
                record_event("rfq.expired", {"rfq_id": rfq.pk}, company=rfq.buyer)
            moved += 1
        except Conflict:
            continue
    today = timezone.localdate(now)
    for quote in Quote.objects.filter(status__in=LIVE, valid_until__lt=today).order_by("pk")[
        :batch
    ]:
        try:
            with transaction.atomic():
                Rfq.objects.select_for_update().filter(pk=quote.rfq_id).first()
                transition_quote(quote, QS.EXPIRED, role="system", reason="validity passed")
            moved += 1
        except Conflict:
            continue
    return moved
