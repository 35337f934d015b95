"""Sign-up and email verification through the web UI."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.helpers import link_path, sent_mail
from tradeloom.accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Aiko Tanaka",
    "email": "Aiko@Example.jp",
    "password": "knit one purl two",
    "language": "ja",
}


def test_signup_creates_the_user_and_signs_them_in(client):
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("web:dashboard")
    user = User.objects.get()
    assert (user.email, user.full_name, user.language, user.email_verified) == (
        "aiko@example.jp",
        "Aiko Tanaka",
        "ja",
        False,
    )
    assert client.get(reverse("web:dashboard")).context["user"] == user


def test_signup_sets_the_language_cookie_to_the_chosen_language(client):
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"


def test_signup_sends_a_verification_mail_that_verifies(client):
    client.post(reverse("accounts:signup"), SIGNUP)
    [message] = sent_mail("aiko@example.jp")
    response = client.get(link_path(message.body, "/accounts/verify-email/"))
    assert response.status_code == 200
    assert User.objects.get().email_verified is True


def test_a_duplicate_email_is_a_field_error(client):
    UserFactory(email="aiko@example.jp")
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 409
    assert response.context["form"].errors["email"] == [
        "An account with this email already exists."
    ]
    assert User.objects.count() == 1


def test_a_common_password_is_a_field_error(client):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password": "password123"})
    assert response.status_code == 400
    assert response.context["form"].errors["password"] == ["This password is too common."]
    assert not User.objects.exists()


def test_a_short_password_is_a_field_error(client):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password": "Kx9!q"})
    assert response.status_code == 400
    assert response.context["form"].errors["password"] == [
        "This password is too short. It must contain at least 8 characters."
    ]


def test_a_long_passphrase_is_accepted(client):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password": "wool " * 16})
    assert response.status_code == 302


def test_password_errors_are_tied_to_the_field(client):
    html = client.post(
        reverse("accounts:signup"), {**SIGNUP, "password": "password123"}
    ).content.decode()
    assert 'aria-describedby="id_password_helptext id_password_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<a href="#id_password">Password: This password is too common.</a>' in html


def test_a_forged_verification_link_says_so(client):
    response = client.get(reverse("accounts:verify_email", args=["forged:token"]))
    assert response.status_code == 400
    assert "This verification link is not valid." in response.content.decode()


def test_verification_mail_can_be_sent_again(client):
    client.post(reverse("accounts:signup"), SIGNUP)
    sent_mail("aiko@example.jp")
    response = client.post(reverse("accounts:resend_verification"))
    assert response.status_code == 302
    assert len(sent_mail("aiko@example.jp")) == 2


def test_signed_in_users_are_sent_from_signup_to_the_dashboard(client):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:signup"))
    assert response.url == reverse("web:dashboard")


def test_signup_keeps_next_through_the_form(client):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "next": "/members/"})
    assert response.url == "/members/"
