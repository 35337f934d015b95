"""The public catalogue: only live listings exist, storefronts, categories, favourites."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient, assert_error, png_bytes, token_client
from tests.catalog.api_support import make_live, operator, product_body
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog import profile, services
from tradeloom.catalog.api_convert import product_input
from tradeloom.catalog.api_schemas import ProductIn
from tradeloom.catalog.models import Attribute, Category, Product

pytestmark = pytest.mark.django_db


def save(membership, **overrides) -> Product:
    return services.save_product(membership, product_input(ProductIn(**product_body(**overrides))))


@pytest.fixture
def anon():
    return ApiClient()


@pytest.fixture
def live(supplier):
    product = save(supplier)
    return make_live(supplier, product.pk)


# --- visibility -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "hidden"])
def test_a_listing_that_is_not_live_does_not_exist_publicly(anon, supplier, status):
    product = save(supplier)
    Product.objects.filter(pk=product.pk).update(status=status)

    assert_error(anon.get(f"products/{product.pk}"), 404, "not_found")
    assert_error(anon.get(f"products/{product.pk}/price?quantity=500"), 404, "not_found")
    assert anon.get("products").json()["count"] == 0


def test_a_live_listing_is_public_with_everything(anon, live, supplier):
    body = anon.get(f"products/{live.pk}").json()

    assert body["id"] == live.pk
    assert [t["language"] for t in body["translations"]] == ["en", "ja"]
    assert [t["unit_price"] for t in body["tiers"]] == ["7.20", "6.80", "6.50"]
    assert [r["days"] for r in body["lead_times"]] == [30, 45, 60]
    assert [v["sku"] for v in body["variants"]] == ["CS-NAVY-M", "CS-CAMEL-L"]
    assert [c["kind"] for c in body["customizations"]] == ["label", "logo"]
    assert body["supplier"] == {
        "id": supplier.company_id,
        "slug": supplier.company.slug,
        "display_name": "Shanghai Knit",
        "country": "CN",
        "verification_status": "verified",
        "member_since": supplier.company.created_at.date().isoformat(),
    }
    assert "status" not in body and "rejection_reason" not in body


def test_public_reads_need_no_account(anon, live):
    assert anon.get(f"products/{live.pk}").status_code == 200
    assert anon.get("categories").status_code == 200


def test_the_list_filters_by_category_subtree_and_supplier(anon, live, supplier):
    rival = MembershipFactory(company=CompanyFactory(kind="supplier", slug="rival-knit"))
    other = save(rival)
    make_live(rival, other.pk)

    def ids(query):
        return [p["id"] for p in anon.get(f"products?{query}").json()["items"]]

    assert ids("") == [other.pk, live.pk]
    assert ids("category=sweaters") == [other.pk, live.pk]
    assert ids("category=apparel&supplier=rival-knit") == [other.pk]
    assert ids("category=bags-luggage") == []
    assert ids("limit=1&offset=1") == [live.pk]
    assert_error(anon.get("products?category=no-such-thing"), 404, "not_found")
    assert_error(anon.get("products?supplier=no-such-supplier"), 404, "not_found")
    assert_error(anon.get("products?category=%00"), 422, "validation_error")


def test_a_card_shows_the_price_range_and_main_thumbnail(anon, live, supplier):
    services.add_image(supplier, live.pk, _png("a.png"), alt="front")
    services.moderate(operator(), live.pk, "approve")

    card = anon.get("products").json()["items"][0]

    assert (card["price_from"], card["price_to"], card["moq"]) == ("6.50", "7.20", 500)
    assert card["thumbnail_url"].startswith("http://testserver/media/products/")


def _png(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, png_bytes())


def test_the_product_page_read_does_not_grow_with_tiers_variants_and_images(anon, supplier):
    small = make_live(supplier, save(supplier, variants=[], customizations=[]).pk)
    many_tiers = [
        {"min_quantity": 500 * (i + 1), "max_quantity": 500 * (i + 2) - 1, "unit_price": f"{9 - i}"}
        for i in range(8)
    ] + [{"min_quantity": 4500, "max_quantity": None, "unit_price": "0.50"}]
    big = save(
        supplier,
        tiers=many_tiers,
        variants=[{"sku": f"BIG-{i}", "options": {"size": str(i)}} for i in range(30)],
    )
    for i in range(5):
        services.add_image(supplier, big.pk, _png(f"{i}.png"))
    make_live(supplier, big.pk)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert anon.get(url).status_code == 200
        return len(captured)

    assert queries(f"products/{big.pk}") == queries(f"products/{small.pk}")
    assert queries(f"products/{big.pk}/price?quantity=1000") == queries(
        f"products/{small.pk}/price?quantity=1000"
    )


def test_the_list_read_does_not_grow_with_products(anon, supplier):
    make_live(supplier, save(supplier, variants=[]).pk)
    with CaptureQueriesContext(connection) as one:
        anon.get("products")
    for i in range(4):
        make_live(supplier, save(supplier, variants=[{"sku": f"S-{i}"}]).pk)
    with CaptureQueriesContext(connection) as five:
        assert anon.get("products").json()["count"] == 5

    assert len(five) == len(one)


# --- storefronts ----------------------------------------------------------------------------------


def test_a_storefront_shows_the_profile_and_live_products_only(anon, supplier, live):
    profile.save_profile(
        supplier,
        {
            "about": "Knitwear since 1998.",
            "business_type": "manufacturer",
            "established_year": 1998,
            "staff_count": 240,
            "main_markets": [{"market": "North America", "share": 40}],
        },
    )
    profile.add_certification(supplier, name="OEKO-TEX Standard 100", issuer="Hohenstein")
    group = services.create_group(supplier, "Winter knits")
    services.create_group(supplier, "Empty group")
    body = product_body(group_id=group.pk)
    services.save_product(supplier, product_input(ProductIn(**body)), product_id=live.pk)
    save(supplier, variants=[])  # a draft: not shown

    answer = anon.get(f"storefronts/{supplier.company.slug}").json()

    assert answer["supplier"]["display_name"] == "Shanghai Knit"
    assert answer["profile"]["about"] == "Knitwear since 1998."
    assert answer["profile"]["main_markets"] == [{"market": "North America", "share": 40}]
    assert answer["certifications"] == [
        {
            "name": "OEKO-TEX Standard 100",
            "issuer": "Hohenstein",
            "valid_until": None,
            "file_url": None,
        }
    ]
    assert [g["name"] for g in answer["groups"]] == ["Winter knits"]
    assert [p["id"] for p in answer["products"]["items"]] == [live.pk]
    assert answer["products"]["count"] == 1


def test_a_storefront_without_a_profile_still_answers(anon, supplier):
    answer = anon.get(f"storefronts/{supplier.company.slug}").json()

    assert answer["profile"] is None
    assert answer["products"] == {"count": 0, "limit": 20, "offset": 0, "items": []}


def test_a_buyer_has_no_storefront(anon, buyer):
    assert_error(anon.get(f"storefronts/{buyer.company.slug}"), 404, "not_found")
    assert_error(anon.get("storefronts/no-such-company"), 404, "not_found")


# --- categories -----------------------------------------------------------------------------------


def test_the_category_tree_in_three_languages(anon):
    body = anon.get("categories").json()

    assert len(body) == Category.objects.count()
    sweaters = next(c for c in body if c["slug"] == "sweaters")
    assert sweaters["parent"] == "apparel"
    assert set(sweaters["names"]) == {"en", "ja", "zh-hans"}
    assert "gauge" in [a["code"] for a in sweaters["attributes"]]
    assert [c["path"] for c in body] == sorted(c["path"] for c in body)


def test_a_category_lists_the_attributes_it_inherits(anon):
    body = anon.get("categories/cashmere-sweaters-fine-gauge").json()

    codes = [a["code"] for a in body["effective_attributes"]]
    assert {"gender", "season", "gauge", "neckline"} <= set(codes)
    assert len(codes) == len(set(codes))
    assert body["is_leaf"] is True
    assert [a["slug"] for a in body["ancestors"]] == ["apparel", "sweaters"]
    neckline = next(a for a in body["effective_attributes"] if a["code"] == "neckline")
    assert neckline["kind"] == Attribute.Kind.CHOICE
    assert {"code": "crew", "names": neckline["values"][0]["names"]} == neckline["values"][0]
    assert_error(anon.get("categories/no-such-category"), 404, "not_found")


# --- favourites -----------------------------------------------------------------------------------


def test_a_buyer_keeps_live_favourites(buyer, live, supplier):
    api = token_client(buyer)
    draft = save(supplier, variants=[])

    assert api.client.put(f"/api/v1/favourites/{live.pk}", headers=api.headers).status_code == 204
    assert api.client.put(f"/api/v1/favourites/{live.pk}", headers=api.headers).status_code == 204
    assert_error(
        api.client.put(f"/api/v1/favourites/{draft.pk}", headers=api.headers), 404, "not_found"
    )
    assert [p["id"] for p in api.get("favourites").json()] == [live.pk]

    assert api.delete(f"favourites/{live.pk}").status_code == 204
    assert api.get("favourites").json() == []


def test_a_favourite_that_is_hidden_drops_out_of_the_list(buyer, live, supplier):
    api = token_client(buyer)
    api.client.put(f"/api/v1/favourites/{live.pk}", headers=api.headers)

    services.hide(supplier, live.pk)

    assert api.get("favourites").json() == []


def test_favourites_need_an_account(anon, live):
    assert_error(anon.get("favourites"), 401, "not_authenticated")


# --- moderation -----------------------------------------------------------------------------------


@pytest.fixture
def moderator():
    user = operator()
    return user, token_client(MembershipFactory(user=user, company=CompanyFactory(kind="buyer")))


def test_the_queue_holds_pending_listings_oldest_first(moderator, supplier):
    first = save(supplier, variants=[])
    second = save(supplier, variants=[])
    services.submit_for_review(supplier, second.pk)
    services.submit_for_review(supplier, first.pk)
    save(supplier, variants=[])  # a draft

    body = moderator[1].get("moderation/products").json()

    assert [p["id"] for p in body] == [second.pk, first.pk]
    assert body[0]["supplier"]["display_name"] == "Shanghai Knit"
    assert body[0]["status"] == "pending"


def test_approving_puts_a_listing_live(moderator, supplier, anon):
    product = save(supplier)
    services.submit_for_review(supplier, product.pk)

    answer = moderator[1].post(f"moderation/products/{product.pk}/approve")

    assert answer.json()["status"] == "live"
    assert anon.get(f"products/{product.pk}").status_code == 200


def test_rejecting_needs_a_reason_and_tells_the_supplier(moderator, supplier):
    product = save(supplier)
    services.submit_for_review(supplier, product.pk)
    url = f"moderation/products/{product.pk}/reject"

    assert_error(moderator[1].post(url, {"reason": "   "}), 400, "reason_required")
    assert_error(moderator[1].post(url, {}), 422, "validation_error")
    answer = moderator[1].post(url, {"reason": "The photos show another brand's logo."})

    assert answer.json()["status"] == "rejected"
    assert answer.json()["rejection_reason"] == "The photos show another brand's logo."
    own = token_client(supplier).get(f"companies/{supplier.company_id}/products/{product.pk}")
    assert own.json()["rejection_reason"] == "The photos show another brand's logo."


def test_approving_a_draft_is_a_conflict(moderator, supplier):
    product = save(supplier)

    assert_error(
        moderator[1].post(f"moderation/products/{product.pk}/approve"), 409, "invalid_transition"
    )
    assert_error(moderator[1].post("moderation/products/999999/approve"), 404, "not_found")


def test_only_operators_moderate(supplier, buyer):
    product = save(supplier)
    services.submit_for_review(supplier, product.pk)

    for client in (token_client(supplier), token_client(buyer)):
        assert_error(client.get("moderation/products"), 403, "permission_denied")
        assert_error(
            client.post(f"moderation/products/{product.pk}/approve"), 403, "permission_denied"
        )
    assert Product.objects.get(pk=product.pk).status == "pending"
