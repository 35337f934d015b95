"""The catalog in a real browser: a supplier lists a sweater with variants, three price tiers,
a lead-time table and two images and submits it; the operator approves it; a Japanese buyer
sees it in Japanese with prices in yen and works out the price of a quantity.

Japanese UI strings are not translated yet, so the buyer's checks look at the page language,
the product's Japanese title, yen amounts and numbers, not at labels.
"""

import os

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.test_onboarding import open_browser  # noqa: F401  (the browser fixture)
from tests.factories import PASSWORD, CompanyFactory, MembershipFactory, UserFactory
from tradeloom.catalog.models import Category, Product
from tradeloom.core.fx import load_rates_csv

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE_JA = "カシミヤ クルーネック セーター"


def picture(path, colour) -> str:
    Image.new("RGB", (640, 640), colour).save(path, "PNG")
    return str(path)


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/dashboard/")


def watch_console(page: Page, errors: list[str]) -> Page:
    """Collect console errors: a CSP refusal or a failed htmx swap shows up there."""
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return page


def fill_rows(page: Page, prefix: str, rows: list[dict]) -> None:
    for i, row in enumerate(rows):
        for name, value in row.items():
            page.fill(f"#id_{prefix}-{i}-{name}", value)


def test_list_approve_and_buy_in_japanese(live_server, open_browser, tmp_path):  # noqa: F811
    base = live_server.url
    category = Category.objects.get(slug="cashmere-sweaters-fine-gauge")
    supplier = MembershipFactory(
        company=CompanyFactory(
            kind="supplier", display_name="Shanghai Fine Knit", verification_status="verified"
        ),
        user=UserFactory(email="mei@knit.example"),
    )
    operator = UserFactory(email="olga@tradeloom.example", is_operator=True)
    buyer = MembershipFactory(
        company=CompanyFactory(
            kind="buyer", display_name="Komorebi", country="JP", default_currency="JPY"
        ),
        user=UserFactory(email="aoi@komorebi.example", language="ja"),
    )
    load_rates_csv("base,quote,rate,as_of\nUSD,JPY,150,2026-01-05\n")
    errors: list[str] = []

    # The supplier describes the sweater and saves it as a draft.
    page = watch_console(open_browser("supplier"), errors)
    sign_in(page, base, supplier.user.email)
    page.goto(f"{base}/supplier/products/new/")
    page.select_option("#id_category", str(category.pk))
    expect(page.locator("#attribute-fields")).to_contain_text("Gauge class")  # htmx swapped in
    page.select_option("#id_attr_gauge_class", "fine")
    page.fill("#id_title_en", "Cashmere crew-neck sweater")
    page.fill("#id_description_en", "Soft 12gg cashmere, knitted in Shanghai.")
    page.click(".lang-section:nth-of-type(2) > summary")
    page.fill("#id_title_ja", TITLE_JA)
    page.fill("#id_moq", "500")
    page.fill("#id_order_increment", "50")
    page.select_option("#id_currency", "USD")
    fill_rows(
        page,
        "tier",
        [
            {"min_quantity": "500", "max_quantity": "999", "price": "7.20"},
            {"min_quantity": "1000", "max_quantity": "4999", "price": "6.80"},
            {"min_quantity": "5000", "price": "6.50"},
        ],
    )
    fill_rows(
        page,
        "lead",
        [
            {"max_quantity": "1000", "days": "30"},
            {"max_quantity": "5000", "days": "45"},
            {"days": "60"},
        ],
    )
    fill_rows(
        page,
        "variant",
        [
            {"sku": "CS-NAVY-M", "options": "colour=navy; size=M"},
            {"sku": "CS-GREY-L", "options": "colour=grey; size=L"},
        ],
    )
    page.click(".editor-actions button[value=save]")
    page.wait_for_url("**/supplier/products/*/#images")
    product = Product.objects.get()
    assert (product.tiers.count(), product.lead_times.count(), product.variants.count()) == (
        3,
        3,
        2,
    )

    # Two images at once, then off to review.
    page.set_input_files(
        "#id_images",
        [
            picture(tmp_path / "front.png", (31, 47, 77)),
            picture(tmp_path / "back.png", (90, 90, 90)),
        ],
    )
    page.fill("#id_alt", "Navy cashmere sweater")
    page.click("form[action$='/images/'] button[type=submit]")
    expect(page.locator(".image-list__item")).to_have_count(2)
    page.click("form[action$='/status/'] button:has-text('Submit for review')")
    expect(page.locator(".page-header .badge")).to_have_text("Pending review")

    # The operator approves it in the console.
    console = watch_console(open_browser("operator"), errors)
    sign_in(console, base, operator.email)
    console.goto(f"{base}/console/moderation/")
    item = console.locator(f"#product-{product.pk}")
    expect(item).to_contain_text("Cashmere crew-neck sweater")
    expect(item.locator(".moderation-item__images img")).to_have_count(2)
    item.locator("button:has-text('Approve')").click()
    expect(console.locator(".messages")).to_contain_text("is live")
    product.refresh_from_db()
    assert product.status == "live"

    # A Japanese buyer sees it in Japanese, in yen, and prices a quantity.
    shopper = watch_console(open_browser("buyer"), errors)
    shopper.context.add_cookies([{"name": "tradeloom_language", "value": "ja", "url": base}])
    sign_in(shopper, base, buyer.user.email)
    shopper.goto(f"{base}/p/{product.pk}/")
    expect(shopper.locator("html")).to_have_attribute("lang", "ja")
    expect(shopper.locator("h1")).to_have_text(TITLE_JA)
    tiers = shopper.locator("#tier-rows tr")
    expect(tiers).to_have_count(3)
    expect(tiers.nth(0)).to_contain_text("US$7.20")
    expect(tiers.nth(0)).to_contain_text("¥1,080")
    expect(tiers.nth(2)).to_contain_text("¥975")
    expect(shopper.locator(".tier-table thead")).to_contain_text("JPY")
    # At the MOQ the first tier is the buyer's.
    expect(shopper.locator("#tier-rows tr.is-current")).to_contain_text("500 – 999")
    expect(shopper.locator("[data-testid=total-converted]")).to_have_text("≈ ¥540,000")

    shopper.fill("#id_quantity", "1000")
    expect(shopper.locator("[data-testid=total]")).to_have_text("US$6,800.00")
    expect(shopper.locator("[data-testid=total-converted]")).to_have_text("≈ ¥1,020,000")
    expect(shopper.locator("#tier-rows tr.is-current")).to_contain_text("1,000 – 4,999")
    expect(shopper.locator("#lead-rows tr.is-current")).to_contain_text("30")

    shopper.fill("#id_quantity", "5000")
    expect(shopper.locator("[data-testid=total-converted]")).to_have_text("≈ ¥4,875,000")
    expect(shopper.locator("#tier-rows tr.is-current")).to_contain_text("5,000")

    # A quantity off the order steps is explained, not priced wrongly.
    shopper.fill("#id_quantity", "520")
    expect(shopper.locator(".calc__problems")).to_contain_text("50")
    assert errors == []
