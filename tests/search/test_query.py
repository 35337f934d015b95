"""Queries: cross-language matching, filters with counts, sorting, bad input."""

from decimal import Decimal

import pytest

from tests.search.conftest import CustomizationInput, live_product
from tradeloom.catalog import services
from tradeloom.core.events import deliver_due
from tradeloom.core.management.commands.worker import SWEEPS
from tradeloom.search import query
from tradeloom.search.params import parse_products, parse_suppliers
from tradeloom.search.query import search_products, search_suppliers

pytestmark = pytest.mark.django_db


def run(q: str = "", **params):
    pq, warnings = parse_products({"q": q, **params}, currency="USD")
    return search_products(pq, warnings)


@pytest.fixture
def catalogue(taxonomy, supplier, other_supplier, operator, rates):
    """A Chinese cashmere sweater (CNY), an English cotton one (USD), Japanese socks."""
    zh = live_product(
        supplier,
        operator,
        titles={"zh-hans": "女士羊绒毛衣 圆领"},
        language="zh-hans",
        currency="CNY",
        moq=50,
        tiers=[(50, 499, 36000), (500, None, 30000)],  # CNY 360 / 300
        lead_days=15,
        attributes={"fibre_content": ["cashmere"], "certification": ["gots"]},
        samples_available=True,
        customizations=[CustomizationInput("logo", 100)],
    )
    en = live_product(
        other_supplier,
        operator,
        slug="cotton-sweaters-fine-gauge",
        titles={"en": "Organic cotton pullover"},
        moq=1000,
        tiers=[(1000, None, 800)],  # USD 8.00
        lead_days=45,
        attributes={"fibre_content": ["cotton"]},
        ready_to_ship=True,
    )
    ja = live_product(
        other_supplier,
        operator,
        slug="crew-socks",
        titles={"ja": "メンズ ビジネスソックス 10足組"},
        language="ja",
        moq=200,
        tiers=[(200, None, 300)],
        lead_days=20,
    )
    return {"zh": zh.pk, "en": en.pk, "ja": ja.pk}


@pytest.mark.parametrize(
    "query",
    ["カシミヤ セーター", "cashmere jumper", "羊绒毛衣", "Cashmere Sweaters", "ｃａｓｈｍｅｒｅ"],
)
def test_the_chinese_cashmere_sweater_is_found_in_every_language(catalogue, query):
    assert run(query).ids[0] == catalogue["zh"]


def test_a_japanese_listing_is_found_from_english_and_chinese(catalogue):
    assert run("socks").ids == [catalogue["ja"]]
    assert run("袜子").ids == [catalogue["ja"]]
    assert run("ソックス").ids == [catalogue["ja"]]


def test_a_typo_still_finds_the_listing(catalogue):
    assert catalogue["zh"] in run("cashmire sweter").ids


def test_a_query_with_no_complete_match_falls_back_to_any_word(catalogue):
    results = run("cashmere zzqqxx")
    assert results.relaxed
    assert results.ids == [catalogue["zh"]]


def test_moq_filter_and_its_counts(catalogue):
    results = run("sweater", moq_max="100")
    assert results.ids == [catalogue["zh"]]
    assert dict(run("sweater").facets.moq)[500] == 1


def test_price_in_jpy_at_a_quantity_uses_that_tier(catalogue):
    # CNY 300 at 500 pieces = USD 41.67 = JPY 6,250; CNY 360 at 100 = JPY 7,500.
    at_500 = run("", currency="JPY", price_max="6500", quantity="500")
    at_100 = run("", currency="JPY", price_max="6500", quantity="100")
    assert catalogue["zh"] in at_500.ids
    assert catalogue["zh"] not in at_100.ids
    assert catalogue["en"] not in at_100.ids  # its MOQ is 1,000


def test_price_range_without_a_quantity_uses_the_lowest_tier(catalogue):
    cheap = run("", currency="USD", price_min="5", price_max="10")
    assert cheap.ids == [catalogue["en"]]


def test_lead_time_country_and_flags(catalogue):
    assert run("", lead_max="20").total == 2
    assert run("", country="CN").ids == [catalogue["zh"]]
    assert set(run("", country="VN,CN").ids) == set(catalogue.values())
    assert run("", verified="1").ids == [catalogue["zh"]]
    assert run("", ready="1").ids == [catalogue["en"]]
    assert run("", samples="on").ids == [catalogue["zh"]]
    assert run("", custom="true").ids == [catalogue["zh"]]
    assert run("", cert="gots").ids == [catalogue["zh"]]


def test_facet_counts_roll_up_the_category_tree(catalogue):
    top = {c["slug"]: c["count"] for c in run("").facets.categories}
    assert top == {"apparel": 3}
    inside = {c["slug"]: c["count"] for c in run("", category="apparel").facets.categories}
    assert inside == {"sweaters": 2, "socks-hosiery": 1}
    facets = run("").facets
    assert dict(facets.countries) == {"VN": 2, "CN": 1}
    assert facets.flags == {"verified": 1, "ready": 1, "samples": 1, "custom": 1}
    assert dict(facets.certs) == {"gots": 1}


