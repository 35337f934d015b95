"""Reads of order drafts, scoped to the acting company (as buyer or as supplier)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.models import Membership
from tradeloom.core.errors import NotFound
from tradeloom.orders.models import OrderDraft


def drafts_of(membership: Membership, *, request=None) -> QuerySet[OrderDraft]:
    """Drafts where the acting company is the buyer or the supplier."""
    require(membership, "orders.view", request=request)
    company_id = membership.company_id
    return (
        OrderDraft.objects.filter(Q(buyer_id=company_id) | Q(supplier_id=company_id))
        .select_related("buyer", "supplier", "created_by")
        .prefetch_related("lines")
    )


def draft_of(membership: Membership, draft_id, *, request=None) -> OrderDraft:
    try:
        pk = int(draft_id)
    except (TypeError, ValueError):
        pk = -1
    draft = drafts_of(membership, request=request).filter(pk=pk).first()
    if draft is None:
        raise NotFound(_("That order draft does not exist."))
    return draft
