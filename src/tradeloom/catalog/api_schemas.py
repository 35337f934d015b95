"""Request and response schemas of the catalog API.

Prices travel as decimal strings in the product's currency (``"7.20"``), never as
JSON numbers, so no client ever rounds money through a float. Bounds on plain
numbers only keep values inside their database columns; the trade rules (tiers,
MOQ, lead times, prices) are checked by ``services.save_product`` so the API, the
web form and the import answer them with the same codes.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from tradeloom.api.schemas import InputSchema, ObjectId
from tradeloom.catalog.models import Attribute, CustomizationOption, Product, SupplierProfile
from tradeloom.catalog.rules import MAX_QUANTITY

Language = Literal["en", "ja", "zh-hans"]


def _one_of(choices: type) -> Any:
    """The model's choices inline in the schema: an enum class would become a component
    named after the class ("Kind", "Status"), which other apps' enums overwrite."""
    return Literal[tuple(choices.values)]


Unit = _one_of(Product.Unit)
PriceMode = _one_of(Product.PriceMode)
Status = _one_of(Product.Status)
CustomizationKind = _one_of(CustomizationOption.Kind)
AttributeKind = _one_of(Attribute.Kind)
BusinessType = _one_of(SupplierProfile.BusinessType)
Names = dict[str, str]
Price = Annotated[
    str,
    Field(
        min_length=1,
        max_length=32,
        description='A decimal amount in the product\'s currency, as a string: "7.20".',
        examples=["7.20"],
    ),
]
Quantity = Annotated[int, Field(ge=1, le=MAX_QUANTITY)]
# A PostgreSQL integer column holds up to 2**31 - 1.
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
CartonCm = Annotated[Decimal, Field(gt=0, max_digits=7, decimal_places=1)]
AttributeInput = (
    bool
    | int
    | float
    | Annotated[str, Field(max_length=200)]
    | Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=30)]
)


Slug = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]


class CatalogInput(InputSchema):
    """A request body of the catalog (text checks come with ``InputSchema``)."""


# --- writing a product --------------------------------------------------------------------


class TranslationIn(CatalogInput):
    language: Language
    title: str = Field(max_length=200)
    description: str = Field(
        "", max_length=20000, description="Simple HTML; anything else is removed."
    )
    keywords: str = Field("", max_length=400)


class TierIn(CatalogInput):
    min_quantity: Quantity
    max_quantity: Quantity | None = Field(None, description="Empty for the open last tier.")
    unit_price: Price


class LeadTimeIn(CatalogInput):
    max_quantity: Quantity | None = Field(
        None, description="Orders up to this quantity; empty for any larger quantity."
    )
    days: int = Field(ge=1, le=365, description="Days to ship.")


class VariantIn(CatalogInput):
    sku: str = Field(min_length=1, max_length=64)
    options: dict[Annotated[str, Field(max_length=30)], Annotated[str, Field(max_length=60)]] = (
        Field(default_factory=dict, max_length=10, examples=[{"colour": "navy", "size": "M"}])
    )
    price_override: Price | None = Field(None, description="Replaces the tier price.")


class CustomizationIn(CatalogInput):
    kind: CustomizationKind
    moq: Quantity
    surcharge: Price = Field("0", description="Added to the unit price, per unit.")
    note: str = Field("", max_length=200)


class PackingIn(CatalogInput):
    units_per_carton: int | None = Field(None, ge=1, le=1_000_000)
    carton_length_cm: CartonCm | None = None
    carton_width_cm: CartonCm | None = None
    carton_height_cm: CartonCm | None = None
    carton_gross_weight_kg: (
        Annotated[Decimal, Field(gt=0, max_digits=8, decimal_places=2)] | None
    ) = None


class SamplesIn(CatalogInput):
    available: bool = False
    price: Price | None = Field(None, description='"0" for free samples.')
    lead_days: int | None = Field(None, ge=1, le=365)


