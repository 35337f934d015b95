"""Reading search parameters from a URL: the web page and the API share this parser.

Nothing a user types makes a search fail. A value that cannot be used is left out and
explained in ``warnings`` (translated), and the search runs without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tradeloom.core.currencies import CURRENCIES

SORTS = ("relevance", "price", "moq", "newest")
FLAGS = ("verified", "ready", "samples", "custom")
PER_PAGE = 24
MAX_PAGE = 1000
MAX_QUANTITY = 10_000_000
MAX_DAYS = 3650
MAX_PRICE = Decimal("1000000000")
MAX_Q = 200
MAX_LIST = 20


@dataclass
class ProductQuery:
    q: str = ""
    category: str = ""
    currency: str = "USD"
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    quantity: int | None = None
    moq_max: int | None = None
    lead_max: int | None = None
    countries: list[str] = field(default_factory=list)
    certs: list[str] = field(default_factory=list)
    verified: bool = False
    ready: bool = False
    samples: bool = False
    custom: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    def filters(self) -> dict:
        """The active filters, for analytics and for "remove this filter" links."""
        out: dict = {}
        for name in ("category", "price_min", "price_max", "quantity", "moq_max", "lead_max"):
            value = getattr(self, name)
            if value not in (None, ""):
                out[name] = str(value)
        if self.countries:
            out["country"] = list(self.countries)
        if self.certs:
            out["cert"] = list(self.certs)
        for flag in FLAGS:
            if getattr(self, flag):
                out[flag] = True
        return out


@dataclass
class SupplierQuery:
    q: str = ""
    countries: list[str] = field(default_factory=list)
    business_type: str = ""
    verified: bool = False
    category: str = ""
    page: int = 1
    per_page: int = PER_PAGE


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def _category(params, warnings) -> str:
    """A category slug that exists, else nothing (and a warning)."""
    from tradeloom.catalog.models import Category

    slug = _get(params, "category")
    if not slug:
        return ""
    if _SLUG.match(slug) and Category.objects.filter(slug=slug).exists():
        return slug
    shown = "".join(ch for ch in slug[:80] if ch.isprintable())
    warnings.append(_("There is no category “%(slug)s”; it was ignored.") % {"slug": shown})
    return ""


def _get(params, name: str) -> str:
    value = params.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    text = str(value if value is not None else "")
    # PostgreSQL text refuses NUL; no parameter needs control characters.
    return "".join(ch for ch in text if ch >= " " or ch in "\t\n").strip()


def _getlist(params, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = value if isinstance(value, list) else [value] if value else []
    out: list[str] = []
    for v in values:
        out += [p.strip() for p in str(v).split(",") if p.strip()]
    return list(dict.fromkeys(out))[:MAX_LIST]


def _int(params, name, label, warnings, *, low: int, high: int) -> int | None:
    raw = _get(params, name)
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        warnings.append(_("%(field)s must be a whole number; it was ignored.") % {"field": label})
        return None
    if value < low or value > high:
        warnings.append(
            _("%(field)s must be between %(low)s and %(high)s; it was ignored.")
            % {"field": label, "low": f"{low:,}", "high": f"{high:,}"}
        )
        return None
    return value


def _price(params, name, label, warnings) -> Decimal | None:
    raw = _get(params, name).replace(",", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        warnings.append(_("%(field)s must be an amount; it was ignored.") % {"field": label})
        return None
    if value < 0 or value > MAX_PRICE:
        warnings.append(
            _("%(field)s must be between 0 and %(high)s; it was ignored.")
            % {"field": label, "high": f"{MAX_PRICE:,}"}
        )
        return None
    return value


def _flag(params, name: str) -> bool:
    return _get(params, name).lower() in {"1", "true", "yes", "on"}


def _page(params, warnings) -> int:
    page = _int(params, "page", _("Page"), warnings, low=1, high=MAX_PAGE)
    return page or 1


def parse_products(params, *, currency: str = "USD") -> tuple[ProductQuery, list[str]]:
    warnings: list[str] = []
    q = _get(params, "q")
    if len(q) > MAX_Q:
        warnings.append(
            _("Your search was shortened to its first %(n)s characters.") % {"n": MAX_Q}
        )
        q = q[:MAX_Q]
    chosen = _get(params, "currency").upper()
    if chosen and chosen not in CURRENCIES:
        warnings.append(
            _("Unknown currency %(code)s; prices are shown in %(default)s.")
            % {
                "code": chosen[:8],
                "default": currency,
            }
        )
        chosen = ""
    pq = ProductQuery(q=q, currency=chosen or currency)
    pq.category = _category(params, warnings)
    pq.price_min = _price(params, "price_min", _("Lowest price"), warnings)
    pq.price_max = _price(params, "price_max", _("Highest price"), warnings)
    if pq.price_min is not None and pq.price_max is not None and pq.price_min > pq.price_max:
        warnings.append(_("The lowest price was above the highest; they were swapped."))
        pq.price_min, pq.price_max = pq.price_max, pq.price_min
    pq.quantity = _int(params, "quantity", _("Quantity"), warnings, low=1, high=MAX_QUANTITY)
    pq.moq_max = _int(params, "moq_max", _("Minimum order"), warnings, low=1, high=MAX_QUANTITY)
    pq.lead_max = _int(params, "lead_max", _("Lead time"), warnings, low=0, high=MAX_DAYS)
    countries = [c.upper() for c in _getlist(params, "country")]
    good = [c for c in countries if len(c) == 2 and c.isalpha() and c.isascii()]
    if len(good) != len(countries):
        warnings.append(_("Unknown country codes were ignored."))
    pq.countries = good
    certs = _getlist(params, "cert")
    pq.certs = [c for c in certs if c.replace("_", "").replace("-", "").isalnum() and len(c) <= 60]
    if len(pq.certs) != len(certs):
        warnings.append(_("Unknown certifications were ignored."))
    for flag in FLAGS:
        setattr(pq, flag, _flag(params, flag))
    sort = _get(params, "sort") or "relevance"
    if sort not in SORTS:
        warnings.append(_("Unknown sort order; results are sorted by relevance."))
        sort = "relevance"
    pq.sort = sort
    pq.page = _page(params, warnings)
    return pq, warnings


def parse_suppliers(params) -> tuple[SupplierQuery, list[str]]:
    from tradeloom.catalog.models import SupplierProfile

    warnings: list[str] = []
    q = _get(params, "q")
    if len(q) > MAX_Q:
        warnings.append(
            _("Your search was shortened to its first %(n)s characters.") % {"n": MAX_Q}
        )
        q = q[:MAX_Q]
    sq = SupplierQuery(q=q)
    countries = [c.upper() for c in _getlist(params, "country")]
    sq.countries = [c for c in countries if len(c) == 2 and c.isalpha() and c.isascii()]
    if len(sq.countries) != len(countries):
        warnings.append(_("Unknown country codes were ignored."))
    business_type = _get(params, "business_type")
    if business_type:
        if business_type in SupplierProfile.BusinessType.values:
            sq.business_type = business_type
        else:
            warnings.append(_("Unknown business type; it was ignored."))
    sq.verified = _flag(params, "verified")
    sq.category = _category(params, warnings)
    sq.page = _page(params, warnings)
    return sq, warnings
