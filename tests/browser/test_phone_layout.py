"""The main pages fit a phone: at 390×844 CSS pixels (an iPhone 12–15) nothing is wider
than the screen, so there is no sideways scrolling, and the menu button is there to reach
the navigation. In English and in Japanese, whose words do not break at spaces.
"""

import os

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.browser.test_catalog import sign_in
from tests.browser.test_onboarding import ARGS
from tests.conftest import CHROMIUM
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.search.conftest import live_product
from tradeloom.catalog.models import Category
from tradeloom.catalog.taxonomy import load_taxonomy

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The outermost elements that stick out past the right or left edge of the screen. A mobile
# browser widens its layout viewport (and window.innerWidth) to fit content that is too
# wide, so the screen's own width is passed in rather than read from the page.
OVERFLOW = """(width) => {
  const sticksOut = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 1 || box.left < -1);
  };
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].map((c) => "." + c).join("") +
    " (" + Math.round(el.getBoundingClientRect().width) + "px)";
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    culprits: [...document.body.querySelectorAll("*")]
      .filter((el) => sticksOut(el) && !sticksOut(el.parentElement))
      .map(describe),
  };
}"""


@pytest.fixture
def phone():
    """A phone-sized Chromium page per language (the language cookie preset)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

        def open_for(base: str, language: str) -> Page:
            context = browser.new_context(
                viewport=PHONE,
                device_scale_factor=3,
                is_mobile=True,
                has_touch=True,
                locale={"en": "en-US", "ja": "ja-JP"}[language],
            )
            context.add_cookies([{"name": "tradeloom_language", "value": language, "url": base}])
            context.set_default_timeout(15_000)
            return context.new_page()

        yield open_for
        browser.close()


def marketplace(language: str):
    """A verified supplier (its owner speaks ``language``) with one live product."""
    if not Category.objects.exists():
        load_taxonomy()
    supplier = MembershipFactory(
        company=CompanyFactory(
            kind="supplier",
            display_name="Huamei Knitwear Manufacturing (Shanghai) Co.",
            country="CN",
            verification_status="verified",
        ),
        user=UserFactory(email=f"chen-{language}@huamei.example", language=language),
    )
    operator = UserFactory(email="olga@tradeloom.example", is_operator=True)
    product = live_product(
        supplier,
        operator,
        titles={
            "en": "Women's fine-gauge cashmere crew-neck sweater, garment-dyed",
            "ja": "レディース ファインゲージ カシミヤ クルーネック セーター 製品染め",
        },
        moq=50,
        tiers=[(50, 199, 4200), (200, 999, 3900), (1000, None, 3600)],
    )
    return supplier, product


def layout_problems(page: Page) -> list[str]:
    """What is wrong with the page at phone width, in words; empty when it fits."""
    problems = []
    found = page.evaluate(OVERFLOW, PHONE["width"])
    if max(found["scrollWidth"], found["innerWidth"]) > PHONE["width"] + 1:
        problems.append(
            f"{found['scrollWidth']}px wide on a {PHONE['width']}px screen; "
            f"sticking out: {', '.join(found['culprits'][:5]) or 'nothing measurable'}"
        )
    if not page.locator("details.menu > summary").is_visible():
        problems.append("no visible menu button")
    return problems


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_main_pages_fit_a_phone_screen(live_server, phone, language):
    base = live_server.url
    supplier, product = marketplace(language)
    page = phone(base, language)
    problems = {}

    for name, path in [
        ("home", "/"),
        ("product", f"/p/{product.pk}/"),
        ("login", "/accounts/login/"),
    ]:
        page.goto(base + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        problems[name] = layout_problems(page)
    sign_in(page, base, supplier.user.email)
    expect(page.locator("html")).to_have_attribute("lang", language)
    problems["supplier dashboard"] = layout_problems(page)

    assert {name: found for name, found in problems.items() if found} == {}


def test_the_menu_button_opens_the_navigation_on_a_phone(live_server, phone):
    base = live_server.url
    supplier, _product = marketplace("en")
    page = phone(base, "en")
    sign_in(page, base, supplier.user.email)

    page.locator("details.menu > summary").click()

    expect(page.locator("details.menu nav .nav")).to_be_visible()
    expect(page.locator("details.menu nav .nav")).to_contain_text("Dashboard")
    assert layout_problems(page) == []
