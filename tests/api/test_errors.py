"""One error shape everywhere, translated messages, never a 500 for bad input."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.test import RequestFactory
from ninja.errors import Throttled

from tests.api.conftest import API, assert_error
from tradeloom.accounts.models import Company
from tradeloom.api.main import api
from tradeloom.core.errors import RateLimited


def test_malformed_json_is_400(owner, supplier):
    response = owner.patch(f"companies/{supplier.company_id}", raw='{"display_name": ')
    assert_error(response, 400, "malformed_json")


def test_form_encoded_body_on_a_json_operation_is_400_malformed_json(owner, supplier):
    response = owner.patch(
        f"companies/{supplier.company_id}",
        raw="display_name=Evil",
        content_type="application/x-www-form-urlencoded",
    )
    assert_error(response, 400, "malformed_json")
    supplier.company.refresh_from_db()
    assert supplier.company.display_name == "Shanghai Knit"


def test_json_that_is_not_an_object_is_a_validation_error(owner, supplier):
    response = owner.post("tokens", raw="[1, 2]")
    assert_error(response, 422, "validation_error")


def test_validation_error_names_each_field(owner):
    response = owner.post("companies", {"kind": "pirate", "legal_name": "X" * 201})
    body = assert_error(response, 422, "validation_error")
    fields = body["details"]["fields"]
    assert sorted(fields) == ["country", "display_name", "kind", "legal_name"]
    assert fields["display_name"] == ["This field is required."]
    assert fields["legal_name"] == ["Use at most 200 characters."]
    assert fields["kind"][0].startswith("Choose one of:")


def test_unknown_field_is_refused_not_ignored(owner, supplier):
    response = owner.patch(f"companies/{supplier.company_id}", {"displayname": "Typo"})
    body = assert_error(response, 422, "validation_error")
    assert body["details"]["fields"] == {"displayname": ["This field is not allowed here."]}


def test_explicit_null_on_patch_is_a_validation_error(owner, supplier):
    response = owner.patch(f"companies/{supplier.company_id}", {"website": None})
    body = assert_error(response, 422, "validation_error")
    assert list(body["details"]["fields"]) == ["website"]


def test_id_beyond_64_bits_is_a_validation_error(owner):
    body = assert_error(owner.get(f"companies/{2**64}"), 422, "validation_error")
    assert list(body["details"]["fields"]) == ["company_id"]


def test_non_numeric_id_is_a_validation_error(owner):
    assert_error(owner.get("companies/abc"), 422, "validation_error")


def test_service_rule_error_keeps_its_code_and_field(owner, supplier):
    response = owner.patch(f"companies/{supplier.company_id}", {"country": "ZZ"})
    body = assert_error(response, 400, "invalid")
    assert body["details"] == {"field": "country"}


def test_unknown_api_path_is_a_json_404(anon, db):
    assert_error(anon.get(f"{API}/no/such/thing"), 404, "not_found")


def test_api_index_links_the_documents(anon, db):
    assert anon.get(f"{API}/").json() == {"openapi": f"{API}/openapi.json", "docs": f"{API}/docs"}


def test_japanese_accept_language_still_answers_the_error_shape(supplier, foreign):
    from tests.api.conftest import session_client

    client = session_client(supplier.user)
    client.headers["Accept-Language"] = "ja"
    response = client.get(f"companies/{foreign.company_id}")
    assert_error(response, 404, "not_found")
    assert response["Content-Language"] == "ja"


def test_chinese_accept_language_on_validation_error(owner):
    owner.headers["Accept-Language"] = "zh-hans"
    response = owner.post("companies", {})
    assert_error(response, 422, "validation_error")
    assert response["Content-Language"] == "zh-hans"


# The handlers below are reached by later issues (throttles, django errors) or never
# (the catch-all); they are exercised through the API's own dispatch.


@pytest.fixture
def rf_request():
    return RequestFactory().get(f"{API}/me")


def test_throttled_maps_to_429(rf_request):
    response = api.on_exception(rf_request, Throttled(wait=7))
    assert response.status_code == 429
    assert json.loads(response.content) == {
        "code": "rate_limited",
        "message": "Too many requests. Wait a moment and try again.",
        "details": {"retry_after": 7},
    }


def test_rate_limited_domain_error_maps_to_429(rf_request):
    response = api.on_exception(rf_request, RateLimited("Slow down.", details={"retry_after": 9}))
    assert response.status_code == 429
    assert json.loads(response.content) == {
        "code": "rate_limited",
        "message": "Slow down.",
        "details": {"retry_after": 9},
    }


def test_django_http404_maps_to_not_found(rf_request):
    response = api.on_exception(rf_request, Http404("Company matching query does not exist"))
    assert response.status_code == 404
    assert json.loads(response.content) == {
        "code": "not_found",
        "message": "Not found.",
        "details": {},
    }


def test_django_permission_denied_maps_to_403(rf_request):
    response = api.on_exception(rf_request, DjangoPermissionDenied())
    assert response.status_code == 403
    assert json.loads(response.content)["code"] == "permission_denied"


def test_unexpected_exception_is_logged_and_answers_500_without_internals(rf_request, caplog):
    with caplog.at_level(logging.ERROR, logger="tradeloom.api"):
        response = api.on_exception(rf_request, Company.DoesNotExist("secret internals"))
    assert response.status_code == 500
    body = json.loads(response.content)
    assert body["code"] == "server_error"
    assert set(body) == {"code", "message", "details"}
    assert "secret internals" not in response.content.decode()
    assert "Unhandled API error on GET /api/v1/me" in caplog.text


def test_unsupported_method_is_405_in_the_error_shape(owner):
    response = owner.client.put(f"{API}/me")
    body = assert_error(response, 405, "method_not_allowed")
    assert body["details"] == {"allowed": ["GET"]}
    assert response["Allow"] == "GET"
