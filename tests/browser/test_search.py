"""Search in a real browser: a buyer in Osaka searches in Japanese from the header, narrows
the results by MOQ and by a price in yen (htmx swaps the results and the URL follows),
opens the Chinese-language listing; its supplier then sees the impression and the click.
"""

import os

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.test_catalog import sign_in, watch_console
from tests.browser.test_onboarding import open_browser  # noqa: F401  (the browser fixture)
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.search.conftest import live_product
from tradeloom.analytics.recorder import VISITOR_COOKIE, ingest_spool
from tradeloom.catalog.models import Category
from tradeloom.catalog.taxonomy import load_taxonomy
from tradeloom.core.fx import load_rates_csv
from tradeloom.search import popular

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_in_japanese_filter_and_open_a_chinese_listing(live_server, open_browser):  # noqa: F811
    if not Category.objects.exists():
        load_taxonomy()
    base = live_server.url
    operator = UserFactory(email="olga@tradeloom.example", is_operator=True)
    shanghai = MembershipFactory(
        company=CompanyFactory(
            kind="supplier",
            display_name="Huamei Knit",
            country="CN",
            verification_status="verified",
        ),
        user=UserFactory(email="chen@huamei.example", language="zh-hans"),
    )
    rival = MembershipFactory(
        company=CompanyFactory(kind="supplier", display_name="Big Mill", country="BD"),
        user=UserFactory(email="ali@bigmill.example"),
    )
    buyer = MembershipFactory(
        company=CompanyFactory(
            kind="buyer", display_name="Komorebi", country="JP", default_currency="JPY"
        ),
        user=UserFactory(email="aoi@komorebi.example", language="ja"),
    )
    load_rates_csv("base,quote,rate,as_of\nUSD,JPY,150,2026-01-05\nUSD,CNY,7.2,2026-01-05\n")
    chinese = live_product(
        shanghai,
        operator,
        titles={"zh-hans": "女士羊绒毛衣 圆领"},
        language="zh-hans",
        currency="CNY",
        moq=50,
        tiers=[(50, None, 30000)],  # CNY 300 ≈ JPY 6,250
        attributes={"fibre_content": ["cashmere"]},
    )
    big_moq = live_product(
        rival,
        operator,
        titles={"en": "Cashmere sweater, bulk"},
        moq=1000,
        tiers=[(1000, None, 2000)],
    )
    dear = live_product(
        rival, operator, titles={"en": "Cashmere sweater, luxury"}, moq=50, tiers=[(50, None, 9900)]
    )
    errors: list[str] = []

    page = watch_console(open_browser("buyer"), errors)
    sign_in(page, base, buyer.user.email)
    page.fill("#header-q", "カシミヤ セーター")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    cards = page.locator(".product-card")
    expect(cards).to_have_count(3)
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    page.fill("#moq-max", "100")
    page.fill("input[name=price_max]", "7000")
    expect(page.locator("select[name=currency]")).to_have_value("JPY")
    page.locator(".search-facets button[type=submit]").click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("女士羊绒毛衣")
    assert "moq_max=100" in page.url and "price_max=7000" in page.url  # the URL holds it all
    assert f'data-product="{big_moq.pk}"' not in page.content()
    assert f'data-product="{dear.pk}"' not in page.content()

    # Shared or reloaded, the address gives the same page without JavaScript's help.
    page.reload()
    expect(cards).to_have_count(1)

    cards.first.locator("a.product-card__link").click()
    page.wait_for_url(f"{base}/p/{chinese.pk}/")
    expect(page.locator("h1")).to_contain_text("女士羊绒毛衣")
    assert errors == []

    ingest_spool()
    supplier_page = open_browser("supplier")
    sign_in(supplier_page, base, shanghai.user.email)
    supplier_page.goto(f"{base}/search/exposure/")
    impressions = int(supplier_page.locator("[data-figure=impressions]").inner_text())
    assert impressions >= 2  # the first page and the filtered one
    expect(supplier_page.locator("[data-figure=clicks]")).to_have_text("1")


def test_on_a_phone_the_results_come_first_and_the_filters_fold_away(live_server, open_browser):  # noqa: F811
    if not Category.objects.exists():
        load_taxonomy()
    operator = UserFactory(email="olga@tradeloom.example", is_operator=True)
    supplier = MembershipFactory(company=CompanyFactory(kind="supplier", country="CN"))
    for n in range(3):
        live_product(supplier, operator, titles={"en": f"Cashmere sweater {n}"})
    page = open_browser("phone")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/search/?q=cashmere&moq_max=500")

    facets = page.locator(".search-facets")
    expect(facets).to_be_hidden()
    expect(page.locator(".product-card").first).to_be_in_viewport()
    toggle = page.locator("label.filters-toggle__label")
    expect(toggle).to_contain_text("1")  # one filter in use

    toggle.click()
    expect(facets).to_be_visible()
    page.fill("#moq-max", "")
    page.locator(".search-facets button[type=submit]").click()
    page.wait_for_url("**/search/?q=cashmere*")
    expect(page.locator(".product-card")).to_have_count(3)
    expect(facets).to_be_visible()  # still open after the results were swapped

    page.set_viewport_size({"width": 1280, "height": 900})
    expect(toggle).to_be_hidden()


def test_a_buyer_picks_a_search_other_buyers_made(live_server, open_browser):  # noqa: F811
    if not Category.objects.exists():
        load_taxonomy()
    operator = UserFactory(email="olga@tradeloom.example", is_operator=True)
    supplier = MembershipFactory(company=CompanyFactory(kind="supplier", country="CN"))
    live_product(supplier, operator, titles={"en": "Cashmere sweater, crew neck"})
    live_product(supplier, operator, titles={"en": "Pencil cases, canvas"})
    for n in range(popular.MIN_SEARCHERS):
        earlier = Client()
        earlier.cookies[VISITOR_COOKIE] = f"earlier-buyer-{n}"
        earlier.get("/search/", {"q": "Cashmere sweater"})
    ingest_spool()
    popular.refresh()  # the worker's hourly count
    page = open_browser("buyer")
    page.goto(f"{live_server.url}/search/")

    page.locator("#search-q").press_sequentially("cas", delay=50)

    first = page.locator("#search-suggestions li").first
    expect(first).to_contain_text("cashmere sweater")
    first.locator("a.search-suggestions__query").click()
    page.wait_for_url("**/search/?q=cashmere%20sweater")
    expect(page.locator("#search-q")).to_have_value("cashmere sweater")
    expect(page.locator(".product-card").first).to_contain_text("Cashmere sweater, crew neck")
