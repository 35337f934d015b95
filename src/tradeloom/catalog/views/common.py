"""What several catalog pages share: who may manage, which currency a viewer sees."""

from __future__ import annotations

from urllib.parse import urlparse

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.models import Company, Membership
from tradeloom.catalog.models import ProductGroup, SupplierProfile
from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import PermissionDenied

SESSION_CURRENCY = "viewer_currency"
CURRENCY_BY_LANGUAGE = {"ja": "JPY", "zh-hans": "CNY", "en": "USD"}
# Currencies offered in the switcher to visitors without a company.
VIEWER_CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "HKD", "AUD", "CAD", "KRW", "SGD")


def supplier_membership(request, perm: str = "catalog.manage") -> Membership:
    """The acting membership, if its role grants ``perm`` and its company is a supplier."""
    membership = require(request.membership, perm, request=request)
    if membership.company.kind != Company.Kind.SUPPLIER:
        message = (
            _("Only supplier companies list products.")
            if perm == "catalog.manage"
            else _("Only supplier companies have a storefront.")
        )
        raise PermissionDenied(message, code="not_a_supplier")
    return membership


def own_groups(membership: Membership) -> list[ProductGroup]:
    return list(ProductGroup.objects.filter(supplier_id=membership.company_id))


def profile_of(company: Company) -> SupplierProfile | None:
    try:
        return company.profile
    except SupplierProfile.DoesNotExist:
        return None


def viewer_currency(request) -> str:
    """The currency prices are converted to: the active company's default currency, else
    the visitor's ``?currency=`` choice (kept in the session), else by language."""
    chosen = (request.GET.get("currency") or "").strip().upper()
    if chosen in CURRENCIES:
        request.session[SESSION_CURRENCY] = chosen
    membership = getattr(request, "membership", None)
    if membership is not None:
        return membership.company.default_currency
    stored = request.session.get(SESSION_CURRENCY)
    if stored in CURRENCIES:
        return stored
    return CURRENCY_BY_LANGUAGE.get((get_language() or "en").lower(), "USD")


def currency_is_fixed(request) -> bool:
    """A company's members see their company's currency; visitors may choose."""
    return getattr(request, "membership", None) is not None


def view_properties(request, supplier_id: int) -> dict:
    """Where a page view came from, for the analytics event."""
    referrer = request.META.get("HTTP_REFERER", "")[:500]
    source = request.GET.get("utm_source", "").strip()[:100]
    if not source and referrer:
        source = urlparse(referrer).hostname or ""
    return {
        "referrer": referrer,
        "source": source,
        "country": request.META.get("HTTP_CF_IPCOUNTRY") or "",
        "supplier_id": supplier_id,
    }
