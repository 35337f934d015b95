"""The issue's own tier example, end to end through save_product and resolve_price."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tradeloom.catalog.pricing import resolve_price
from tradeloom.catalog.services import save_product
from tradeloom.core.fx import load_rates_csv
from tradeloom.core.money import Money

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("quantity", "unit", "total"),
    [
        (500, "7.20", "3600.00"),
        (999 + 1, "6.80", "6800.00"),
        (4950, "6.80", "33660.00"),
        (5000, "6.50", "32500.00"),
    ],
)
def test_the_tier_holding_the_quantity_sets_the_price(
    supplier, sweater_input, quantity, unit, total
):
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, quantity)

    assert quote.problems == []
    assert quote.unit_price == Money(unit, "USD")
    assert quote.line_total == Money(total, "USD")


@pytest.mark.parametrize(("quantity", "code"), [(499, "below_moq"), (520, "not_increment")])
def test_moq_and_increment_violations_are_reported(supplier, sweater_input, quantity, code):
    product = save_product(supplier, sweater_input())

    assert [p.code for p in resolve_price(product, quantity).problems] == [code]


def test_converted_price_is_approximate_and_names_its_rate(supplier, sweater_input):
    load_rates_csv("base,quote,rate,as_of\nUSD,JPY,150.5,2026-11-20\n")
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, 1000, currency="JPY", at=datetime(2026, 11, 21, tzinfo=UTC))

    assert quote.shown_total.result == Money(Decimal("6800") * Decimal("150.5"), "JPY")
    assert quote.approximate
    assert Decimal(quote.shown_total.snapshot()["rate"]) == Decimal("150.5")
