"""REST API of order drafts: the acting company's drafts, as buyer or supplier."""

from __future__ import annotations

from datetime import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from tradeloom.api.auth import acting
from tradeloom.api.schemas import COMPANY, ObjectId, errors
from tradeloom.orders import selectors
from tradeloom.orders.models import OrderDraft

router = Router(tags=["orders"])


class DraftLineOut(Schema):
    product_id: int | None
    variant_id: int | None
    description: str
    quantity: int
    unit: str
    unit_price: str
    currency: str
    lead_time_days: int | None


class OrderDraftOut(Schema):
    id: int
    buyer_id: int
    supplier_id: int
    currency: str
    source_kind: str
    source_id: int | None
    status: str
    total: str
    created_at: datetime
    lines: list[DraftLineOut]
    snapshot: dict


class DraftPage(Schema):
    count: int
    items: list[OrderDraftOut]


class DraftQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


def draft_out(draft: OrderDraft) -> dict:
    return {
        "id": draft.pk,
        "buyer_id": draft.buyer_id,
        "supplier_id": draft.supplier_id,
        "currency": draft.currency,
        "source_kind": draft.source_kind,
        "source_id": draft.source_id,
        "status": draft.status,
        "total": str(draft.total.amount),
        "created_at": draft.created_at,
        "snapshot": draft.snapshot,
        "lines": [
            {
                "product_id": li.product_id,
                "variant_id": li.variant_id,
                "description": li.description,
                "quantity": li.quantity,
                "unit": li.unit,
                "unit_price": str(li.unit_price.amount),
                "currency": li.currency,
                "lead_time_days": li.lead_time_days,
            }
            for li in draft.lines.all()
        ],
    }


@router.get(
    "/companies/{company_id}/order-drafts",
    response={200: DraftPage, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="Order drafts where the company is buyer or supplier, newest first (orders.view)",
)
def list_drafts(request, company_id: ObjectId, query: Query[DraftQuery]):
    membership = acting(request, company_id)
    qs = selectors.drafts_of(membership, request=request)
    return {
        "count": qs.count(),
        "items": [draft_out(d) for d in qs[query.offset : query.offset + query.limit]],
    }


@router.get(
    "/companies/{company_id}/order-drafts/{draft_id}",
    response={200: OrderDraftOut, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="One order draft of the company (orders.view)",
)
def get_draft(request, company_id: ObjectId, draft_id: ObjectId):
    membership = acting(request, company_id)
    return draft_out(selectors.draft_of(membership, draft_id, request=request))
