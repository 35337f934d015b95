"""The operator console: companies with filters and pagination, and the verification action."""

import pytest
from django.urls import reverse

from tests.factories import CompanyFactory, UserFactory
from tests.web.helpers import signed_in
from tradeloom.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    user = UserFactory(is_operator=True)
    signed_in(client, user)
    return user


def names(response):
    return sorted(row["company"].display_name for row in response.context["rows"])


def test_operators_see_all_companies(client, operator, supplier, buyer):
    response = client.get(reverse("console:companies"))
    assert response.status_code == 200
    assert names(response) == ["Brooklyn Apparel", "Shanghai Knit"]


def test_members_of_companies_are_refused(client, supplier):
    signed_in(client, supplier.user)
    response = client.get(reverse("console:companies"))
    assert response.status_code == 403
    assert "Only platform operators may do this." in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("console:companies"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "buyer"}, ["Brooklyn Apparel"]),
        ({"status": "verified"}, ["Shanghai Knit"]),
        ({"country": "US"}, ["Brooklyn Apparel"]),
        ({"q": "shanghai"}, ["Shanghai Knit"]),
        ({"q": "nobody"}, []),
    ],
)
def test_filters_narrow_the_list(client, operator, supplier, buyer, query, expected):
    assert names(client.get(reverse("console:companies"), query)) == expected


def test_an_invalid_filter_value_is_ignored_not_an_error(client, operator, supplier):
    response = client.get(reverse("console:companies"), {"kind": "pirate"})
    assert response.status_code == 200


def test_the_list_is_paginated(client, operator):
    CompanyFactory.create_batch(30)
    first = client.get(reverse("console:companies"))
    second = client.get(reverse("console:companies"), {"page": 2})
    assert (len(first.context["rows"]), len(second.context["rows"])) == (25, 5)
    assert first.context["total"] == 30


def test_pagination_keeps_the_filters(client, operator):
    CompanyFactory.create_batch(26, kind="buyer")
    html = client.get(reverse("console:companies"), {"kind": "buyer"}).content.decode()
    assert 'href="?kind=buyer&amp;page=2"' in html


def test_an_operator_verifies_a_company_with_a_note(client, operator, buyer):
    company = buyer.company
    response = client.post(
        reverse("console:set_verification", args=[company.pk]),
        {f"c{company.pk}-status": "verified", f"c{company.pk}-note": "Business licence checked"},
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.verification_status, company.verification_note) == (
        "verified",
        "Business licence checked",
    )
    assert (
        AuditEntry.objects.filter(action="company.verification_changed", company=company).count()
        == 1
    )


def test_an_unknown_status_is_refused(client, operator, buyer):
    company = buyer.company
    response = client.post(
        reverse("console:set_verification", args=[company.pk]), {f"c{company.pk}-status": "golden"}
    )
    assert response.status_code == 400
    company.refresh_from_db()
    assert company.verification_status == "unverified"


def test_a_company_member_cannot_set_verification(client, buyer):
    signed_in(client, buyer.user)
    company = buyer.company
    response = client.post(
        reverse("console:set_verification", args=[company.pk]),
        {f"c{company.pk}-status": "verified"},
    )
    assert response.status_code == 403
    company.refresh_from_db()
    assert company.verification_status == "unverified"


def test_verifying_an_unknown_company_is_not_found(client, operator):
    response = client.post(
        reverse("console:set_verification", args=[999999]), {"c999999-status": "verified"}
    )
    assert response.status_code == 404
