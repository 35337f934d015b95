"""Public pages: the product page and its price calculator, the storefront, page-view events,
and query counts that do not grow with a product's tiers, variants and images."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.catalog.views_support import make_live, png
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.web.helpers import signed_in
from tradeloom.analytics.models import AnalyticsEvent
from tradeloom.analytics.recorder import ingest_spool
from tradeloom.catalog.profile import save_profile
from tradeloom.catalog.rules import TierInput
from tradeloom.catalog.services import (
    TranslationInput,
    VariantInput,
    add_image,
    create_group,
    moderate,
    save_product,
    submit_for_review,
)
from tradeloom.core.fx import load_rates_csv
from tradeloom.web.pagecache import CSRF_SLOT

pytestmark = pytest.mark.django_db

RATES = "base,quote,rate,as_of\nUSD,JPY,150,2026-01-05\nUSD,CNY,7.1,2026-01-05\n"


def page(product):
    return reverse("catalog:product", args=[product.pk])


def price(product):
    return reverse("catalog:price", args=[product.pk])


@pytest.fixture
def live(supplier, sweater_input):
    return make_live(supplier, sweater_input())


@pytest.fixture
def japanese_live(supplier, sweater_input):
    data = sweater_input()
    data.translations.append(TranslationInput("ja", "カシミヤ セーター", "<p>柔らかい</p>"))
    return make_live(supplier, data)


# --- who sees what ----------------------------------------------------------------------------


def test_a_live_product_is_public(client, live):
    response = client.get(page(live))
    assert response.status_code == 200
    assert response.context["translation"].title == "Cashmere crew-neck sweater"


@pytest.mark.parametrize("status", ["draft", "pending"])
def test_a_product_that_is_not_live_does_not_exist_publicly(
    client, supplier, sweater_input, status
):
    product = save_product(supplier, sweater_input())
    if status == "pending":
        submit_for_review(supplier, product.pk)
    signed_in(client, supplier.user)  # not even for its own supplier on the public page
    assert client.get(page(product)).status_code == 404
    assert client.get(price(product), {"quantity": 500}).status_code == 404


# --- languages and currencies ------------------------------------------------------------------


def test_the_viewers_language_is_shown_when_written(client, japanese_live):
    client.cookies["tradeloom_language"] = "ja"
    response = client.get(page(japanese_live))
    html = response.content.decode()
    assert '<html lang="ja"' in html
    assert response.context["translation"].title == "カシミヤ セーター"
    assert response.context["fallback"] is False


def test_the_main_language_stands_in_and_says_so(client, live):
    client.cookies["tradeloom_language"] = "zh-hans"
    response = client.get(page(live))
    assert response.context["translation"].language == "en"
    assert response.context["fallback"] is True
    assert 'class="lang-note"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "currency", "shown"),
    [("ja", "JPY", "¥1,080"), ("zh-hans", "CNY", "¥51.12"), ("en", "USD", None)],
)
def test_visitors_see_prices_in_the_currency_of_their_language(
    client, live, language, currency, shown
):
    load_rates_csv(RATES)
    client.cookies["tradeloom_language"] = language
    response = client.get(page(live))
    first = response.context["tiers"][0]
    assert response.context["currency"] == currency
    assert (str(first.unit_price.amount), first.unit_price.currency) == ("7.20", "USD")
    if shown is None:
        assert first.shown_unit is None
    else:
        assert shown in response.content.decode()


def test_a_visitor_chooses_a_currency_and_keeps_it(client, live):
    load_rates_csv(RATES)
    client.get(page(live), {"currency": "JPY"})
    response = client.get(page(live))
    assert response.context["currency"] == "JPY"
    assert "¥1,080" in response.content.decode()


def test_company_members_see_their_companys_currency(client, live):
    load_rates_csv(RATES)
    buyer = MembershipFactory(company=CompanyFactory(kind="buyer", default_currency="JPY"))
    signed_in(client, buyer.user)
    response = client.get(page(live), {"currency": "CNY"})
    assert response.context["currency"] == "JPY"
    assert response.context["currency_fixed"] is True


def test_without_a_rate_only_the_suppliers_currency_is_shown(client, live):
    client.cookies["tradeloom_language"] = "ja"
    response = client.get(page(live))
    assert [t.shown_unit for t in response.context["tiers"]] == [None, None, None]
    assert response.context["quote"].shown_total is None


# --- the calculator ---------------------------------------------------------------------------


def test_the_calculator_answers_for_a_quantity(client, live):
    load_rates_csv(RATES)
    client.cookies["tradeloom_language"] = "ja"
    response = client.get(price(live), {"quantity": "1000"})
    html = response.content.decode()
    quote = response.context["quote"]
    assert response.status_code == 200
    assert (str(quote.unit_price.amount), str(quote.line_total.amount)) == ("6.80", "6800.00")
    assert str(quote.shown_total.result.amount) == "1020000"
    assert 'data-testid="total">US$6,800.00<' in html
    assert 'data-testid="total-converted">≈ ¥1,020,000<' in html
    # The tier and lead-time rows of the quantity come along for htmx to swap in.
    assert '<tbody id="tier-rows" hx-swap-oob="true">' in html
    assert html.count('class="is-current"') == 2


def test_the_calculator_reports_moq_and_increment_problems(client, live):
    below = client.get(price(live), {"quantity": "100"})
    off_step = client.get(price(live), {"quantity": "520"})
    assert [p.code for p in below.context["quote"].problems] == ["below_moq"]
    assert [p.code for p in off_step.context["quote"].problems] == ["not_increment"]
    assert "The minimum order is 500." in below.content.decode()


def test_the_calculator_takes_variant_and_customization(client, live):
    grey = live.variants.create(supplier=live.supplier, sku="CS-GREY-L", price_override_minor=750)
    live.customizations.create(kind="logo", moq=1000, surcharge_minor=30)
    response = client.get(price(live), {"quantity": "500", "variant": grey.pk, "custom": "logo"})
    quote = response.context["quote"]
    assert str(quote.unit_price.amount) == "7.80"
    assert [p.code for p in quote.problems] == ["below_customization_moq"]


def test_a_quantity_that_is_not_a_number_is_explained(client, live):
    response = client.get(price(live), {"quantity": "lots"})
    assert response.status_code == 200
    assert response.context["quote"] is None
    assert "Quantity: Enter a whole number." in response.content.decode()


def test_the_calculator_works_without_javascript(client, live):
    response = client.get(page(live), {"quantity": "5000"})
    quote = response.context["quote"]
    assert (quote.tier.min_quantity, str(quote.line_total.amount)) == (5000, "32500.00")
    assert response.context["lead"].days == 45


# --- favourites and compare on the page ------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in_to_keep_favourites(client, live):
    html = client.get(page(live)).content.decode()
    assert f"{reverse('accounts:login')}?next={page(live)}" in html


# --- the storefront ----------------------------------------------------------------------------


def sweater(supplier, sweater_input, title, group=None, category=None, sku=None):
    data = sweater_input(variants=[VariantInput(sku or title[:10])])
    data.translations = [TranslationInput("en", title)]
    data.group_id = group.pk if group else None
    if category is not None:
        data.category_id = category.pk
    return make_live(supplier, data)


def test_the_storefront_groups_products_by_the_suppliers_groups(client, supplier, sweater_input):
    autumn = create_group(supplier, "Autumn")
    basics = create_group(supplier, "Basics")
    sweater(supplier, sweater_input, "Cable crew", autumn)
    sweater(supplier, sweater_input, "Plain crew", basics)
    sweater(supplier, sweater_input, "Loose one")
    response = client.get(reverse("catalog:storefront", args=[supplier.company.slug]))
    sections = [
        (s["title"], [p.title() for p in s["products"]]) for s in response.context["sections"]
    ]
    assert sections == [
        ("Autumn", ["Cable crew"]),
        ("Basics", ["Plain crew"]),
        ("More products", ["Loose one"]),
    ]


def test_without_groups_the_storefront_groups_by_category(
    client, supplier, sweater_input, sweater_category
):
    from tradeloom.catalog.models import Category

    other = Category.objects.filter(is_leaf=True).exclude(pk=sweater_category.pk).first()
    sweater(supplier, sweater_input, "Sweater one")
    sweater(supplier, sweater_input, "Other thing", category=other)
    response = client.get(reverse("catalog:storefront", args=[supplier.company.slug]))
    sections = {
        s["title"]: [p.title() for p in s["products"]] for s in response.context["sections"]
    }
    assert sections == {sweater_category.name(): ["Sweater one"], other.name(): ["Other thing"]}
    facets = {f["category"].pk: f["count"] for f in response.context["facets"]}
    assert facets == {sweater_category.pk: 1, other.pk: 1}


def test_the_storefront_filters_by_category(client, supplier, sweater_input, sweater_category):
    from tradeloom.catalog.models import Category

    other = Category.objects.filter(is_leaf=True).exclude(pk=sweater_category.pk).first()
    sweater(supplier, sweater_input, "Sweater one")
    sweater(supplier, sweater_input, "Other thing", category=other)
    response = client.get(
        reverse("catalog:storefront", args=[supplier.company.slug]), {"category": other.pk}
    )
    assert [p.title() for p in response.context["page"].object_list] == ["Other thing"]


def test_the_storefront_shows_the_profile_and_placeholders(client, supplier):
    save_profile(
        supplier,
        {
            "about": "Knitwear since 1998.",
            "established_year": 1998,
            "main_markets": [{"market": "Japan", "share": 35}],
        },
    )
    html = client.get(reverse("catalog:storefront", args=[supplier.company.slug])).content.decode()
    assert "Knitwear since 1998." in html
    assert '<rect class="market-bars__fill" width="35"' in html
    # The rating waits for reviews; response figures load from the inbox (htmx).
    assert html.count("not enough data yet") == 1
    assert reverse("inquiries:metrics", args=[supplier.company_id]) in html
    assert "Verified supplier" in html


def test_a_buyer_company_has_no_storefront(client, buyer):
    assert client.get(reverse("catalog:storefront", args=[buyer.company.slug])).status_code == 404


def test_only_live_products_are_shown_on_the_storefront(client, supplier, sweater_input):
    save_product(supplier, sweater_input())
    response = client.get(reverse("catalog:storefront", args=[supplier.company.slug]))
    assert response.context["product_total"] == 0


# --- page-view events ----------------------------------------------------------------------------


def test_a_product_view_is_spooled_and_ingested_later(client, live, django_assert_num_queries):
    response = client.get(
        page(live) + "?utm_source=newsletter",
        HTTP_REFERER="https://mail.example/inbox",
        HTTP_CF_IPCOUNTRY="JP",
    )
    assert response.status_code == 200
    assert AnalyticsEvent.objects.count() == 0  # nothing written in the request

    assert ingest_spool() == 1
    event = AnalyticsEvent.objects.get()
    assert (event.name, event.object_type, event.object_id) == (
        "product.view",
        "catalog.product",
        str(live.pk),
    )
    assert event.properties == {
        "referrer": "https://mail.example/inbox",
        "source": "newsletter",
        "country": "JP",
        "supplier_id": live.supplier_id,
    }
    assert event.visitor_id == response.cookies["tl_vid"].value


def test_a_storefront_view_records_the_referrer_host_as_source(client, supplier):
    client.get(
        reverse("catalog:storefront", args=[supplier.company.slug]),
        HTTP_REFERER="https://search.example/q?knit",
    )
    ingest_spool()
    event = AnalyticsEvent.objects.get()
    assert (
        event.name,
        event.object_id,
        event.properties["source"],
        event.properties["country"],
    ) == ("storefront.view", str(supplier.company_id), "search.example", "")


def test_the_calculator_records_no_view(client, live):
    client.get(price(live), {"quantity": "500"})
    assert ingest_spool() == 0


def test_a_signed_in_viewer_is_recorded_with_their_company(client, live, buyer):
    signed_in(client, buyer.user)
    client.get(page(live))
    ingest_spool()
    event = AnalyticsEvent.objects.get()
    assert (event.user_id, event.company_id) == (buyer.user_id, buyer.company_id)


# --- query counts ---------------------------------------------------------------------------


def product_with(supplier, category, n: int, tag: str):
    """A live product with ``n`` tiers, ``n`` variants and ``n`` images."""
    from tradeloom.catalog.services import ProductInput

    tiers = [
        TierInput(10 * (i + 1), 10 * (i + 2) - 1 if i + 1 < n else None, 1000 - i) for i in range(n)
    ]
    data = ProductInput(
        category_id=category.pk,
        translations=[TranslationInput("en", f"Product {tag}")],
        attributes={"gauge_class": "fine", "fibre_content": ["cashmere"]},
        moq=10,
        tiers=tiers,
        variants=[VariantInput(f"{tag}-{i}", {"size": str(i)}) for i in range(n)],
    )
    product = save_product(supplier, data)
    for _ in range(n):
        add_image(supplier, product.pk, SimpleUploadedFile("p.png", png(), "image/png"))
    submit_for_review(supplier, product.pk)
    return moderate(UserFactory(is_operator=True), product.pk, "approve")


def queries(client, url, *, cached: bool = False) -> int:
    """Queries to answer ``url``; product pages are rendered afresh unless ``cached``."""
    if not cached:
        caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


# Budgets of a page of a product with attributes, in yen, for a visitor.
PRODUCT_PAGE_QUERIES = 16
CACHED_PRODUCT_PAGE_QUERIES = 4  # session, the product's version, the newest rate, none spare
CALCULATOR_QUERIES = 10
STOREFRONT_QUERIES = 10


def test_product_page_queries_do_not_grow_with_tiers_variants_images(
    client, supplier, sweater_category, django_assert_max_num_queries
):
    load_rates_csv(RATES)
    client.cookies["tradeloom_language"] = "ja"
    one = product_with(supplier, sweater_category, 1, "one")
    ten = product_with(supplier, sweater_category, 10, "ten")
    queries(client, page(one))  # warm-up: content types, sessions
    calculator = "?quantity=20"

    assert queries(client, page(one)) == queries(client, page(ten))
    assert queries(client, price(one) + calculator) == queries(client, price(ten) + calculator)
    with django_assert_max_num_queries(PRODUCT_PAGE_QUERIES):
        caches["pages"].clear()
        client.get(page(ten))
    assert queries(client, page(ten), cached=True) <= CACHED_PRODUCT_PAGE_QUERIES
    with django_assert_max_num_queries(CALCULATOR_QUERIES):
        client.get(price(ten) + calculator)


def test_storefront_queries_do_not_grow_with_products_tiers_or_images(client, sweater_category):
    small = MembershipFactory(company=CompanyFactory(kind="supplier"))
    large = MembershipFactory(company=CompanyFactory(kind="supplier"))
    product_with(small, sweater_category, 1, "s")
    for i in range(4):
        product_with(large, sweater_category, 10, f"l{i}")
    url = lambda m: reverse("catalog:storefront", args=[m.company.slug])  # noqa: E731
    queries(client, url(small))

    assert queries(client, url(small)) == queries(client, url(large)) <= STOREFRONT_QUERIES


def test_compare_queries_do_not_grow_with_tiers_variants_images(client, supplier, sweater_category):
    one = product_with(supplier, sweater_category, 1, "one")
    ten = product_with(supplier, sweater_category, 10, "ten")
    compare = reverse("catalog:compare")
    client.post(reverse("catalog:compare_add"), {"product": one.pk})
    small = queries(client, compare)
    client.post(reverse("catalog:compare_remove"), {"product": one.pk})
    client.post(reverse("catalog:compare_add"), {"product": ten.pk})
    assert queries(client, compare) == small


def test_a_signed_in_user_costs_the_same_queries_either_way(client, supplier, sweater_category):
    signed_in(client, UserFactory())
    one = product_with(supplier, sweater_category, 1, "one")
    ten = product_with(supplier, sweater_category, 10, "ten")
    queries(client, page(one))
    assert queries(client, page(one)) == queries(client, page(ten))


# --- the page cache ---------------------------------------------------------------------------


def main_of(response) -> str:
    """The page's own content, without the per-request tokens of the layout."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html[html.index("<main") : html.index("</main>")]


