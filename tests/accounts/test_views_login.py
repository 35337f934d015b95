"""Sign-in (new session id, language cookie, rate limit) and sign-out everywhere."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"email": email, "password": password, **extra})


def test_signing_in_redirects_to_the_dashboard(client):
    user = UserFactory()
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert response.url == reverse("web:dashboard")
    assert client.get(reverse("web:dashboard")).context["user"] == user


def test_signing_in_starts_a_new_session(client):
    user = UserFactory()
    client.get(reverse("accounts:login"))
    session = client.session
    session["probe"] = "before"
    session.save()
    before = session.session_key
    sign_in(client, user.email)
    assert client.session.session_key != before


def test_signing_in_sets_the_users_language(client):
    user = UserFactory(language="zh-hans")
    response = sign_in(client, user.email)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


def test_email_is_case_insensitive(client):
    user = UserFactory(email="mei@example.com")
    assert sign_in(client, "MEI@example.com").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_is_a_form_error(client):
    user = UserFactory()
    response = sign_in(client, user.email, "not the password")
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["The email or password is not correct."]
    assert "_auth_user_id" not in client.session


def test_repeated_failures_are_rate_limited_with_429(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    user = UserFactory()
    statuses = [sign_in(client, user.email, "wrong").status_code for _ in range(3)]
    response = sign_in(client, user.email)  # even the right password now waits
    assert statuses == [400, 400, 400]
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.LOGIN_FAILURE_WINDOW)
    assert "Too many failed attempts." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_next_leads_back_to_the_page_asked_for(client):
    user = UserFactory()
    response = sign_in(client, user.email, next="/members/")
    assert response.url == "/members/"


def test_next_cannot_lead_off_site(client):
    user = UserFactory()
    response = sign_in(client, user.email, next="https://evil.example/")
    assert response.url == reverse("web:dashboard")


def test_a_deactivated_user_cannot_sign_in(client):
    user = UserFactory(is_active=False)
    assert sign_in(client, user.email).status_code == 400


def test_logout_ends_every_session_of_the_user():
    user = UserFactory()
    laptop, phone = Client(), Client()
    sign_in(laptop, user.email)
    sign_in(phone, user.email)
    assert phone.get(reverse("web:dashboard")).status_code == 200
    response = laptop.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert phone.get(reverse("web:dashboard")).status_code == 302
    assert laptop.get(reverse("web:dashboard")).status_code == 302


def test_logout_by_get_only_asks_for_confirmation(client):
    user = UserFactory()
    sign_in(client, user.email)
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 200
    assert client.get(reverse("web:dashboard")).status_code == 200
