"""The search API: same parameters as the page, public, never a 500."""

import pytest

from tests.search.conftest import live_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(taxonomy, supplier, operator, rates):
    return live_product(
        supplier,
        operator,
        titles={"zh-hans": "女士羊绒毛衣"},
        language="zh-hans",
        currency="CNY",
        moq=50,
        tiers=[(50, None, 30000)],
        attributes={"fibre_content": ["cashmere"]},
    )


def test_product_search_returns_hits_facets_and_the_expansion(client, listing, supplier):
    body = client.get("/api/v1/search/products", {"q": "cashmere jumper", "currency": "JPY"}).json()
    assert body["total"] == 1
    (hit,) = body["results"]
    assert hit["id"] == listing.pk
    assert hit["title"] == "女士羊绒毛衣"
    assert hit["supplier"]["id"] == supplier.company_id
    assert hit["price_from"] == "300.00"
    assert hit["price_shown"].startswith("6250")
    assert body["facets"]["categories"] == [{"value": "apparel", "count": 1}]
    cashmere, jumper = body["expansion"]
    assert "羊绒" in cashmere["also_matches"]
    assert "毛衣" in jumper["also_matches"]


def test_filters_and_paging_in_the_api(client, listing):
    body = client.get(
        "/api/v1/search/products",
        {"moq_max": "10", "page": "99", "sort": "bogus", "country": "CN"},
    ).json()
    assert body["total"] == 0
    assert body["without_filter"] == {"moq_max": 1}
    assert len(body["warnings"]) == 1


@pytest.mark.parametrize(
    "q", ["", '"', "*", "NEAR", ":", "-", "OR", "' OR 1=1 --", "x" * 2000, "\x00", "（）"]
)
def test_bad_queries_answer_200(client, listing, q):
    assert client.get("/api/v1/search/products", {"q": q}).status_code == 200
    assert client.get("/api/v1/search/suppliers", {"q": q}).status_code == 200
    assert client.get("/api/v1/search/suggestions", {"q": q}).status_code == 200


def test_supplier_search_and_suggestions(client, listing, supplier):
    body = client.get("/api/v1/search/suppliers", {"q": "shanghai"}).json()
    assert [r["id"] for r in body["results"]] == [supplier.company_id]
    hit = body["results"][0]
    assert hit["product_count"] == 1
    assert hit["main_categories"] == [listing.category.slug]
    assert hit["business_type"] in {"", "manufacturer", "trading", "both"}
    found = client.get("/api/v1/search/suggestions", {"q": "女士"}).json()
    assert {
        "kind": "product",
        "text": "女士羊绒毛衣",
        "category": None,
        "product_id": listing.pk,
    } in found
