"""Pages anyone may see: a live product with its price calculator, and a supplier's storefront.

Each view records one analytics event (a spool-file line, never a database write).
"""

from __future__ import annotations

from django.core.cache import caches
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tradeloom.analytics.recorder import record
from tradeloom.catalog import selectors, services
from tradeloom.catalog.forms import CalculatorForm
from tradeloom.catalog.models import Attribute, Category, Product, ProductGroup
from tradeloom.catalog.pricing import PriceQuote, resolve_price, tier_prices
from tradeloom.catalog.views.common import (
    SESSION_CURRENCY,
    VIEWER_CURRENCIES,
    currency_is_fixed,
    profile_of,
    view_properties,
    viewer_currency,
)
from tradeloom.core.errors import DomainError
from tradeloom.core.fx import convert
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import TRADE_LANGUAGES
from tradeloom.web.pagecache import PAGE_CACHE, PAGE_SECONDS, anonymous_page

COMPARE_SESSION = "compare"
SECTION_SIZE = 10
PER_PAGE = 24


# --- the product page -------------------------------------------------------------------------


def calculation(
    request, product: Product, currency: str
) -> tuple[CalculatorForm, PriceQuote | None]:
    """The calculator form and the quote for what it asks (the MOQ when nothing is asked)."""
    bound = "quantity" in request.GET
    form = CalculatorForm(
        request.GET if bound else None, product=product, initial={"quantity": product.moq}
    )
    if bound and not form.is_valid():
        return form, None
    quantity, variant, options = form.chosen() if bound else (product.moq, None, [])
    membership = getattr(request, "membership", None)
    quote = resolve_price(
        product,
        quantity,
        variant=variant,
        customizations=options,
        buyer=membership.company if membership else None,
        currency=currency,
    )
    return form, quote


def lead_time_for(product: Product, quantity: int | None):
    if quantity is None:
        return None
    for row in product.lead_times.all():
        if row.max_quantity is None or quantity <= row.max_quantity:
            return row
    return None


def attribute_rows(product: Product) -> list[tuple[str, str]]:
    """The product's attribute values, labelled in the viewer's language."""
    if not product.attributes:
        return []
    declared = services.category_attributes(product.category)
    rows = []
    for code, attribute in declared.items():
        if code not in product.attributes:
            continue
        value = product.attributes[code]
        labels = {v.code: v.name() for v in attribute.values.all()}
        if attribute.kind == Attribute.Kind.MULTI:
            text = ", ".join(labels.get(v, v) for v in value)
        elif attribute.kind == Attribute.Kind.CHOICE:
            text = labels.get(value, value)
        elif attribute.kind == Attribute.Kind.BOOL:
            text = _("Yes") if value else _("No")
        else:
            text = f"{value} {attribute.unit}".strip()
        rows.append((attribute.name(), text))
    return rows


def option_axes(product: Product) -> list[tuple[str, list[str]]]:
    """The variants' option axes with their values: [("colour", ["navy", "grey"]), ...]."""
    axes: dict[str, list[str]] = {}
    for variant in product.variants.all():
        for name, value in variant.options.items():
            values = axes.setdefault(name, [])
            if value not in values:
                values.append(value)
    return sorted(axes.items())  # jsonb keeps no key order: sort for the same page everywhere


def _converted(money, currency: str):
    if money is None or money.currency == currency:
        return None
    try:
        return convert(money, currency)
    except DomainError:
        return None


def calculator_context(request, product: Product) -> dict:
    currency = viewer_currency(request)
    form, quote = calculation(request, product, currency)
    rows = list(product.lead_times.all())
    return {
        "product": product,
        "currency": currency,
        "calc_form": form,
        "quote": quote,
        "tiers": tier_prices(product, currency=currency),
        "lead": lead_time_for(product, quote.quantity if quote else None),
        "lead_rows": [
            {"row": row, "previous": rows[i - 1] if i else None} for i, row in enumerate(rows)
        ],
        "unit_label": product.get_unit_display(),
    }


def _page_key(request, product_id: int, currency: str, version: selectors.ListingVersion) -> str:
    """What a product page depends on besides the visitor: the listing's version, the
    language, the currency (and whether the visitor may change it) and the rate set."""
    language = (get_language() or "en").lower()
    fixed = currency_is_fixed(request)
    return "product-page:" + ":".join(
        str(part)
        for part in (product_id, version.stamp, language, currency, fixed, version.rate_set)
    )


def _page_parts(request, key: str, product_id: int, currency: str) -> dict:
    """The visitor-independent parts of a product page, rendered or from the page cache.

    They are cached under ``key`` (see ``_page_key``), so an edit, a status change or a
    new rate shows at once; supplier facts may lag by PAGE_SECONDS. A calculator
    question in the URL (``?quantity=``) is never cached.
    """
    cacheable = "quantity" not in request.GET
    parts = caches[PAGE_CACHE].get(key) if cacheable else None
    if parts is None:
        language = (get_language() or "en").lower()
        product = selectors.live_product(product_id)
        context = calculator_context(request, product)
        translation = product.translation(language)
        company = product.supplier
        context.update(
            {
                "translation": translation,
                "fallback": translation is not None and translation.language != language,
                "breadcrumbs": [*product.category.ancestors(), product.category],
                "images": list(product.images.all()),
                "attributes": attribute_rows(product),
                "option_axes": option_axes(product),
                "supplier": company,
                "profile": profile_of(company),
                "sample_converted": _converted(product.sample_price, currency),
                "currency_fixed": currency_is_fixed(request),
                "currencies": VIEWER_CURRENCIES,
            }
        )
        parts = {
            "product_id": product.pk,
            "supplier_id": company.pk,
            "supplier_slug": company.slug,
            "title": translation.title if translation else "",
            "top": str(render_to_string("catalog/_product_top.html", context)),
            "bottom": str(render_to_string("catalog/_product_bottom.html", context)),
        }
        if cacheable:
            caches[PAGE_CACHE].set(key, parts, PAGE_SECONDS)
    # Both parts are our own template output, escaped when they were rendered.
    return {**parts, "top": mark_safe(parts["top"]), "bottom": mark_safe(parts["bottom"])}


