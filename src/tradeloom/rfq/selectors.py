"""Reads of RFQs and quotes, always for the acting company.

The buyer company sees its RFQs and every quote on them; a supplier sees the RFQs it
may quote on (open ones, or ones it was invited to) and only its own quote. Anything
else answers "does not exist", never "forbidden", so ids reveal nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.models import Company, Membership
from tradeloom.catalog.models import Category
from tradeloom.core import fx
from tradeloom.core.errors import DomainError, NotFound
from tradeloom.core.money import Money
from tradeloom.rfq.models import Attachment, Quote, Rfq, RfqMatch
from tradeloom.rfq.services import _int

R = Rfq.Status


def buyer_rfqs(membership: Membership, *, status: str = "", request=None) -> QuerySet[Rfq]:
    require(membership, "rfq.manage", request=request)
    qs = Rfq.objects.filter(buyer_id=membership.company_id).select_related("category")
    if status in R.values:
        qs = qs.filter(status=status)
    return qs


def _visible_to_supplier(company_id: int) -> Q:
    return (Q(visibility=Rfq.Visibility.OPEN) | Q(invited__pk=company_id)) & ~Q(buyer_id=company_id)


def board(
    membership: Membership,
    *,
    category_id=None,
    country: str = "",
    min_quantity=None,
    max_quantity=None,
    matched_only: bool = False,
    request=None,
) -> QuerySet[Rfq]:
    """Open RFQs the supplier may quote on, newest first, with the board's filters."""
    require(membership, "rfq.manage", request=request)
    company_id = membership.company_id
    qs = Rfq.objects.filter(
        _visible_to_supplier(company_id), status=R.OPEN, expires_at__gt=timezone.now()
    )
    if membership.company.kind != Company.Kind.SUPPLIER:
        qs = qs.none()
    qs = qs.annotate(
        matched=Exists(RfqMatch.objects.filter(rfq=OuterRef("pk"), supplier_id=company_id)),
        quoted=Exists(Quote.objects.filter(rfq=OuterRef("pk"), supplier_id=company_id)),
    )
    if category_id not in (None, ""):
        category = Category.objects.filter(pk=_int(category_id)).first()
        if category is None:
            return qs.none()
        qs = qs.filter(category__path__startswith=category.path)
    if country:
        qs = qs.filter(destination_country=country.strip().upper()[:2])
    if min_quantity not in (None, "") and str(min_quantity).strip().isdigit():
        qs = qs.filter(quantity__gte=int(min_quantity))
    if max_quantity not in (None, "") and str(max_quantity).strip().isdigit():
        qs = qs.filter(quantity__lte=int(max_quantity))
    if matched_only:
        qs = qs.filter(matched=True)
    return qs.select_related("category", "buyer").distinct().order_by("-opened_at", "-id")


def rfq_for_supplier(membership: Membership, rfq_id, *, request=None) -> Rfq:
    """An RFQ the supplier may see: one it may quote on, or one it has quoted on."""
    require(membership, "rfq.manage", request=request)
    company_id = membership.company_id
    if membership.company.kind != Company.Kind.SUPPLIER:
        raise NotFound(_("That RFQ does not exist."))
    rfq = (
        Rfq.objects.filter(pk=_int(rfq_id))
        .filter(
            (_visible_to_supplier(company_id) & ~Q(status=R.DRAFT))
            | Q(quotes__supplier_id=company_id)
        )
        .select_related("category", "buyer")
        .distinct()
        .first()
    )
    if rfq is None:
        raise NotFound(_("That RFQ does not exist."))
    return rfq


def rfq_for_buyer(membership: Membership, rfq_id, *, request=None) -> Rfq:
    rfq = (
        buyer_rfqs(membership, request=request)
        .select_related("buyer")
        .filter(pk=_int(rfq_id))
        .first()
    )
    if rfq is None:
        raise NotFound(_("That RFQ does not exist."))
    return rfq


def viewer_rfq(membership: Membership, rfq_id, *, request=None) -> tuple[Rfq, str]:
    """The RFQ and whether the acting company sees it as "buyer" or "supplier"."""
    require(membership, "rfq.manage", request=request)
    rfq = Rfq.objects.filter(pk=_int(rfq_id), buyer_id=membership.company_id).first()
    if rfq is not None:
        return rfq_for_buyer(membership, rfq.pk), "buyer"
    return rfq_for_supplier(membership, rfq_id), "supplier"


