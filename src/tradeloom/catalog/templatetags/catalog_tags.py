"""Template helpers of the catalog pages: money for the viewer's locale, and small labels.

``{{ price|money }}`` shows a Money (or a Conversion's result) with the currency's own
number of decimals, its symbol as readers of the active language expect it (or the
ISO code when a symbol would be ambiguous), and the locale's digit grouping.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import template
from django.utils import formats, numberformat
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.timezone import now
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tradeloom.core.fx import Conversion
from tradeloom.core.money import Money, exponent

register = template.Library()

# Symbols per UI language. Where a symbol means different currencies to different
# readers (¥ is yen in Tokyo and yuan in Shanghai, $ is many dollars) it carries a prefix.
SYMBOLS: dict[str, dict[str, str]] = {
    "en": {
        "USD": "US$",
        "EUR": "€",
        "GBP": "£",
        "JPY": "¥",
        "CNY": "CN¥",
        "HKD": "HK$",
        "TWD": "NT$",
        "KRW": "₩",
        "INR": "₹",
        "AUD": "A$",
        "CAD": "CA$",
        "NZD": "NZ$",
        "SGD": "S$",
        "VND": "₫",
    },
    "ja": {
        "USD": "US$",
        "EUR": "€",
        "GBP": "£",
        "JPY": "¥",
        "CNY": "CN¥",
        "HKD": "HK$",
        "TWD": "NT$",
        "KRW": "₩",
        "INR": "₹",
    },
    "zh-hans": {
        "USD": "US$",
        "EUR": "€",
        "GBP": "£",
        "JPY": "JP¥",
        "CNY": "¥",
        "HKD": "HK$",
        "TWD": "NT$",
        "KRW": "₩",
    },
}
# (decimal separator, group separator, group size) as CLDR writes amounts of money;
# Django's own zh-hans number format groups by four without a separator.
GROUPING: dict[str, tuple[str, str, int]] = {
    "en": (".", ",", 3),
    "ja": (".", ",", 3),
    "zh-hans": (".", ",", 3),
}


def _language() -> str:
    return (get_language() or "en").lower()


def format_amount(amount: Decimal, places: int, language: str | None = None) -> str:
    language = language or _language()
    if language in GROUPING:
        decimal_sep, group_sep, size = GROUPING[language]
    else:
        decimal_sep = formats.get_format("DECIMAL_SEPARATOR")
        group_sep = formats.get_format("THOUSAND_SEPARATOR")
        size = formats.get_format("NUMBER_GROUPING")
    return numberformat.format(
        amount,
        decimal_sep,
        decimal_pos=places,
        grouping=size,
        thousand_sep=group_sep,
        force_grouping=True,
    )


def format_money(value: Money | Conversion | None, language: str | None = None) -> str:
    """``US$1,234.50``, ``¥185,000``, ``CHF 12.00``; an em dash for no amount."""
    if isinstance(value, Conversion):
        value = value.result
    if not isinstance(value, Money):
        return "—"
    language = language or _language()
    places = exponent(value.currency)
    number = format_amount(abs(value.amount), places, language)
    sign = "-" if value.amount < 0 else ""
    symbol = SYMBOLS.get(language, SYMBOLS["en"]).get(value.currency)
    if symbol:
        return f"{sign}{symbol}{number}"
    return f"{sign}{value.currency}\u00a0{number}"


@register.filter
def money(value) -> str:
    return format_money(value)


@register.filter
def quantity(value) -> str:
    """A whole number with the locale's grouping (1,000)."""
    if value is None or value == "":
        return "—"
    try:
        return format_amount(Decimal(int(value)), 0)
    except (TypeError, ValueError):
        return str(value)


@register.filter
def years_since(moment) -> int:
    """Whole years from ``moment`` until now (0 in the first year)."""
    if moment is None:
        return 0
    today = now().date()
    start = moment.date() if hasattr(moment, "date") else moment
    years = today.year - start.year - ((today.month, today.day) < (start.month, start.day))
    return max(years, 0)


@register.filter
def minor_money(minor, currency: str) -> str:
    """Stored minor units of ``currency`` as money (for rows that keep no Money)."""
    if minor is None or minor == "":
        return "—"
    return format_money(Money.from_minor(int(minor), currency))


@register.simple_tag
def tier_range(tier, unit_label: str = "") -> str:
    """``500 – 999`` or ``≥ 5,000``, followed by the unit when given."""
    low = quantity(tier.min_quantity)
    text = f"{low} – {quantity(tier.max_quantity)}" if tier.max_quantity else f"≥ {low}"
    return f"{text} {unit_label}".strip()


@register.simple_tag
def lead_range(row, previous, unit_label: str = "") -> str:
    """A lead-time row's quantity range: ``up to 1,000``, ``1,001 – 5,000``, ``more``."""
    if row.max_quantity is None:
        if previous is None:
            return _("any quantity")
        return _("over %(n)s %(unit)s") % {"n": quantity(previous.max_quantity), "unit": unit_label}
    if previous is None:
        return _("up to %(n)s %(unit)s") % {"n": quantity(row.max_quantity), "unit": unit_label}
    return f"{quantity(previous.max_quantity + 1)} – {quantity(row.max_quantity)} {unit_label}"


@register.filter
def price_range(product) -> str:
    """``US$6.50 – 7.20`` from the tiers, the indicative FOB range, or "on request"."""
    if product.price_mode == "on_request":
        low, high = product.fob_range
        if low and high:
            return _("FOB %(low)s – %(high)s") % {
                "low": format_money(low),
                "high": format_money(high),
            }
        return _("Price on request")
    prices = [t.unit_price_minor for t in product.tiers.all()]
    if not prices:
        return "—"
    low = format_money(Money.from_minor(min(prices), product.currency))
    if min(prices) == max(prices):
        return low
    high = Money.from_minor(max(prices), product.currency)
    return f"{low} – {format_amount(high.amount, exponent(high.currency))}"


@register.filter
def language_name(code: str) -> str:
    from tradeloom.catalog.forms import LANGUAGE_NAMES

    return str(LANGUAGE_NAMES.get(code, code))


_BLOCK_TAG = re.compile(r"<(p|br|ul|ol|table|h3|h4|blockquote)\b", re.IGNORECASE)


@register.filter
def rich_text(html: str):
    """A description sanitised when it was saved (``rules.rich_text``): shown as HTML, or,
    when the supplier typed plain text, with its line breaks kept as paragraphs."""
    if not html:
        return ""
    if _BLOCK_TAG.search(html):
        return mark_safe(html)
    return mark_safe(linebreaks(html, autoescape=False))