def test_a_repeated_visit_is_answered_from_the_page_cache(client, live):
    first = client.get(page(live))
    with CaptureQueriesContext(connection) as again:
        second = client.get(page(live))

    assert main_of(second) == main_of(first)
    assert not any("catalog_pricetier" in q["sql"] for q in again.captured_queries)


def test_an_edit_shows_at_once_despite_the_page_cache(client, supplier, live, sweater_input):
    client.get(page(live))
    data = sweater_input()
    data.translations[0] = TranslationInput("en", "Merino crew-neck sweater", "")
    save_product(supplier, data, product_id=live.pk)
    moderate(UserFactory(is_operator=True), live.pk, "approve")

    assert "Merino crew-neck sweater" in client.get(page(live)).content.decode()


def test_a_hidden_product_is_gone_although_its_page_was_cached(client, supplier, live):
    from tradeloom.catalog.services import hide

    client.get(page(live))
    hide(supplier, live.pk)

    assert client.get(page(live)).status_code == 404


def test_each_language_and_currency_has_its_own_cached_page(client, japanese_live):
    load_rates_csv(RATES)
    english = client.get(page(japanese_live) + "?currency=USD").content.decode()
    client.cookies["tradeloom_language"] = "ja"
    japanese = client.get(page(japanese_live) + "?currency=JPY").content.decode()

    assert "カシミヤ セーター" in japanese and "JPY" in japanese
    assert "カシミヤ セーター" not in english


