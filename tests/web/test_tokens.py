"""API tokens from the web UI: the secret is shown once; list; revoke."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.helpers import signed_in
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_works(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(reverse("web:create_token"), {"name": "ERP sync"})
    assert response.status_code == 201
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert services.authenticate_token(secret) == supplier


def test_the_token_list_never_shows_the_secret(client, supplier):
    signed_in(client, supplier.user)
    secret = client.post(reverse("web:create_token"), {"name": "ERP sync"}).context["secret"]
    html = client.get(reverse("web:tokens")).content.decode()
    token = ApiToken.objects.get()
    assert f"tl_{token.prefix}_…" in html
    assert secret not in html


def test_a_token_needs_a_name(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(reverse("web:create_token"), {"name": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["This field is required."]
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_company(client):
    signed_in(client, UserFactory())
    response = client.post(reverse("web:create_token"), {"name": "ERP sync"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_token_is_revoked(client, supplier):
    token, secret = services.create_token(supplier, "ERP sync")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    assert services.authenticate_token(secret) is None


def test_someone_elses_token_cannot_be_revoked(client, supplier, buyer):
    token, secret = services.create_token(buyer, "Shop sync")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:revoke_token", args=[token.pk]))
    assert response.status_code == 404
    assert services.authenticate_token(secret) == buyer


def test_the_tokens_page_needs_sign_in(client):
    response = client.get(reverse("web:tokens"))
    assert response.status_code == 302
