"""Onboarding in a real browser: sign up, found a supplier, invite a colleague who joins,
then switch to Japanese.

Drives Debian's Chromium through Playwright against pytest-django's live server.
"""

import os
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import CHROMIUM
from tradeloom.core.events import deliver_due

# The live server runs in a thread of this process; Playwright's sync API keeps an
# event loop in the test thread, which Django would otherwise take for async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "shuttle and warp 2024"


@pytest.fixture
def open_browser(tmp_path):
    """Open a fresh browser (its own profile folder, so its own cookies) per person."""
    with sync_playwright() as playwright:
        contexts = []

        def open_for(person: str) -> Page:
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / f"profile-{person}"),
                executable_path=CHROMIUM,
                args=ARGS,
                viewport={"width": 1280, "height": 900},
                locale="en-US",
            )
            context.set_default_timeout(15_000)
            contexts.append(context)
            return context.pages[0] if context.pages else context.new_page()

        yield open_for
        for context in contexts:
            context.close()


def sign_up(page: Page, base: str, name: str, email: str | None = None) -> None:
    page.fill("#id_full_name", name)
    if email is not None:
        page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Create account')")


def invitation_path(to: str) -> str:
    """Deliver the outbox, then read the invitation link from the mail sent to ``to``."""
    deliver_due()
    links = [
        match.group(1)
        for message in mail.outbox
        if to in message.to
        for match in [re.search(r"https?://[^/\s]+(/accounts/invitation/\S+)", message.body)]
        if match
    ]
    assert len(links) == 1, links
    return links[0]


def assert_navigation_is_japanese(page: Page) -> None:
    expect(page.locator("nav .nav")).to_contain_text("ダッシュボード")
    expect(page.locator("nav .nav")).not_to_contain_text("Dashboard")


def test_sign_up_found_a_supplier_invite_a_colleague_and_switch_to_japanese(
    live_server, open_browser
):
    base = live_server.url

    # The founder signs up and sets up a supplier company.
    owner = open_browser("owner")
    owner.goto(f"{base}/accounts/signup/")
    sign_up(owner, base, "Mei Chen", "mei@knit.example")
    owner.wait_for_url(f"{base}/dashboard/")
    owner.click("text=Set up a supplier company")
    expect(owner.locator("input[name=kind][value=supplier]")).to_be_checked()
    owner.fill("#id_display_name", "Shanghai Fine Knit")
    owner.fill("#id_legal_name", "Shanghai Fine Knitwear Co., Ltd.")
    owner.select_option("#id_country", "CN")
    owner.click("button:has-text('Create company')")
    owner.wait_for_url(f"{base}/dashboard/")
    expect(owner.locator("h1")).to_have_text("Shanghai Fine Knit")

    # She invites a colleague as sales.
    owner.goto(f"{base}/members/")
    owner.fill("#id_email", "li@knit.example")
    owner.select_option("#id_role", "sales")
    owner.click("button:has-text('Send invitation')")
    expect(owner.locator(".messages")).to_contain_text("li@knit.example")

    # The colleague opens the emailed link in his own browser, signs up and accepts.
    colleague = open_browser("colleague")
    colleague.goto(base + invitation_path("li@knit.example"))
    expect(colleague.locator("h1")).to_have_text("Join Shanghai Fine Knit")
    colleague.click("main a:has-text('Create account')")
    expect(colleague.locator("#id_email")).to_have_value("li@knit.example")
    expect(colleague.locator("#id_email")).to_have_attribute("readonly", "")
    sign_up(colleague, base, "Li Wei")
    colleague.click("button:has-text('Accept and join Shanghai Fine Knit')")
    colleague.wait_for_url(f"{base}/dashboard/")
    expect(colleague.locator("h1")).to_have_text("Shanghai Fine Knit")
    expect(colleague.locator(".company-switcher summary")).to_contain_text("Shanghai Fine Knit")

    # He switches the interface to Japanese.
    colleague.select_option("#id_language_switch", "ja")
    colleague.wait_for_function("document.documentElement.lang === 'ja'")
    expect(colleague.locator("html")).to_have_attribute("lang", "ja")
    expect(colleague.locator("#id_language_switch option:checked")).to_have_text("日本語")
    assert_navigation_is_japanese(colleague)

    # Form messages are shown in Japanese too.
    colleague.goto(f"{base}/company/new/")
    colleague.click("form.form button[type=submit]")
    expect(colleague.locator(".error-summary")).to_contain_text("この項目は必須です。")
