"""Request and response bodies of the RFQ API. Prices travel as decimal strings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from tradeloom.api.schemas import InputSchema, ObjectId
from tradeloom.orders.api import OrderDraftOut

Price = str
Visibility = Literal["open", "invited"]


class RfqIn(InputSchema):
    product_name: str = Field(max_length=200)
    category_id: ObjectId
    description: str = Field("", max_length=5000)
    quantity: int = Field(ge=1, le=100_000_000)
    unit: str = Field("piece", max_length=10)
    target_price: Price | None = Field(None, max_length=30, examples=["7.20"])
    currency: str = Field(min_length=3, max_length=3, examples=["USD"])
    destination_country: str = Field(min_length=2, max_length=2, examples=["JP"])
    destination_port: str = Field("", max_length=80)
    incoterm: str = Field(max_length=3, examples=["FOB"])
    # Dates travel as YYYY-MM-DD text and are checked by the service (400 invalid_date).
    needed_by: str | None = Field(None, max_length=10, examples=["2026-12-20"])
    expires_on: str = Field(
        max_length=10,
        examples=["2026-12-01"],
        description="Quotes are accepted until the end of this day (UTC).",
    )
    visibility: Visibility = "open"
    max_quotes: int | None = Field(None, ge=1, le=50)
    invited_supplier_ids: list[ObjectId] = Field(default_factory=list, max_length=50)
    publish: bool = True


class RfqOut(Schema):
    id: int
    buyer_id: int
    buyer_name: str
    status: str
    product_name: str
    category_id: int
    description: str
    quantity: int
    unit: str
    target_price: Price | None
    currency: str
    destination_country: str
    destination_port: str
    incoterm: str
    needed_by: date | None
    expires_at: datetime
    visibility: str
    max_quotes: int
    quote_count: int
    awarded_quote_id: int | None
    created_at: datetime
    attachments: list[RfqAttachmentOut]


class RfqAttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    url: str


class RfqPage(Schema):
    count: int
    items: list[RfqOut]


class QuoteTierIn(InputSchema):
    min_quantity: int = Field(ge=1, le=100_000_000)
    unit_price: Price = Field(max_length=30, examples=["6.80"])


class QuoteIn(InputSchema):
    tiers: list[QuoteTierIn] = Field(min_length=1, max_length=10)
    currency: str = Field(min_length=3, max_length=3)
    moq: int = Field(1, ge=1, le=100_000_000)
    lead_time_days: int = Field(ge=0, le=365)
    sample_price: Price | None = Field(None, max_length=30)
    sample_days: int | None = Field(None, ge=0, le=365)
    incoterm: str = Field(max_length=3)
    port: str = Field("", max_length=80)
    valid_until: str = Field(max_length=10, examples=["2026-12-31"])
    notes: str = Field("", max_length=5000)
    product_id: ObjectId | None = None


class QuoteTierOut(Schema):
    min_quantity: int
    unit_price: Price


class QuoteOut(Schema):
    id: int
    rfq_id: int
    supplier_id: int
    supplier_name: str
    status: str
    currency: str
    unit_price: Price = Field(description="Unit price at the RFQ's quantity.")
    tiers: list[QuoteTierOut]
    moq: int
    lead_time_days: int
    sample_price: Price | None
    sample_days: int | None
    incoterm: str
    port: str
    valid_until: date
    notes: str
    product_id: int | None
    revisions: int
    fx: dict = Field(description="The unit price in the buyer's currency and the rate used.")
    created_at: datetime
    attachments: list[RfqAttachmentOut]


class ComparedQuoteOut(QuoteOut):
    converted_unit_price: Price | None = Field(
        description="Approximate unit price in the buyer's currency."
    )
    converted_currency: str
    rate: str | None


class AwardOut(Schema):
    quote: QuoteOut
    order_draft: OrderDraftOut


class BoardQuery(Schema):
    category_id: int | None = Field(None, ge=1, le=2**63 - 1)
    country: str = Field("", max_length=2)
    min_quantity: int | None = Field(None, ge=1, le=100_000_000)
    max_quantity: int | None = Field(None, ge=1, le=100_000_000)
    matched_only: bool = False
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class ListQuery(Schema):
    status: Literal["draft", "open", "closed", "awarded", "cancelled", "expired"] | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class CompareQuery(Schema):
    sort: Literal["price", "lead_time", "rating"] = "price"


RfqOut.model_rebuild()
QuoteOut.model_rebuild()
