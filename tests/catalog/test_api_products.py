"""A supplier's products through the API: create, read, replace, parts, lifecycle, delete."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_error, session_client, token_client
from tests.catalog.api_support import (
    LEAD_TIMES,
    TIERS,
    make_live,
    operator,
    product_body,
    product_url,
    products_url,
)
from tests.factories import MembershipFactory
from tradeloom.catalog import services
from tradeloom.catalog.models import PriceTier, Product, ProductGroup, StatusChange, Variant
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(supplier):
    return token_client(supplier)


def create(api, supplier, **overrides) -> dict:
    response = api.post(products_url(supplier), product_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


def test_create_saves_the_whole_product_as_a_draft(api, supplier):
    body = create(api, supplier)

    product = Product.objects.get(pk=body["id"])
    assert product.supplier_id == supplier.company_id
    assert body["status"] == "draft"
    assert body["title"] == "Cashmere crew-neck sweater"
    assert body["tiers"] == TIERS
    assert list(product.tiers.values_list("min_quantity", "max_quantity", "unit_price_minor")) == [
        (500, 999, 720),
        (1000, 4999, 680),
        (5000, None, 650),
    ]
    assert body["lead_times"] == LEAD_TIMES
    assert [(v["sku"], v["options"], v["price_override"]) for v in body["variants"]] == [
        ("CS-NAVY-M", {"colour": "navy", "size": "M"}, None),
        ("CS-CAMEL-L", {"colour": "camel", "size": "L"}, "7.40"),
    ]
    assert body["customizations"] == [
        {"kind": "label", "moq": 500, "surcharge": "0.05", "note": ""},
        {"kind": "logo", "moq": 1000, "surcharge": "0.30", "note": "Embroidered"},
    ]
    assert body["samples"] == {"available": True, "price": "25.00", "lead_days": 7}
    assert body["packing"] == {
        "units_per_carton": 50,
        "carton_length_cm": "60.0",
        "carton_width_cm": "40.0",
        "carton_height_cm": "35.5",
        "carton_gross_weight_kg": "18.25",
    }
    assert body["attributes"] == {"fibre_content": ["cashmere"], "gauge": 12, "neckline": "crew"}
    assert body["moq"] == 500 and body["order_increment"] == 50 and body["currency"] == "USD"
    assert body["supplier"]["slug"] == supplier.company.slug


def test_descriptions_are_sanitised_and_all_languages_kept(api, supplier):
    body = create(api, supplier)

    assert body["translations"] == [
        {
            "language": "en",
            "title": "Cashmere crew-neck sweater",
            "description": "<p>Soft <b>12gg</b> cashmere.</p>",
            "keywords": "cashmere, crew neck",
        },
        {
            "language": "ja",
            "title": "カシミヤ クルーネック セーター",
            "description": "",
            "keywords": "",
        },
    ]


def test_the_title_follows_the_request_language(api, supplier):
    product_id = create(api, supplier)["id"]

    answer = api.get(product_url(supplier, product_id), headers={"Accept-Language": "ja"})

    assert answer.json()["title"] == "カシミヤ クルーネック セーター"


def test_yen_prices_have_no_decimals(api, supplier):
    body = create(
        api,
        supplier,
        currency="JPY",
        tiers=[{"min_quantity": 500, "max_quantity": None, "unit_price": "1080"}],
        variants=[],
        customizations=[],
        samples={"available": True, "price": "0"},
    )

    assert body["tiers"] == [{"min_quantity": 500, "max_quantity": None, "unit_price": "1080"}]
    assert PriceTier.objects.get(product_id=body["id"]).unit_price_minor == 1080
    assert body["samples"]["price"] == "0"


def test_price_on_request_keeps_the_fob_range(api, supplier):
    body = create(api, supplier, price_mode="on_request", tiers=[], fob_min="5.90", fob_max="7.50")

    assert body["price_mode"] == "on_request"
    assert (body["fob_min"], body["fob_max"], body["tiers"]) == ("5.90", "7.50", [])


def test_the_list_pages_and_filters_by_status(api, supplier):
    first = create(api, supplier)["id"]
    second = create(api, supplier, variants=[])["id"]
    services.submit_for_review(supplier, second)

    everything = api.get(f"{products_url(supplier)}?limit=1").json()
    pending = api.get(f"{products_url(supplier)}?status=pending").json()

    assert everything["count"] == 2 and everything["limit"] == 1
    assert [p["id"] for p in everything["items"]] == [second]
    assert [(p["id"], p["status"]) for p in pending["items"]] == [(second, "pending")]
    assert api.get(f"{products_url(supplier)}?offset=1").json()["items"][0]["id"] == first
    card = everything["items"][0]
    assert (card["price_from"], card["price_to"], card["thumbnail_url"]) == ("6.50", "7.20", None)


def test_replace_changes_everything_and_keeps_variant_ids(api, supplier):
    product_id = create(api, supplier)["id"]
    navy = Variant.objects.get(sku="CS-NAVY-M").pk
    body = product_body(
        moq=1000,
        order_increment=100,
        tiers=[{"min_quantity": 1000, "max_quantity": None, "unit_price": "6.90"}],
        variants=[{"sku": "CS-NAVY-M", "options": {"colour": "navy", "size": "S"}}],
    )

    answer = api.client.put(
        f"/api/v1/{product_url(supplier, product_id)}",
        body,
        content_type="application/json",
        headers=api.headers,
    )

    assert answer.status_code == 200, answer.content
    assert answer.json()["tiers"] == [
        {"min_quantity": 1000, "max_quantity": None, "unit_price": "6.90"}
    ]
    assert list(Variant.objects.filter(product_id=product_id).values_list("pk", "options")) == [
        (navy, {"colour": "navy", "size": "S"})
    ]


def put(api, url, body):
    return api.client.put(
        f"/api/v1/{url}", body, content_type="application/json", headers=api.headers
    )


def test_replacing_tiers_alone_keeps_the_rest(api, supplier):
    product_id = create(api, supplier)["id"]
    before = api.get(product_url(supplier, product_id)).json()
    tiers = [
        {"min_quantity": 500, "max_quantity": 1999, "unit_price": "7.00"},
        {"min_quantity": 2000, "max_quantity": None, "unit_price": "6.40"},
    ]

    answer = put(api, product_url(supplier, product_id, "/tiers"), {"tiers": tiers})

    assert answer.status_code == 200, answer.content
    after = answer.json()
    assert after["tiers"] == tiers
    for key in ("translations", "lead_times", "variants", "customizations", "packing", "samples"):
        assert after[key] == before[key], key


def test_replacing_tiers_of_a_price_on_request_product_prices_it_by_tiers(api, supplier):
    product_id = create(api, supplier, price_mode="on_request", tiers=[])["id"]

    answer = put(api, product_url(supplier, product_id, "/tiers"), {"tiers": TIERS})

    assert answer.json()["price_mode"] == "tiers"
    assert answer.json()["tiers"] == TIERS


def test_replacing_lead_times_variants_and_customizations(api, supplier):
    product_id = create(api, supplier)["id"]

    lead = put(
        api,
        product_url(supplier, product_id, "/lead-times"),
        {"lead_times": [{"max_quantity": None, "days": 40}]},
    )
    variants = put(
        api,
        product_url(supplier, product_id, "/variants"),
        {"variants": [{"sku": "CS-RED-S", "options": {"colour": "red"}, "price_override": "8"}]},
    )
    custom = put(
        api,
        product_url(supplier, product_id, "/customizations"),
        {"customizations": [{"kind": "packaging", "moq": 2000, "surcharge": "0.12"}]},
    )

    assert lead.json()["lead_times"] == [{"max_quantity": None, "days": 40}]
    assert [(v["sku"], v["price_override"]) for v in variants.json()["variants"]] == [
        ("CS-RED-S", "8.00")
    ]
    assert custom.json()["customizations"] == [
        {"kind": "packaging", "moq": 2000, "surcharge": "0.12", "note": ""}
    ]
    assert api.get(product_url(supplier, product_id)).json()["tiers"] == TIERS


def test_a_commercial_edit_keeps_a_live_listing_live(api, supplier):
    product_id = create(api, supplier)["id"]
    make_live(supplier, product_id)

    answer = put(
        api,
        product_url(supplier, product_id, "/tiers"),
        {"tiers": [*TIERS[:2], {"min_quantity": 5000, "max_quantity": None, "unit_price": "6.20"}]},
    )

    assert answer.json()["status"] == "live"


def test_a_content_edit_sends_a_live_listing_back_to_review(api, supplier):
    product_id = create(api, supplier)["id"]
    make_live(supplier, product_id)
    body = product_body()
    body["translations"][0]["title"] = "Cashmere crew-neck sweater, new colours"

    answer = put(api, product_url(supplier, product_id), body)

    assert answer.json()["status"] == "pending"
    assert StatusChange.objects.filter(product_id=product_id).last().reason == "content edited"


def test_lifecycle_submit_withdraw_hide_unhide(api, supplier):
    product_id = create(api, supplier)["id"]
    url = product_url(supplier, product_id)

    assert api.post(f"{url}/submit").json()["status"] == "pending"
    assert api.post(f"{url}/withdraw").json()["status"] == "draft"
    assert api.post(f"{url}/submit").json()["status"] == "pending"
    services.moderate(operator(), product_id, "approve")
    assert api.post(f"{url}/hide").json()["status"] == "hidden"
    assert api.post(f"{url}/unhide").json()["status"] == "live"
    assert list(
        StatusChange.objects.filter(product_id=product_id).values_list("from_status", "to_status")
    ) == [
        ("draft", "pending"),
        ("pending", "draft"),
        ("draft", "pending"),
        ("pending", "live"),
        ("live", "hidden"),
        ("hidden", "live"),
    ]


def test_a_move_the_table_forbids_is_a_conflict(api, supplier):
    product_id = create(api, supplier)["id"]

    body = assert_error(
        api.post(product_url(supplier, product_id, "/hide")), 409, "invalid_transition"
    )

    assert body["details"] == {"from": "draft", "to": "hidden"}
    assert Product.objects.get(pk=product_id).status == "draft"


def test_submitting_without_tiers_is_refused(api, supplier):
    product_id = create(api, supplier, price_mode="on_request", tiers=[])["id"]
    Product.objects.filter(pk=product_id).update(price_mode="tiers")

    assert_error(api.post(product_url(supplier, product_id, "/submit")), 400, "tiers_required")
    assert Product.objects.get(pk=product_id).status == "draft"


def test_a_draft_is_deleted_for_good(api, supplier):
    product_id = create(api, supplier)["id"]

    answer = api.delete(product_url(supplier, product_id))

    assert answer.status_code == 204
    assert not Product.objects.filter(pk=product_id).exists()
    assert not Variant.objects.filter(product_id=product_id).exists()
    assert OutboxEvent.objects.filter(name="product.deleted").count() == 1


@pytest.mark.parametrize("status", ["pending", "live", "hidden"])
def test_a_submitted_listing_is_not_deleted(api, supplier, status):
    product_id = create(api, supplier)["id"]
    Product.objects.filter(pk=product_id).update(status=status)

    body = assert_error(api.delete(product_url(supplier, product_id)), 409, "not_a_draft")

    assert body["details"] == {"status": status}
    assert Product.objects.filter(pk=product_id).exists()


def test_groups_are_listed_and_created_once_per_name(api, supplier):
    url = f"companies/{supplier.company_id}/product-groups"

    first = api.post(url, {"name": "Winter knits"})
    again = api.post(url, {"name": " Winter knits "})
    api.post(url, {"name": "Basics"})

    assert first.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert [g["name"] for g in api.get(url).json()] == ["Winter knits", "Basics"]
    group_id = first.json()["id"]
    assert create(api, supplier, group_id=group_id)["group"]["name"] == "Winter knits"


def test_a_session_works_like_a_token(supplier):
    client = session_client(supplier.user)

    answer = client.post(products_url(supplier), product_body())

    assert answer.status_code == 201


def test_a_role_without_catalog_manage_is_refused(supplier):
    sales = token_client(MembershipFactory(company=supplier.company, role="sales"))

    assert_error(sales.post(products_url(supplier), product_body()), 403, "permission_denied")
    assert_error(sales.get(products_url(supplier)), 403, "permission_denied")
    assert not Product.objects.exists()


def test_a_catalog_member_may_manage_products(supplier):
    catalog = token_client(MembershipFactory(company=supplier.company, role="catalog"))

    assert catalog.post(products_url(supplier), product_body()).status_code == 201


def test_a_buyer_company_lists_no_products(buyer):
    api = token_client(buyer)

    assert_error(api.post(products_url(buyer), product_body()), 403, "not_a_supplier")
    assert not Product.objects.exists()
    assert not ProductGroup.objects.exists()
