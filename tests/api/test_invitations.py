"""Invitations: list, invite, withdraw, accept, and every bad token."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.api.conftest import assert_error, session_client
from tests.factories import MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import Invitation, Membership


def test_invite(owner, supplier):
    response = owner.post(
        f"companies/{supplier.company_id}/invitations",
        {"email": "New.Person@Example.com", "role": "catalog"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "new.person@example.com"
    assert body["role"] == "catalog"
    assert body["status"] == "pending"
    assert body["invited_by"]["email"] == supplier.user.email
    assert "token" not in body  # the link goes to the invitee by email only
    assert Invitation.objects.get(pk=body["id"]).company == supplier.company


def test_list_invitations(owner, supplier):
    invitation, _raw = services.invite(supplier, "someone@example.com", "sales")
    body = owner.get(f"companies/{supplier.company_id}/invitations").json()
    assert [(i["id"], i["email"], i["status"]) for i in body] == [
        (invitation.pk, "someone@example.com", "pending")
    ]


def test_invite_with_invalid_email_is_400(owner, supplier):
    response = owner.post(
        f"companies/{supplier.company_id}/invitations", {"email": "not an email", "role": "sales"}
    )
    body = assert_error(response, 400, "invalid_email")
    assert body["details"] == {"field": "email"}
    assert not Invitation.objects.exists()


def test_inviting_an_existing_member_is_409(owner, supplier, colleague):
    response = owner.post(
        f"companies/{supplier.company_id}/invitations",
        {"email": colleague.user.email, "role": "sales"},
    )
    assert_error(response, 409, "already_member")


def test_inviting_into_a_company_you_do_not_manage_is_403(supplier, colleague):
    response = session_client(colleague.user).post(
        f"companies/{supplier.company_id}/invitations", {"email": "x@example.com", "role": "sales"}
    )
    assert_error(response, 403, "permission_denied")
    assert not Invitation.objects.exists()


def test_inviting_into_a_foreign_company_is_404(owner, foreign):
    response = owner.post(
        f"companies/{foreign.company_id}/invitations", {"email": "x@example.com", "role": "sales"}
    )
    assert_error(response, 404, "not_found")
    assert not Invitation.objects.exists()


def test_listing_invitations_needs_members_manage(supplier, colleague):
    response = session_client(colleague.user).get(f"companies/{supplier.company_id}/invitations")
    assert_error(response, 403, "permission_denied")


def test_revoke_invitation(owner, supplier):
    invitation, _raw = services.invite(supplier, "someone@example.com", "sales")
    response = owner.delete(f"companies/{supplier.company_id}/invitations/{invitation.pk}")
    assert response.status_code == 204
    invitation.refresh_from_db()
    assert invitation.status == "revoked"


def test_revoking_twice_is_409(owner, supplier):
    invitation, _raw = services.invite(supplier, "someone@example.com", "sales")
    owner.delete(f"companies/{supplier.company_id}/invitations/{invitation.pk}")
    response = owner.delete(f"companies/{supplier.company_id}/invitations/{invitation.pk}")
    assert_error(response, 409, "invitation_closed")


def test_revoking_another_company_invitation_is_404(owner, supplier, foreign):
    invitation, _raw = services.invite(foreign, "someone@example.com", "sales")
    response = owner.delete(f"companies/{supplier.company_id}/invitations/{invitation.pk}")
    assert_error(response, 404, "not_found")
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def _invitee(supplier, role="catalog"):
    user = UserFactory(email="invitee@example.com")
    _invitation, raw = services.invite(supplier, user.email, role)
    return user, raw


def test_accept_invitation(supplier):
    user, raw = _invitee(supplier)
    response = session_client(user).post("invitations/accept", {"token": raw})
    assert response.status_code == 200
    body = response.json()
    assert body["company"]["id"] == supplier.company_id
    assert body["role"] == "catalog"
    assert "catalog.manage" in body["permissions"]
    assert Membership.objects.filter(user=user, company=supplier.company, role="catalog").exists()


def test_accepting_a_used_invitation_is_409(supplier):
    user, raw = _invitee(supplier)
    client = session_client(user)
    client.post("invitations/accept", {"token": raw})
    assert_error(client.post("invitations/accept", {"token": raw}), 409, "invitation_used")


def test_accepting_an_expired_invitation_is_409(supplier):
    user, raw = _invitee(supplier)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = session_client(user).post("invitations/accept", {"token": raw})
    assert_error(response, 409, "invitation_expired")
    assert not Membership.objects.filter(user=user).exists()


def test_accepting_a_revoked_invitation_is_409(supplier):
    user, raw = _invitee(supplier)
    services.revoke_invitation(supplier, Invitation.objects.get().pk)
    response = session_client(user).post("invitations/accept", {"token": raw})
    assert_error(response, 409, "invitation_revoked")


def test_accepting_a_forged_token_is_404(supplier):
    user, _raw = _invitee(supplier)
    response = session_client(user).post("invitations/accept", {"token": "forged-token"})
    assert_error(response, 404, "invitation_invalid")
    assert not Membership.objects.filter(user=user).exists()


def test_accepting_someone_elses_invitation_is_403(supplier, foreign):
    _user, raw = _invitee(supplier)
    response = session_client(foreign.user).post("invitations/accept", {"token": raw})
    assert_error(response, 403, "invitation_other_email")
    assert not Membership.objects.filter(user=foreign.user, company=supplier.company).exists()


def test_accepting_while_already_a_member_is_409(supplier):
    user, raw = _invitee(supplier)
    MembershipFactory(user=user, company=supplier.company, role="sales")
    response = session_client(user).post("invitations/accept", {"token": raw})
    assert_error(response, 409, "already_member")
