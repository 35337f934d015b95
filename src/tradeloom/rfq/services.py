"""Every write on RFQs and quotes: post, publish, close, cancel; quote, revise, withdraw.

The web forms and the API build an ``RfqInput`` / ``QuoteInput`` and call these; the
award lives in ``awards.py`` and the expiry sweep in ``expiry.py``. Every function
checks ``rfq.manage``, runs in one transaction and raises ``core.errors`` domain errors.

Locks, always in this order: the quoting supplier's company row, then the RFQ row, then
quote rows. The supplier lock serialises its monthly quota; the RFQ lock serialises the
RFQ's quote count, so the Nth quote closes it and an N+1st is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from tradeloom.accounts.access import require
from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Company, Membership
from tradeloom.catalog import rules
from tradeloom.catalog.models import Category, Product
from tradeloom.core import fx
from tradeloom.core.errors import Conflict, DomainError, NotFound
from tradeloom.core.events import record_event
from tradeloom.core.money import Money
from tradeloom.rfq import files
from tradeloom.rfq.lifecycle import transition_quote, transition_rfq
from tradeloom.rfq.models import Attachment, Incoterm, Quote, QuoteTier, Rfq

R = Rfq.Status
QS = Quote.Status
MAX_TEXT = 5000
MAX_EXPIRY_DAYS = 180
MAX_QUOTES_LIMIT = 50


def monthly_quota() -> int:
    return int(getattr(settings, "RFQ_MONTHLY_QUOTE_QUOTA", 20))


def default_max_quotes() -> int:
    return int(getattr(settings, "RFQ_MAX_QUOTES", 10))


@dataclass
class RfqInput:
    """An RFQ as a buyer describes it. Prices are decimal text in ``currency``."""

    product_name: str
    category_id: Any
    quantity: Any
    currency: str
    destination_country: str
    incoterm: str
    expires_on: Any  # a date: quotes are accepted until the end of that day (UTC)
    description: str = ""
    unit: str = Product.Unit.PIECE
    target_price: Any = None
    destination_port: str = ""
    needed_by: Any = None
    visibility: str = Rfq.Visibility.OPEN
    max_quotes: Any = None
    invited_supplier_ids: list[int] = field(default_factory=list)


@dataclass
class QuoteTierInput:
    min_quantity: Any
    unit_price: Any


@dataclass
class QuoteInput:
    tiers: list[QuoteTierInput]
    currency: str
    lead_time_days: Any
    incoterm: str
    valid_until: Any
    moq: Any = 1
    sample_price: Any = None
    sample_days: Any = None
    port: str = ""
    notes: str = ""
    product_id: Any = None


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _date(value: Any, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise rules.invalid(name, _("Enter a date as YYYY-MM-DD."), "invalid_date")


def _text(value: Any, name: str, limit: int, *, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise rules.invalid(name, _("This field is required."), "required")
    if len(text) > limit:
        raise rules.invalid(
            name, _("At most %(n)s characters.") % {"n": limit}, "too_long", limit=limit
        )
    return text


def _days(value: Any, name: str, *, maximum: int = 365, required: bool = True) -> int | None:
    if value in (None, "") and not required:
        return None
    try:
        days = int(str(value).strip())
    except (TypeError, ValueError):
        raise rules.invalid(name, _("Enter a whole number of days."), "invalid_number")
    if not 0 <= days <= maximum:
        raise rules.invalid(
            name,
            _("Enter a number from %(min)s to %(max)s.") % {"min": 0, "max": maximum},
            "out_of_range",
        )
    return days


def _incoterm(value: Any) -> str:
    code = str(value or "").strip().upper()
    if code not in Incoterm.values:
        raise rules.invalid("incoterm", _("Choose an Incoterm."), "invalid_incoterm")
    return code


# --- RFQs ------------------------------------------------------------------------


def _validated_rfq(membership: Membership, data: RfqInput) -> dict[str, Any]:
    category = Category.objects.filter(pk=_int(data.category_id)).first()
    if category is None:
        raise rules.invalid("category_id", _("Choose a category."), "invalid_category")
    currency = rules.currency(data.currency)
    target = None
    if data.target_price not in (None, ""):
        target = rules.price_minor(data.target_price, currency, "target_price")
    country = str(data.destination_country or "").strip().upper()
    if country not in dict(countries):
        raise rules.invalid("destination_country", _("Choose a country."), "invalid_country")
    unit = str(data.unit or "").strip()
    if unit not in Product.Unit.values:
        raise rules.invalid("unit", _("Choose a unit."), "invalid_unit")
    today = timezone.now().date()
    expires_on = _date(data.expires_on, "expires_on")
    if not today < expires_on <= today + timedelta(days=MAX_EXPIRY_DAYS):
        raise rules.invalid(
            "expires_on",
            _("Choose a closing date after today and within %(n)s days.") % {"n": MAX_EXPIRY_DAYS},
            "invalid_expiry",
        )
    needed_by = None
    if data.needed_by not in (None, ""):
        needed_by = _date(data.needed_by, "needed_by")
        if needed_by < today:
            raise rules.invalid("needed_by", _("The date needed is in the past."), "invalid_date")
    max_quotes = default_max_quotes()
    if data.max_quotes not in (None, ""):
        max_quotes = rules.quantity(data.max_quotes, "max_quotes")
        if max_quotes > MAX_QUOTES_LIMIT:
            raise rules.invalid(
                "max_quotes",
                _("Enter a number from %(min)s to %(max)s.") % {"min": 1, "max": MAX_QUOTES_LIMIT},
                "out_of_range",
            )
    visibility = str(data.visibility or "").strip()
    if visibility not in Rfq.Visibility.values:
        raise rules.invalid("visibility", _("Choose who may quote."), "invalid_visibility")
    invited_ids = sorted({_int(i) for i in data.invited_supplier_ids or []})
    invited = list(
        Company.objects.filter(pk__in=invited_ids, kind=Company.Kind.SUPPLIER).exclude(
            pk=membership.company_id
        )
    )
    if len(invited) != len(invited_ids):
        raise NotFound(
            _("One of the invited suppliers does not exist."),
            details={"field": "invited_supplier_ids"},
        )
    if visibility == Rfq.Visibility.INVITED and not invited:
        raise rules.invalid(
            "invited_supplier_ids",
            _("Invite at least one supplier, or open the RFQ to matching suppliers."),
            "no_invited_suppliers",
        )
    return {
        "fields": {
            "product_name": _text(data.product_name, "product_name", 200, required=True),
            "category": category,
            "description": _text(data.description, "description", MAX_TEXT),
            "quantity": rules.quantity(data.quantity, "quantity"),
            "unit": unit,
            "target_price_minor": target,
            "currency": currency,
            "destination_country": country,
            "destination_port": _text(data.destination_port, "destination_port", 80),
            "incoterm": _incoterm(data.incoterm),
            "needed_by": needed_by,
            "expires_at": datetime.combine(expires_on, time(23, 59, 59), tzinfo=UTC),
            "visibility": visibility,
            "max_quotes": max_quotes,
        },
        "invited": invited,
    }


def _save_attachments(rfq: Rfq, uploads: list, actor, quote: Quote | None = None) -> None:
    files.check_count(uploads)
    for upload in uploads:
        content, name, kind, size = files.read_upload(upload)
        Attachment.objects.create(
            rfq=rfq,
            quote=quote,
            file=content,
            filename=name,
            content_type=kind,
            size=size,
            uploaded_by=actor,
        )


def create_rfq(
    membership: Membership,
    data: RfqInput,
    *,
    publish: bool = True,
    attachments: list | None = None,
    request=None,
) -> Rfq:
    """Post an RFQ for the acting company; published at once unless ``publish`` is off."""
    require(membership, "rfq.manage", request=request)
    valid = _validated_rfq(membership, data)
    uploads = list(attachments or [])
    files.check_count(uploads)
    with transaction.atomic():
        rfq = Rfq.objects.create(
            buyer_id=membership.company_id, created_by=membership.user, **valid["fields"]
        )
        rfq.invited.set(valid["invited"])
        _save_attachments(rfq, uploads, membership.user)
        audit(
            "rfq.created",
            actor=membership.user,
            company=membership.company,
            obj=rfq,
            request=request,
        )
        if publish:
            _publish(membership, rfq)
    return rfq


def _publish(membership: Membership, rfq: Rfq) -> None:
    transition_rfq(rfq, R.OPEN, role="buyer", actor=membership.user)
    record_event(
        "rfq.posted",
        {"rfq_id": rfq.pk, "buyer_id": rfq.buyer_id},
        company=membership.company,
        actor=membership.user,
    )
    _analytics_on_commit(
        "rfq_posted",
        membership,
        rfq,
        {"category_id": rfq.category_id, "quantity": rfq.quantity, "visibility": rfq.visibility},
    )


def _analytics_on_commit(name: str, membership: Membership, obj, properties: dict) -> None:
    from tradeloom.analytics.recorder import record

    company_id, user_id = membership.company_id, membership.user_id
    transaction.on_commit(
        lambda: record(name, company_id=company_id, user_id=user_id, obj=obj, properties=properties)
    )


def own_rfq(membership: Membership, rfq_id, *, lock: bool = False) -> Rfq:
    qs = Rfq.objects.filter(pk=_int(rfq_id), buyer_id=membership.company_id)
    if lock:
        qs = qs.select_for_update()
    rfq = qs.first()
    if rfq is None:
        raise NotFound(_("That RFQ does not exist."))
    return rfq


def publish_rfq(membership: Membership, rfq_id, *, request=None) -> Rfq:
    require(membership, "rfq.manage", request=request)
    with transaction.atomic():
        rfq = own_rfq(membership, rfq_id, lock=True)
        if rfq.expires_at <= timezone.now():
            raise Conflict(_("The RFQ's closing date has passed."), code="rfq_expired")
        _publish(membership, rfq)
    return rfq


def close_rfq(membership: Membership, rfq_id, *, request=None) -> Rfq:
    """The buyer stops taking quotes early and goes on to compare and award."""
    require(membership, "rfq.manage", request=request)
    with transaction.atomic():
        rfq = own_rfq(membership, rfq_id, lock=True)
        transition_rfq(rfq, R.CLOSED, role="buyer", actor=membership.user, reason="closed early")
    return rfq


def cancel_rfq(membership: Membership, rfq_id, *, reason: str = "", request=None) -> Rfq:
    """Cancel the RFQ; its live quotes are declined, and their suppliers told."""
    require(membership, "rfq.manage", request=request)
    with transaction.atomic():
        rfq = own_rfq(membership, rfq_id, lock=True)
        transition_rfq(rfq, R.CANCELLED, role="buyer", actor=membership.user, reason=reason)
        declined = decline_live_quotes(rfq, reason="rfq cancelled")
        record_event(
            "rfq.cancelled",
            {"rfq_id": rfq.pk, "declined_quote_ids": declined},
            company=membership.company,
            actor=membership.user,
        )
    return rfq


def decline_live_quotes(rfq: Rfq, *, reason: str, keep: int | None = None) -> list[int]:
    declined = []
    live = rfq.quotes.select_for_update().filter(status__in=[QS.SUBMITTED, QS.REVISED])
    for quote in live.order_by("pk"):
        if quote.pk != keep:
            transition_quote(quote, QS.DECLINED, role="system", reason=reason)
            declined.append(quote.pk)
    return declined


# --- quotes ------------------------------------------------------------------------


def visible_to_supplier(rfq: Rfq, company_id: int) -> bool:
    if rfq.buyer_id == company_id:
        return False
    if rfq.visibility == Rfq.Visibility.OPEN:
        return True
    return rfq.invited.filter(pk=company_id).exists()


def _validated_quote(membership: Membership, rfq: Rfq, data: QuoteInput) -> dict[str, Any]:
    currency = rules.currency(data.currency)
    raw_tiers = list(data.tiers or [])
    if not raw_tiers:
        raise rules.invalid("tiers", _("Give at least one price."), "no_tiers")
    if len(raw_tiers) > rules.MAX_TIERS:
        raise rules.invalid(
            "tiers", _("At most %(n)s price tiers.") % {"n": rules.MAX_TIERS}, "too_many_tiers"
        )
    tiers: dict[int, int] = {}
    for i, tier in enumerate(raw_tiers):
        qty = rules.quantity(tier.min_quantity, f"tiers.{i}.min_quantity")
        if qty in tiers:
            raise rules.invalid(
                "tiers", _("Two tiers start at the same quantity."), "duplicate_tier"
            )
        tiers[qty] = rules.price_minor(tier.unit_price, currency, f"tiers.{i}.unit_price")
    ordered = sorted(tiers.items())
    applicable = [price for qty, price in ordered if qty <= rfq.quantity]
    unit_price = applicable[-1] if applicable else ordered[0][1]
    moq = rules.quantity(data.moq if data.moq not in (None, "") else 1, "moq")
    product = None
    if data.product_id not in (None, ""):
        product = Product.objects.filter(
            pk=_int(data.product_id), supplier_id=membership.company_id
        ).first()
        if product is None:
            raise NotFound(_("That product does not exist."), details={"field": "product_id"})
    today = timezone.now().date()
    valid_until = _date(data.valid_until, "valid_until")
    if not today <= valid_until <= today + timedelta(days=365):
        raise rules.invalid(
            "valid_until", _("Choose a date from today to one year ahead."), "invalid_validity"
        )
    sample = None
    if data.sample_price not in (None, ""):
        sample = rules.price_minor(data.sample_price, currency, "sample_price", allow_zero=True)
    return {
        "tiers": ordered,
        "fields": {
            "currency": currency,
            "unit_price_minor": unit_price,
            "moq": moq,
            "lead_time_days": _days(data.lead_time_days, "lead_time_days"),
            "sample_price_minor": sample,
            "sample_days": _days(data.sample_days, "sample_days", required=False),
            "incoterm": _incoterm(data.incoterm),
            "port": _text(data.port, "port", 80),
            "valid_until": valid_until,
            "notes": _text(data.notes, "notes", MAX_TEXT),
            "product": product,
        },
    }


def fx_snapshot(unit_price: Money, to_currency: str) -> dict:
    """The unit price in the buyer's currency and the rate that made it, or {} if no rate."""
    try:
        conversion = fx.convert(unit_price, to_currency)
    except DomainError:
        return {}
    return {**conversion.snapshot(), "minor": conversion.result.minor}


