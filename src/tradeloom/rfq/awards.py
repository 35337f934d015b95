"""Awarding an RFQ: accept one quote, decline the rest, create the order draft.

Exactly one award per RFQ, however many requests arrive at once: the RFQ row is locked
first (PostgreSQL row lock; SQLite serialises writers), its status re-read, and the
order draft is unique per quote.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Membership
from tradeloom.core.errors import Conflict, NotFound
from tradeloom.core.events import record_event
from tradeloom.orders.models import OrderDraft
from tradeloom.orders.services import DraftLine, create_order_draft
from tradeloom.rfq.lifecycle import transition_quote, transition_rfq
from tradeloom.rfq.models import Quote, Rfq
from tradeloom.rfq.services import _analytics_on_commit, _int, decline_live_quotes

R = Rfq.Status
QS = Quote.Status


def quote_snapshot(quote: Quote) -> dict:
    """Everything the buyer accepted, frozen into the order draft."""
    return {
        "quote_id": quote.pk,
        "rfq_id": quote.rfq_id,
        "supplier_id": quote.supplier_id,
        "product_name": quote.rfq.product_name,
        "quantity": quote.rfq.quantity,
        "unit": quote.rfq.unit,
        "currency": quote.currency,
        "unit_price_minor": quote.unit_price_minor,
        "tiers": [
            {"min_quantity": t.min_quantity, "unit_price_minor": t.unit_price_minor}
            for t in quote.tiers.all()
        ],
        "moq": quote.moq,
        "lead_time_days": quote.lead_time_days,
        "sample_price_minor": quote.sample_price_minor,
        "sample_days": quote.sample_days,
        "incoterm": quote.incoterm,
        "port": quote.port,
        "valid_until": quote.valid_until.isoformat(),
        "notes": quote.notes,
        "product_id": quote.product_id,
        "revisions": quote.revisions,
        "fx": quote.fx_snapshot,
        "accepted_at": timezone.now().isoformat(),
    }


def award_quote(membership: Membership, quote_id, *, request=None) -> tuple[Quote, OrderDraft]:
    """The buyer accepts ``quote_id`` on its own RFQ. The RFQ must be open or closed and
    the quote live and still valid; every other live quote is declined."""
    require(membership, "rfq.manage", request=request)
    found = (
        Quote.objects.filter(pk=_int(quote_id), rfq__buyer_id=membership.company_id)
        .values_list("rfq_id", flat=True)
        .first()
    )
    if found is None:
        raise NotFound(_("That quote does not exist."))
    with transaction.atomic():
        rfq = Rfq.objects.select_for_update().get(pk=found)
        quote = Quote.objects.select_for_update().select_related("rfq").get(pk=_int(quote_id))
        if rfq.status == R.AWARDED:
            raise Conflict(_("This RFQ has already been awarded."), code="rfq_awarded")
        if rfq.status not in (R.OPEN, R.CLOSED):
            raise Conflict(
                _("This RFQ is %(status)s and cannot be awarded.")
                % {"status": R(rfq.status).label.lower()},
                code="rfq_not_awardable",
            )
        if quote.status == QS.WITHDRAWN:
            raise Conflict(_("This quote was withdrawn."), code="quote_withdrawn")
        if quote.status == QS.EXPIRED or quote.valid_until < timezone.now().date():
            raise Conflict(_("This quote has expired."), code="quote_expired")
        if not quote.is_live:
            raise Conflict(
                _("This quote is %(status)s and cannot be accepted.")
                % {"status": QS(quote.status).label.lower()},
                code="quote_not_live",
            )
        if rfq.status == R.OPEN:
            transition_rfq(rfq, R.CLOSED, role="buyer", actor=membership.user, reason="award")
        transition_rfq(rfq, R.AWARDED, role="buyer", actor=membership.user)
        transition_quote(quote, QS.ACCEPTED, role="buyer", actor=membership.user)
        declined = decline_live_quotes(rfq, reason="another quote was awarded", keep=quote.pk)
        Rfq.objects.filter(pk=rfq.pk).update(awarded_quote=quote)
        rfq.awarded_quote = quote
        draft = create_order_draft(
            membership,
            supplier=quote.supplier,
            lines=[
                DraftLine(
                    description=rfq.product_name,
                    quantity=rfq.quantity,
                    unit=rfq.unit,
                    unit_price_minor=quote.unit_price_minor,
                    currency=quote.currency,
                    lead_time_days=quote.lead_time_days,
                    product_id=quote.product_id,
                )
            ],
            source=(OrderDraft.SourceKind.QUOTE, quote.pk),
            currency=quote.currency,
            snapshot=quote_snapshot(quote),
            request=request,
        )
        audit(
            "rfq.awarded",
            actor=membership.user,
            company=membership.company,
            obj=rfq,
            request=request,
            details={"quote_id": quote.pk, "draft_id": draft.pk},
        )
        record_event(
            "rfq.awarded",
            {
                "rfq_id": rfq.pk,
                "quote_id": quote.pk,
                "supplier_id": quote.supplier_id,
                "declined_quote_ids": declined,
                "draft_id": draft.pk,
            },
            company=membership.company,
            actor=membership.user,
        )
        _analytics_on_commit(
            "quote_accepted",
            membership,
            quote,
            {"rfq_id": rfq.pk, "supplier_id": quote.supplier_id, "draft_id": draft.pk},
        )
    return quote, draft


def decline_quote(membership: Membership, quote_id, *, request=None) -> Quote:
    """The buyer turns one quote down without awarding the RFQ."""
    require(membership, "rfq.manage", request=request)
    with transaction.atomic():
        quote = (
            Quote.objects.select_for_update()
            .filter(pk=_int(quote_id), rfq__buyer_id=membership.company_id)
            .first()
        )
        if quote is None:
            raise NotFound(_("That quote does not exist."))
        transition_quote(quote, QS.DECLINED, role="buyer", actor=membership.user)
        record_event(
            "quote.declined",
            {"quote_id": quote.pk, "rfq_id": quote.rfq_id, "supplier_id": quote.supplier_id},
            company=membership.company,
            actor=membership.user,
        )
    return quote


def shortlist_quote(membership: Membership, quote_id, on: bool, *, request=None) -> Quote:
    """The buyer marks a quote (or unmarks it) to compare a few side by side."""
    require(membership, "rfq.manage", request=request)
    quote = Quote.objects.filter(pk=_int(quote_id), rfq__buyer_id=membership.company_id).first()
    if quote is None:
        raise NotFound(_("That quote does not exist."))
    Quote.objects.filter(pk=quote.pk).update(shortlisted=bool(on))
    quote.shortlisted = bool(on)
    return quote
