"""Writes of the order-draft model: creating a draft, cancelling it.

``create_order_draft`` is the one way a draft comes to be: RFQ awards, price offers
in conversations and hand-entered drafts all call it, in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Company, Membership
from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import Conflict, DomainError, NotFound
from tradeloom.core.events import record_event
from tradeloom.orders.models import OrderDraft, OrderDraftLine

MAX_LINES = 200
MAX_QUANTITY = 10_000_000


@dataclass
class DraftLine:
    """One line of a draft as the caller agreed it; money in minor units of ``currency``."""

    description: str
    quantity: int
    unit_price_minor: int
    currency: str
    unit: str = "piece"
    lead_time_days: int | None = None
    product_id: int | None = None
    variant_id: int | None = None


def _check_lines(lines: list[DraftLine], currency: str, supplier: Company) -> None:
    from tradeloom.catalog.models import Product, Variant

    if not lines:
        raise DomainError(_("An order draft needs at least one line."), code="draft_no_lines")
    if len(lines) > MAX_LINES:
        raise DomainError(
            _("An order draft has at most %(n)s lines.") % {"n": MAX_LINES},
            code="draft_too_many_lines",
        )
    for i, line in enumerate(lines):
        if line.currency != currency:
            raise DomainError(
                _("Every line must be in the draft's currency (%(currency)s).")
                % {"currency": currency},
                code="currency_mismatch",
                details={"line": i},
            )
        if type(line.quantity) is not int or not 1 <= line.quantity <= MAX_QUANTITY:
            raise DomainError(
                _("Quantity must be a whole number from 1 to %(max)s.") % {"max": MAX_QUANTITY},
                code="invalid_quantity",
                details={"line": i},
            )
        if type(line.unit_price_minor) is not int or line.unit_price_minor < 0:
            raise DomainError(
                _("The unit price cannot be negative."), code="invalid_amount", details={"line": i}
            )
        if not (line.description or "").strip():
            raise DomainError(
                _("Every line needs a description."), code="required", details={"line": i}
            )
        # A line may only point at the supplier's own products: no foreign ids.
        if (
            line.product_id is not None
            and not Product.objects.filter(pk=line.product_id, supplier=supplier).exists()
        ):
            raise NotFound(_("That product does not exist."), details={"line": i})
        if (
            line.variant_id is not None
            and not Variant.objects.filter(pk=line.variant_id, supplier=supplier).exists()
        ):
            raise NotFound(_("That variant does not exist."), details={"line": i})


def create_order_draft(
    membership: Membership,
    *,
    supplier: Company,
    lines: list[DraftLine],
    source: tuple[str, int | None],
    currency: str,
    snapshot: dict | None = None,
    request=None,
) -> OrderDraft:
    """Create a draft for the buyer company of ``membership`` from ``supplier``.

    Runs in the caller's transaction when there is one (an award creates its draft
    atomically with the award). One draft per quote or offer: a second attempt from
    the same source raises ``Conflict``.
    """
    require(membership, "orders.manage", request=request)
    kind, source_id = source
    if kind not in OrderDraft.SourceKind.values:
        raise DomainError(_("Unknown source of an order draft."), code="invalid_source")
    if currency not in CURRENCIES:
        raise DomainError(
            _("Unknown currency: %(code)s") % {"code": currency}, code="invalid_currency"
        )
    if supplier.kind != Company.Kind.SUPPLIER:
        raise DomainError(_("Orders are placed with supplier companies."), code="not_a_supplier")
    if supplier.pk == membership.company_id:
        raise DomainError(_("A company cannot order from itself."), code="own_company")
    _check_lines(lines, currency, supplier)
    try:
        with transaction.atomic():
            draft = OrderDraft.objects.create(
                buyer_id=membership.company_id,
                supplier=supplier,
                currency=currency,
                source_kind=kind,
                source_id=source_id,
                created_by=membership.user,
                snapshot=snapshot or {},
            )
            OrderDraftLine.objects.bulk_create(
                OrderDraftLine(
                    draft=draft,
                    product_id=line.product_id,
                    variant_id=line.variant_id,
                    description=line.description.strip()[:300],
                    quantity=line.quantity,
                    unit=line.unit,
                    unit_price_minor=line.unit_price_minor,
                    currency=line.currency,
                    lead_time_days=line.lead_time_days,
                    position=i,
                )
                for i, line in enumerate(lines)
            )
            record_event(
                "order_draft.created",
                {
                    "draft_id": draft.pk,
                    "buyer_id": draft.buyer_id,
                    "supplier_id": supplier.pk,
                    "source_kind": kind,
                    "source_id": source_id,
                },
                company=membership.company,
                actor=membership.user,
            )
            audit(
                "order_draft.created",
                actor=membership.user,
                company=membership.company,
                obj=draft,
                request=request,
                details={"source_kind": kind, "source_id": source_id},
            )
    except IntegrityError:
        raise Conflict(_("An order draft already exists for this source."), code="draft_exists")
    return draft


def cancel_order_draft(membership: Membership, draft_id, *, request=None) -> OrderDraft:
    """The buyer withdraws a draft it no longer wants; cancelled drafts stay on record."""
    require(membership, "orders.manage", request=request)
    with transaction.atomic():
        draft = (
            OrderDraft.objects.select_for_update()
            .filter(pk=_int(draft_id), buyer_id=membership.company_id)
            .first()
        )
        if draft is None:
            raise NotFound(_("That order draft does not exist."))
        if draft.status != OrderDraft.Status.DRAFT:
            raise Conflict(_("This order draft is already cancelled."), code="draft_cancelled")
        draft.status = OrderDraft.Status.CANCELLED
        draft.save(update_fields=["status"])
        audit(
            "order_draft.cancelled",
            actor=membership.user,
            company=membership.company,
            request=request,
            details={"draft_id": draft.pk},
        )
    return draft


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