class ProductIn(CatalogInput):
    """A whole product. Creating and replacing (PUT) take the same body."""

    category_id: ObjectId = Field(description="A leaf category from GET /categories.")
    default_language: Language = "en"
    translations: list[TranslationIn] = Field(
        min_length=1, max_length=3, description="The default language needs a title."
    )
    attributes: dict[Annotated[str, Field(max_length=60)], AttributeInput] = Field(
        default_factory=dict,
        max_length=50,
        description="Attribute code -> value code(s), number or text, as the category declares.",
    )
    unit: Unit = "piece"
    moq: Quantity = 1
    order_increment: Quantity = 1
    price_mode: PriceMode = "tiers"
    currency: str = Field("USD", min_length=3, max_length=3, description="ISO 4217 code.")
    tiers: list[TierIn] = Field(default_factory=list, max_length=50)
    fob_min: Price | None = None
    fob_max: Price | None = None
    lead_times: list[LeadTimeIn] = Field(default_factory=list, max_length=50)
    variants: list[VariantIn] = Field(default_factory=list, max_length=500)
    customizations: list[CustomizationIn] = Field(default_factory=list, max_length=10)
    supply_capacity_month: Count | None = None
    port_of_loading: str = Field("", max_length=80)
    hs_code: str = Field("", max_length=12)
    packing: PackingIn = Field(default_factory=PackingIn)
    samples: SamplesIn = Field(default_factory=SamplesIn)
    ready_to_ship: bool = False
    stock_quantity: Count = 0
    group_id: ObjectId | None = Field(None, description="One of your product groups.")


class TiersIn(CatalogInput):
    tiers: list[TierIn] = Field(max_length=50)


class LeadTimesIn(CatalogInput):
    lead_times: list[LeadTimeIn] = Field(max_length=50)


class VariantsIn(CatalogInput):
    variants: list[VariantIn] = Field(max_length=500)


class CustomizationsIn(CatalogInput):
    customizations: list[CustomizationIn] = Field(max_length=10)


class ImageOrderIn(CatalogInput):
    image_ids: list[ObjectId] = Field(max_length=50, description="Every image, in the new order.")


class ImageAltIn(CatalogInput):
    alt: str = Field(max_length=200, description="What the image shows, for screen readers.")


class GroupIn(CatalogInput):
    name: str = Field(min_length=1, max_length=80)


class RejectIn(CatalogInput):
    reason: str = Field(min_length=1, max_length=2000, description="Shown to the supplier.")


# --- filters ------------------------------------------------------------------------------------


class PageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class OwnProductsQuery(PageQuery):
    status: Status | None = None


class LiveProductsQuery(PageQuery):
    category: Slug | None = Field(
        None, description="A category slug; its whole subtree is included."
    )
    supplier: Slug | None = Field(None, description="A supplier's slug.")


class StorefrontQuery(PageQuery):
    group: ObjectId | None = Field(None, description="Only this product group.")


class PriceQuery(Schema):
    quantity: Quantity
    variant: ObjectId | None = Field(None, description="A variant id of the product.")
    customizations: str | None = Field(
        None,
        max_length=100,
        pattern=r"^[a-z, ]*$",
        description="Customization kinds, comma-separated: logo,label.",
    )
    currency: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{3}$",
        description="Also show the price in this currency (ISO 4217).",
    )


# --- reading products ---------------------------------------------------------------------------


class SupplierBrief(Schema):
    id: int
    slug: str
    display_name: str
    country: str
    verification_status: str
    member_since: date


class CategoryBrief(Schema):
    id: int
    slug: str
    path: str
    names: Names


class GroupOut(Schema):
    id: int
    name: str
    position: int


class ImageOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    alt: str
    position: int


class TranslationOut(Schema):
    language: str
    title: str
    description: str = Field(description="Sanitised HTML.")
    keywords: str


class TierOut(Schema):
    min_quantity: int
    max_quantity: int | None
    unit_price: str


class LeadTimeOut(Schema):
    max_quantity: int | None
    days: int


class VariantOut(Schema):
    id: int
    sku: str
    options: dict[str, str]
    price_override: str | None


class CustomizationOut(Schema):
    kind: CustomizationKind
    moq: int
    surcharge: str
    note: str


class PackingOut(Schema):
    units_per_carton: int | None
    carton_length_cm: str | None
    carton_width_cm: str | None
    carton_height_cm: str | None
    carton_gross_weight_kg: str | None


class SamplesOut(Schema):
    available: bool
    price: str | None
    lead_days: int | None


class ProductCard(Schema):
    """A product in a list."""

    id: int
    title: str = Field(description="In the request's language, else the default language.")
    category: CategoryBrief
    unit: Unit
    moq: int
    price_mode: PriceMode
    currency: str
    price_from: str | None = Field(description="The lowest tier price (or FOB minimum).")
    price_to: str | None = Field(description="The highest tier price (or FOB maximum).")
    thumbnail_url: str | None
    ready_to_ship: bool
    supplier: SupplierBrief


class OwnProductCard(ProductCard):
    status: Status
    updated_at: datetime


class ProductPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProductCard]


class OwnProductPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OwnProductCard]