def _quote_target(membership: Membership, rfq_id) -> Rfq:
    rfq = Rfq.objects.select_for_update().filter(pk=_int(rfq_id)).first()
    if rfq is None or not (
        visible_to_supplier(rfq, membership.company_id) or rfq.buyer_id == membership.company_id
    ):
        raise NotFound(_("That RFQ does not exist."))
    if rfq.buyer_id == membership.company_id:
        raise DomainError(_("You cannot quote on your own RFQ."), code="own_rfq", status=403)
    return rfq


def _require_open(rfq: Rfq) -> None:
    if rfq.status == R.OPEN and rfq.expires_at <= timezone.now():
        raise Conflict(_("This RFQ has expired and takes no more quotes."), code="rfq_expired")
    if rfq.status == R.EXPIRED:
        raise Conflict(_("This RFQ has expired and takes no more quotes."), code="rfq_expired")
    if rfq.status != R.OPEN:
        raise Conflict(_("This RFQ is closed and takes no more quotes."), code="rfq_closed")


def submit_quote(
    membership: Membership,
    rfq_id,
    data: QuoteInput,
    *,
    attachments: list | None = None,
    request=None,
) -> Quote:
    """Quote on an open RFQ the supplier may see: one quote per supplier, within the
    supplier's monthly quota and the RFQ's quote limit (the limit's last quote closes it)."""
    require(membership, "rfq.manage", request=request)
    if membership.company.kind != Company.Kind.SUPPLIER:
        raise DomainError(
            _("Only supplier companies send quotes."), code="not_a_supplier", status=403
        )
    uploads = list(attachments or [])
    files.check_count(uploads)
    try:
        with transaction.atomic():
            Company.objects.select_for_update().filter(pk=membership.company_id).first()
            rfq = _quote_target(membership, rfq_id)
            _require_open(rfq)
            if Quote.objects.filter(rfq=rfq, supplier_id=membership.company_id).exists():
                raise Conflict(
                    _("Your company has already quoted on this RFQ. Revise that quote instead."),
                    code="quote_exists",
                )
            if rfq.quote_count >= rfq.max_quotes:
                raise Conflict(_("This RFQ has all the quotes it asked for."), code="rfq_full")
            now = timezone.now()
            month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
            used = Quote.objects.filter(
                supplier_id=membership.company_id, created_at__gte=month_start
            ).count()
            if used >= monthly_quota():
                raise DomainError(
                    _("Your company has used its %(n)s quotes for this month.")
                    % {"n": monthly_quota()},
                    code="quote_quota_exceeded",
                    status=429,
                )
            valid = _validated_quote(membership, rfq, data)
            fields = valid["fields"]
            quote = Quote.objects.create(
                rfq=rfq,
                supplier_id=membership.company_id,
                created_by=membership.user,
                fx_snapshot=fx_snapshot(
                    Money.from_minor(fields["unit_price_minor"], fields["currency"]),
                    rfq.buyer.default_currency,
                ),
                **fields,
            )
            QuoteTier.objects.bulk_create(
                QuoteTier(quote=quote, min_quantity=q, unit_price_minor=p)
                for q, p in valid["tiers"]
            )
            _save_attachments(rfq, uploads, membership.user, quote=quote)
            rfq.quote_count += 1
            Rfq.objects.filter(pk=rfq.pk).update(quote_count=rfq.quote_count)
            if rfq.quote_count >= rfq.max_quotes:
                transition_rfq(rfq, R.CLOSED, role="system", reason="quote limit reached")
            audit(
                "quote.submitted",
                actor=membership.user,
                company=membership.company,
                obj=quote,
                request=request,
                details={"rfq_id": rfq.pk},
            )
            record_event(
                "quote.submitted",
                {"quote_id": quote.pk, "rfq_id": rfq.pk, "supplier_id": membership.company_id},
                company=membership.company,
                actor=membership.user,
            )
            _analytics_on_commit(
                "quote_submitted",
                membership,
                quote,
                {
                    "rfq_id": rfq.pk,
                    "currency": quote.currency,
                    "lead_time_days": quote.lead_time_days,
                },
            )
    except IntegrityError:  # a colleague's quote won the unique constraint
        raise Conflict(
            _("Your company has already quoted on this RFQ. Revise that quote instead."),
            code="quote_exists",
        )
    return quote