@require_GET
@handles_domain_errors
def product_page(request, pk: int):
    """A live listing. Signed-out visitors share whole pages from the page cache; a
    signed-in buyer's page is assembled from the cached parts around their own state."""
    version = selectors.live_product_version(pk)  # NotFound unless live
    currency = viewer_currency(request)
    key = _page_key(request, pk, currency, version)

    def render_page(extra_context: dict):
        page = _page_parts(request, key, pk, currency)
        user = request.user
        compare_ids = request.session.get(COMPARE_SESSION, [])
        context = {
            "page": page,
            "currency": currency,
            "is_favourite": user.is_authenticated
            and selectors.favourites_of(user).filter(pk=pk).exists(),
            "in_compare": pk in compare_ids,
            "compare_count": len(compare_ids),
            **extra_context,
        }
        return render(request, "catalog/product.html", context)

    response = anonymous_page(request, key, render_page, harmless_session_keys=[SESSION_CURRENCY])
    record(
        "product.view",
        request=request,
        obj=Product(pk=pk),
        properties=view_properties(request, version.supplier_id),
    )
    return response


@require_GET
@handles_domain_errors
def price_partial(request, pk: int):
    """The calculator's answer alone, for htmx; the page works without it."""
    product = selectors.live_product(pk)
    context = calculator_context(request, product)
    # Always 200: htmx swaps in only successful answers, and a problem is an answer here.
    return render(request, "catalog/_price_partial.html", context)


# --- the storefront -------------------------------------------------------------------------------


def _sections(products, groups, categories, rows) -> list[dict]:
    """Showcase sections: the supplier's own groups (then the rest), or its categories."""
    by_pk = {p.pk: p for p in products}
    sections = []
    if groups:
        for group in groups:
            ids = [pk for pk, g, _c in rows if g == group.pk]
            if ids:
                sections.append({"title": group.name, "query": f"group={group.pk}", "ids": ids})
        rest = [pk for pk, g, _c in rows if g is None]
        if rest:
            sections.append({"title": _("More products"), "query": "", "ids": rest})
    else:
        for category in categories:
            ids = [pk for pk, _g, c in rows if c == category.pk]
            sections.append(
                {"title": category.name(), "query": f"category={category.pk}", "ids": ids}
            )
    for section in sections:
        section["total"] = len(section["ids"])
        section["products"] = [by_pk[pk] for pk in section["ids"][:SECTION_SIZE] if pk in by_pk]
    return sections


@require_GET
@handles_domain_errors
def storefront(request, slug: str):
    company = selectors.storefront(slug)
    products = selectors.storefront_products(company).order_by("-live_at", "-id")
    rows = list(products.values_list("pk", "group_id", "category_id"))
    group_counts: dict[int, int] = {}
    for _pk, group_id, _category_id in rows:
        if group_id is not None:
            group_counts[group_id] = group_counts.get(group_id, 0) + 1
    groups = [g for g in ProductGroup.objects.filter(supplier=company) if g.pk in group_counts]
    category_ids = {row[2] for row in rows}
    categories = sorted(
        Category.objects.filter(pk__in=category_ids), key=lambda c: c.name().casefold()
    )
    counts = {c.pk: sum(1 for row in rows if row[2] == c.pk) for c in categories}
    facets = [{"category": c, "count": counts[c.pk]} for c in categories]

    chosen_group = next((g for g in groups if str(g.pk) == request.GET.get("group")), None)
    chosen_category = next(
        (c for c in categories if str(c.pk) == request.GET.get("category")), None
    )
    page = None
    sections = []
    if chosen_group or chosen_category:
        filtered = (
            products.filter(group=chosen_group)
            if chosen_group
            else products.filter(category=chosen_category)
        )
        page = Paginator(filtered, PER_PAGE).get_page(request.GET.get("page"))
    else:
        shown = [
            pk
            for section in _sections([], groups, categories, rows)
            for pk in section["ids"][:SECTION_SIZE]
        ]
        sections = _sections(list(products.filter(pk__in=shown)), groups, categories, rows)

    profile = profile_of(company)
    languages = dict(TRADE_LANGUAGES)
    context = {
        "company": company,
        "profile": profile,
        "markets": (profile.main_markets if profile else []),
        "certifications": list(company.certifications.all()),
        "photos": list(company.factory_photos.all()),
        "languages": [languages.get(code, code) for code in company.languages],
        "product_total": len(rows),
        "groups": [{"group": g, "count": group_counts[g.pk]} for g in groups],
        "facets": facets,
        "chosen_group": chosen_group,
        "chosen_category": chosen_category,
        "sections": sections,
        "page": page,
    }
    record(
        "storefront.view",
        request=request,
        obj=company,
        properties=view_properties(request, company.pk),
    )
    return render(request, "catalog/storefront.html", context)
