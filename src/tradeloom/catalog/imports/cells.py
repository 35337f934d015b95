"""Reading one cell of the template: numbers, yes/no, prices, measures, descriptions.

Each reader takes the row's cells and a column name, returns the value (None for a
blank cell) or raises ``CellError`` naming the column, with a message for the report.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from html import escape

from django.utils.translation import gettext as _

from tradeloom.catalog import rules
from tradeloom.catalog.models import Product
from tradeloom.core.errors import DomainError

Values = dict[str, str]

TRUE = {"yes", "y", "true", "1", "on", "x", "はい", "是", "有"}
FALSE = {"no", "n", "false", "0", "off", "", "いいえ", "否", "无"}
UNITS = {
    **{u: u for u in Product.Unit.values},
    "pc": "piece",
    "pcs": "piece",
    "pieces": "piece",
    "pairs": "pair",
    "sets": "set",
    "dozens": "dozen",
    "doz": "dozen",
    "kgs": "kg",
    "kilogram": "kg",
    "m": "metre",
    "meter": "metre",
    "meters": "metre",
    "metres": "metre",
    "yards": "yard",
    "rolls": "roll",
    "cartons": "carton",
    "ctn": "carton",
}
PRICE_MODES = {"tiers": "tiers", "tier": "tiers", "on_request": "on_request"}
# (max_digits, decimal_places) of the carton columns, as the model stores them.
CARTON = {
    "carton_l_cm": ("carton_length_cm", 7, 1),
    "carton_w_cm": ("carton_width_cm", 7, 1),
    "carton_h_cm": ("carton_height_cm", 7, 1),
    "carton_kg": ("carton_gross_weight_kg", 8, 2),
}


class CellError(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def whole_number(
    values: Values, column: str, *, minimum: int = 0, maximum: int = rules.MAX_QUANTITY
) -> int | None:
    text = values.get(column, "").replace(",", "").strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(column, _("Enter a whole number."))
    if not number.is_finite() or number != number.to_integral_value():
        raise CellError(column, _("Enter a whole number."))
    if not minimum <= number <= maximum:
        raise CellError(
            column,
            _("Enter a number from %(min)s to %(max)s.") % {"min": minimum, "max": f"{maximum:,}"},
        )
    return int(number)


def yes_no(values: Values, column: str) -> bool:
    text = values.get(column, "").strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise CellError(column, _("Write yes or no."))


def price(values: Values, column: str, currency: str, *, allow_zero: bool = False) -> int | None:
    text = values.get(column, "").strip()
    if not text:
        return None
    try:
        return rules.price_minor(text, currency, column, allow_zero=allow_zero)
    except DomainError as exc:
        raise CellError(column, exc.message)


def measure(values: Values, column: str) -> Decimal | None:
    text = values.get(column, "").replace(",", "").strip()
    if not text:
        return None
    _field, digits, places = CARTON[column]
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(column, _("Enter a number such as 45.5."))
    if not number.is_finite() or number <= 0:
        raise CellError(column, _("Enter a number more than zero."))
    if number.as_tuple().exponent < -places and number != round(number, places):
        raise CellError(
            column, _("Use at most %(n)s digits after the decimal point.") % {"n": places}
        )
    if number >= Decimal(10) ** (digits - places):
        raise CellError(column, _("The number is too large."))
    return round(number, places)


def description_html(text: str) -> str:
    """Plain text becomes paragraphs and line breaks; HTML is kept (and sanitised later)."""
    text = text.strip()
    if not text or "<" in text:
        return text
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return "".join(
        "<p>" + "<br>".join(escape(line.strip(), quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
        if p.strip()
    )
