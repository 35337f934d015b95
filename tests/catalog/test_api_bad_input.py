"""Every bad input of the issue through the API: a 4xx with the service's code, and
nothing saved or changed."""

from __future__ import annotations

import copy

import pytest

from tests.api.conftest import assert_error, token_client
from tests.catalog.api_support import TIERS, product_body, product_url, products_url
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog import services
from tradeloom.catalog.models import (
    Category,
    LeadTime,
    PriceTier,
    Product,
    ProductGroup,
    ProductTranslation,
    Variant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(supplier):
    return token_client(supplier)


def tiers(*rows):
    return [{"min_quantity": a, "max_quantity": b, "unit_price": p} for a, b, p in rows]


BAD_PRODUCTS = {
    "overlapping tiers": (
        {"tiers": tiers((500, 1000, "7.20"), (1000, None, "6.80"))},
        "tiers_overlap",
        "tiers",
    ),
    "a tier that ends before it starts": (
        {"tiers": tiers((500, 400, "7.20"), (1000, None, "6.80"))},
        "tiers_overlap",
        "tiers",
    ),
    "a larger quantity costing more": (
        {"tiers": tiers((500, 999, "6.80"), (1000, None, "7.20"))},
        "tiers_not_decreasing",
        "tiers",
    ),
    "a tier below the MOQ": (
        {"tiers": tiers((100, 999, "7.20"), (1000, None, "6.80"))},
        "tier_below_moq",
        "tiers",
    ),
    "a gap between tiers": (
        {"tiers": tiers((500, 899, "7.20"), (1000, None, "6.80"))},
        "tier_gap",
        "tiers",
    ),
    "a zero price": (
        {"tiers": tiers((500, 999, "7.20"), (1000, None, "0"))},
        "price_not_positive",
        "tiers",
    ),
    "a negative price": (
        {"tiers": tiers((500, 999, "7.20"), (1000, None, "-6.80"))},
        "price_not_positive",
        "tiers",
    ),
    "a price that is not a number": (
        {"tiers": tiers((500, None, "seven"))},
        "invalid_price",
        "tiers",
    ),
    "more decimals than the currency has": (
        {"tiers": tiers((500, None, "7.205"))},
        "too_many_decimals",
        "tiers",
    ),
    "a negative variant price": (
        {"variants": [{"sku": "X-1", "price_override": "-1"}]},
        "price_not_positive",
        "variants",
    ),
    "an MOQ that is not a multiple of the increment": (
        {"moq": 500, "order_increment": 300},
        "moq_not_multiple",
        "moq",
    ),
    "an unknown currency": ({"currency": "XYZ"}, "invalid_currency", "currency"),
    "lead times out of order": (
        {
            "lead_times": [
                {"max_quantity": 5000, "days": 45},
                {"max_quantity": 1000, "days": 30},
            ]
        },
        "lead_times_out_of_order",
        "lead_times",
    ),
    "a larger quantity shipping sooner": (
        {
            "lead_times": [
                {"max_quantity": 1000, "days": 45},
                {"max_quantity": None, "days": 30},
            ]
        },
        "lead_times_out_of_order",
        "lead_times",
    ),
    "a reversed FOB range": (
        {"fob_min": "8.00", "fob_max": "6.00"},
        "fob_range",
        "fob_min",
    ),
    "the same SKU twice": (
        {"variants": [{"sku": "CS-1"}, {"sku": "CS-1"}]},
        "duplicate_sku",
        "variants",
    ),
    "the same customization twice": (
        {
            "customizations": [
                {"kind": "logo", "moq": 500},
                {"kind": "logo", "moq": 1000},
            ]
        },
        "invalid_customization",
        "customizations",
    ),
    "an attribute the category does not declare": (
        {"attributes": {"voltage": "220"}},
        "unknown_attribute",
        "attributes",
    ),
    "a value that is not a choice": (
        {"attributes": {"neckline": "hood-with-ears"}},
        "invalid_attribute_value",
        "attributes",
    ),
    "no title in the main language": (
        {"default_language": "ja", "translations": [{"language": "en", "title": "Sweater"}]},
        "title_required",
        "title",
    ),
}


@pytest.mark.parametrize("case", BAD_PRODUCTS, ids=str)
def test_a_bad_product_is_refused_with_its_code_and_nothing_saved(api, supplier, case):
    overrides, code, field = BAD_PRODUCTS[case]

    body = assert_error(api.post(products_url(supplier), product_body(**overrides)), 400, code)

    assert body["details"]["field"] == field
    assert Product.objects.count() == 0
    assert ProductTranslation.objects.count() == PriceTier.objects.count() == 0


def test_the_failing_tier_is_named(api, supplier):
    bad = tiers((500, 999, "7.20"), (1000, 4999, "6.80"), (5000, None, "0.00"))

    body = assert_error(
        api.post(products_url(supplier), product_body(tiers=bad)), 400, "price_not_positive"
    )

    assert body["details"] == {"field": "tiers", "tier": 2}


def test_a_category_with_subcategories_is_refused(api, supplier):
    sweaters = Category.objects.get(slug="sweaters")

    assert_error(
        api.post(products_url(supplier), product_body(category_id=sweaters.pk)),
        400,
        "category_not_leaf",
    )
    assert Product.objects.count() == 0


def test_another_suppliers_group_is_refused(api, supplier):
    other = MembershipFactory(company=CompanyFactory(kind="supplier"))
    group = services.create_group(other, "Theirs")

    assert_error(
        api.post(products_url(supplier), product_body(group_id=group.pk)), 400, "invalid_group"
    )
    assert Product.objects.count() == 0


def test_a_sku_of_another_of_my_products_is_a_conflict(api, supplier):
    api.post(products_url(supplier), product_body())

    assert_error(api.post(products_url(supplier), product_body()), 409, "duplicate_sku")
    assert Product.objects.count() == 1


def test_another_supplier_may_use_the_same_skus(api, supplier):
    rival = MembershipFactory(company=CompanyFactory(kind="supplier"))
    api.post(products_url(supplier), product_body())

    answer = token_client(rival).post(products_url(rival), product_body())

    assert answer.status_code == 201
    assert Variant.objects.filter(sku="CS-NAVY-M").count() == 2


def test_a_price_sent_as_a_json_number_is_a_validation_error(api, supplier):
    body = product_body(tiers=[{"min_quantity": 500, "max_quantity": None, "unit_price": 7.2}])

    answer = assert_error(api.post(products_url(supplier), body), 422, "validation_error")

    assert answer["details"]["fields"] == {"tiers.0.unit_price": ["This value has the wrong type."]}
    assert Product.objects.count() == 0


def test_text_with_a_nul_character_is_refused(api, supplier):
    body = product_body(variants=[{"sku": "NUL-1", "options": {"colour": "na\x00vy"}}])

    answer = assert_error(api.post(products_url(supplier), body), 422, "validation_error")

    assert answer["details"]["fields"] == {
        "variants.0": ["Text may not contain the NUL character."]
    }
    assert Product.objects.count() == 0


def test_malformed_json_is_refused(api, supplier):
    answer = api.post(products_url(supplier), raw='{"category_id": 1, "translations": [')

    assert_error(answer, 400, "malformed_json")
    assert Product.objects.count() == 0


def test_an_unknown_field_is_refused(api, supplier):
    body = assert_error(
        api.post(products_url(supplier), product_body(minimum_order=5)), 422, "validation_error"
    )

    assert body["details"]["fields"] == {"minimum_order": ["This field is not allowed here."]}


# --- a bad part leaves the stored product as it was ------------------------------------------


@pytest.fixture
def product(supplier):
    response = token_client(supplier).post(products_url(supplier), product_body())
    return Product.objects.get(pk=response.json()["id"])


def snapshot(product):
    return (
        tuple(product.tiers.values_list("min_quantity", "max_quantity", "unit_price_minor")),
        tuple(product.lead_times.values_list("max_quantity", "days")),
        tuple(product.variants.values_list("pk", "sku", "options", "price_override_minor")),
        tuple(Product.objects.filter(pk=product.pk).values_list("status", "price_mode", "moq")),
    )


def put(api, url, body):
    return api.client.put(
        f"/api/v1/{url}", body, content_type="application/json", headers=api.headers
    )


@pytest.mark.parametrize(
    ("tail", "body", "code"),
    [
        ("/tiers", {"tiers": tiers((500, 1000, "7.20"), (1000, None, "6.80"))}, "tiers_overlap"),
        ("/tiers", {"tiers": tiers((100, None, "7.20"))}, "tier_below_moq"),
        ("/tiers", {"tiers": tiers((500, None, "0"))}, "price_not_positive"),
        ("/tiers", {"tiers": []}, "tiers_required"),
        (
            "/lead-times",
            {"lead_times": [{"max_quantity": 900, "days": 30}, {"max_quantity": 100, "days": 40}]},
            "lead_times_out_of_order",
        ),
        ("/variants", {"variants": [{"sku": "A"}, {"sku": "A"}]}, "duplicate_sku"),
        ("/variants", {"variants": [{"sku": "A", "price_override": "0"}]}, "price_not_positive"),
    ],
)
def test_a_bad_part_changes_nothing(api, supplier, product, tail, body, code):
    before = snapshot(product)

    assert_error(put(api, product_url(supplier, product.pk, tail), body), 400, code)

    assert snapshot(product) == before


def test_a_bad_replacement_changes_nothing(api, supplier, product):
    before = snapshot(product)
    body = product_body(currency="XYZ")

    assert_error(put(api, product_url(supplier, product.pk), body), 400, "invalid_currency")

    assert snapshot(product) == before


# --- another supplier's product is not there ---------------------------------------------------


@pytest.fixture
def intruder():
    return MembershipFactory(company=CompanyFactory(kind="supplier", display_name="Rival Knit"))


@pytest.mark.parametrize(
    ("method", "tail", "body"),
    [
        ("get", "", None),
        ("put", "", "product"),
        ("delete", "", None),
        ("put", "/tiers", {"tiers": TIERS}),
        ("put", "/lead-times", {"lead_times": []}),
        ("put", "/variants", {"variants": []}),
        ("put", "/customizations", {"customizations": []}),
        ("post", "/submit", None),
        ("post", "/withdraw", None),
        ("get", "/images", None),
    ],
)
def test_editing_another_suppliers_product_by_id_is_not_found(
    supplier, product, intruder, method, tail, body
):
    api = token_client(intruder)
    before = snapshot(product)
    if body == "product":
        body = product_body()
    url = f"/api/v1/{product_url(intruder, product.pk, tail)}"
    kwargs = {"headers": api.headers}
    if body is not None:
        kwargs |= {"data": copy.deepcopy(body), "content_type": "application/json"}

    answer = getattr(api.client, method)(url, **kwargs)

    assert_error(answer, 404, "not_found")
    assert snapshot(product) == before
    assert Variant.objects.filter(supplier=intruder.company).count() == 0
    assert LeadTime.objects.filter(product__supplier=intruder.company).count() == 0
    assert ProductGroup.objects.filter(supplier=intruder.company).count() == 0
