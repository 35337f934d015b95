"""REST API of inquiries: conversations, messages with attachments, starting an inquiry,
structured offers and sample requests, read marks. Scoped to the acting company and
answered by the same services as the inbox pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import FileResponse, Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, UploadedFile
from pydantic import Field

from tradeloom.accounts.models import Membership
from tradeloom.api.auth import acting
from tradeloom.api.schemas import COMPANY, InputSchema, ObjectId, errors
from tradeloom.core.errors import NotFound
from tradeloom.inquiries import selectors, services
from tradeloom.inquiries.models import Conversation, Message
from tradeloom.inquiries.translation import render_for

router = Router(tags=["inquiries"])

BASE = "/companies/{company_id}/conversations"
ONE = BASE + "/{conversation_id}"


# --- schemas --------------------------------------------------------------------------------------


class CompanyRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    name: str


class ProductRef(Schema):
    id: int
    title: str


class ConversationOut(Schema):
    id: int
    buyer: CompanyRef
    supplier: CompanyRef
    subject: str
    reference: str = Field(description="Empty for the pair's conversation; `rfq:<id>` when linked.")
    products: list[ProductRef]
    assigned_to: PersonRef | None
    created_at: datetime
    last_message_at: datetime
    unread: bool = Field(description="The other party wrote since your company last read it.")
    awaiting_reply: bool = Field(description="The other party wrote last.")


class ConversationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ConversationOut]


class MessageAttachmentOut(Schema):
    id: int
    name: str
    kind: str
    content_type: str
    size: int


class MessageTranslationOut(Schema):
    state: str = Field(description="original, translated, pending or unavailable")
    language: str
    text: str


class MessageOut(Schema):
    id: int
    kind: str = Field(description="text, inquiry, sample_request or price_offer")
    company_id: int
    author: str
    body: str = Field(description="The original text, as written.")
    language: str
    translation: MessageTranslationOut
    data: dict[str, Any] = Field(description="The structured terms; money in minor units.")
    created_at: datetime
    warning: bool = Field(description="Looks like a request to pay outside the platform.")
    attachments: list[MessageAttachmentOut]
    order_draft_id: int | None


class ConversationDetail(ConversationOut):
    messages: list[MessageOut]


class InboxQuery(Schema):
    filter: str = Field("all", max_length=10, description="all, unread or awaiting")
    product_id: ObjectId | None = None
    assignee_id: ObjectId | None = None
    q: str = Field("", max_length=100)
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class AfterQuery(Schema):
    after: int = Field(0, ge=0, le=2**63 - 1, description="Only messages with a larger id.")


class InquiryIn(InputSchema):
    supplier_id: ObjectId | None = None
    product_ids: list[ObjectId] = Field(default_factory=list, max_length=20)
    quantity: int | None = Field(None, ge=1, le=10_000_000)
    target_price: str = Field("", max_length=20, description='Decimal string, such as "6.90".')
    currency: str = Field("", max_length=3)
    destination_country: str = Field("", max_length=2)
    customization: str = Field("", max_length=1000)
    message: str = Field(..., min_length=1, max_length=8000)


class OfferIn(InputSchema):
    product_id: ObjectId
    quantity: int = Field(..., ge=1, le=10_000_000)
    unit_price: str = Field(..., max_length=20, description='Decimal string, such as "7.00".')
    currency: str = Field(..., max_length=3)
    lead_time_days: int = Field(..., ge=1, le=730)
    valid_until: str = Field(..., max_length=10, description="The last day, such as 2026-05-31.")
    note: str = Field("", max_length=8000)


class SampleIn(InputSchema):
    product_id: ObjectId
    variant_id: ObjectId | None = None
    quantity: int = Field(1, ge=1, le=1000)
    address: str = Field(..., min_length=1, max_length=500)
    note: str = Field("", max_length=8000)


class DraftOut(Schema):
    order_draft_id: int


# --- rendering ------------------------------------------------------------------------------------


def conversation_out(c: Conversation, membership: Membership) -> dict:
    company_id = membership.company_id
    return {
        "id": c.pk,
        "buyer": {"id": c.buyer_id, "name": c.buyer.display_name},
        "supplier": {"id": c.supplier_id, "name": c.supplier.display_name},
        "subject": c.subject,
        "reference": c.reference,
        "products": [{"id": p.pk, "title": p.title()} for p in c.products.all()],
        "assigned_to": (
            {"id": c.assigned_to_id, "name": c.assigned_to.full_name}
            if c.assigned_to_id and company_id == c.supplier_id
            else None
        ),
        "created_at": c.created_at,
        "last_message_at": c.last_message_at,
        "unread": c.is_unread_for(company_id),
        "awaiting_reply": c.last_message_company_id not in (None, company_id),
    }


def message_out(m: Message, membership: Membership) -> dict:
    translations = {t.language: t.text for t in m.translations.all()}
    shown = render_for(m, get_language() or "en", translations)
    draft = m.order_draft_ref.split(":", 1)[1] if m.order_draft_ref else None
    return {
        "id": m.pk,
        "kind": m.kind,
        "company_id": m.company_id,
        "author": m.author.full_name if m.author else "",
        "body": m.body,
        "language": m.language,
        "translation": {"state": shown.state, "language": shown.target, "text": shown.text},
        "data": m.data,
        "created_at": m.created_at,
        "warning": m.flagged and m.company_id != membership.company_id and m.review != "cleared",
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "kind": a.kind,
                "content_type": a.content_type,
                "size": a.size,
            }
            for a in m.attachments.all()
        ],
        "order_draft_id": int(draft) if draft and draft.isdigit() else None,
    }


def _detail(membership: Membership, conversation_id: int, request) -> dict:
    c = selectors.conversation(membership, conversation_id, request=request)
    out = conversation_out(c, membership)
    out["messages"] = [message_out(m, membership) for m in selectors.messages(c)]
    return out


# --- operations -----------------------------------------------------------------------------------


@router.get(
    BASE,
    response={200: ConversationPage, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="The company's conversations, newest activity first, with the inbox filters "
    "(inquiries.reply)",
)
def list_conversations(request, company_id: ObjectId, filters: Query[InboxQuery]):
    membership = acting(request, company_id)
    chosen = filters.filter if filters.filter in selectors.FILTERS else "all"
    qs = selectors.inbox(
        membership,
        filter=chosen,
        product_id=filters.product_id,
        assignee_id=filters.assignee_id,
        q=filters.q,
        request=request,
    ).prefetch_related("products__translations")
    items = qs[filters.offset : filters.offset + filters.limit]
    return {
        "count": qs.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [conversation_out(c, membership) for c in items],
    }


@router.post(
    "/companies/{company_id}/inquiries",
    response={201: MessageOut, **errors(400, 403, 404, 429)},
    openapi_extra=COMPANY,
    summary="Start an inquiry with a supplier: opens the conversation or continues it "
    "(inquiries.reply; buyer and agent companies)",
)
def start_inquiry(request, company_id: ObjectId, payload: InquiryIn):
    membership = acting(request, company_id)
    message = services.start_inquiry(
        membership,
        services.InquiryInput(**payload.dict()),
        request=request,
    )
    return 201, message_out(message, membership)


@router.get(
    ONE,
    response={200: ConversationDetail, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="One conversation with its messages (inquiries.reply)",
)
def get_conversation(request, company_id: ObjectId, conversation_id: ObjectId):
    return _detail(acting(request, company_id), conversation_id, request)


@router.get(
    ONE + "/messages",
    response={200: list[MessageOut], **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="Messages of a conversation, optionally only those after an id (for polling)",
)
def list_messages(
    request, company_id: ObjectId, conversation_id: ObjectId, query: Query[AfterQuery]
):
    membership = acting(request, company_id)
    c = selectors.conversation(membership, conversation_id, request=request)
    return [message_out(m, membership) for m in selectors.messages(c, after_id=query.after)]


@router.post(
    ONE + "/messages",
    response={201: MessageOut, **errors(400, 403, 404, 429)},
    openapi_extra=COMPANY,
    summary="Send a message with up to 5 attachments (images, PDF, XLSX; 10 MB each) "
    "(inquiries.reply)",
)
def send_message(
    request,
    company_id: ObjectId,
    conversation_id: ObjectId,
    body: str = Form("", max_length=8000),
    files: File[list[UploadedFile]] = None,
):
    membership = acting(request, company_id)
    message = services.send_message(
        membership, conversation_id, body, list(files or []), request=request
    )
    return 201, message_out(message, membership)


@router.post(
    ONE + "/offers",
    response={201: MessageOut, **errors(400, 403, 404, 429)},
    openapi_extra=COMPANY,
    summary="A supplier's price offer for a quantity of one of its products (inquiries.reply)",
)
def offer_price(request, company_id: ObjectId, conversation_id: ObjectId, payload: OfferIn):
    membership = acting(request, company_id)
    message = services.offer_price(membership, conversation_id, **payload.dict(), request=request)
    return 201, message_out(message, membership)


@router.post(
    ONE + "/sample-requests",
    response={201: MessageOut, **errors(400, 403, 404, 429)},
    openapi_extra=COMPANY,
    summary="A buyer's sample request for one of the supplier's products (inquiries.reply)",
)
def request_sample(request, company_id: ObjectId, conversation_id: ObjectId, payload: SampleIn):
    membership = acting(request, company_id)
    message = services.request_sample(
        membership, conversation_id, **payload.dict(), request=request
    )
    return 201, message_out(message, membership)


@router.post(
    ONE + "/read",
    response={200: ConversationOut, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="Mark the conversation read for your company",
)
def mark_read(request, company_id: ObjectId, conversation_id: ObjectId):
    membership = acting(request, company_id)
    c = services.mark_read(membership, conversation_id, request=request)
    return conversation_out(c, membership)


@router.post(
    ONE + "/messages/{message_id}/order-draft",
    response={201: DraftOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Turn a price offer into an order draft, once (buyer; inquiries.reply and "
    "orders.manage)",
)
def order_offer(request, company_id: ObjectId, conversation_id: ObjectId, message_id: ObjectId):
    membership = acting(request, company_id)
    selectors.conversation(membership, conversation_id, request=request)
    if not Message.objects.filter(pk=message_id, conversation_id=conversation_id).exists():
        raise NotFound(_("No such offer."))
    draft = services.offer_to_order_draft(membership, message_id, request=request)
    return 201, {"order_draft_id": draft.pk}


@router.get(
    "/companies/{company_id}/attachments/{attachment_id}",
    response={**errors(403, 404)},
    openapi_extra={
        **COMPANY,
        "responses": {
            "200": {
                "description": "The file, as a download.",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        },
    },
    summary="Download an attachment of one of your conversations",
)
def download_attachment(request, company_id: ObjectId, attachment_id: ObjectId):
    membership = acting(request, company_id)
    attachment = selectors.attachment(membership, attachment_id, request=request)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