class ProductOut(Schema):
    """A product with everything a product page shows."""

    id: int
    title: str
    default_language: str
    translations: list[TranslationOut]
    category: CategoryBrief
    attributes: dict[str, Any]
    unit: Unit
    moq: int
    order_increment: int
    price_mode: PriceMode
    currency: str
    tiers: list[TierOut]
    fob_min: str | None
    fob_max: str | None
    lead_times: list[LeadTimeOut]
    variants: list[VariantOut]
    customizations: list[CustomizationOut]
    supply_capacity_month: int | None
    port_of_loading: str
    hs_code: str
    packing: PackingOut
    samples: SamplesOut
    ready_to_ship: bool
    stock_quantity: int
    images: list[ImageOut]
    group: GroupOut | None
    supplier: SupplierBrief
    live_at: datetime | None


class OwnProductOut(ProductOut):
    status: Status
    rejection_reason: str
    created_at: datetime
    updated_at: datetime


# --- prices ---------------------------------------------------------------------------------------


class PriceProblemOut(Schema):
    code: str = Field(description="below_moq, not_increment, below_customization_moq, …")
    message: str


class ConvertedOut(Schema):
    currency: str
    unit_price: str
    line_total: str | None
    rate: str = Field(description="Units of this currency per unit of the product's currency.")
    rate_ids: list[int]
    source: str
    as_of: datetime | None


class PriceQuoteOut(Schema):
    product_id: int
    variant_id: int | None
    quantity: int
    currency: str = Field(description="The product's currency: the price the supplier charges.")
    unit_price: str | None = Field(description="Tier or variant price plus surcharges.")
    surcharge: str = Field(description="Customization surcharges per unit.")
    line_total: str | None
    tier: TierOut | None
    customizations: list[CustomizationKind]
    ok: bool = Field(description="True when the quantity can be ordered at this price.")
    problems: list[PriceProblemOut]
    converted: ConvertedOut | None = Field(
        description="The same figures in the requested currency from stored FX rates; "
        "null when none was asked for or no rate is known."
    )
    approximate: bool = Field(description="True when ``converted`` used an FX rate.")


# --- storefronts and categories ----------------------------------------------------------------


class MarketShare(Schema):
    market: str
    share: int


class ProfileOut(Schema):
    about: str
    business_type: BusinessType
    established_year: int | None
    staff_count: int | None
    factory_area_m2: int | None
    annual_output: str
    main_markets: list[MarketShare]


class CertificationOut(Schema):
    name: str
    issuer: str
    valid_until: date | None
    file_url: str | None


class FactoryPhotoOut(Schema):
    url: str
    caption: str


class StorefrontOut(Schema):
    supplier: SupplierBrief
    website: str
    languages: list[str]
    logo_url: str | None
    profile: ProfileOut | None
    certifications: list[CertificationOut]
    factory_photos: list[FactoryPhotoOut]
    groups: list[GroupOut] = Field(description="The supplier's groups that hold live products.")
    products: ProductPage


class AttributeValueOut(Schema):
    code: str
    names: Names


class AttributeOut(Schema):
    code: str
    kind: AttributeKind
    unit: str
    names: Names
    values: list[AttributeValueOut]


class CategoryOut(Schema):
    id: int
    slug: str
    parent: str | None = Field(description="The parent's slug.")
    path: str
    depth: int
    is_leaf: bool
    names: Names
    synonyms: dict[str, list[str]]
    attributes: list[AttributeOut] = Field(description="Declared on this category itself.")


class CategoryDetailOut(CategoryOut):
    ancestors: list[CategoryBrief]
    effective_attributes: list[AttributeOut] = Field(
        description="What a product of this category may carry: its own and inherited ones."
    )


class ModerationItem(OwnProductCard):
    rejection_reason: str


# --- import jobs --------------------------------------------------------------------------------


class ImportErrorOut(Schema):
    row: int = Field(description="The spreadsheet row, counting the header as row 1.")
    column: str
    message: str


class ImportJobOut(Schema):
    id: int
    original_name: str
    format: Literal["csv", "xlsx"]
    encoding: str = Field(
        description="How a CSV file was read: utf-8, utf-8-sig, utf-16, cp932 (Shift_JIS) or "
        "gb18030 (GBK); empty for XLSX."
    )
    status: Literal["queued", "running", "done", "failed"]
    total_rows: int
    processed_rows: int
    percent: int
    created_count: int
    updated_count: int
    unchanged_count: int
    rejected_count: int = Field(description="Products not saved because a row was wrong.")
    error_count: int
    errors: list[ImportErrorOut] = Field(description="The first errors; all are in the report.")
    error_report_url: str | None = Field(description="Every error as CSV: row, column, message.")
    failure: str = Field(description="Why the whole job failed, if it did.")
    stuck: bool = Field(description="No sign of life for too long: it may be restarted.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ImportJobPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ImportJobOut]
