"""Screenshots of the main pages at desktop and phone widths, for a look by eye.

Not a test (pytest does not collect this file). Run it against a dev server that
uses the same database, for example:

    TRADELOOM_VAR_DIR=/tmp/tl DEBUG=1 .venv/bin/tradeloom migrate
    TRADELOOM_VAR_DIR=/tmp/tl DEBUG=1 .venv/bin/tradeloom runserver 127.0.0.1:8011 &
    TRADELOOM_VAR_DIR=/tmp/tl PYTHONPATH=. .venv/bin/python tests/browser/screenshots.py \
        http://127.0.0.1:8011

Images go to /tmp/shots/ (or the folder in SHOTS_DIR).
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradeloom.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

django.setup()

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM  # noqa: E402
from tradeloom.accounts import services  # noqa: E402

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
PASSWORD = "loom and shuttle 2024"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def seed() -> tuple[str, str]:
    """A supplier owner with a colleague and a notification, and an operator."""
    tag = uuid.uuid4().hex[:6]
    owner = services.register_user(
        email=f"owner-{tag}@example.com", password=PASSWORD, full_name="Mei Chen", verified=True
    )
    membership = services.create_company(
        owner,
        {
            "kind": "supplier",
            "legal_name": "Shanghai Fine Knitwear Co., Ltd.",
            "display_name": f"Shanghai Fine Knit {tag}",
            "country": "CN",
            "languages": ["zh", "en"],
            "default_currency": "CNY",
        },
    )
    colleague = services.register_user(
        email=f"sales-{tag}@example.com", password=PASSWORD, full_name="Li Wei", verified=True
    )
    _invitation, raw = services.invite(membership, colleague.email, "sales")
    services.accept_invitation(raw, colleague)
    services.invite(membership, f"finance-{tag}@example.com", "finance")
    operator, _created = services.make_operator(
        email=f"operator-{tag}@example.com", password=PASSWORD, full_name="Olga Operator"
    )
    from tradeloom.core.events import deliver_due

    deliver_due()
    return owner.email, operator.email


def sign_in(page, base: str, who: str | None) -> None:
    page.context.clear_cookies()
    if who:
        page.goto(base + "/accounts/login/")
        page.fill("#id_email", who)
        page.fill("#id_password", PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url("**/dashboard/")


def main(base: str) -> None:
    out = Path(os.environ.get("SHOTS_DIR") or Path(tempfile.gettempdir()) / "shots")
    out.mkdir(parents=True, exist_ok=True)
    owner, operator = seed()
    pages = {
        "home": ("/", None),
        "login": ("/accounts/login/", None),
        "signup": ("/accounts/signup/", None),
        "dashboard": ("/dashboard/", owner),
        "members": ("/members/", owner),
        "company_settings": ("/company/settings/", owner),
        "company_create": ("/company/new/", owner),
        "tokens": ("/tokens/", owner),
        "notifications": ("/notifications/", owner),
        "account": ("/accounts/settings/", owner),
        "console": ("/console/", operator),
        "forbidden": ("/console/", owner),
    }
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        for size_name, viewport in SIZES.items():
            context = pw.chromium.launch_persistent_context(
                profile + size_name, executable_path=CHROMIUM, args=ARGS, viewport=viewport
            )
            page = context.pages[0] if context.pages else context.new_page()
            signed_in = None
            for name, (path, who) in pages.items():
                if who != signed_in:
                    sign_in(page, base, who)
                    signed_in = who
                page.goto(base + path)
                page.screenshot(path=str(out / f"{name}-{size_name}.png"), full_page=True)
            sign_in(page, base, owner)
            page.goto(base + "/dashboard/")
            if size_name == "phone":
                page.click(".menu > summary")
            else:
                page.click(".user-menu > summary")
            page.screenshot(path=str(out / f"menu-open-{size_name}.png"))
            context.add_cookies([{"name": "tradeloom_language", "value": "ja", "url": base}])
            page.goto(base + "/company/new/")
            page.click("form.form button[type=submit]")
            page.screenshot(path=str(out / f"company_create-ja-{size_name}.png"), full_page=True)
            context.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8011")
