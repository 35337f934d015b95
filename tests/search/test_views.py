"""The search pages: results, facets, htmx partials, analytics, bad input."""

import pytest

from tests.search.conftest import live_product
from tests.web.helpers import signed_in
from tradeloom.analytics.models import AnalyticsEvent
from tradeloom.analytics.recorder import ingest_spool

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(taxonomy, supplier, other_supplier, operator, rates):
    zh = live_product(
        supplier,
        operator,
        titles={"zh-hans": "女士羊绒毛衣"},
        language="zh-hans",
        currency="CNY",
        moq=50,
        tiers=[(50, None, 30000)],
    )
    socks = live_product(
        other_supplier, operator, slug="crew-socks", titles={"en": "Crew socks"}, moq=500
    )
    return zh, socks


def test_the_page_lists_the_match_with_a_click_link(client, listings):
    zh, _socks = listings
    response = client.get("/search/", {"q": "カシミヤ セーター"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "女士羊绒毛衣" in html
    assert f"/search/click/{zh.pk}/?sid=" in html
    assert "Crew socks" not in html


def test_an_htmx_request_gets_only_the_results_region(client, listings):
    response = client.get("/search/", {"q": "socks"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="search-results"')
    assert "<html" not in html


def test_facet_links_keep_the_whole_query_in_the_url(client, listings):
    html = client.get("/search/", {"q": "sweater", "currency": "JPY"}).content.decode()
    assert "/search/?q=sweater&amp;currency=JPY&amp;category=apparel" in html


def test_a_query_records_a_search_and_an_impression_per_listing(client, listings, supplier):
    client.get("/search/", {"q": "羊绒", "moq_max": "100"})
    ingest_spool()
    search = AnalyticsEvent.objects.get(name="search.query")
    assert search.properties["q"] == "羊绒"
    assert search.properties["results"] == 1
    assert search.properties["filters"] == {"moq_max": "100"}
    impression = AnalyticsEvent.objects.get(name="search.impression")
    assert impression.properties["supplier_id"] == supplier.company_id
    assert impression.properties["position"] == 1


def test_a_click_is_recorded_then_opens_the_product(client, listings, supplier):
    zh, _ = listings
    response = client.get(f"/search/click/{zh.pk}/", {"sid": "abc", "pos": "3"})
    assert response.status_code == 302
    assert response["Location"] == f"/p/{zh.pk}/"
    ingest_spool()
    click = AnalyticsEvent.objects.get(name="search.click")
    assert click.object_id == str(zh.pk)
    assert click.properties == {
        "search_id": "abc",
        "supplier_id": supplier.company_id,
        "position": 3,
    }


def test_a_click_on_a_listing_no_longer_live_is_not_found(client, listings, supplier):
    from tradeloom.catalog import services

    zh, _ = listings
    services.hide(supplier, zh.pk)
    assert client.get(f"/search/click/{zh.pk}/").status_code == 404


def test_the_supplier_sees_its_exposure(client, listings, supplier):
    zh, _ = listings
    client.get("/search/", {"q": "羊绒"})
    client.get(f"/search/click/{zh.pk}/")
    ingest_spool()
    html = signed_in(client, supplier.user).get("/search/exposure/").content.decode()
    assert 'data-figure="impressions">1<' in html
    assert 'data-figure="clicks">1<' in html


def test_an_empty_result_offers_to_drop_a_filter(client, listings):
    html = client.get("/search/", {"q": "socks", "verified": "1"}).content.decode()
    assert "No products match this search." in html
    assert "/search/?q=socks" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 2000},
        {"q": "?!.,;"},
        {"q": '"'},
        {"q": "*"},
        {"q": "a NEAR b"},
        {"q": ":"},
        {"q": "-"},
        {"q": "OR"},
        {"q": "1 OR 1=1; SELECT * FROM accounts_user --"},
        {"category": "../../etc"},
        {"price_min": "-1e9", "price_max": "∞"},
        {"moq_max": "-4", "lead_max": "99999999999999999999999"},
        {"quantity": "abc", "currency": "ZZZ"},
        {"country": "'", "cert": "%"},
        {"page": "0"},
        {"page": "1000000"},
        {"sort": "DROP"},
    ],
)
def test_bad_input_never_breaks_the_page(client, listings, params):
    assert client.get("/search/", params).status_code == 200


@pytest.mark.parametrize("q", ["", "k", "カ", "羊", '"*', "x" * 500])
def test_suggestions_answer_anything(client, listings, q):
    assert client.get("/search/suggest/", {"q": q}).status_code == 200


def test_suggestions_offer_categories_and_titles_in_every_language(client, listings):
    assert (
        "Category</span> Cashmere"
        in client.get("/search/suggest/", {"q": "カシミ"}).content.decode()
    )
    assert "女士羊绒毛衣" in client.get("/search/suggest/", {"q": "女士"}).content.decode()
    assert "Crew socks" in client.get("/search/suggest/", {"q": "crew so"}).content.decode()


def test_supplier_search_page(client, listings, other_supplier):
    html = client.get("/search/suppliers/", {"q": "ningbo", "page": "7"}).content.decode()
    assert "Ningbo Knit Co" in html


def test_supplier_results_show_what_buyers_compare_them_by(client, listings, supplier):
    from tradeloom.catalog.models import SupplierProfile

    SupplierProfile.objects.update_or_create(
        company=supplier.company,
        defaults={
            "business_type": "manufacturer",
            "established_year": 2008,
            "about": "Fine-gauge cashmere knitwear for boutique labels. " * 10,
        },
    )
    html = client.get("/search/suppliers/", {"q": "knit"}).content.decode()

    assert "Shanghai Knit" in html and "Ningbo Knit Co" in html
    assert "Manufacturer" in html and "Since 2008" in html and "1 product" in html
    assert "Fine-gauge cashmere knitwear for boutique labels." in html
    assert "for boutique labels. " * 10 not in html  # the profile is cut short
    link = "/search/suppliers/?q=knit&amp;category=cashmere-sweaters-fine-gauge"
    assert link in html  # a main category narrows the search to it

    narrowed = client.get(
        "/search/suppliers/", {"q": "knit", "category": "cashmere-sweaters-fine-gauge"}
    ).content.decode()
    assert "Shanghai Knit" in narrowed and "Ningbo Knit Co" not in narrowed
    assert '<option value="apparel">' in narrowed  # the category filter offers the tree
    assert 'value="cashmere-sweaters-fine-gauge" selected' in narrowed  # kept by the form


def test_the_header_has_a_search_box(client, db):
    assert 'action="/search/"' in client.get("/").content.decode()


def test_results_show_how_fast_each_supplier_answers(client, listings, supplier, buyer):
    from tradeloom.inquiries import services as inquiries

    zh, _socks = listings
    inquiry = inquiries.start_inquiry(
        buyer, inquiries.InquiryInput(product_ids=[zh.pk], quantity=100, message="Navy?")
    )
    inquiries.send_message(supplier, inquiry.conversation_id, "Yes, navy is in stock.")

    html = client.get("/search/", {"q": "羊绒毛衣"}).content.decode()

    assert "Replies to 100% within 24 h" in html
