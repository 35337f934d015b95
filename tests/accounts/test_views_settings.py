"""Account settings: profile and language, password change, deactivation; password reset."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.web.helpers import link_path, member_of, signed_in
from tradeloom.accounts.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "purl two knit one"


def test_settings_need_sign_in(client):
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_profile_and_language_are_saved(client):
    user = UserFactory()
    signed_in(client, user)
    response = client.post(
        reverse("accounts:settings"), {"full_name": "Mei Chen", "language": "zh-hans"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    user.refresh_from_db()
    assert (user.full_name, user.language) == ("Mei Chen", "zh-hans")


def test_an_unknown_language_is_a_field_error(client):
    signed_in(client, UserFactory())
    response = client.post(reverse("accounts:settings"), {"full_name": "Mei", "language": "xx"})
    assert response.status_code == 400
    assert "language" in response.context["profile_form"].errors


def test_changing_the_password_keeps_this_session_and_ends_others(client):
    user = UserFactory()
    other = Client()
    other.force_login(user)
    signed_in(client, user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("web:dashboard")).status_code == 200
    assert other.get(reverse("web:dashboard")).status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_wrong_old_password_changes_nothing(client):
    user = UserFactory()
    signed_in(client, user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_deactivation_needs_the_password(client):
    user = UserFactory()
    signed_in(client, user)
    response = client.post(reverse("accounts:deactivate"), {"password": "nope"})
    assert response.status_code == 400
    assert response.context["deactivate_form"].errors["password"] == [
        "The password is not correct."
    ]
    user.refresh_from_db()
    assert user.is_active


def test_deactivation_signs_out_everywhere(client):
    user = UserFactory()
    other = Client()
    other.force_login(user)
    signed_in(client, user)
    response = client.post(reverse("accounts:deactivate"), {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active is False
    assert other.get(reverse("web:dashboard")).status_code == 302
    assert client.get(reverse("web:dashboard")).status_code == 302


def test_the_last_owner_of_a_team_cannot_deactivate(client, supplier):
    member_of(supplier.company, "sales")
    signed_in(client, supplier.user)
    response = client.post(reverse("accounts:deactivate"), {"password": PASSWORD})
    assert response.status_code == 400
    assert response.context["deactivate_form"].non_field_errors() == [
        "You are the last owner of Shanghai Knit. Make another member an owner first."
    ]
    supplier.user.refresh_from_db()
    assert supplier.user.is_active


def test_password_reset_by_email(client, mailoutbox):
    user = UserFactory(email="mei@example.com")
    response = client.post(reverse("accounts:password_reset"), {"email": "MEI@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    [message] = mailoutbox
    page = client.get(link_path(message.body, "/accounts/password-reset/"), follow=True)
    assert page.context["validlink"] is True
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_a_used_reset_link_does_not_work_twice(client, mailoutbox):
    UserFactory(email="mei@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "mei@example.com"})
    path = link_path(mailoutbox[0].body, "/accounts/password-reset/")
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = Client().get(path, follow=True)
    assert again.context["validlink"] is False
    assert User.objects.get().check_password(NEW_PASSWORD)
