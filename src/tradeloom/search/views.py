"""Search pages: products with facets, suppliers, suggestions, and the result-click redirect.

Every page works with plain GET links and forms; with htmx the results region is
swapped in place (the server sends only that region) and the URL is pushed, so the
address always holds the whole query. Analytics go to the spool, never the database.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from tradeloom.analytics.recorder import record
from tradeloom.catalog.models import Category, Product, ProductImage
from tradeloom.catalog.pricing import tier_for
from tradeloom.catalog.views.common import VIEWER_CURRENCIES, viewer_currency
from tradeloom.core.money import Money
from tradeloom.inquiries.selectors import response_metrics_many
from tradeloom.search import exposure, popular
from tradeloom.search.params import FLAGS, parse_products, parse_suppliers
from tradeloom.search.query import fx_rate, search_products, search_suppliers, supplier_facts
from tradeloom.search.suggest import suggest
from tradeloom.web.errors import error_page

FILTER_KEYS = (
    "category",
    "price_min",
    "price_max",
    "quantity",
    "currency",
    "moq_max",
    "lead_max",
    "country",
    "cert",
    *FLAGS,
    "sort",
)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


class Url:
    """Links that change one thing in the current query, keeping the rest."""

    def __init__(self, base: str, params) -> None:
        self.base = base
        self.items: list[tuple[str, str]] = [
            (k, v)
            for k in params
            for v in (params.getlist(k) if hasattr(params, "getlist") else [params[k]])
            if v not in ("", None) and k != "page"
        ]

    def with_(self, drop: tuple[str, ...] = (), **changes) -> str:
        items = [(k, v) for k, v in self.items if k not in changes and k not in drop]
        items += [(k, str(v)) for k, v in changes.items() if v not in (None, "")]
        return self.base + ("?" + urlencode(items) if items else "")

    def toggle(self, key: str, value: str) -> str:
        present = (key, value) in self.items
        items = [kv for kv in self.items if kv != (key, value)]
        if not present:
            items.append((key, value))
        return self.base + ("?" + urlencode(items) if items else "")


def _shown_price(product: Product, quantity: int | None, currency: str) -> Money | None:
    """The unit price at the asked quantity (else the lowest), in the buyer's currency."""
    tiers = list(product.tiers.all())
    if not tiers or product.price_mode == Product.PriceMode.ON_REQUEST:
        return None
    tier = tier_for(tiers, quantity) if quantity else None
    minor = tier.unit_price_minor if tier else min(t.unit_price_minor for t in tiers)
    price = Money.from_minor(minor, product.currency)
    if currency == product.currency:
        return None
    rate = fx_rate(product.currency, currency)
    return Money(price.amount * rate, currency) if rate else None


def _cards(ids: list[int], pq) -> list[dict]:
    products = (
        Product.objects.filter(pk__in=ids, status=Product.Status.LIVE)
        .select_related("supplier", "category")
        .prefetch_related(
            "translations",
            "tiers",
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
        )
    )
    by_id = {p.pk: p for p in products}
    # How fast each supplier answers, for all the page's suppliers in one query.
    metrics = response_metrics_many(sorted({p.supplier_id for p in by_id.values()}))
    cards = []
    for position, pid in enumerate(ids, start=1):
        product = by_id.get(pid)
        if product is None:  # changed since it was indexed; the worker will catch up
            continue
        cards.append(
            {
                "product": product,
                "position": position,
                "shown": _shown_price(product, pq.quantity, pq.currency),
                "metrics": metrics.get(product.supplier_id),
            }
        )
    return cards


def _facet_view(results, url: Url) -> dict:
    pq = results.query
    facets = results.facets
    chosen = Category.objects.filter(slug=pq.category).first() if pq.category else None
    language = get_language()
    trail = [*chosen.ancestors(), chosen] if chosen else []
    return {
        "trail": [{"name": c.name(language), "url": url.with_(category=c.slug)} for c in trail],
        "all_url": url.with_(drop=("category",)),
        "categories": [
            {
                "name": c["category"].name(language),
                "count": c["count"],
                "url": url.with_(category=c["slug"]),
            }
            for c in facets.categories
        ],
        "countries": [
            {"code": code, "count": n, "checked": code in pq.countries}
            for code, n in facets.countries
        ],
        "certs": [
            {"code": code, "count": n, "checked": code in pq.certs} for code, n in facets.certs
        ],
        "flags": facets.flags,
        "moq": [
            {"value": v, "count": n, "url": url.with_(moq_max=v), "current": pq.moq_max == v}
            for v, n in facets.moq
        ],
        "lead": [
            {"value": v, "count": n, "url": url.with_(lead_max=v), "current": pq.lead_max == v}
            for v, n in facets.lead
        ],
    }


