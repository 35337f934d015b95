"""Personal API tokens: shown once, listed without secrets, revoked."""

from __future__ import annotations

from tests.api.conftest import ApiClient, assert_error, session_client, token_client
from tests.factories import MembershipFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken, AuditEntry


def test_create_token_returns_the_secret_once(owner, supplier):
    response = owner.post("tokens", {"name": "ERP sync", "company_id": supplier.company_id})
    assert response.status_code == 201
    body = response.json()
    assert body["secret"].startswith(f"tl_{body['token']['prefix']}_")
    assert body["token"]["name"] == "ERP sync"
    assert body["token"]["company"] == {"id": supplier.company_id, "display_name": "Shanghai Knit"}
    stored = ApiToken.objects.get(pk=body["token"]["id"])
    assert body["secret"] not in (stored.token_hash, stored.prefix)
    assert AuditEntry.objects.filter(action="token.created", actor=supplier.user).count() == 1


def test_created_secret_authenticates(owner, supplier):
    secret = owner.post("tokens", {"name": "ci", "company_id": supplier.company_id}).json()[
        "secret"
    ]
    assert ApiClient(token=secret).get("me").json()["authenticated_by"] == "token"


def test_list_tokens_has_no_secrets(owner, supplier):
    token, secret = services.create_token(supplier, "ci")
    response = owner.get("tokens")
    assert [t["id"] for t in response.json()] == [token.pk]
    assert set(response.json()[0]) == {
        "id",
        "name",
        "prefix",
        "company",
        "created_at",
        "last_used_at",
        "revoked_at",
    }
    assert secret not in response.content.decode()
    assert token.token_hash not in response.content.decode()


def test_list_tokens_with_a_token_shows_only_its_company(supplier, buyer):
    second = MembershipFactory(user=supplier.user, company=buyer.company, role="owner")
    services.create_token(second, "other company")
    body = token_client(supplier, "this company").get("tokens").json()
    assert [t["name"] for t in body] == ["this company"]


def test_token_name_is_required(owner, supplier):
    response = owner.post("tokens", {"name": "", "company_id": supplier.company_id})
    body = assert_error(response, 422, "validation_error")
    assert list(body["details"]["fields"]) == ["name"]


def test_blank_token_name_is_400(owner, supplier):
    response = owner.post("tokens", {"name": "   ", "company_id": supplier.company_id})
    assert_error(response, 400, "required")
    assert not ApiToken.objects.exists()


def test_token_for_a_foreign_company_is_404(owner, foreign):
    response = owner.post("tokens", {"name": "ci", "company_id": foreign.company_id})
    assert_error(response, 404, "not_found")
    assert not ApiToken.objects.exists()


def test_revoke_token(owner, supplier):
    token, secret = services.create_token(supplier, "ci")
    assert owner.delete(f"tokens/{token.pk}").status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_error(ApiClient(token=secret).get("me"), 401, "not_authenticated")


def test_a_token_may_revoke_itself(supplier):
    token, secret = services.create_token(supplier, "ci")
    api = ApiClient(token=secret)
    assert api.delete(f"tokens/{token.pk}").status_code == 204
    assert_error(api.get("me"), 401, "not_authenticated")


def test_revoking_someone_elses_token_is_404(owner, foreign):
    token, _secret = services.create_token(foreign, "theirs")
    assert_error(owner.delete(f"tokens/{token.pk}"), 404, "not_found")
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_cannot_revoke_my_token_of_another_company(supplier, buyer):
    second = MembershipFactory(user=supplier.user, company=buyer.company, role="owner")
    other, _secret = services.create_token(second, "other company")
    assert_error(token_client(supplier).delete(f"tokens/{other.pk}"), 404, "not_found")
    other.refresh_from_db()
    assert other.revoked_at is None


def test_session_user_may_revoke_tokens_of_all_their_companies(supplier, buyer):
    second = MembershipFactory(user=supplier.user, company=buyer.company, role="owner")
    other, _secret = services.create_token(second, "other company")
    assert session_client(supplier.user).delete(f"tokens/{other.pk}").status_code == 204


def test_text_the_database_cannot_store_is_refused(owner, supplier):
    # JSON may carry a NUL or half of a surrogate pair; neither is storable text.
    for name in ("ci\\u0000", "ci\\udadf"):
        raw = f'{{"name": "{name}", "company_id": {supplier.company_id}}}'
        response = owner.post("tokens", raw=raw)

        body = assert_error(response, 422, "validation_error")
        assert body["details"]
    assert not ApiToken.objects.exists()
