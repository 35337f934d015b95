"""Dates on pages follow the signed-in user's language: Japanese and Chinese write
2026年3月5日, English March 5, 2026.

Users sign in through the login form, which sets the language cookie from their profile,
exactly as in use.
"""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, CompanyFactory, MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken, Company

pytestmark = pytest.mark.django_db

JOINED = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)
FOUNDED = datetime(2025, 11, 28, 12, 0, tzinfo=UTC)


def signed_in_as(language: str) -> tuple[Client, object]:
    company = CompanyFactory(kind="supplier", display_name="Shanghai Knit", country="CN")
    Company.objects.filter(pk=company.pk).update(created_at=FOUNDED)
    membership = MembershipFactory(
        company=company, role="owner", user=UserFactory(language=language), joined_at=JOINED
    )
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"email": membership.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client, membership


@pytest.mark.parametrize(
    ("language", "joined"),
    [("ja", "2026年3月5日"), ("zh-hans", "2026年3月5日"), ("en", "March 5, 2026")],
)
def test_the_members_page_writes_the_joining_date_in_the_users_language(language, joined):
    client, _membership = signed_in_as(language)

    html = client.get(reverse("web:members")).content.decode()

    assert f'<html lang="{language}"' in html
    assert f">{joined}</td>" in html


@pytest.mark.parametrize(
    ("language", "founded"),
    [("ja", "2025年11月28日"), ("zh-hans", "2025年11月28日"), ("en", "Nov. 28, 2025")],
)
def test_the_dashboard_writes_the_founding_date_in_the_users_language(language, founded):
    client, _membership = signed_in_as(language)

    html = client.get(reverse("web:dashboard")).content.decode()

    assert f"<p>{founded_sentence(language, founded)}</p>" in html


@pytest.mark.parametrize(
    ("language", "created"),
    [("ja", "2026/03/05 9:30"), ("zh-hans", "2026年3月5日 09:30"), ("en", "03/05/2026 9:30 a.m.")],
)
def test_the_token_list_writes_its_created_time_in_the_users_language(language, created):
    client, membership = signed_in_as(language)
    token, _secret = services.create_token(membership, "ERP sync")
    ApiToken.objects.filter(pk=token.pk).update(created_at=JOINED)

    html = client.get(reverse("web:tokens")).content.decode()

    assert f">{created}</td>" in html


def test_english_pages_carry_no_east_asian_dates():
    client, _membership = signed_in_as("en")

    for name in ("web:dashboard", "web:members"):
        html = client.get(reverse(name)).content.decode()
        assert ("年" in html, "月" in html) == (False, False), name


def founded_sentence(language: str, date: str) -> str:
    return {
        "ja": f"Tradeloom登録日：{date}",
        "zh-hans": f"于 {date} 入驻 Tradeloom",
        "en": f"On Tradeloom since {date}",
    }[language]