def quotes_on(membership: Membership, rfq: Rfq) -> QuerySet[Quote]:
    """Every quote on the buyer's own RFQ; only its own quote for a supplier."""
    qs = Quote.objects.filter(rfq=rfq).select_related("supplier").prefetch_related("tiers")
    if rfq.buyer_id != membership.company_id:
        qs = qs.filter(supplier_id=membership.company_id)
    return qs


def own_quote_on(membership: Membership, rfq: Rfq) -> Quote | None:
    return quotes_on(membership, rfq).filter(supplier_id=membership.company_id).first()


def quote_for_viewer(membership: Membership, quote_id, *, request=None) -> Quote:
    require(membership, "rfq.manage", request=request)
    company_id = membership.company_id
    quote = (
        Quote.objects.filter(pk=_int(quote_id))
        .filter(Q(supplier_id=company_id) | Q(rfq__buyer_id=company_id))
        .select_related("rfq", "supplier")
        .prefetch_related("tiers")
        .first()
    )
    if quote is None:
        raise NotFound(_("That quote does not exist."))
    return quote


def supplier_quotes(membership: Membership, *, request=None) -> QuerySet[Quote]:
    require(membership, "rfq.manage", request=request)
    return Quote.objects.filter(supplier_id=membership.company_id).select_related("rfq")


def attachment_for_viewer(membership: Membership, attachment_id, *, request=None) -> Attachment:
    """An RFQ's file for anyone who may see the RFQ; a quote's file for its two parties."""
    require(membership, "rfq.manage", request=request)
    attachment = (
        Attachment.objects.select_related("rfq", "quote").filter(pk=_int(attachment_id)).first()
    )
    if attachment is None:
        raise NotFound(_("That file does not exist."))
    company_id = membership.company_id
    if attachment.quote_id is not None:
        allowed = company_id in (attachment.rfq.buyer_id, attachment.quote.supplier_id)
    else:
        try:
            viewer_rfq(membership, attachment.rfq_id)
            allowed = True
        except NotFound:
            allowed = False
    if not allowed:
        raise NotFound(_("That file does not exist."))
    return attachment


@dataclass
class ComparedQuote:
    quote: Quote
    converted: Money | None  # unit price in the buyer's currency, approximate
    rate: Decimal | None
    rate_as_of: str
    total: Money | None  # converted unit price × the RFQ's quantity

    @property
    def rate_text(self) -> str:
        """The rate without trailing zeros: 154.6, not 154.6000000000."""
        return "" if self.rate is None else format(self.rate.normalize(), "f")


def comparison(
    membership: Membership, rfq: Rfq, *, sort: str = "price", currency: str = ""
) -> list[ComparedQuote]:
    """The buyer's quotes side by side in ``currency`` (the buyer's own by default).

    Uses the rate recorded on the quote when it matches the wanted currency, else the
    latest rate; a quote with no known rate sorts last and shows no conversion.
    """
    if rfq.buyer_id != membership.company_id:
        raise NotFound(_("That RFQ does not exist."))
    currency = currency or membership.company.default_currency
    rows = []
    for quote in quotes_on(membership, rfq):
        snap = quote.fx_snapshot or {}
        converted = rate = None
        as_of = ""
        if snap.get("to") == currency and "minor" in snap:
            converted = Money.from_minor(int(snap["minor"]), currency)
            rate, as_of = Decimal(snap["rate"]), snap.get("as_of") or ""
        else:
            try:
                conv = fx.convert(quote.unit_price, currency)
                converted, rate = conv.result, conv.rate
                as_of = conv.as_of.isoformat() if conv.as_of else ""
            except DomainError:
                pass
        total = converted * rfq.quantity if converted is not None else None
        rows.append(ComparedQuote(quote, converted, rate, as_of, total))
    live_first = lambda r: 0 if r.quote.is_live or r.quote.status == "accepted" else 1  # noqa: E731
    if sort == "lead_time":
        rows.sort(key=lambda r: (live_first(r), r.quote.lead_time_days, r.quote.pk))
    elif sort == "rating":
        rows.sort(
            key=lambda r: (live_first(r), 0 if r.quote.supplier.is_verified else 1, r.quote.pk)
        )
    else:
        rows.sort(
            key=lambda r: (
                live_first(r),
                r.converted is None,
                r.converted.amount if r.converted is not None else 0,
                r.quote.pk,
            )
        )
    return rows
