"""Between the catalog API's JSON and the catalog's own objects.

Inbound: a ``ProductIn`` body becomes a ``services.ProductInput`` (decimal prices to
minor units of the product's currency with ``rules.price_minor``), and a stored
product becomes the ``ProductInput`` that would recreate it, so one sub-collection
can be replaced while the rest goes through ``save_product`` unchanged.

Outbound: products, quotes and storefronts become plain dicts for the response
schemas, reading only what the selectors prefetched.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tradeloom.catalog import rules
from tradeloom.catalog.api_schemas import (
    CustomizationIn,
    LeadTimeIn,
    ProductIn,
    TierIn,
    VariantIn,
)
from tradeloom.catalog.models import Category, Product
from tradeloom.catalog.pricing import PriceQuote
from tradeloom.catalog.services import (
    CustomizationInput,
    ProductInput,
    TranslationInput,
    VariantInput,
)
from tradeloom.core.errors import DomainError
from tradeloom.core.money import Money

# --- inbound ------------------------------------------------------------------------------------


def _minor(
    value: str | None, currency: str, field: str, *, allow_zero=False, **where
) -> int | None:
    if value is None:
        return None
    try:
        return rules.price_minor(value, currency, field, allow_zero=allow_zero)
    except DomainError as error:
        error.details.update(where)
        raise


def tiers_input(rows: list[TierIn], currency: str) -> list[rules.TierInput]:
    return [
        rules.TierInput(
            row.min_quantity, row.max_quantity, _minor(row.unit_price, currency, "tiers", tier=i)
        )
        for i, row in enumerate(rows)
    ]


def lead_times_input(rows: list[LeadTimeIn]) -> list[rules.LeadTimeInput]:
    return [rules.LeadTimeInput(row.max_quantity, row.days) for row in rows]


def variants_input(rows: list[VariantIn], currency: str) -> list[VariantInput]:
    return [
        VariantInput(
            row.sku,
            dict(row.options),
            _minor(row.price_override, currency, "variants", variant=i),
        )
        for i, row in enumerate(rows)
    ]


def customizations_input(rows: list[CustomizationIn], currency: str) -> list[CustomizationInput]:
    return [
        CustomizationInput(
            str(row.kind),
            row.moq,
            _minor(row.surcharge, currency, "customizations", allow_zero=True, customization=i),
            row.note,
        )
        for i, row in enumerate(rows)
    ]


def product_input(body: ProductIn) -> ProductInput:
    """The service's input for a product body; prices in the body's currency."""
    currency = rules.currency(body.currency)  # first, so prices are read in a known currency
    return ProductInput(
        category_id=body.category_id,
        translations=[
            TranslationInput(t.language, t.title, t.description, t.keywords)
            for t in body.translations
        ],
        default_language=body.default_language,
        attributes=dict(body.attributes),
        unit=str(body.unit),
        moq=body.moq,
        order_increment=body.order_increment,
        price_mode=str(body.price_mode),
        currency=currency,
        tiers=tiers_input(body.tiers, currency),
        fob_min_minor=_minor(body.fob_min, currency, "fob_min"),
        fob_max_minor=_minor(body.fob_max, currency, "fob_max"),
        lead_times=lead_times_input(body.lead_times),
        variants=variants_input(body.variants, currency),
        customizations=customizations_input(body.customizations, currency),
        supply_capacity_month=body.supply_capacity_month,
        port_of_loading=body.port_of_loading,
        hs_code=body.hs_code,
        units_per_carton=body.packing.units_per_carton,
        carton_length_cm=body.packing.carton_length_cm,
        carton_width_cm=body.packing.carton_width_cm,
        carton_height_cm=body.packing.carton_height_cm,
        carton_gross_weight_kg=body.packing.carton_gross_weight_kg,
        samples_available=body.samples.available,
        sample_price_minor=_minor(body.samples.price, currency, "sample_price", allow_zero=True),
        sample_lead_days=body.samples.lead_days,
        ready_to_ship=body.ready_to_ship,
        stock_quantity=body.stock_quantity,
        group_id=body.group_id,
    )


def stored_input(product: Product) -> ProductInput:
    """The input that would save ``product`` as it is (children read from the prefetch)."""
    return ProductInput(
        category_id=product.category_id,
        translations=[
            TranslationInput(t.language, t.title, t.description, t.keywords)
            for t in product.translations.all()
        ],
        default_language=product.default_language,
        attributes=dict(product.attributes),
        unit=product.unit,
        moq=product.moq,
        order_increment=product.order_increment,
        price_mode=product.price_mode,
        currency=product.currency,
        tiers=[
            rules.TierInput(t.min_quantity, t.max_quantity, t.unit_price_minor)
            for t in product.tiers.all()
        ],
        fob_min_minor=product.fob_min_minor,
        fob_max_minor=product.fob_max_minor,
        lead_times=[
            rules.LeadTimeInput(row.max_quantity, row.days) for row in product.lead_times.all()
        ],
        variants=[
            VariantInput(v.sku, dict(v.options), v.price_override_minor)
            for v in product.variants.all()
        ],
        customizations=[
            CustomizationInput(c.kind, c.moq, c.surcharge_minor, c.note)
            for c in product.customizations.all()
        ],
        supply_capacity_month=product.supply_capacity_month,
        port_of_loading=product.port_of_loading,
        hs_code=product.hs_code,
        units_per_carton=product.units_per_carton,
        carton_length_cm=product.carton_length_cm,
        carton_width_cm=product.carton_width_cm,
        carton_height_cm=product.carton_height_cm,
        carton_gross_weight_kg=product.carton_gross_weight_kg,
        samples_available=product.samples_available,
        sample_price_minor=product.sample_price_minor,
        sample_lead_days=product.sample_lead_days,
        ready_to_ship=product.ready_to_ship,
        stock_quantity=product.stock_quantity,
        group_id=product.group_id,
    )


# --- outbound ------------------------------------------------------------------------------------


def amount(minor: int | None, currency: str) -> str | None:
    """Minor units as the decimal string clients see: 720 USD -> "7.20", 1084 JPY -> "1084"."""
    return None if minor is None else str(Money.from_minor(minor, currency).amount)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def file_url(field, request) -> str | None:
    if not field:
        return None
    url = field.url
    return request.build_absolute_uri(url) if url.startswith("/") else url


def supplier_brief(company) -> dict[str, Any]:
    return {
        "id": company.pk,
        "slug": company.slug,
        "display_name": company.display_name,
        "country": company.country.code or "",
        "verification_status": company.verification_status,
        "member_since": company.created_at.date(),
    }


def category_brief(category: Category) -> dict[str, Any]:
    return {
        "id": category.pk,
        "slug": category.slug,
        "path": category.path,
        "names": category.names,
    }


def image(row, request) -> dict[str, Any]:
    return {
        "id": row.pk,
        "url": file_url(row.image, request),
        "thumbnail_url": file_url(row.thumbnail, request),
        "alt": row.alt,
        "position": row.position,
    }


def tier(row, currency: str) -> dict[str, Any]:
    return {
        "min_quantity": row.min_quantity,
        "max_quantity": row.max_quantity,
        "unit_price": amount(row.unit_price_minor, currency),
    }


def _price_range(product: Product) -> tuple[str | None, str | None]:
    if product.price_mode == Product.PriceMode.TIERS:
        prices = [t.unit_price_minor for t in product.tiers.all()]
        if not prices:
            return None, None
        return amount(min(prices), product.currency), amount(max(prices), product.currency)
    return amount(product.fob_min_minor, product.currency), amount(
        product.fob_max_minor, product.currency
    )


def card(product: Product, request, *, own: bool = False) -> dict[str, Any]:
    images = list(product.images.all())
    low, high = _price_range(product)
    out = {
        "id": product.pk,
        "title": product.title(),
        "category": category_brief(product.category),
        "unit": product.unit,
        "moq": product.moq,
        "price_mode": product.price_mode,
        "currency": product.currency,
        "price_from": low,
        "price_to": high,
        "thumbnail_url": file_url(images[0].thumbnail, request) if images else None,
        "ready_to_ship": product.ready_to_ship,
        "supplier": supplier_brief(product.supplier),
    }
    if own:
        out |= {
            "status": product.status,
            "updated_at": product.updated_at,
            "rejection_reason": product.rejection_reason,
        }
    return out


def page(queryset, query, render) -> dict[str, Any]:
    items = queryset[query.offset : query.offset + query.limit]
    return {
        "count": queryset.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [render(p) for p in items],
    }


def detail(product: Product, request, *, own: bool = False) -> dict[str, Any]:
    currency = product.currency
    out = {
        "id": product.pk,
        "title": product.title(),
        "default_language": product.default_language,
        "translations": [
            {
                "language": t.language,
                "title": t.title,
                "description": t.description,
                "keywords": t.keywords,
            }
            for t in product.translations.all()
        ],
        "category": category_brief(product.category),
        "attributes": product.attributes,
        "unit": product.unit,
        "moq": product.moq,
        "order_increment": product.order_increment,
        "price_mode": product.price_mode,
        "currency": currency,
        "tiers": [tier(t, currency) for t in product.tiers.all()],
        "fob_min": amount(product.fob_min_minor, currency),
        "fob_max": amount(product.fob_max_minor, currency),
        "lead_times": [
            {"max_quantity": r.max_quantity, "days": r.days} for r in product.lead_times.all()
        ],
        "variants": [
            {
                "id": v.pk,
                "sku": v.sku,
                "options": v.options,
                "price_override": amount(v.price_override_minor, currency),
            }
            for v in product.variants.all()
        ],
        "customizations": [
            {
                "kind": c.kind,
                "moq": c.moq,
                "surcharge": amount(c.surcharge_minor, currency),
                "note": c.note,
            }
            for c in product.customizations.all()
        ],
        "supply_capacity_month": product.supply_capacity_month,
        "port_of_loading": product.port_of_loading,
        "hs_code": product.hs_code,
        "packing": {
            "units_per_carton": product.units_per_carton,
            "carton_length_cm": _decimal(product.carton_length_cm),
            "carton_width_cm": _decimal(product.carton_width_cm),
            "carton_height_cm": _decimal(product.carton_height_cm),
            "carton_gross_weight_kg": _decimal(product.carton_gross_weight_kg),
        },
        "samples": {
            "available": product.samples_available,
            "price": amount(product.sample_price_minor, currency),
            "lead_days": product.sample_lead_days,
        },
        "ready_to_ship": product.ready_to_ship,
        "stock_quantity": product.stock_quantity,
        "images": [image(i, request) for i in product.images.all()],
        "group": (
            {"id": product.group.pk, "name": product.group.name, "position": product.group.position}
            if product.group
            else None
        ),
        "supplier": supplier_brief(product.supplier),
        "live_at": product.live_at,
    }
    if own:
        out |= {
            "status": product.status,
            "rejection_reason": product.rejection_reason,
            "created_at": product.created_at,
            "updated_at": product.updated_at,
        }
    return out


def quote(result: PriceQuote, product: Product, kinds: list[str]) -> dict[str, Any]:
    currency = product.currency
    converted = None
    if result.shown_unit is not None:
        evidence = result.shown_unit.snapshot()
        converted = {
            "currency": result.shown_unit.result.currency,
            "unit_price": str(result.shown_unit.result.amount),
            "line_total": str(result.shown_total.result.amount) if result.shown_total else None,
            "rate": evidence["rate"],
            "rate_ids": evidence["rate_ids"],
            "source": evidence["source"],
            "as_of": result.shown_unit.as_of,
        }
    return {
        "product_id": result.product_id,
        "variant_id": result.variant_id,
        "quantity": result.quantity,
        "currency": currency,
        "unit_price": str(result.unit_price.amount) if result.unit_price is not None else None,
        "surcharge": str((result.surcharge or Money.zero(currency)).amount),
        "line_total": str(result.line_total.amount) if result.line_total is not None else None,
        "tier": tier(result.tier, currency) if result.tier is not None else None,
        "customizations": kinds,
        "ok": result.ok,
        "problems": [{"code": p.code, "message": p.message} for p in result.problems],
        "converted": converted,
        "approximate": result.approximate,
    }


def attribute(row) -> dict[str, Any]:
    return {
        "code": row.code,
        "kind": row.kind,
        "unit": row.unit,
        "names": row.names,
        "values": [{"code": v.code, "names": v.names} for v in row.values.all()],
    }


def category(row: Category, parent_slug: str | None) -> dict[str, Any]:
    return {
        "id": row.pk,
        "slug": row.slug,
        "parent": parent_slug,
        "path": row.path,
        "depth": row.depth,
        "is_leaf": row.is_leaf,
        "names": row.names,
        "synonyms": row.synonyms or {},
        "attributes": [attribute(a) for a in row.attributes.all()],
    }
