"""The public side of the catalog API: live products, price quotes, storefronts and
categories for anyone, and the caller's own favourites.

Nothing here shows a listing that is not live: a draft, pending, rejected or hidden
product answers 404 exactly like one that does not exist.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router

from tradeloom.api.auth import caller
from tradeloom.api.schemas import PUBLIC, SELF, ObjectId, errors
from tradeloom.catalog import api_convert as convert
from tradeloom.catalog import rules, selectors, services
from tradeloom.catalog.api_schemas import (
    CategoryDetailOut,
    CategoryOut,
    LiveProductsQuery,
    PriceQuery,
    PriceQuoteOut,
    ProductCard,
    ProductOut,
    ProductPage,
    Slug,
    StorefrontOut,
    StorefrontQuery,
)
from tradeloom.catalog.models import Category, Product, ProductGroup
from tradeloom.catalog.pricing import resolve_price
from tradeloom.core.errors import NotFound

router = Router()


# --- the public catalogue -------------------------------------------------------------------------


def _cards(products):
    return products.select_related("supplier", "category").prefetch_related(
        "translations", "tiers", "images"
    )


@router.get(
    "/products",
    response={200: ProductPage, **errors(404)},
    auth=None,
    openapi_extra=PUBLIC,
    tags=["catalogue"],
    summary="Live products, newest first, by category (with its subcategories) or supplier",
)
def list_products(request, filters: Query[LiveProductsQuery]):
    products = selectors.live_products()
    if filters.category:
        category = Category.objects.filter(slug=filters.category).first()
        if category is None:
            raise NotFound(_("No such category."))
        products = products.filter(category__path__startswith=category.path)
    if filters.supplier:
        products = products.filter(supplier=selectors.storefront(filters.supplier))
    products = _cards(products.order_by("-live_at", "-id"))
    return convert.page(products, filters, lambda p: convert.card(p, request))


@router.get(
    "/products/{product_id}",
    response={200: ProductOut, **errors(404)},
    auth=None,
    openapi_extra=PUBLIC,
    tags=["catalogue"],
    summary="A live product in all its languages, with tiers, lead times, variants and images",
)
def get_product(request, product_id: ObjectId):
    return convert.detail(selectors.live_product(product_id), request)


@router.get(
    "/products/{product_id}/price",
    response={200: PriceQuoteOut, **errors(400, 404)},
    auth=None,
    openapi_extra=PUBLIC,
    tags=["catalogue"],
    summary="What a quantity costs: unit price, tier, total and problems such as the MOQ, "
    "optionally shown in another currency",
)
def quote_price(request, product_id: ObjectId, query: Query[PriceQuery]):
    product = selectors.live_product(product_id)
    variant = None
    if query.variant is not None:
        variant = next((v for v in product.variants.all() if v.pk == query.variant), None)
        if variant is None:
            raise NotFound(_("No such variant."))
    offered = {c.kind: c for c in product.customizations.all()}
    kinds = list(
        dict.fromkeys(k.strip() for k in (query.customizations or "").split(",") if k.strip())
    )
    unknown = [k for k in kinds if k not in offered]
    if unknown:
        raise rules.invalid(
            "customizations",
            _("This product offers no “%(kind)s” customization.") % {"kind": unknown[0]},
            "invalid_customization",
        )
    currency = rules.currency(query.currency) if query.currency else None
    result = resolve_price(
        product,
        query.quantity,
        variant=variant,
        customizations=[offered[k] for k in kinds],
        buyer=None,  # a public quote is the list price; buyer-specific prices need a caller
        currency=currency,
    )
    return convert.quote(result, product, kinds)


@router.get(
    "/storefronts/{slug}",
    response={200: StorefrontOut, **errors(404)},
    auth=None,
    openapi_extra=PUBLIC,
    tags=["catalogue"],
    summary="A supplier's storefront: company profile, certifications, factory photos, "
    "product groups and live products",
)
def get_storefront(request, slug: Slug, filters: Query[StorefrontQuery]):
    company = selectors.storefront(slug)
    products = selectors.storefront_products(company).select_related("supplier")
    if filters.group is not None:
        products = products.filter(group_id=filters.group)
    profile = getattr(company, "profile", None)
    groups = ProductGroup.objects.filter(
        supplier=company, products__status=Product.Status.LIVE
    ).distinct()
    return {
        "supplier": convert.supplier_brief(company),
        "website": company.website,
        "languages": company.languages or [],
        "logo_url": convert.file_url(company.logo, request),
        "profile": profile,
        "certifications": [
            {
                "name": c.name,
                "issuer": c.issuer,
                "valid_until": c.valid_until,
                "file_url": convert.file_url(c.file, request),
            }
            for c in company.certifications.all()
        ],
        "factory_photos": [
            {"url": convert.file_url(p.image, request), "caption": p.caption}
            for p in company.factory_photos.all()
        ],
        "groups": groups,
        "products": convert.page(
            products.order_by("group__position", "-live_at", "-id"),
            filters,
            lambda p: convert.card(p, request),
        ),
    }


@router.get(
    "/categories",
    response={200: list[CategoryOut], **errors()},
    auth=None,
    openapi_extra=PUBLIC,
    tags=["catalogue"],
    summary="The category tree in tree order, names in English, Japanese and Chinese, with "
    "the attributes each category declares",
)
def list_categories(request):
    categories = list(Category.objects.order_by("path").prefetch_related("attributes__values"))
    slugs = {c.pk: c.slug for c in categories}
    return [convert.category(c, slugs.get(c.parent_id)) for c in categories]


@router.get(
    "/categories/{category_slug}",
    response={200: CategoryDetailOut, **errors(404)},
    auth=None,
    openapi_extra=PUBLIC,
    tags=["catalogue"],
    summary="One category with its ancestors and every attribute its products may carry",
)
def get_category(request, category_slug: Slug):
    category = (
        Category.objects.filter(slug=category_slug)
        .select_related("parent")
        .prefetch_related("attributes__values")
        .first()
    )
    if category is None:
        raise NotFound(_("No such category."))
    parent = category.parent.slug if category.parent else None
    return convert.category(category, parent) | {
        "ancestors": [convert.category_brief(c) for c in category.ancestors()],
        "effective_attributes": [
            convert.attribute(a) for a in services.category_attributes(category).values()
        ],
    }


# --- favourites -----------------------------------------------------------------------------------


@router.get(
    "/favourites",
    response={200: list[ProductCard], **errors()},
    openapi_extra=SELF,
    tags=["favourites"],
    summary="My favourite products that are live",
)
def list_favourites(request):
    return [convert.card(p, request) for p in selectors.favourites_of(caller(request).user)]


@router.put(
    "/favourites/{product_id}",
    response={204: None, **errors(404)},
    openapi_extra=SELF,
    tags=["favourites"],
    summary="Keep a live product among my favourites",
)
def add_favourite(request, product_id: ObjectId):
    services.set_favourite(caller(request).user, product_id, True)
    return 204, None


@router.delete(
    "/favourites/{product_id}",
    response={204: None, **errors(404)},
    openapi_extra=SELF,
    tags=["favourites"],
    summary="Remove a product from my favourites",
)
def remove_favourite(request, product_id: ObjectId):
    services.set_favourite(caller(request).user, product_id, False)
    return 204, None
