"""The search API: products, suppliers and suggestions, with the web page's parameters.

Public: the index holds live listings and public company facts only. Parameters are
read by the same parser as the web page, so a value that cannot be used is left out
and explained in ``warnings`` rather than failing the request.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from tradeloom.accounts.models import Company
from tradeloom.api.schemas import PUBLIC, errors
from tradeloom.catalog.models import Product
from tradeloom.core.money import Money
from tradeloom.search.params import parse_products, parse_suppliers
from tradeloom.search.query import fx_rate, search_products, search_suppliers, supplier_facts
from tradeloom.search.suggest import suggest

router = Router(tags=["search"])

Text = str | None


class ProductSearchQuery(Schema):
    q: Text = Field(None, description="Words in any language; operators are plain text.")
    category: Text = Field(None, description="A category slug; its subtree is included.")
    currency: Text = Field(None, description="ISO 4217 code prices are compared in.")
    price_min: Text = Field(None, description="Lowest unit price, in `currency`.")
    price_max: Text = Field(None, description="Highest unit price, in `currency`.")
    quantity: Text = Field(None, description="Compare the unit price at this quantity.")
    moq_max: Text = Field(None, description="Minimum order quantity at most this.")
    lead_max: Text = Field(None, description="Shortest lead time at most this many days.")
    country: Text = Field(None, description="Supplier countries, comma-separated ISO codes.")
    cert: Text = Field(None, description="Certification codes, comma-separated.")
    verified: Text = Field(None, description="`1`: verified suppliers only.")
    ready: Text = Field(None, description="`1`: ready to ship only.")
    samples: Text = Field(None, description="`1`: samples available only.")
    custom: Text = Field(None, description="`1`: customization available only.")
    sort: Text = Field(None, description="`relevance` (default), `price`, `moq` or `newest`.")
    page: Text = Field(None, description="Page number, from 1.")


class SupplierSearchQuery(Schema):
    q: Text = None
    country: Text = Field(None, description="Comma-separated ISO country codes.")
    business_type: Text = Field(None, description="`manufacturer`, `trading` or `both`.")
    verified: Text = None
    category: Text = Field(None, description="Suppliers whose main products are here.")
    page: Text = None


class SuggestQuery(Schema):
    q: Text = Field(None, description="What the buyer has typed so far.")


class SupplierRef(Schema):
    id: int
    name: str
    slug: str
    country: str
    verified: bool


class ProductHit(Schema):
    id: int
    title: str
    category: str
    supplier: SupplierRef
    moq: int
    unit: str
    currency: str
    price_from: Decimal | None = Field(description="Lowest tier unit price, supplier currency.")
    price_shown: Decimal | None = Field(description="That price in the asked currency (approx.).")
    ready_to_ship: bool
    score: float


class Facet(Schema):
    value: str
    count: int


class ProductFacets(Schema):
    categories: list[Facet]
    countries: list[Facet]
    certifications: list[Facet]
    flags: dict[str, int]
    moq_at_most: list[Facet]
    lead_days_at_most: list[Facet]


class ProductSearchOut(Schema):
    total: int
    page: int
    pages: int
    currency: str
    relaxed: bool = Field(description="No listing had every word; these have some.")
    warnings: list[str]
    expansion: list[dict]
    results: list[ProductHit]
    facets: ProductFacets
    without_filter: dict[str, int] = Field(
        description="On an empty page: count per dropped filter."
    )


class SupplierHit(SupplierRef):
    business_type: str  # manufacturer, trading, both, or ""
    established_year: int | None
    product_count: int
    main_categories: list[str]  # category slugs, most products first


class SupplierSearchOut(Schema):
    total: int
    page: int
    pages: int
    warnings: list[str]
    results: list[SupplierHit]


class SuggestionOut(Schema):
    kind: str
    text: str
    category: str | None = None
    product_id: int | None = None


def _supplier(company: Company) -> dict:
    return {
        "id": company.pk,
        "name": company.display_name,
        "slug": company.slug,
        "country": str(company.country or ""),
        "verified": company.verification_status == "verified",
    }


@router.get(
    "/search/products",
    response={200: ProductSearchOut, **errors()},
    auth=None,
    openapi_extra=PUBLIC,
    summary="Search live products in any language, with facet counts",
)
def product_search(request, filters: Query[ProductSearchQuery]):
    pq, warnings = parse_products(request.GET, currency="USD")
    results = search_products(pq, warnings)
    language = (get_language() or "en").lower()
    products = (
        Product.objects.filter(pk__in=results.ids, status=Product.Status.LIVE)
        .select_related("supplier", "category")
        .prefetch_related("translations", "tiers")
    )
    by_id = {p.pk: p for p in products}
    hits = []
    for pid, score in zip(results.ids, results.scores, strict=True):
        product = by_id.get(pid)
        if product is None:
            continue
        prices = [t.unit_price_minor for t in product.tiers.all()]
        low = Money.from_minor(min(prices), product.currency) if prices else None
        shown = None
        if low is not None:
            rate = fx_rate(product.currency, pq.currency)
            shown = Money(low.amount * rate, pq.currency).amount if rate else None
        hits.append(
            {
                "id": pid,
                "title": product.title(language),
                "category": product.category.slug,
                "supplier": _supplier(product.supplier),
                "moq": product.moq,
                "unit": product.unit,
                "currency": product.currency,
                "price_from": low.amount if low else None,
                "price_shown": shown,
                "ready_to_ship": product.ready_to_ship,
                "score": round(score, 6),
            }
        )
    f = results.facets
    return {
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "currency": pq.currency,
        "relaxed": results.relaxed,
        "warnings": results.warnings,
        "expansion": results.expansion,
        "results": hits,
        "facets": {
            "categories": [{"value": c["slug"], "count": c["count"]} for c in f.categories],
            "countries": [{"value": c, "count": n} for c, n in f.countries],
            "certifications": [{"value": c, "count": n} for c, n in f.certs],
            "flags": f.flags,
            "moq_at_most": [{"value": str(v), "count": n} for v, n in f.moq],
            "lead_days_at_most": [{"value": str(v), "count": n} for v, n in f.lead],
        },
        "without_filter": results.without,
    }


@router.get(
    "/search/suppliers",
    response={200: SupplierSearchOut, **errors()},
    auth=None,
    openapi_extra=PUBLIC,
    summary="Search supplier companies by name, profile and main products",
)
def supplier_search(request, filters: Query[SupplierSearchQuery]):
    sq, warnings = parse_suppliers(request.GET)
    results = search_suppliers(sq, warnings)
    return {
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "warnings": results.warnings,
        "results": [
            {
                **_supplier(f.company),
                "business_type": f.profile.business_type if f.profile else "",
                "established_year": f.profile.established_year if f.profile else None,
                "product_count": f.product_count,
                "main_categories": [c.slug for c in f.categories],
            }
            for f in supplier_facts(results.ids)
        ],
    }


@router.get(
    "/search/suggestions",
    response={200: list[SuggestionOut], **errors()},
    auth=None,
    openapi_extra=PUBLIC,
    summary="Autocomplete: popular searches, categories and titles continuing what was typed",
)
def suggestions(request, filters: Query[SuggestQuery]):
    language = (get_language() or "en").lower()
    return [
        {
            "kind": s.kind,
            "text": s.text,
            "category": s.slug or None,
            "product_id": s.product_id,
        }
        for s in suggest(request.GET.get("q", ""), language=language)
    ]