def test_sorting_by_price_compares_across_currencies(catalogue):
    # lowest tiers: USD 3.00 (socks), USD 8.00 (cotton), CNY 300 = USD 41.67 (cashmere)
    assert run("", sort="price").ids == [catalogue["ja"], catalogue["en"], catalogue["zh"]]
    assert run("", sort="moq").ids == [catalogue["zh"], catalogue["ja"], catalogue["en"]]
    assert run("", sort="newest").ids[0] == catalogue["ja"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 2000},
        {"q": "!!! ??? ..."},
        {"q": '"'},
        {"q": "*"},
        {"q": "NEAR(a b)"},
        {"q": "title:cashmere"},
        {"q": "-cashmere"},
        {"q": "cashmere OR"},
        {"q": "'; DROP TABLE search_productdoc; --"},
        {"q": "\x00\x01"},
        {"category": "no-such-category"},
        {"price_min": "-5", "price_max": "abc"},
        {"price_min": "1e400", "price_max": "NaN"},
        {"price_min": "100", "price_max": "1"},
        {"moq_max": "-1", "lead_max": "99999999999999999999"},
        {"quantity": "0"},
        {"country": "ZZZ,<script>"},
        {"cert": "'; --"},
        {"sort": "random()"},
        {"currency": "XXX"},
        {"page": "-3"},
        {"page": "99999999"},
        {"verified": "maybe"},
        {"q": '"cashmere" NEAR(*)', "sort": "price", "currency": "XXX"},
        {"q": "'; DROP TABLE search_productdoc; --", "sort": "newest", "page": "99999999"},
        {"q": "羊绒 *", "sort": "moq", "category": "sweaters", "moq_max": "-1"},
    ],
)
def test_bad_input_gives_a_page_never_an_error(catalogue, params):
    pq, warnings = parse_products(params, currency="USD")
    results = search_products(pq, warnings)
    assert results.page >= 1
    assert results.total >= 0


def test_unusable_values_are_explained(catalogue):
    pq, warnings = parse_products({"price_min": "-5", "sort": "bogus", "country": "ZZZ"})
    assert len(warnings) == 3
    assert pq.price_min is None and pq.sort == "relevance" and pq.countries == []


def test_a_page_past_the_end_shows_the_last_page(catalogue):
    results = run("", page="50")
    assert results.page == 1
    assert results.ids
    assert "only 1 pages" in results.warnings[0]


def test_an_empty_result_says_which_filter_to_relax(catalogue):
    results = run("cashmere", ready="1")
    assert results.total == 0
    assert results.without == {"ready": 1}
    assert "sweaters" in [c.slug for c in results.related] or results.related


def test_the_price_bound_is_exact_money(catalogue):
    pq, _ = parse_products({"price_max": "8.00", "currency": "USD"})
    assert pq.price_max == Decimal("8.00")
    assert catalogue["en"] in search_products(pq).ids


def test_supplier_search_by_words_and_filters(catalogue, supplier, other_supplier):
    sq, warnings = parse_suppliers({"q": "Ningbo"})
    assert search_suppliers(sq, warnings).ids == [other_supplier.company_id]
    sq, warnings = parse_suppliers({"q": "sweater", "country": "CN"})
    assert search_suppliers(sq, warnings).ids == [supplier.company_id]
    sq, warnings = parse_suppliers({"verified": "1"})
    assert search_suppliers(sq, warnings).ids == [supplier.company_id]
    sq, warnings = parse_suppliers({"business_type": "alien", "page": "9"})
    results = search_suppliers(sq, warnings)
    assert results.page == 1 and warnings


def test_counts_of_a_large_browse_are_kept_a_minute_but_its_page_is_read_afresh(
    catalogue, supplier, monkeypatch
):
    monkeypatch.setattr(query, "CACHED_SURVEY_MATCHES", 3)  # "large": three matches here
    before = run("", category="apparel")
    assert before.total == 3

    services.hide(supplier, catalogue["zh"])
    deliver_due()
    after = run("", category="apparel")

    assert after.total == 3  # the counts, kept
    assert {c["slug"]: c["count"] for c in after.facets.categories} == {
        "sweaters": 2,
        "socks-hosiery": 1,
    }
    assert catalogue["zh"] not in after.ids  # the page, read afresh
    assert sorted(after.ids) == sorted([catalogue["en"], catalogue["ja"]])
    # Counts of fewer matches, of other filters, and of ranked queries are never kept.
    assert run("", category="sweaters").total == 1
    assert run("", category="apparel", moq_max="500").total == 1
    assert run("sweater").total == 1


def test_the_worker_counts_the_large_browse_pages_before_a_buyer_does(
    catalogue, supplier, monkeypatch
):
    monkeypatch.setattr(query, "CACHED_SURVEY_MATCHES", 2)
    query.warm_browse_counts()
    services.hide(supplier, catalogue["zh"])
    deliver_due()

    assert run("").total == 3  # the worker's counts, kept

    query.warm_browse_counts()  # the next round

    assert run("").total == 2
    assert {c["slug"]: c["count"] for c in run("", category="apparel").facets.categories} == {
        "sweaters": 1,
        "socks-hosiery": 1,
    }
    assert ("tradeloom.search.query", "warm_browse_counts", 45) in SWEEPS