def test_a_new_exchange_rate_shows_at_once(client, live):
    load_rates_csv(RATES)
    before = client.get(page(live) + "?currency=JPY").content.decode()
    load_rates_csv("base,quote,rate,as_of\nUSD,JPY,160,2026-02-01\n")
    after = client.get(page(live) + "?currency=JPY").content.decode()

    assert after != before


def test_the_visitors_own_state_is_not_cached(client, live):
    client.get(page(live))
    signed_in(client, UserFactory())
    client.post(reverse("catalog:favourite", args=[live.pk]), {"on": "1"})

    assert "In your favourites" in client.get(page(live)).content.decode()


# --- whole pages for signed-out visitors ------------------------------------------------------


def csrf_token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_a_signed_out_repeat_visit_costs_one_small_query(client, live):
    client.get(page(live))
    with CaptureQueriesContext(connection) as again:
        response = client.get(page(live))

    assert response.status_code == 200
    assert response.templates == []  # the whole page was kept, the layout included
    assert len(again.captured_queries) == 1  # the listing's version and the latest rate
    assert CSRF_SLOT not in response.content.decode()


def test_each_visitor_of_a_kept_page_gets_a_token_of_their_own(live):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_of_first = csrf_token_in(first.get(page(live)))
    token_of_second = csrf_token_in(second.get(page(live)))
    compare = {"product": live.pk, "next": page(live)}

    assert token_of_first != token_of_second
    assert second.post(reverse("catalog:compare_add"), compare).status_code == 403
    accepted = second.post(
        reverse("catalog:compare_add"), {**compare, "csrfmiddlewaretoken": token_of_second}
    )
    assert accepted.status_code == 302
    # Something in the session makes the page the visitor's own: no longer the kept one.
    assert "In comparison (1)" in second.get(page(live)).content.decode()
    assert "In comparison" not in first.get(page(live)).content.decode()


def test_a_flash_message_is_shown_to_its_visitor_and_not_kept(client, live):
    client.get(page(live))
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[CookieStorage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "Welcome back to the listing")]
    )

    assert "Welcome back to the listing" in client.get(page(live)).content.decode()
    assert "Welcome back" not in Client().get(page(live)).content.decode()


def test_a_page_with_a_query_string_is_not_taken_for_another(client, live):
    client.get(page(live) + "?utm_source=newsletter")
    html = client.get(page(live) + "?utm_source=fair").content.decode()

    assert f'name="next" value="/p/{live.pk}/?utm_source=fair"' in html
