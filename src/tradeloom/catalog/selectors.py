"""Reads of the catalog. Public reads see live listings only; supplier reads are
scoped to the acting company."""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.models import Company, Membership
from tradeloom.catalog.models import Category, Favourite, Product, ProductImage
from tradeloom.core.errors import NotFound
from tradeloom.core.models import FxRate

MAX_COMPARE = 4


def _with_everything(qs: QuerySet[Product]) -> QuerySet[Product]:
    """A product page's worth of related rows, in a fixed number of queries."""
    return qs.select_related("supplier", "category", "group").prefetch_related(
        "translations",
        "tiers",
        "lead_times",
        "customizations",
        "variants",
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
    )


def live_products() -> QuerySet[Product]:
    return Product.objects.filter(status=Product.Status.LIVE)


def live_product(product_id) -> Product:
    """A live listing for anyone to see; anything else does not exist publicly."""
    try:
        product_id = int(product_id)
    except (TypeError, ValueError):
        raise NotFound(_("No such product."))
    product = _with_everything(live_products().filter(pk=product_id)).first()
    if product is None:
        raise NotFound(_("No such product."))
    return product


class ListingVersion(NamedTuple):
    stamp: str  # changes with every edit and status change of the listing
    supplier_id: int
    rate_set: int  # the newest exchange rate's id: converted prices change with it


def live_product_version(product_id) -> ListingVersion:
    """What a live listing's page depends on, besides the visitor; raises NotFound like
    ``live_product``.

    Every product page asks this first, so it is one statement written out: building it
    through the ORM took ten times longer than running it.
    """
    try:
        product_id = int(product_id)
    except (TypeError, ValueError):
        raise NotFound(_("No such product."))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT updated_at, supplier_id, (SELECT MAX(id) FROM {FxRate._meta.db_table})"  # noqa: S608
            f" FROM {Product._meta.db_table} WHERE id = %s AND status = %s",
            [product_id, Product.Status.LIVE.value],
        )
        row = cursor.fetchone()
    if row is None:
        raise NotFound(_("No such product."))
    # SQLite hands back the stored text, PostgreSQL a datetime: either way a string
    # without spaces, fit for any cache key.
    return ListingVersion(str(row[0]).replace(" ", "T"), row[1], row[2] or 0)


def own_products(membership: Membership, *, status: str = "", request=None) -> QuerySet[Product]:
    require(membership, "catalog.manage", request=request)
    qs = Product.objects.filter(supplier_id=membership.company_id)
    if status in Product.Status.values:
        qs = qs.filter(status=status)
    return qs.select_related("category").prefetch_related("translations", "images", "tiers")


def own_product_detail(membership: Membership, product_id, *, request=None) -> Product:
    require(membership, "catalog.manage", request=request)
    product = (
        _with_everything(
            Product.objects.filter(supplier_id=membership.company_id, pk=product_id)
        ).first()
        if str(product_id).isdigit()
        else None
    )
    if product is None:
        raise NotFound(_("No such product."))
    return product


def storefront(slug: str) -> Company:
    company = (
        Company.objects.filter(slug=slug, kind=Company.Kind.SUPPLIER)
        .select_related("profile")
        .first()
    )
    if company is None:
        raise NotFound(_("No such supplier."))
    return company


def storefront_products(company: Company) -> QuerySet[Product]:
    return (
        live_products()
        .filter(supplier=company)
        .select_related("category", "group")
        .prefetch_related(
            "translations",
            "tiers",
            Prefetch("images", queryset=ProductImage.objects.order_by("position")),
        )
    )


def pending_review() -> QuerySet[Product]:
    """The operator's moderation queue, oldest first (callers check require_operator)."""
    return (
        Product.objects.filter(status=Product.Status.PENDING)
        .select_related("supplier", "category")
        .prefetch_related("translations", "images", "tiers")
        .order_by("updated_at", "id")
    )


def favourites_of(user) -> QuerySet[Product]:
    ids = Favourite.objects.filter(user=user).values("product_id")
    return _with_everything(live_products().filter(pk__in=ids))


def compare(product_ids: list[int]) -> list[Product]:
    ids = [int(i) for i in product_ids if str(i).isdigit()][:MAX_COMPARE]
    found = {p.pk: p for p in _with_everything(live_products().filter(pk__in=ids))}
    return [found[i] for i in ids if i in found]


def category_tree() -> list[Category]:
    return list(Category.objects.order_by("path"))
