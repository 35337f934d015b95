"""The import page in a real browser: upload the template, watch the progress box update
itself (htmx polling, no reload) when the worker finishes, without a CSP complaint."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.test_catalog import sign_in, watch_console
from tests.browser.test_onboarding import open_browser  # noqa: F401  (the browser fixture)
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog.imports import exporter, runner
from tradeloom.catalog.models import ImportJob, Product
from tradeloom.catalog.taxonomy import load_taxonomy

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_upload_and_watch_the_import_finish(live_server, open_browser, tmp_path):  # noqa: F811
    load_taxonomy()  # a transactional test starts from an empty database
    owner = MembershipFactory(company=CompanyFactory(kind="supplier"), role="owner")
    template = tmp_path / "spring-styles.csv"
    template.write_bytes(exporter.template_file("csv")[0])
    errors: list[str] = []
    page = watch_console(open_browser("supplier"), errors)
    base = live_server.url

    sign_in(page, base, owner.user.email)
    page.goto(f"{base}/supplier/products/import/")
    page.set_input_files("#id_file", str(template))
    page.click("text=Upload and import")

    progress = page.locator("#import-progress")
    expect(progress).to_contain_text("Waiting")
    expect(page.locator("#import-progress progress")).to_have_count(1)
    page.screenshot(path=str(tmp_path / "waiting.png"), full_page=True)
    runner.run(ImportJob.objects.get().pk)  # what the worker does

    expect(progress).to_contain_text("Every row was imported.", timeout=10_000)
    expect(progress).to_contain_text("Finished")
    expect(page.locator("#import-progress progress")).to_have_attribute("value", "3")
    page.screenshot(path=str(tmp_path / "done.png"), full_page=True)
    assert page.url.endswith(f"/supplier/products/import/{ImportJob.objects.get().pk}/")
    assert Product.objects.count() == 2
    assert errors == []
