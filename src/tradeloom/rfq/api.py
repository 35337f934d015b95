"""REST API of RFQs and quotes, scoped to the acting company, through the same services
and selectors as the web pages (so the same rules and error codes)."""

from __future__ import annotations

from django.urls import reverse
from ninja import Query, Router

from tradeloom.api.auth import acting
from tradeloom.api.schemas import COMPANY, ObjectId, errors
from tradeloom.orders.api import draft_out
from tradeloom.rfq import awards, selectors, services
from tradeloom.rfq.api_schemas import (
    AwardOut,
    BoardQuery,
    ComparedQuoteOut,
    CompareQuery,
    ListQuery,
    QuoteIn,
    QuoteOut,
    RfqIn,
    RfqOut,
    RfqPage,
)
from tradeloom.rfq.models import Quote, Rfq

router = Router(tags=["rfq"])
RFQ = "/companies/{company_id}/rfqs/{rfq_id}"
QUOTE = "/companies/{company_id}/quotes/{quote_id}"


def _files(rows) -> list[dict]:
    return [
        {
            "id": a.pk,
            "filename": a.filename,
            "content_type": a.content_type,
            "size": a.size,
            "url": reverse("rfq:attachment", args=[a.pk]),
        }
        for a in rows
    ]


def rfq_out(rfq: Rfq) -> dict:
    return {
        "id": rfq.pk,
        "buyer_id": rfq.buyer_id,
        "buyer_name": rfq.buyer.display_name,
        "status": rfq.status,
        "product_name": rfq.product_name,
        "category_id": rfq.category_id,
        "description": rfq.description,
        "quantity": rfq.quantity,
        "unit": rfq.unit,
        "target_price": str(rfq.target_price.amount) if rfq.target_price else None,
        "currency": rfq.currency,
        "destination_country": rfq.destination_country.code,
        "destination_port": rfq.destination_port,
        "incoterm": rfq.incoterm,
        "needed_by": rfq.needed_by,
        "expires_at": rfq.expires_at,
        "visibility": rfq.visibility,
        "max_quotes": rfq.max_quotes,
        "quote_count": rfq.quote_count,
        "awarded_quote_id": rfq.awarded_quote_id,
        "created_at": rfq.created_at,
        "attachments": _files(rfq.attachments.filter(quote__isnull=True)),
    }


def quote_out(quote: Quote) -> dict:
    return {
        "id": quote.pk,
        "rfq_id": quote.rfq_id,
        "supplier_id": quote.supplier_id,
        "supplier_name": quote.supplier.display_name,
        "status": quote.status,
        "currency": quote.currency,
        "unit_price": str(quote.unit_price.amount),
        "tiers": [
            {
                "min_quantity": t.min_quantity,
                "unit_price": str(quote.money(t.unit_price_minor).amount),
            }
            for t in quote.tiers.all()
        ],
        "moq": quote.moq,
        "lead_time_days": quote.lead_time_days,
        "sample_price": str(quote.sample_price.amount) if quote.sample_price is not None else None,
        "sample_days": quote.sample_days,
        "incoterm": quote.incoterm,
        "port": quote.port,
        "valid_until": quote.valid_until,
        "notes": quote.notes,
        "product_id": quote.product_id,
        "revisions": quote.revisions,
        "fx": quote.fx_snapshot,
        "created_at": quote.created_at,
        "attachments": _files(quote.attachments.all()),
    }


def _rfq_input(payload: RfqIn) -> services.RfqInput:
    data = payload.dict()
    data.pop("publish")
    data["expires_on"] = payload.expires_on
    return services.RfqInput(**data)


def _quote_input(payload: QuoteIn) -> services.QuoteInput:
    data = payload.dict()
    data["tiers"] = [services.QuoteTierInput(t.min_quantity, t.unit_price) for t in payload.tiers]
    return services.QuoteInput(**data)


# --- the buyer's RFQs ------------------------------------------------------------------


