"""Outbox handlers of RFQs: match and tell suppliers, tell the buyer about quotes, tell
quoting suppliers how the RFQ ended. Idempotent: matches are unique per (RFQ,
supplier) and notifications per (user, event)."""

from __future__ import annotations

from django.urls import reverse

from tradeloom.core.events import handler
from tradeloom.core.handlers import notify
from tradeloom.core.models import OutboxEvent
from tradeloom.core.permissions import has_perm


def _people(company_id: int):
    from tradeloom.accounts.models import Membership

    for m in Membership.objects.select_related("user", "company").filter(company_id=company_id):
        if m.user.is_active and has_perm(m.role, "rfq.manage"):
            yield m


@handler(
    "rfq",
    "rfq.posted",
    "quote.submitted",
    "quote.revised",
    "rfq.awarded",
    "rfq.cancelled",
    "quote.declined",
)
def rfq_handler(event: OutboxEvent) -> None:
    from tradeloom.rfq.matching import matching_suppliers
    from tradeloom.rfq.models import Quote, Rfq, RfqMatch

    p = event.payload
    rfq = Rfq.objects.select_related("buyer").filter(pk=p.get("rfq_id")).first()
    if rfq is None:
        return
    if event.name == "rfq.posted":
        if rfq.visibility == Rfq.Visibility.INVITED:
            targets = {c: "invited" for c in rfq.invited.values_list("pk", flat=True)}
        else:
            targets = matching_suppliers(rfq)
        for supplier_id, why in sorted(targets.items()):
            RfqMatch.objects.get_or_create(
                rfq=rfq, supplier_id=supplier_id, defaults={"reason": why}
            )
            for m in _people(supplier_id):
                notify(
                    m.user,
                    event,
                    "rfq.matched",
                    {"rfq": rfq.product_name, "buyer": rfq.buyer.display_name},
                    url=reverse("rfq:board_detail", args=[rfq.pk]),
                    company=m.company,
                )
    elif event.name in ("quote.submitted", "quote.revised"):
        quote = Quote.objects.select_related("supplier").filter(pk=p["quote_id"]).first()
        if quote is None:
            return
        kind = "quote.received" if event.name == "quote.submitted" else "quote.revised"
        for m in _people(rfq.buyer_id):
            notify(
                m.user,
                event,
                kind,
                {"rfq": rfq.product_name, "supplier": quote.supplier.display_name},
                url=reverse("rfq:detail", args=[rfq.pk]),
                company=m.company,
            )
    elif event.name == "rfq.awarded":
        for m in _people(p["supplier_id"]):
            notify(
                m.user,
                event,
                "quote.accepted",
                {"rfq": rfq.product_name, "buyer": rfq.buyer.display_name},
                url=reverse("orders:draft", args=[p["draft_id"]]),
                company=m.company,
            )
        _tell_declined(event, rfq, p.get("declined_quote_ids", []), "rfq.awarded_elsewhere")
    elif event.name == "rfq.cancelled":
        _tell_declined(event, rfq, p.get("declined_quote_ids", []), "rfq.cancelled")
    elif event.name == "quote.declined":
        _tell_declined(event, rfq, [p["quote_id"]], "quote.declined")


def _tell_declined(event: OutboxEvent, rfq, quote_ids: list[int], kind: str) -> None:
    from tradeloom.rfq.models import Quote

    for supplier_id in Quote.objects.filter(pk__in=quote_ids).values_list("supplier_id", flat=True):
        for m in _people(supplier_id):
            notify(
                m.user,
                event,
                kind,
                {"rfq": rfq.product_name, "buyer": rfq.buyer.display_name},
                url=reverse("rfq:board_detail", args=[rfq.pk]),
                company=m.company,
            )


@handler("rfq.email", "rfq.posted", "quote.submitted", atomic=False)
def email_handler(event: OutboxEvent) -> None:
    """Email suppliers about a matching RFQ and the buyer about each quote received.
    Everyone who has not turned email off hears at once, daily-digest readers included:
    an RFQ has a closing date, and these come a few a week, not dozens a day."""
    from django.conf import settings

    from tradeloom.core.handlers import send_templated_mail
    from tradeloom.inquiries.models import NotificationPreference
    from tradeloom.rfq.matching import matching_suppliers
    from tradeloom.rfq.models import Quote, Rfq

    p = event.payload
    rfq = Rfq.objects.select_related("buyer").filter(pk=p.get("rfq_id")).first()
    if rfq is None:
        return
    context = {"rfq": rfq}
    if event.name == "rfq.posted":
        if rfq.visibility == Rfq.Visibility.INVITED:
            companies = list(rfq.invited.values_list("pk", flat=True))
        else:
            companies = sorted(matching_suppliers(rfq))
        template, path = "rfq/email/matched", reverse("rfq:board_detail", args=[rfq.pk])
    else:
        quote = Quote.objects.select_related("supplier").filter(pk=p.get("quote_id")).first()
        if quote is None:
            return
        companies, context["quote"] = [rfq.buyer_id], quote
        template, path = "rfq/email/quote_received", reverse("rfq:detail", args=[rfq.pk])
    people = [m for company_id in companies for m in _people(company_id)]
    declined = set(
        NotificationPreference.objects.filter(
            user_id__in=[m.user_id for m in people], email=NotificationPreference.Email.NONE
        ).values_list("user_id", flat=True)
    )
    for m in people:
        if m.user_id in declined:
            continue
        send_templated_mail(
            m.user.email,
            template,
            {**context, "user": m.user, "link": settings.SITE_URL + path},
            m.user.language,
        )
