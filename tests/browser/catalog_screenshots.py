"""Screenshots of the catalog pages at desktop and phone widths, in English and Japanese.

Not a test (pytest does not collect this file). Run it against a dev server whose database
holds the demo marketplace, for example:

    export TRADELOOM_VAR_DIR=/tmp/tl-shots
    .venv/bin/tradeloom migrate && .venv/bin/tradeloom demo
    DEBUG=1 .venv/bin/tradeloom runserver 127.0.0.1:8012 &
    PYTHONPATH=. .venv/bin/python tests/browser/catalog_screenshots.py http://127.0.0.1:8012

Images go to /tmp/shots/catalog/ (or the folder in SHOTS_DIR).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradeloom.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

django.setup()

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM  # noqa: E402
from tradeloom.accounts.models import Company, Membership  # noqa: E402
from tradeloom.catalog import services  # noqa: E402
from tradeloom.catalog.lifecycle import transition  # noqa: E402
from tradeloom.catalog.models import Product  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "tradeloom-demo-2026"
SUPPLIER = "chen.jing@huamei-knit.example"
BUYER = "aoi.sato@komorebi-knit.example"
OPERATOR = "operator@tradeloom.example"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def seed() -> dict:
    """Two listings of the demo supplier in review, for the moderation queue."""
    owner = Membership.objects.get(user__email=SUPPLIER)
    supplier = owner.company
    live = list(Product.objects.filter(supplier=supplier, status="live").order_by("pk"))
    for product in live[-2:]:
        services.hide(owner, product.pk)
        transition(product, "pending", party="supplier", actor=owner.user)
    sweater = next(p for p in live if p.variants.count() > 1 and p.tiers.count() >= 3)
    return {
        "product": sweater.pk,
        "others": [p.pk for p in live[:3] if p.pk != sweater.pk],
        "storefront": supplier.slug,
        "editor": sweater.pk,
    }


def load_lazy_images(page) -> None:
    """A full-page screenshot shows only what was loaded: load every lazy image first."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
    )
    page.wait_for_load_state("networkidle")


def sign_in(page, base: str, who: str | None) -> None:
    page.context.clear_cookies()
    if who:
        page.goto(base + "/accounts/login/")
        page.fill("#id_email", who)
        page.fill("#id_password", PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url("**/dashboard/")


def main(base: str) -> None:
    out = Path(os.environ.get("SHOTS_DIR") or Path(tempfile.gettempdir()) / "shots" / "catalog")
    out.mkdir(parents=True, exist_ok=True)
    ids = seed()
    product = f"/p/{ids['product']}/"
    pages = {
        "product": (product + "?quantity=1200", None),
        "storefront": (f"/s/{ids['storefront']}/", None),
        "product_list": ("/supplier/products/", SUPPLIER),
        "editor": (f"/supplier/products/{ids['editor']}/", SUPPLIER),
        "editor_new": ("/supplier/products/new/", SUPPLIER),
        "storefront_edit": ("/supplier/storefront/", SUPPLIER),
        "moderation": ("/console/moderation/", OPERATOR),
        "product_buyer": (product, BUYER),
        "compare": ("/compare/", BUYER),
        "favourites": ("/favourites/", BUYER),
    }
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        for size_name, viewport in SIZES.items():
            for language in ("en", "ja"):
                context = pw.chromium.launch_persistent_context(
                    f"{profile}/{size_name}-{language}",
                    executable_path=CHROMIUM,
                    args=ARGS,
                    viewport=viewport,
                )
                page = context.pages[0] if context.pages else context.new_page()
                signed_in = "nobody"
                for name, (path, who) in pages.items():
                    if who != signed_in:
                        sign_in(page, base, who)
                        signed_in = who
                        context.add_cookies(
                            [{"name": "tradeloom_language", "value": language, "url": base}]
                        )
                        if who == BUYER:
                            for pk in [ids["product"], *ids["others"]]:
                                page.goto(f"{base}/p/{pk}/")
                                page.locator("form[action$='/compare/add/'] button").click()
                            page.goto(base + product)
                            page.locator("form[action$='/favourite/'] button").click()
                    page.goto(base + path)
                    load_lazy_images(page)
                    page.screenshot(
                        path=str(out / f"{name}-{language}-{size_name}.png"), full_page=True
                    )
                # The editor answering bad input: overlapping tiers, a zero price.
                sign_in(page, base, SUPPLIER)
                context.add_cookies(
                    [{"name": "tradeloom_language", "value": language, "url": base}]
                )
                page.goto(base + "/supplier/products/new/")
                page.select_option("#id_category", index=5)
                page.fill("#id_title_en", "Merino rib beanie")
                page.fill("#id_moq", "300")
                page.fill("#id_tier-0-min_quantity", "300")
                page.fill("#id_tier-0-max_quantity", "999")
                page.fill("#id_tier-0-price", "2.40")
                page.fill("#id_tier-1-min_quantity", "900")
                page.fill("#id_tier-1-price", "0")
                page.click(".editor-actions button[value=save]")
                page.screenshot(
                    path=str(out / f"editor_errors-{language}-{size_name}.png"), full_page=True
                )
                # The calculator after typing a quantity (htmx).
                page.goto(base + product)
                page.fill("#id_quantity", "2400")
                page.wait_for_timeout(900)
                page.locator("#calculator").screenshot(
                    path=str(out / f"calculator-{language}-{size_name}.png")
                )
                context.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    if Company.objects.count() == 0:
        sys.exit("load the demo first: tradeloom demo")
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8012")