@router.get(
    "/companies/{company_id}/rfqs",
    response={200: RfqPage, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="The company's own RFQs, newest first (rfq.manage)",
)
def list_rfqs(request, company_id: ObjectId, query: Query[ListQuery]):
    membership = acting(request, company_id)
    qs = selectors.buyer_rfqs(membership, status=query.status or "", request=request)
    qs = qs.select_related("buyer")
    return {
        "count": qs.count(),
        "items": [rfq_out(r) for r in qs[query.offset : query.offset + query.limit]],
    }


@router.post(
    "/companies/{company_id}/rfqs",
    response={201: RfqOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Post an RFQ; published at once unless `publish` is false (rfq.manage)",
)
def create_rfq(request, company_id: ObjectId, payload: RfqIn):
    membership = acting(request, company_id)
    rfq = services.create_rfq(
        membership, _rfq_input(payload), publish=payload.publish, request=request
    )
    return 201, rfq_out(selectors.rfq_for_buyer(membership, rfq.pk))


@router.get(
    RFQ,
    response={200: RfqOut, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="One RFQ: the company's own, or one it may quote on (rfq.manage)",
)
def get_rfq(request, company_id: ObjectId, rfq_id: ObjectId):
    membership = acting(request, company_id)
    rfq, _role = selectors.viewer_rfq(membership, rfq_id, request=request)
    return rfq_out(rfq)


def _buyer_action(request, company_id, rfq_id, action) -> dict:
    membership = acting(request, company_id)
    action(membership, rfq_id, request=request)
    return rfq_out(selectors.rfq_for_buyer(membership, rfq_id))


@router.post(
    RFQ + "/publish",
    response={200: RfqOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Publish a draft RFQ (rfq.manage)",
)
def publish_rfq(request, company_id: ObjectId, rfq_id: ObjectId):
    return _buyer_action(request, company_id, rfq_id, services.publish_rfq)


@router.post(
    RFQ + "/close",
    response={200: RfqOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Stop taking quotes; the quotes stay for comparison and award (rfq.manage)",
)
def close_rfq(request, company_id: ObjectId, rfq_id: ObjectId):
    return _buyer_action(request, company_id, rfq_id, services.close_rfq)


@router.post(
    RFQ + "/cancel",
    response={200: RfqOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Cancel the RFQ; live quotes are declined (rfq.manage)",
)
def cancel_rfq(request, company_id: ObjectId, rfq_id: ObjectId):
    return _buyer_action(request, company_id, rfq_id, services.cancel_rfq)


@router.get(
    RFQ + "/quotes",
    response={200: list[ComparedQuoteOut], **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="The RFQ's quotes: all of them, compared in the buyer's currency, for the buyer; "
    "only its own for a supplier (rfq.manage)",
)
def list_rfq_quotes(request, company_id: ObjectId, rfq_id: ObjectId, query: Query[CompareQuery]):
    membership = acting(request, company_id)
    rfq, role = selectors.viewer_rfq(membership, rfq_id, request=request)
    if role == "buyer":
        rows = selectors.comparison(membership, rfq, sort=query.sort)
        currency = membership.company.default_currency
        return [
            {
                **quote_out(r.quote),
                "converted_unit_price": str(r.converted.amount) if r.converted else None,
                "converted_currency": currency,
                "rate": str(r.rate) if r.rate is not None else None,
            }
            for r in rows
        ]
    return [
        {**quote_out(q), "converted_unit_price": None, "converted_currency": "", "rate": None}
        for q in selectors.quotes_on(membership, rfq)
    ]


# --- suppliers: the board and quotes ----------------------------------------------------


@router.get(
    "/companies/{company_id}/rfq-board",
    response={200: RfqPage, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="Open RFQs the supplier may quote on, with filters (rfq.manage)",
)
def rfq_board(request, company_id: ObjectId, query: Query[BoardQuery]):
    membership = acting(request, company_id)
    qs = selectors.board(
        membership,
        category_id=query.category_id,
        country=query.country,
        min_quantity=query.min_quantity,
        max_quantity=query.max_quantity,
        matched_only=query.matched_only,
        request=request,
    )
    return {
        "count": qs.count(),
        "items": [rfq_out(r) for r in qs[query.offset : query.offset + query.limit]],
    }


@router.post(
    RFQ + "/quotes",
    response={201: QuoteOut, **errors(400, 403, 404, 409, 429)},
    openapi_extra=COMPANY,
    summary="Quote on an open RFQ (rfq.manage; supplier companies)",
)
def submit_quote(request, company_id: ObjectId, rfq_id: ObjectId, payload: QuoteIn):
    membership = acting(request, company_id)
    quote = services.submit_quote(membership, rfq_id, _quote_input(payload), request=request)
    return 201, quote_out(selectors.quote_for_viewer(membership, quote.pk))


@router.get(
    "/companies/{company_id}/quotes",
    response={200: list[QuoteOut], **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="The company's own quotes, newest first (rfq.manage)",
)
def list_quotes(request, company_id: ObjectId):
    membership = acting(request, company_id)
    qs = selectors.supplier_quotes(membership, request=request).select_related("supplier")
    return [quote_out(q) for q in qs.prefetch_related("tiers").order_by("-created_at")[:200]]


@router.get(
    QUOTE,
    response={200: QuoteOut, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="One quote: the company's own, or one on the company's RFQ (rfq.manage)",
)
def get_quote(request, company_id: ObjectId, quote_id: ObjectId):
    membership = acting(request, company_id)
    return quote_out(selectors.quote_for_viewer(membership, quote_id, request=request))


@router.put(
    QUOTE,
    response={200: QuoteOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Revise the company's quote (once) (rfq.manage)",
)
def revise_quote(request, company_id: ObjectId, quote_id: ObjectId, payload: QuoteIn):
    membership = acting(request, company_id)
    services.revise_quote(membership, quote_id, _quote_input(payload), request=request)
    return quote_out(selectors.quote_for_viewer(membership, quote_id))


@router.post(
    QUOTE + "/withdraw",
    response={200: QuoteOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Withdraw the company's quote (rfq.manage)",
)
def withdraw_quote(request, company_id: ObjectId, quote_id: ObjectId):
    membership = acting(request, company_id)
    services.withdraw_quote(membership, quote_id, request=request)
    return quote_out(selectors.quote_for_viewer(membership, quote_id))


@router.post(
    QUOTE + "/award",
    response={200: AwardOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Award the RFQ to this quote: creates the order draft, declines the others "
    "(rfq.manage and orders.manage; the RFQ's company)",
)
def award_quote(request, company_id: ObjectId, quote_id: ObjectId):
    membership = acting(request, company_id)
    quote, draft = awards.award_quote(membership, quote_id, request=request)
    return {
        "quote": quote_out(selectors.quote_for_viewer(membership, quote.pk)),
        "order_draft": draft_out(draft),
    }


@router.post(
    QUOTE + "/decline",
    response={200: QuoteOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Decline a quote on the company's RFQ (rfq.manage)",
)
def decline_quote(request, company_id: ObjectId, quote_id: ObjectId):
    membership = acting(request, company_id)
    awards.decline_quote(membership, quote_id, request=request)
    return quote_out(selectors.quote_for_viewer(membership, quote_id))
