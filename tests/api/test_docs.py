"""The OpenAPI document and the interactive docs page (offline, under our CSP)."""

from __future__ import annotations

import os

import pytest

from tests.api.conftest import API
from tests.conftest import CHROMIUM
from tradeloom.api.schemas import TENANCY_KEY, TENANCY_RULES
from tradeloom.web.middleware import CSP


def test_openapi_document_is_served_without_auth(anon, db):
    response = anon.get(f"{API}/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["info"]["title"] == "Tradeloom API"
    assert doc["info"]["version"] == "1"
    assert f"{API}/me" in doc["paths"]


def test_every_operation_declares_a_known_tenancy_rule(anon, db):
    doc = anon.get(f"{API}/openapi.json").json()
    rules = {op[TENANCY_KEY] for ops in doc["paths"].values() for op in ops.values()}
    assert rules <= TENANCY_RULES


def test_every_operation_documents_the_error_schema(anon, db):
    doc = anon.get(f"{API}/openapi.json").json()
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            unauthorised = op["responses"]["401"]["content"]["application/json"]["schema"]
            assert unauthorised == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)


def test_docs_page_loads_swagger_from_our_static_files(anon, db):
    response = anon.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui-init.js" in html
    assert "cdn." not in html
    assert "<script>" not in html  # only external scripts and a JSON data block


def test_docs_page_keeps_the_site_csp(anon, db):
    assert anon.get(f"{API}/docs")["Content-Security-Policy"] == CSP


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_renders_in_chromium_without_csp_violations(live_server):
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on(
                "console", lambda msg: problems.append(msg.text) if msg.type == "error" else None
            )
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on("requestfailed", lambda req: problems.append(f"failed: {req.url}"))
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(live_server.url)
                    else route.abort()
                ),
            )
            page.goto(f"{live_server.url}{API}/docs")
            page.get_by_text("/api/v1/companies/{company_id}/members", exact=True).first.wait_for(
                timeout=15000
            )
            assert page.locator(".opblock").count() >= 18
            # Interacting renders more of the UI; it must not need anything the policy refuses.
            page.locator(".opblock-summary").first.click()
            page.get_by_text("Try it out").first.click()
            page.locator(".btn.authorize").first.click()
            page.get_by_text("Available authorizations").wait_for()
        finally:
            browser.close()
    assert problems == []