def own_quote(membership: Membership, quote_id, *, lock: bool = False) -> Quote:
    qs = Quote.objects.select_related("rfq", "rfq__buyer").filter(
        pk=_int(quote_id), supplier_id=membership.company_id
    )
    if lock:
        qs = qs.select_for_update()
    quote = qs.first()
    if quote is None:
        raise NotFound(_("That quote does not exist."))
    return quote


def revise_quote(
    membership: Membership,
    quote_id,
    data: QuoteInput,
    *,
    attachments: list | None = None,
    request=None,
) -> Quote:
    """Replace a quote's prices and terms, once, while the RFQ is open or being compared."""
    require(membership, "rfq.manage", request=request)
    uploads = list(attachments or [])
    files.check_count(uploads)
    with transaction.atomic():
        quote = own_quote(membership, quote_id)
        rfq = Rfq.objects.select_for_update().get(pk=quote.rfq_id)
        quote = own_quote(membership, quote_id, lock=True)
        if quote.status == QS.REVISED:
            raise Conflict(_("A quote can be revised only once."), code="already_revised")
        if rfq.status not in (R.OPEN, R.CLOSED) or rfq.expires_at <= timezone.now():
            raise Conflict(_("This RFQ no longer takes changes to quotes."), code="rfq_closed")
        valid = _validated_quote(membership, rfq, data)
        transition_quote(quote, QS.REVISED, role="supplier", actor=membership.user)
        fields = valid["fields"]
        for name, value in fields.items():
            setattr(quote, name, value)
        quote.fx_snapshot = fx_snapshot(
            Money.from_minor(fields["unit_price_minor"], fields["currency"]),
            rfq.buyer.default_currency,
        )
        quote.revisions = 1
        quote.save()
        quote.tiers.all().delete()
        QuoteTier.objects.bulk_create(
            QuoteTier(quote=quote, min_quantity=q, unit_price_minor=p) for q, p in valid["tiers"]
        )
        _save_attachments(rfq, uploads, membership.user, quote=quote)
        audit(
            "quote.revised",
            actor=membership.user,
            company=membership.company,
            obj=quote,
            request=request,
        )
        record_event(
            "quote.revised",
            {"quote_id": quote.pk, "rfq_id": rfq.pk, "supplier_id": membership.company_id},
            company=membership.company,
            actor=membership.user,
        )
    return quote


