"""RFQs in a real browser, on the demo marketplace: Aoi Sato (Komorebi Knit, Japanese UI)
posts an RFQ; Wendy Li (Huamei, English UI) and Zhou Min (Yarnwell, Chinese UI) quote in
USD and CNY; Aoi compares both in JPY and awards Yarnwell; Huamei is told.

Japanese and Chinese UI strings may not be translated yet, so the checks look at the page
language, yen amounts and the data on the page, not at labels.
"""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.test_onboarding import open_browser  # noqa: F401  (the browser fixture)
from tradeloom.catalog.models import Category
from tradeloom.catalog.taxonomy import load_taxonomy
from tradeloom.core.demo import DEMO_PASSWORD, seed
from tradeloom.core.events import deliver_due
from tradeloom.core.models import Notification
from tradeloom.inquiries.models import Conversation
from tradeloom.orders.models import OrderDraft
from tradeloom.rfq.demo import _category
from tradeloom.rfq.models import Quote, Rfq

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AOI = "aoi.sato@komorebi-knit.example"
WENDY = "wendy.li@huamei-knit.example"
ZHOU = "zhou.min@yarnwell.example"


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_email", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/dashboard/")


def quote(page: Page, base: str, rfq: Rfq, currency: str, price: str, days: str) -> None:
    page.goto(f"{base}/rfqs/board/")
    page.click(f"a[href='/rfqs/board/{rfq.pk}/']")
    page.fill("#id_tier1_qty", "300")
    page.fill("#id_tier1_price", price)
    page.select_option("#id_currency", currency)
    page.fill("#id_moq", "300")
    page.fill("#id_lead_time_days", days)
    page.click("#quote-form button[type=submit]")
    expect(page.locator("#own-quote")).to_be_visible()


def test_post_quote_compare_in_yen_and_award(live_server, open_browser):  # noqa: F811
    base = live_server.url
    if not Category.objects.exists():
        load_taxonomy()
    seed()
    errors: list[str] = []

    # Aoi posts the RFQ in the Japanese interface.
    aoi = open_browser("aoi")
    aoi.on("console", lambda m: m.type == "error" and errors.append(m.text))
    aoi.on("dialog", lambda dialog: dialog.accept())
    sign_in(aoi, base, AOI)
    aoi.goto(f"{base}/rfqs/new/")
    expect(aoi.locator("html")).to_have_attribute("lang", "ja")
    aoi.fill("#id_product_name", "メリノ リブ ビーニー")
    aoi.select_option("#id_category_id", str(_category().pk))
    aoi.fill("#id_quantity", "600")
    aoi.fill("#id_target_price", "450")
    expect(aoi.locator("#id_currency")).to_have_value("JPY")
    aoi.select_option("#id_destination_country", "JP")
    aoi.fill("#id_destination_port", "Tokyo")
    aoi.fill("#id_expires_on", (timezone.now().date() + timedelta(days=10)).isoformat())
    aoi.click("#rfq-form button[type=submit]")
    aoi.wait_for_url(re.compile(r".*/rfqs/\d+/$"))
    rfq = Rfq.objects.get(product_name="メリノ リブ ビーニー")
    assert rfq.status == "open"
    deliver_due()  # what the worker does: matching suppliers are told

    # Wendy quotes in English, in USD; Zhou in Chinese, in CNY.
    wendy = open_browser("wendy")
    sign_in(wendy, base, WENDY)
    expect(wendy.locator("html")).to_have_attribute("lang", "en")
    quote(wendy, base, rfq, "USD", "3.20", "28")
    zhou = open_browser("zhou")
    sign_in(zhou, base, ZHOU)
    expect(zhou.locator("html")).to_have_attribute("lang", re.compile("zh"))
    quote(zhou, base, rfq, "CNY", "19.50", "21")
    assert Quote.objects.filter(rfq=rfq).count() == 2

    # Aoi compares both in yen; the cheaper (Yarnwell's 19.50 CNY) comes first. She awards it.
    aoi.goto(f"{base}/rfqs/{rfq.pk}/")
    table = aoi.locator("#quote-comparison")
    expect(table.locator("tbody tr")).to_have_count(2)
    converted = table.locator("td.converted")
    expect(converted.first).to_contain_text("¥")
    expect(converted.nth(1)).to_contain_text("¥")
    yarnwell = Quote.objects.get(rfq=rfq, currency="CNY")
    first_row = table.locator("tbody tr").first
    expect(first_row).to_have_attribute("data-quote", str(yarnwell.pk))

    # Before awarding, she asks Yarnwell a question in the RFQ's own conversation.
    first_row.locator("form[action$='/message/'] button").click()
    aoi.wait_for_url(re.compile(r".*/inbox/c/\d+/$"))
    aoi.fill("#id_body", "ラベルの縫い付け位置は袖口でお願いできますか？")
    aoi.click("form[action$='/reply/'] button[type=submit]")
    expect(aoi.locator("body")).to_contain_text("ラベルの縫い付け位置")
    conversation = Conversation.objects.get(reference=f"rfq:{rfq.pk}")
    assert conversation.supplier_id == yarnwell.supplier_id
    assert conversation.messages.count() == 1

    aoi.goto(f"{base}/rfqs/{rfq.pk}/")
    first_row = aoi.locator("#quote-comparison tbody tr").first
    first_row.locator("form[action$='/award/'] button").click()
    aoi.wait_for_url(re.compile(r".*/orders/drafts/\d+/$"))
    draft = OrderDraft.objects.get()
    assert (draft.supplier_id, draft.source_id) == (yarnwell.supplier_id, yarnwell.pk)
    rfq.refresh_from_db()
    assert rfq.status == "awarded"

    # Huamei is told the RFQ went elsewhere; its quote shows as declined.
    deliver_due()
    assert Notification.objects.filter(user__email=WENDY, kind="rfq.awarded_elsewhere").exists()
    wendy.goto(f"{base}/rfqs/board/{rfq.pk}/")
    expect(wendy.locator("#own-quote")).to_contain_text("Declined")
    assert errors == []
