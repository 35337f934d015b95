"""Validation of catalog input that needs no database: tiers, lead times, quantities.

Each check raises a DomainError naming the field and a machine-readable code, so a
form can show it next to the field and the API can return it as a 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import nh3
from django.utils.translation import gettext as _

from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import DomainError
from tradeloom.core.money import Money

MAX_TIERS = 10
MAX_LEAD_TIMES = 10
MAX_QUANTITY = 100_000_000
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
}


def invalid(field: str, message: str, code: str = "invalid", **details: Any) -> DomainError:
    return DomainError(message, code=code, details={"field": field, **details})


@dataclass(frozen=True)
class TierInput:
    min_quantity: int
    max_quantity: int | None
    unit_price_minor: int


@dataclass(frozen=True)
class LeadTimeInput:
    max_quantity: int | None
    days: int


def quantity(value: Any, field: str, *, minimum: int = 1) -> int:
    try:
        number = int(str(value).replace(",", "").strip())
    except (TypeError, ValueError):
        raise invalid(field, _("Enter a whole number."), "invalid_number")
    if number < minimum or number > MAX_QUANTITY:
        raise invalid(
            field,
            _("Enter a number from %(min)s to %(max)s.")
            % {"min": minimum, "max": f"{MAX_QUANTITY:,}"},
            "out_of_range",
        )
    return number


def currency(value: Any, field: str = "currency") -> str:
    code = str(value or "").strip().upper()
    if code not in CURRENCIES:
        raise invalid(
            field, _("Unknown currency: %(code)s") % {"code": code or "—"}, "invalid_currency"
        )
    return code


THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")


def price_minor(value: Any, currency_code: str, field: str, *, allow_zero: bool = False) -> int:
    """A decimal price in ``currency_code`` as minor units; refuses zero (unless allowed),
    negatives and more decimals than the currency has."""
    text = str(value).strip()
    if "," in text:
        # Commas only as thousands separators ("1,250.00"): "7,20" is not 720.
        if not THOUSANDS.fullmatch(text):
            raise invalid(field, _("Enter a price such as 7.20."), "invalid_price")
        text = text.replace(",", "")
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise invalid(field, _("Enter a price such as 7.20."), "invalid_price")
    if not amount.is_finite():
        raise invalid(field, _("Enter a price such as 7.20."), "invalid_price")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise invalid(field, _("The price must be more than zero."), "price_not_positive")
    money = Money(amount, currency_code)
    if money.amount != amount:  # Decimal equality is numeric: 7.2 == 7.20
        raise invalid(
            field,
            _("%(currency)s prices have at most %(digits)s decimals.")
            % {"currency": currency_code, "digits": CURRENCIES[currency_code][0]},
            "too_many_decimals",
        )
    return money.minor


def moq_and_increment(moq: Any, increment: Any) -> tuple[int, int]:
    moq_n = quantity(moq, "moq")
    step = quantity(increment or 1, "order_increment")
    if moq_n % step:
        raise invalid(
            "moq",
            _("The minimum order must be a multiple of the order increment."),
            "moq_not_multiple",
        )
    return moq_n, step


def tiers(rows: list[TierInput], moq: int) -> list[TierInput]:
    """Tiers must start at the MOQ, follow each other without gap or overlap, end open,
    and never charge more per unit for a larger quantity."""
    if not rows:
        raise invalid("tiers", _("Add at least one price tier."), "tiers_required")
    if len(rows) > MAX_TIERS:
        raise invalid(
            "tiers", _("Use at most %(n)s price tiers.") % {"n": MAX_TIERS}, "too_many_tiers"
        )
    rows = sorted(rows, key=lambda t: t.min_quantity)
    if rows[0].min_quantity < moq:
        raise invalid(
            "tiers",
            _("A tier starts below the minimum order of %(moq)s.") % {"moq": moq},
            "tier_below_moq",
        )
    if rows[0].min_quantity != moq:
        raise invalid(
            "tiers",
            _("The first tier must start at the minimum order of %(moq)s.") % {"moq": moq},
            "tier_gap",
        )
    for i, tier in enumerate(rows):
        if tier.unit_price_minor <= 0:
            raise invalid(
                "tiers", _("The price must be more than zero."), "price_not_positive", tier=i
            )
        if tier.max_quantity is not None and tier.max_quantity < tier.min_quantity:
            raise invalid("tiers", _("A tier ends before it starts."), "tiers_overlap", tier=i)
        if i + 1 < len(rows):
            nxt = rows[i + 1]
            if tier.max_quantity is None or nxt.min_quantity <= tier.max_quantity:
                raise invalid("tiers", _("Price tiers overlap."), "tiers_overlap", tier=i)
            if nxt.min_quantity != tier.max_quantity + 1:
                raise invalid(
                    "tiers",
                    _("Price tiers leave a gap between %(a)s and %(b)s.")
                    % {"a": tier.max_quantity, "b": nxt.min_quantity},
                    "tier_gap",
                    tier=i,
                )
            if nxt.unit_price_minor > tier.unit_price_minor:
                raise invalid(
                    "tiers",
                    _("A larger quantity cannot cost more per unit."),
                    "tiers_not_decreasing",
                    tier=i + 1,
                )
    if rows[-1].max_quantity is not None:
        raise invalid("tiers", _("The last tier must have no upper limit."), "tier_gap")
    return rows


def lead_times(rows: list[LeadTimeInput]) -> list[LeadTimeInput]:
    """Lead times go up in quantity, never get shorter for more, and end open."""
    if len(rows) > MAX_LEAD_TIMES:
        raise invalid(
            "lead_times",
            _("Use at most %(n)s lead-time rows.") % {"n": MAX_LEAD_TIMES},
            "too_many_lead_times",
        )
    for i, row in enumerate(rows):
        if not 0 < row.days <= 365:
            raise invalid("lead_times", _("Days must be from 1 to 365."), "out_of_range", row=i)
        if i + 1 < len(rows):
            nxt = rows[i + 1]
            if row.max_quantity is None or (
                nxt.max_quantity is not None and nxt.max_quantity <= row.max_quantity
            ):
                raise invalid(
                    "lead_times",
                    _("List lead times from the smallest quantity up."),
                    "lead_times_out_of_order",
                    row=i + 1,
                )
            if nxt.days < row.days:
                raise invalid(
                    "lead_times",
                    _("A larger quantity cannot ship sooner."),
                    "lead_times_out_of_order",
                    row=i + 1,
                )
    # An upper limit on the last row is allowed: larger orders are quoted on request.
    return rows


def rich_text(html: str) -> str:
    """Keep simple formatting; drop scripts, styles, attributes and links."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes={}, link_rel=None).strip()
