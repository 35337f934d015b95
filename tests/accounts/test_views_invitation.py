"""Accepting an invitation from its link: new users, existing users, and unusable links."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory
from tests.web.helpers import signed_in
from tradeloom.accounts import services
from tradeloom.accounts.middleware import SESSION_KEY
from tradeloom.accounts.models import Invitation, Membership, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(supplier):
    """An invitation to the supplier as sales, and its raw token."""
    invitation, token = services.invite(supplier, "newcomer@example.com", "sales")
    return invitation, token


def url(token):
    return reverse("accounts:invitation", args=[token])


def test_the_link_shows_company_and_role_to_a_visitor(client, invited):
    _invitation, token = invited
    response = client.get(url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Join Shanghai Knit" in html
    assert "Sales" in html
    assert f"{reverse('accounts:signup')}?invitation={token}" in html


def test_a_new_user_signs_up_with_the_invited_address_and_accepts(client, invited):
    invitation, token = invited
    form = client.get(reverse("accounts:signup"), {"invitation": token}).context["form"]
    assert form["email"].value() == "newcomer@example.com"
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "New Comer",
            "email": "someone-else@example.com",
            "password": "knit one purl two",
            "language": "en",
            "invitation": token,
        },
    )
    assert response.url == url(token)
    user = User.objects.get(full_name="New Comer")
    assert user.email == "newcomer@example.com"
    response = client.post(url(token))
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert (membership.company_id, membership.role) == (invitation.company_id, "sales")
    assert client.session[SESSION_KEY] == invitation.company_id
    assert client.get(reverse("web:dashboard")).context["company"] == invitation.company


def test_an_existing_user_signs_in_and_accepts(client, invited):
    invitation, token = invited
    user = UserFactory(email="newcomer@example.com")
    response = client.post(
        reverse("accounts:login"), {"email": user.email, "password": PASSWORD, "next": url(token)}
    )
    assert response.url == url(token)
    assert client.post(url(token)).status_code == 302
    assert Membership.objects.filter(user=user, company=invitation.company, role="sales").exists()


def test_accepting_makes_the_new_company_active_for_a_user_in_another(client, invited, buyer):
    invitation, token = invited
    user = UserFactory(email="newcomer@example.com")
    Membership.objects.create(user=user, company=buyer.company, role="purchaser")
    signed_in(client, user)
    client.post(url(token))
    assert client.session[SESSION_KEY] == invitation.company_id


def test_a_signed_in_user_with_another_address_cannot_accept(client, invited):
    _invitation, token = invited
    stranger = UserFactory(email="stranger@example.com")
    signed_in(client, stranger)
    assert "you are signed in as stranger@example.com" in client.get(url(token)).content.decode()
    response = client.post(url(token))
    assert response.status_code == 403
    assert "This invitation was sent to newcomer@example.com." in response.content.decode()
    assert not Membership.objects.filter(user=stranger).exists()


def test_accepting_while_signed_out_asks_to_sign_in(client, invited):
    _invitation, token = invited
    response = client.post(url(token))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_forged_token_says_the_link_is_not_valid(client, invited):
    response = client.get(url("made-up-token"))
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()


def test_an_expired_invitation_says_it_expired(client, invited):
    invitation, token = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(1))
    response = client.get(url(token))
    assert response.status_code == 409
    assert "This invitation has expired. Ask for a new one." in response.content.decode()


def test_a_used_invitation_says_it_was_used(client, invited):
    _invitation, token = invited
    services.accept_invitation(token, UserFactory(email="newcomer@example.com"))
    signed_in(client, UserFactory(email="late@example.com"))
    response = client.post(url(token))
    assert response.status_code == 409
    assert "This invitation has already been used." in response.content.decode()


def test_a_withdrawn_invitation_says_so(client, supplier, invited):
    invitation, token = invited
    services.revoke_invitation(supplier, invitation.pk)
    response = client.get(url(token))
    assert response.status_code == 409
    assert "This invitation was withdrawn." in response.content.decode()


def test_signup_ignores_an_unusable_invitation_token(client):
    response = client.get(reverse("accounts:signup"), {"invitation": "made-up"})
    assert response.status_code == 200
    assert response.context["invitation"] is None