@require_GET
def products(request):
    pq, warnings = parse_products(request.GET, currency=viewer_currency(request))
    results = search_products(pq, warnings)
    url = Url(request.path, request.GET)
    cards = _cards(results.ids, pq)
    search_id = uuid.uuid4().hex[:16]
    language = (get_language() or "en").lower()
    if pq.q or pq.filters():
        record(
            "search.query",
            request=request,
            properties={
                "search_id": search_id,
                "kind": "products",
                "q": pq.q,
                "key": popular.key_of(pq.q),
                "language": language,
                "filters": pq.filters(),
                "results": results.total,
                "page": results.page,
                "relaxed": results.relaxed,
            },
        )
    for card in cards:
        record(
            "search.impression",
            request=request,
            obj=card["product"],
            properties={
                "search_id": search_id,
                "supplier_id": card["product"].supplier_id,
                "position": card["position"] + (results.page - 1) * pq.per_page,
                "q": pq.q[:100],
            },
        )
        card["click_url"] = (
            reverse("search:click", args=[card["product"].pk])
            + "?"
            + urlencode({"sid": search_id, "pos": card["position"]})
        )
    pages = {
        "previous": url.with_(page=results.page - 1) if results.page > 1 else "",
        "next": url.with_(page=results.page + 1) if results.page < results.pages else "",
    }
    without = [
        {"name": name, "count": n, "url": url.with_(drop=_filter_keys(name))}
        for name, n in results.without.items()
    ]
    context = {
        "pq": pq,
        "results": results,
        "cards": cards,
        "facets": _facet_view(results, url),
        "pages": pages,
        "without": without,
        "related": [
            {"name": c.name(language), "url": url.with_(drop=("q",), category=c.slug)}
            for c in results.related
        ],
        "currencies": VIEWER_CURRENCIES,
        "sorts": _sorts(url, pq.sort),
        "flags": FLAGS,
        "clear_url": url.with_(drop=FILTER_KEYS),
        "has_filters": bool(pq.filters()),
        "active_filters": sum(len(v) if isinstance(v, list) else 1 for v in pq.filters().values()),
    }
    template = "search/_results.html" if _is_htmx(request) else "search/products.html"
    return render(request, template, context)


def _filter_keys(name: str) -> tuple[str, ...]:
    return {"price": ("price_min", "price_max"), "quantity": ("quantity",)}.get(name, (name,))


def _sorts(url: Url, current: str) -> list[dict]:
    from django.utils.translation import gettext as _

    labels = {
        "relevance": _("Relevance"),
        "price": _("Lowest price"),
        "moq": _("Lowest MOQ"),
        "newest": _("Newest"),
    }
    return [
        {"value": k, "label": v, "url": url.with_(sort=k), "current": k == current}
        for k, v in labels.items()
    ]


@require_GET
def suppliers(request):
    sq, warnings = parse_suppliers(request.GET)
    results = search_suppliers(sq, warnings)
    url = Url(request.path, request.GET)
    companies = _supplier_cards(results.ids, url)
    if sq.q:
        record(
            "search.query",
            request=request,
            properties={
                "kind": "suppliers",
                "q": sq.q,
                "language": (get_language() or "en").lower(),
                "results": results.total,
            },
        )
    context = {
        "sq": sq,
        "results": results,
        "companies": companies,
        "category_choices": _category_choices(),
        # A deeper category (from a card's link) is offered too, so the form keeps it.
        "deeper_category": Category.objects.filter(slug=sq.category, depth__gt=1).first()
        if sq.category
        else None,
        "pages": {
            "previous": url.with_(page=results.page - 1) if results.page > 1 else "",
            "next": url.with_(page=results.page + 1) if results.page < results.pages else "",
        },
    }
    return render(request, "search/suppliers.html", context)


def _supplier_cards(ids: list[int], url: Url) -> list[dict]:
    """Each supplier's facts, its main categories as links narrowing the search to them,
    and how fast it answers."""
    metrics = response_metrics_many(sorted(ids))
    return [
        {
            "facts": facts,
            "categories": [
                {"name": c.name(), "url": url.with_(category=c.slug, page=None)}
                for c in facts.categories[:3]
            ],
            "metrics": metrics.get(facts.company.pk),
        }
        for facts in supplier_facts(ids)
    ]


def _category_choices() -> list[dict]:
    """Top categories, each with its children, for the suppliers' category filter."""
    rows = Category.objects.filter(depth__lte=1).order_by("depth", "position", "slug")
    groups: dict[int, dict] = {}
    for c in rows:
        if c.depth == 0:
            groups[c.pk] = {"category": c, "children": []}
        elif c.parent_id in groups:
            groups[c.parent_id]["children"].append(c)
    return list(groups.values())


@require_GET
def suggestions(request):
    found = suggest(request.GET.get("q", ""), language=get_language())
    return render(request, "search/_suggestions.html", {"suggestions": found})


@require_GET
def click(request, pk: int):
    """Count the click on a result, then open the product page."""
    product = Product.objects.filter(pk=pk, status=Product.Status.LIVE).first()
    if product is None:
        return error_page(request, 404)
    position = request.GET.get("pos", "")
    record(
        "search.click",
        request=request,
        obj=product,
        properties={
            "search_id": request.GET.get("sid", "")[:32],
            "supplier_id": product.supplier_id,
            "position": int(position) if position.isdigit() and len(position) < 6 else None,
        },
    )
    return redirect("catalog:product", pk=product.pk)


@login_required
@require_GET
def exposure_page(request):
    """A supplier's search exposure: impressions and clicks of its listings."""
    from tradeloom.catalog.views.common import supplier_membership
    from tradeloom.core.errors import DomainError

    try:
        membership = supplier_membership(request)
    except DomainError as exc:
        return error_page(request, exc.status, exc.message)
    figures = exposure.for_supplier(membership.company_id)
    return render(request, "search/exposure.html", {"figures": figures})
