"""The listing lifecycle: one transition table, one transition function.

draft → pending review → live | rejected (with reason) → hidden. An edit of a live
listing's content (title, description, category, attributes, images) sends it back to
pending review; commercial data (prices, MOQ, lead times, stock) changes in place.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.catalog.models import Product, StatusChange
from tradeloom.core.errors import Conflict
from tradeloom.core.events import record_event

S = Product.Status

# (from, to) -> who may make the move: "supplier" (catalog.manage), "operator", "system"
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT, S.PENDING): frozenset({"supplier"}),
    (S.PENDING, S.LIVE): frozenset({"operator"}),
    (S.PENDING, S.REJECTED): frozenset({"operator"}),
    (S.PENDING, S.DRAFT): frozenset({"supplier"}),  # withdraw from review
    (S.REJECTED, S.PENDING): frozenset({"supplier"}),
    (S.REJECTED, S.DRAFT): frozenset({"supplier"}),
    (S.LIVE, S.HIDDEN): frozenset({"supplier", "operator"}),
    (S.LIVE, S.PENDING): frozenset({"supplier", "system"}),  # content edited
    (S.HIDDEN, S.LIVE): frozenset({"supplier"}),  # unchanged since approval
    (S.HIDDEN, S.PENDING): frozenset({"supplier", "system"}),
    (S.LIVE, S.REJECTED): frozenset({"operator"}),  # taken down after a report
}


def can_transition(current: str, target: str, party: str) -> bool:
    return party in TRANSITIONS.get((current, target), frozenset())


def transition(
    product: Product, target: str, *, party: str, actor=None, reason: str = ""
) -> Product:
    """Move ``product`` to ``target`` if the table allows ``party`` to; record who, when, why.

    The row is re-read under a lock so two concurrent moves cannot both apply.
    """
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        current = locked.status
        if not can_transition(current, target, party):
            raise Conflict(
                _("A listing cannot go from “%(from)s” to “%(to)s”.")
                % {"from": S(current).label, "to": S(target).label},
                code="invalid_transition",
                details={"from": current, "to": target},
            )
        now = timezone.now()
        fields = {"status": target, "updated_at": now}
        if target == S.LIVE:
            fields["live_at"] = now
            fields["rejection_reason"] = ""
        if target == S.REJECTED:
            fields["rejection_reason"] = reason
        Product.objects.filter(pk=product.pk).update(**fields)
        StatusChange.objects.create(
            product=product,
            from_status=current,
            to_status=target,
            actor=actor if actor is not None and actor.is_authenticated else None,
            reason=reason,
        )
        record_event(
            "product.status_changed",
            {"product_id": product.pk, "from": current, "to": target},
            company=product.supplier,
            actor=actor,
        )
    for name, value in fields.items():
        setattr(product, name, value)
    return product
