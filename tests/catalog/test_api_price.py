"""GET /products/{id}/price: the issue's tier example to the cent, and in yen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.api.conftest import ApiClient, assert_error
from tests.catalog.api_support import make_live, product_body
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog import services
from tradeloom.catalog.api_convert import product_input
from tradeloom.catalog.api_schemas import ProductIn
from tradeloom.core.fx import load_rates_csv
from tradeloom.core.models import FxRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def anon():
    return ApiClient()


@pytest.fixture
def product(supplier):
    saved = services.save_product(supplier, product_input(ProductIn(**product_body())))
    return make_live(supplier, saved.pk)


def price(anon, product, query):
    answer = anon.get(f"products/{product.pk}/price?{query}")
    assert answer.status_code == 200, answer.content
    return answer.json()


@pytest.mark.parametrize(
    ("quantity", "unit", "tier", "total"),
    [
        (500, "7.20", (500, 999), "3600.00"),
        (950, "7.20", (500, 999), "6840.00"),
        (1000, "6.80", (1000, 4999), "6800.00"),
        (4950, "6.80", (1000, 4999), "33660.00"),
        (5000, "6.50", (5000, None), "32500.00"),
        (120000, "6.50", (5000, None), "780000.00"),
    ],
)
def test_the_tier_holding_the_quantity_prices_it(anon, product, quantity, unit, tier, total):
    body = price(anon, product, f"quantity={quantity}")

    assert body["unit_price"] == unit
    assert (body["tier"]["min_quantity"], body["tier"]["max_quantity"]) == tier
    assert body["tier"]["unit_price"] == unit
    assert body["line_total"] == total
    assert body["currency"] == "USD"
    assert (body["ok"], body["problems"], body["surcharge"]) == (True, [], "0.00")
    assert (body["converted"], body["approximate"]) == (None, False)


def test_below_the_moq_there_is_no_price(anon, product):
    body = price(anon, product, "quantity=499")

    assert [p["code"] for p in body["problems"]] == ["below_moq"]
    assert body["problems"][0]["message"] == "The minimum order is 500."
    assert (body["ok"], body["unit_price"], body["line_total"], body["tier"]) == (
        False,
        None,
        None,
        None,
    )


def test_a_quantity_off_the_increment_is_a_problem(anon, product):
    body = price(anon, product, "quantity=520")

    assert [p["code"] for p in body["problems"]] == ["not_increment"]
    assert body["ok"] is False
    assert (body["unit_price"], body["line_total"]) == ("7.20", "3744.00")


def test_customizations_add_their_surcharge_and_check_their_minimum(anon, product):
    ok = price(anon, product, "quantity=1000&customizations=logo,label")
    short = price(anon, product, "quantity=500&customizations=logo")

    assert (ok["unit_price"], ok["surcharge"], ok["line_total"]) == ("7.15", "0.35", "7150.00")
    assert ok["customizations"] == ["logo", "label"]
    assert ok["ok"] is True
    assert [p["code"] for p in short["problems"]] == ["below_customization_moq"]
    assert (short["unit_price"], short["line_total"]) == ("7.50", "3750.00")


def test_a_variant_price_replaces_the_tier_price(anon, product):
    camel = product.variants.get(sku="CS-CAMEL-L")

    body = price(anon, product, f"quantity=1000&variant={camel.pk}")

    assert (body["variant_id"], body["unit_price"], body["line_total"]) == (
        camel.pk,
        "7.40",
        "7400.00",
    )


def test_yen_figures_come_from_the_stored_rate(anon, product):
    load_rates_csv("base,quote,rate,as_of,source\nUSD,JPY,150.5,2026-01-05,ecb\n")
    rate = FxRate.objects.get(base_id="USD", quote_id="JPY")

    body = price(anon, product, "quantity=1000&currency=JPY")

    assert (body["unit_price"], body["line_total"], body["currency"]) == ("6.80", "6800.00", "USD")
    converted = body["converted"]
    assert converted["currency"] == "JPY"
    assert converted["unit_price"] == "1023"  # 6.80 × 150.5 = 1023.4
    assert converted["line_total"] == "1023400"  # 6,800.00 × 150.5
    assert Decimal(converted["rate"]) == Decimal("150.5")
    assert converted["rate_ids"] == [rate.pk]
    assert converted["source"] == "ecb"
    assert converted["as_of"].startswith("2026-01-05")
    assert body["approximate"] is True


def test_a_yen_unit_price_rounds_half_up(anon, product):
    load_rates_csv("base,quote,rate,as_of\nUSD,JPY,150.5,2026-01-05\n")

    body = price(anon, product, "quantity=500&currency=JPY")

    assert (body["converted"]["unit_price"], body["converted"]["line_total"]) == (
        "1084",  # 7.20 × 150.5 = 1083.6
        "541800",  # 3,600.00 × 150.5
    )


def test_without_a_rate_only_the_suppliers_currency_is_shown(anon, product):
    body = price(anon, product, "quantity=1000&currency=EUR")

    assert (body["unit_price"], body["converted"], body["approximate"]) == ("6.80", None, False)


def test_the_products_own_currency_needs_no_conversion(anon, product):
    body = price(anon, product, "quantity=1000&currency=USD")

    assert (body["converted"], body["approximate"]) == (None, False)


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("quantity=1000&currency=XYZ", 400, "invalid_currency"),
        ("quantity=1000&customizations=logo,engraving", 400, "invalid_customization"),
        ("quantity=1000&customizations=design", 400, "invalid_customization"),
        ("quantity=0", 422, "validation_error"),
        ("quantity=lots", 422, "validation_error"),
        ("", 422, "validation_error"),
    ],
)
def test_bad_questions_are_refused(anon, product, query, status, code):
    assert_error(anon.get(f"products/{product.pk}/price?{query}"), status, code)


def test_a_variant_of_another_product_is_not_found(anon, product):
    rival = MembershipFactory(company=CompanyFactory(kind="supplier"))
    other = services.save_product(rival, product_input(ProductIn(**product_body())))
    other_variant = other.variants.first()

    answer = anon.get(f"products/{product.pk}/price?quantity=500&variant={other_variant.pk}")

    assert_error(answer, 404, "not_found")


def test_price_on_request_says_so(anon, supplier):
    saved = services.save_product(
        supplier,
        product_input(ProductIn(**product_body(price_mode="on_request", tiers=[], variants=[]))),
    )
    product = make_live(supplier, saved.pk)

    body = price(anon, product, "quantity=1000")

    assert [p["code"] for p in body["problems"]] == ["price_on_request"]
    assert (body["ok"], body["unit_price"]) == (False, None)
