"""The landing page, the dashboard, the layout and switching company."""

import pytest
from django.urls import reverse

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.web.helpers import company_with_owner, signed_in
from tradeloom.accounts.middleware import SESSION_KEY

pytestmark = pytest.mark.django_db


def test_home_is_public_and_invites_to_sign_up(client):
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert reverse("accounts:signup") in response.content.decode()


def test_dashboard_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/dashboard/"


def test_dashboard_without_company_offers_to_set_one_up(client):
    signed_in(client, UserFactory())
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 200
    assert f"{reverse('web:company_create')}?kind=supplier" in response.content.decode()


def test_dashboard_shows_the_active_company_and_its_members_count(client, supplier):
    MembershipFactory(company=supplier.company, role="sales")
    signed_in(client, supplier.user)
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 200
    assert response.context["company"] == supplier.company
    assert response.context["members_count"] == 2
    assert "Shanghai Knit" in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "present", "absent"),
    [
        ("supplier", "Catalog", "RFQs"),
        ("buyer", "RFQs", "Catalog"),
        ("agent", "Purchase requests", "RFQs"),
    ],
)
def test_navigation_fits_the_company_kind(client, kind, present, absent):
    owner = company_with_owner(kind=kind)
    signed_in(client, owner.user)
    labels = [
        str(item["label"]) for item in client.get(reverse("web:dashboard")).context["nav_items"]
    ]
    assert present in labels
    assert absent not in labels


def test_operators_get_the_console_in_the_navigation(client):
    signed_in(client, UserFactory(is_operator=True))
    labels = [str(i["label"]) for i in client.get(reverse("web:dashboard")).context["nav_items"]]
    assert labels == ["Dashboard", "Console"]


def test_pages_carry_no_inline_script_or_style(client, supplier):
    signed_in(client, supplier.user)
    response = client.get(reverse("web:dashboard"))
    html = response.content.decode()
    assert "<script>" not in html
    assert " style=" not in html
    assert " onclick=" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_switching_to_another_own_company_makes_it_active(client, supplier):
    other = MembershipFactory(
        user=supplier.user, company=CompanyFactory(display_name="Ningbo Knit"), role="sales"
    )
    signed_in(client, supplier.user)
    response = client.post(reverse("web:switch_company"), {"company": other.company_id})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == other.company_id
    assert client.get(reverse("web:dashboard")).context["company"] == other.company


def test_switching_to_a_company_you_are_not_in_is_not_found(client, supplier, buyer):
    signed_in(client, supplier.user)
    response = client.post(reverse("web:switch_company"), {"company": buyer.company_id})
    assert response.status_code == 404
    assert client.session[SESSION_KEY] == supplier.company_id


def test_switching_with_a_malformed_company_id_is_not_found(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(reverse("web:switch_company"), {"company": "1 OR 1=1"})
    assert response.status_code == 404


def test_the_company_switcher_lists_only_own_companies(client, supplier, buyer):
    signed_in(client, supplier.user)
    html = client.get(reverse("web:dashboard")).content.decode()
    assert f'name="company" value="{supplier.company_id}"' in html
    assert f'name="company" value="{buyer.company_id}"' not in html


def test_unknown_address_gets_the_friendly_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_bell_shows_the_unread_count(client, supplier):
    from tradeloom.core.models import Notification

    Notification.objects.create(user=supplier.user, kind="member.removed", params={"company": "X"})
    Notification.objects.create(user=supplier.user, kind="member.removed", params={"company": "Y"})
    signed_in(client, supplier.user)
    response = client.get(reverse("web:bell"))
    assert response.status_code == 200
    assert '<span class="bell__count" aria-hidden="true">2</span>' in response.content.decode()


def test_the_500_page_renders_without_a_request_context(rf):
    from tradeloom.web.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
