"""The RFQ and quote state machines: one transition table and one function each.

RFQ:   draft → open → closed → awarded | cancelled | expired
Quote: submitted → revised → withdrawn | accepted | declined | expired

Roles: "buyer" (a member of the RFQ's company with rfq.manage), "supplier" (a member of
the quoting company with rfq.manage), "system" (the quota close, the expiry sweep and
the award's cascade). The tables below are the documentation.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.core.errors import Conflict
from tradeloom.rfq.models import Quote, QuoteTransition, Rfq, RfqTransition

R = Rfq.Status
Q = Quote.Status
ROLES = ("buyer", "supplier", "system")

RFQ_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (R.DRAFT, R.OPEN): frozenset({"buyer"}),  # publish
    (R.DRAFT, R.CANCELLED): frozenset({"buyer"}),
    (R.OPEN, R.CLOSED): frozenset({"buyer", "system"}),  # early close, Nth quote, expiry
    (R.OPEN, R.CANCELLED): frozenset({"buyer"}),
    (R.OPEN, R.EXPIRED): frozenset({"system"}),  # expiry with no live quote
    (R.CLOSED, R.AWARDED): frozenset({"buyer"}),
    (R.CLOSED, R.CANCELLED): frozenset({"buyer"}),
    (R.CLOSED, R.EXPIRED): frozenset({"system"}),  # no award within the award window
}

QUOTE_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Q.SUBMITTED, Q.REVISED): frozenset({"supplier"}),  # once: revised has no way back
    (Q.SUBMITTED, Q.WITHDRAWN): frozenset({"supplier"}),
    (Q.REVISED, Q.WITHDRAWN): frozenset({"supplier"}),
    (Q.SUBMITTED, Q.ACCEPTED): frozenset({"buyer"}),
    (Q.REVISED, Q.ACCEPTED): frozenset({"buyer"}),
    (Q.SUBMITTED, Q.DECLINED): frozenset({"buyer", "system"}),
    (Q.REVISED, Q.DECLINED): frozenset({"buyer", "system"}),
    (Q.SUBMITTED, Q.EXPIRED): frozenset({"system"}),
    (Q.REVISED, Q.EXPIRED): frozenset({"system"}),
}


def can_transition_rfq(current: str, target: str, role: str) -> bool:
    return role in RFQ_TRANSITIONS.get((current, target), frozenset())


def can_transition_quote(current: str, target: str, role: str) -> bool:
    return role in QUOTE_TRANSITIONS.get((current, target), frozenset())


def _actor(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def transition_rfq(rfq: Rfq, target: str, *, role: str, actor=None, reason: str = "") -> Rfq:
    """Move ``rfq`` to ``target`` if the table lets ``role`` do it; record who, when, why.

    Re-reads the row under a lock, so two concurrent moves cannot both apply.
    """
    with transaction.atomic():
        locked = Rfq.objects.select_for_update().get(pk=rfq.pk)
        current = locked.status
        if not can_transition_rfq(current, target, role):
            raise Conflict(
                _("An RFQ cannot go from “%(from)s” to “%(to)s”.")
                % {"from": R(current).label, "to": R(target).label},
                code="invalid_transition",
                details={"from": current, "to": target},
            )
        now = timezone.now()
        fields = {"status": target, "updated_at": now}
        if target == R.OPEN:
            fields["opened_at"] = now
        Rfq.objects.filter(pk=rfq.pk).update(**fields)
        RfqTransition.objects.create(
            rfq=rfq,
            from_status=current,
            to_status=target,
            role=role,
            actor=_actor(actor),
            reason=reason[:200],
        )
    for name, value in fields.items():
        setattr(rfq, name, value)
    return rfq


def transition_quote(
    quote: Quote, target: str, *, role: str, actor=None, reason: str = ""
) -> Quote:
    """Move ``quote`` to ``target`` if the table lets ``role`` do it; record who, when, why."""
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        current = locked.status
        if not can_transition_quote(current, target, role):
            raise Conflict(
                _("A quote cannot go from “%(from)s” to “%(to)s”.")
                % {"from": Q(current).label, "to": Q(target).label},
                code="invalid_transition",
                details={"from": current, "to": target},
            )
        now = timezone.now()
        Quote.objects.filter(pk=quote.pk).update(status=target, updated_at=now)
        QuoteTransition.objects.create(
            quote=quote,
            from_status=current,
            to_status=target,
            role=role,
            actor=_actor(actor),
            reason=reason[:200],
        )
    quote.status, quote.updated_at = target, now
    return quote
