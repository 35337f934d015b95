"""The language switcher changes the UI language, without JavaScript."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_switching_to_japanese_serves_pages_in_japanese(client):
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"
    html = client.get(reverse("web:home")).content.decode()
    assert '<html lang="ja"' in html
    assert '<option value="ja" lang="ja" selected>日本語</option>' in html


def test_form_errors_follow_the_chosen_language(client):
    client.post(reverse("set_language"), {"language": "ja", "next": "/"})
    response = client.post(reverse("accounts:login"), {"email": "", "password": ""})
    # Django ships this message translated; ours follow once the catalogues exist.
    assert "この項目は必須です。" in response.content.decode()


def test_switching_to_simplified_chinese_serves_pages_in_chinese(client):
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert '<html lang="zh-hans"' in client.get(reverse("web:home")).content.decode()


def test_the_switcher_refuses_to_redirect_off_site(client):
    response = client.post(
        reverse("set_language"), {"language": "ja", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_signed_in_users_see_the_switcher_with_their_language(client):
    signed_in(client, UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = client.get(reverse("web:dashboard")).content.decode()
    assert '<option value="zh-hans" lang="zh-hans" selected>简体中文</option>' in html