def withdraw_quote(membership: Membership, quote_id, *, request=None) -> Quote:
    """The supplier takes its quote back; it keeps counting towards the RFQ's limit."""
    require(membership, "rfq.manage", request=request)
    with transaction.atomic():
        quote = own_quote(membership, quote_id)
        Rfq.objects.select_for_update().filter(pk=quote.rfq_id).first()
        quote = own_quote(membership, quote_id, lock=True)
        transition_quote(quote, QS.WITHDRAWN, role="supplier", actor=membership.user)
        audit(
            "quote.withdrawn",
            actor=membership.user,
            company=membership.company,
            obj=quote,
            request=request,
        )
    return quote


def conversation_about(membership: Membership, quote_id, *, request=None):
    """The conversation between the two sides of a quote about its RFQ, opened if new: the
    buyer talks to a quoting supplier, the supplier to the buyer, nobody else."""
    from tradeloom.inquiries.services import open_linked_conversation
    from tradeloom.rfq.selectors import quote_for_viewer

    quote = quote_for_viewer(membership, quote_id, request=request)
    rfq = quote.rfq
    other = quote.supplier if membership.company_id == rfq.buyer_id else rfq.buyer
    return open_linked_conversation(
        membership,
        other=other,
        reference=f"rfq:{rfq.pk}",
        subject=_("RFQ: %(name)s") % {"name": rfq.product_name},
        request=request,
    )
