"""Inquiries in a real browser: a buyer asks from the product page with a file, the
supplier's open conversation shows the buyer's next message without a reload (htmx
polling), the supplier offers a price and the buyer turns it into an order draft; a
message with bank details shows the buyer a warning."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.test_onboarding import open_browser  # noqa: F401  (the browser fixture)
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.inquiries.conftest import make_product
from tradeloom.inquiries import services
from tradeloom.inquiries.models import Conversation, Message

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    from tests.factories import PASSWORD

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/dashboard/")


def test_inquiry_reply_offer_and_order(live_server, open_browser, tmp_path):  # noqa: F811
    base = live_server.url
    supplier = MembershipFactory(
        company=CompanyFactory(kind="supplier", display_name="Shanghai Fine Knit"),
        user=UserFactory(email="mei@knit.example", full_name="Mei Chen"),
    )
    buyer = MembershipFactory(
        company=CompanyFactory(kind="buyer", display_name="Harbor & Pine", country="US"),
        user=UserFactory(email="emily@harbor.example", full_name="Emily Carter"),
    )
    product = make_product(supplier)
    label = tmp_path / "label.png"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 40, 90)).save(buffer, "PNG")
    label.write_bytes(buffer.getvalue())
    errors: list[str] = []

    # The buyer asks from the product page.
    buyer_page = open_browser("buyer")
    buyer_page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    sign_in(buyer_page, base, buyer.user.email)
    buyer_page.goto(f"{base}/p/{product.pk}/")
    buyer_page.click("a:has-text('Send inquiry')")
    buyer_page.fill("#id_quantity", "800")
    buyer_page.fill("#id_target_price", "6.90")
    buyer_page.fill("#id_message", "Hello, 800 pcs in navy with our woven label?")
    buyer_page.set_input_files("#id_files", str(label))
    buyer_page.click("button:has-text('Send inquiry')")
    expect(buyer_page.locator(".msg").first).to_contain_text("800 pcs in navy")
    conversation = Conversation.objects.get()

    # The supplier opens it; the buyer's next message arrives without a reload.
    supplier_page = open_browser("supplier")
    supplier_page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    sign_in(supplier_page, base, supplier.user.email)
    supplier_page.goto(f"{base}/inbox/")
    supplier_page.click(".inbox-row__link")
    expect(supplier_page.locator(".msg__files")).to_contain_text("label.png")
    services.send_message(buyer, conversation.pk, "Also: can you ship to Oakland?")
    expect(supplier_page.locator(".msg-list")).to_contain_text("ship to Oakland", timeout=12_000)

    # A price offer, which the buyer turns into an order draft.
    supplier_page.click("summary:has-text('Make a price offer')")
    supplier_page.fill("#id_quantity", "800")
    supplier_page.fill("#id_unit_price", "7.00")
    supplier_page.fill("#id_lead_time_days", "30")
    supplier_page.click("button:has-text('Send offer')")
    expect(supplier_page.locator(".msg").last).to_contain_text("US$7.00")

    buyer_page.reload()
    buyer_page.click("button:has-text('Turn into an order draft')")
    buyer_page.wait_for_url(f"{base}/orders/**")
    offer = Message.objects.get(kind="price_offer")
    assert offer.order_draft_ref.startswith("draft:")

    # Bank details from the supplier: the buyer is warned.
    services.send_message(supplier, conversation.pk, "New bank: IBAN GB29 NWBK 6016 1331 9268 19")
    buyer_page.goto(f"{base}/inbox/c/{conversation.pk}/")
    expect(buyer_page.locator(".msg__warning")).to_be_visible()
    assert errors == []
