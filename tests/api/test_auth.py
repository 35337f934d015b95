"""Bearer tokens, sessions with CSRF, and who is refused."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from tests.api.conftest import API, ApiClient, assert_error, session_client, token_client
from tests.factories import MembershipFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken


def test_anonymous_is_401_with_a_bearer_challenge(anon, db):
    response = anon.get("me")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_bearer_token_authenticates_as_its_user_and_company(supplier):
    response = token_client(supplier).get("me")
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == supplier.user.email
    assert body["authenticated_by"] == "token"
    assert body["acting_company_id"] == supplier.company_id


def test_bearer_token_use_records_last_used_at(supplier):
    token, secret = services.create_token(supplier, "ci")
    assert token.last_used_at is None
    ApiClient(token=secret).get("me")
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(seconds=30)


def test_revoked_token_is_401(supplier):
    token, secret = services.create_token(supplier, "ci")
    services.revoke_token(supplier.user, token.pk)
    assert_error(ApiClient(token=secret).get("me"), 401, "not_authenticated")


def test_forged_token_with_a_real_prefix_is_401(supplier):
    _token, secret = services.create_token(supplier, "ci")
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    assert_error(ApiClient(token=forged).get("me"), 401, "not_authenticated")


def test_bad_bearer_token_is_refused_even_with_a_valid_session(supplier):
    client = session_client(supplier.user)
    client.headers["Authorization"] = "Bearer tl_nope_nope"
    assert_error(client.get("me"), 401, "not_authenticated")


def test_token_of_deactivated_user_is_401(supplier):
    other_owner = MembershipFactory(company=supplier.company, role="owner")
    _token, secret = services.create_token(other_owner, "ci")
    services.deactivate_user(other_owner.user)
    assert_error(ApiClient(token=secret).get("me"), 401, "not_authenticated")


def test_session_of_deactivated_user_is_401(supplier):
    other_owner = MembershipFactory(company=supplier.company, role="owner")
    client = session_client(other_owner.user)
    assert client.get("me").status_code == 200
    services.deactivate_user(other_owner.user)
    assert_error(client.get("me"), 401, "not_authenticated")


def test_token_of_removed_member_stops_working(supplier, colleague):
    _token, secret = services.create_token(colleague, "ci")
    services.remove_member(supplier, colleague.pk)
    assert_error(ApiClient(token=secret).get("me"), 401, "not_authenticated")


def test_session_get_needs_no_csrf_token(supplier):
    client = session_client(supplier.user, enforce_csrf_checks=True)
    assert client.get("me").status_code == 200


def test_session_post_without_csrf_token_is_403(supplier):
    client = session_client(supplier.user, enforce_csrf_checks=True)
    response = client.post("tokens", {"name": "ci", "company_id": supplier.company_id})
    assert_error(response, 403, "csrf_failed")
    assert not ApiToken.objects.exists()


def test_session_post_with_csrf_token_succeeds(supplier):
    client = Client(enforce_csrf_checks=True)
    client.force_login(supplier.user)
    client.get("/api/v1/docs")  # the docs page sets the CSRF cookie, as a browser would get it
    csrf = client.cookies["csrftoken"].value
    api = ApiClient(client)
    response = api.post(
        "tokens", {"name": "ci", "company_id": supplier.company_id}, headers={"X-CSRFToken": csrf}
    )
    assert response.status_code == 201


def test_bearer_post_needs_no_csrf_token(supplier):
    _token, secret = services.create_token(supplier, "ci")
    api = ApiClient(Client(enforce_csrf_checks=True), token=secret)
    response = api.post("tokens", {"name": "second", "company_id": supplier.company_id})
    assert response.status_code == 201


def test_anonymous_post_without_csrf_is_401_not_403(db):
    api = ApiClient(Client(enforce_csrf_checks=True))
    assert_error(api.post("tokens", {"name": "x", "company_id": 1}), 401, "not_authenticated")


def test_token_cannot_act_in_another_company_of_the_same_user(supplier, buyer):
    second = MembershipFactory(user=supplier.user, company=buyer.company, role="owner")
    api = token_client(supplier)
    assert_error(api.get(f"companies/{second.company_id}"), 404, "not_found")


def test_token_cannot_create_a_token_for_another_company_of_the_same_user(supplier, buyer):
    second = MembershipFactory(user=supplier.user, company=buyer.company, role="owner")
    api = token_client(supplier)
    response = api.post("tokens", {"name": "escape", "company_id": second.company_id})
    assert_error(response, 404, "not_found")
    assert not ApiToken.objects.filter(company=buyer.company).exists()


def test_session_acts_in_the_company_of_the_path(supplier, buyer):
    MembershipFactory(user=supplier.user, company=buyer.company, role="sales")
    client = session_client(supplier.user)
    assert client.get(f"companies/{buyer.company_id}").json()["display_name"] == "Brooklyn Apparel"


def test_openapi_declares_both_auth_schemes(anon, db):
    schemes = anon.get(f"{API}/openapi.json").json()["components"]["securitySchemes"]
    assert schemes == {
        "BearerTokenAuth": {"type": "http", "scheme": "bearer"},
        "SessionCsrfAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
