"""Invitations: sending, re-sending, accepting, refusing and withdrawing."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import AuditEntry, Invitation, Membership, User
from tradeloom.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def sha256(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


# --- inviting -------------------------------------------------------------------------------


def test_an_invitation_stores_only_the_token_hash(supplier):
    invitation, raw = services.invite(supplier, " New@Example.com ", "sales")

    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new@example.com",
        "sales",
        supplier.user,
    )
    assert invitation.token_hash == sha256(raw)
    assert len(raw) >= 40
    assert not Invitation.objects.filter(token_hash=raw).exists()


def test_an_invitation_expires_after_the_configured_days(supplier, settings):
    before = timezone.now()
    invitation, _raw = services.invite(supplier, "new@example.com", "sales")
    ttl = timedelta(days=settings.INVITATION_TTL_DAYS)
    assert before + ttl <= invitation.expires_at <= timezone.now() + ttl


def test_an_invitation_is_audited_and_recorded_as_an_event(supplier):
    invitation, raw = services.invite(supplier, "new@example.com", "sales")

    entry = AuditEntry.objects.get(action="invitation.created")
    assert (entry.actor, entry.company_id, entry.object_id, entry.details) == (
        supplier.user,
        supplier.company_id,
        str(invitation.pk),
        {"email": "new@example.com", "role": "sales"},
    )
    assert raw not in str(entry.details)
    event = OutboxEvent.objects.get()
    assert (event.name, event.payload) == (
        "invitation.created",
        {"invitation_id": invitation.pk, "token": raw},
    )


def test_inviting_needs_members_manage(supplier):
    catalog = MembershipFactory(company=supplier.company, role="catalog")

    with pytest.raises(PermissionDenied):
        services.invite(catalog, "new@example.com", "sales")

    assert Invitation.objects.count() == 0


def test_an_admin_cannot_invite_an_owner(supplier):
    admin = MembershipFactory(company=supplier.company, role="admin")
    with pytest.raises(PermissionDenied):
        services.invite(admin, "new@example.com", "owner")
    assert Invitation.objects.count() == 0


def test_inviting_again_withdraws_the_pending_invitation(supplier):
    first, first_raw = services.invite(supplier, "new@example.com", "sales")

    second, _ = services.invite(supplier, "NEW@example.com", "finance")

    assert Invitation.objects.get(pk=first.pk).status == "revoked"
    assert Invitation.objects.get(pk=second.pk).status == "pending"
    with pytest.raises(Conflict) as info:
        services.invitation_for_token(first_raw)
    assert info.value.code == "invitation_revoked"


def test_inviting_someone_elsewhere_leaves_that_invitation_alone(supplier, buyer):
    theirs, _ = services.invite(buyer, "new@example.com", "purchaser")

    services.invite(supplier, "new@example.com", "sales")

    assert Invitation.objects.get(pk=theirs.pk).status == "pending"


def test_inviting_a_member_is_a_conflict(supplier):
    member = MembershipFactory(
        company=supplier.company, role="sales", user=UserFactory(email="member@example.com")
    )

    with pytest.raises(Conflict) as info:
        services.invite(supplier, "MEMBER@example.com", "finance")

    assert (info.value.code, info.value.details) == ("already_member", {"field": "email"})
    assert Invitation.objects.count() == 0
    assert member.role == "sales"


@pytest.mark.parametrize(
    ("email", "role", "field"),
    [
        ("not an email", "sales", "email"),
        ("new@example.com", "emperor", "role"),
    ],
)
def test_bad_invitation_input_names_the_field(supplier, email, role, field):
    with pytest.raises(DomainError) as info:
        services.invite(supplier, email, role)
    assert info.value.details == {"field": field}
    assert Invitation.objects.count() == 0


# --- accepting ----------------------------------------------------------------------------------


def test_an_existing_user_accepts_and_joins_with_the_invited_role(supplier):
    user = UserFactory(email="new@example.com")
    invitation, raw = services.invite(supplier, "new@example.com", "finance")

    membership = services.accept_invitation(raw, user)

    assert (membership.user, membership.company, membership.role) == (
        user,
        supplier.company,
        "finance",
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", user)
    entry = AuditEntry.objects.get(action="invitation.accepted")
    assert (entry.actor, entry.company_id, entry.details) == (
        user,
        supplier.company_id,
        {"role": "finance"},
    )
    assert OutboxEvent.objects.filter(name="invitation.accepted").get().payload == {
        "membership_id": membership.pk
    }


def test_a_new_user_signs_up_accepts_and_their_email_counts_as_verified(supplier):
    _invitation, raw = services.invite(supplier, "new@example.com", "sales")
    user = services.register_user(
        email="new@example.com", password="knit one purl two", full_name="New Colleague"
    )

    membership = services.accept_invitation(raw, user)

    assert membership.role == "sales"
    assert User.objects.get(pk=user.pk).email_verified


def test_accepting_with_another_account_is_refused(supplier):
    _invitation, raw = services.invite(supplier, "new@example.com", "sales")
    other = UserFactory(email="other@example.com")

    with pytest.raises(PermissionDenied) as info:
        services.accept_invitation(raw, other)

    assert info.value.code == "invitation_other_email"
    assert "new@example.com" in info.value.message
    assert not Membership.objects.filter(user=other).exists()
    assert Invitation.objects.get().status == "pending"


def test_an_expired_invitation_is_refused(supplier):
    user = UserFactory(email="new@example.com")
    invitation, raw = services.invite(supplier, "new@example.com", "sales")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    with pytest.raises(Conflict) as info:
        services.accept_invitation(raw, user)

    assert info.value.code == "invitation_expired"
    assert not Membership.objects.filter(user=user).exists()


def test_a_used_invitation_is_refused(supplier):
    user = UserFactory(email="new@example.com")
    _invitation, raw = services.invite(supplier, "new@example.com", "sales")
    services.accept_invitation(raw, user)

    with pytest.raises(Conflict) as info:
        services.accept_invitation(raw, user)

    assert info.value.code == "invitation_used"
    assert Membership.objects.filter(user=user).count() == 1


def test_a_withdrawn_invitation_is_refused(supplier):
    user = UserFactory(email="new@example.com")
    invitation, raw = services.invite(supplier, "new@example.com", "sales")
    services.revoke_invitation(supplier, invitation.pk)

    with pytest.raises(Conflict) as info:
        services.accept_invitation(raw, user)

    assert info.value.code == "invitation_revoked"
    assert not Membership.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "forge",
    [
        lambda raw: raw[:-1] + ("A" if raw[-1] != "A" else "B"),
        lambda raw: "",
        lambda raw: sha256(raw),  # the stored hash is not a token
    ],
)
def test_a_forged_token_is_invalid(supplier, forge):
    user = UserFactory(email="new@example.com")
    _invitation, raw = services.invite(supplier, "new@example.com", "sales")

    with pytest.raises(NotFound) as info:
        services.accept_invitation(forge(raw), user)

    assert (info.value.code, info.value.status) == ("invitation_invalid", 404)
    assert not Membership.objects.filter(user=user).exists()


def test_a_member_joining_by_another_path_cannot_accept_again(supplier):
    user = UserFactory(email="new@example.com")
    _invitation, raw = services.invite(supplier, "new@example.com", "sales")
    MembershipFactory(company=supplier.company, user=user, role="catalog")

    with pytest.raises(Conflict) as info:
        services.accept_invitation(raw, user)

    assert info.value.code == "already_member"
    assert Membership.objects.get(user=user).role == "catalog"


# --- withdrawing --------------------------------------------------------------------------------


def test_a_manager_withdraws_a_pending_invitation(supplier):
    invitation, _ = services.invite(supplier, "new@example.com", "sales")

    revoked = services.revoke_invitation(supplier, invitation.pk)

    assert revoked.status == Invitation.objects.get(pk=invitation.pk).status == "revoked"
    entry = AuditEntry.objects.get(action="invitation.revoked")
    assert entry.details == {"email": "new@example.com"}


def test_only_pending_invitations_can_be_withdrawn(supplier):
    user = UserFactory(email="new@example.com")
    invitation, raw = services.invite(supplier, "new@example.com", "sales")
    services.accept_invitation(raw, user)

    with pytest.raises(Conflict) as info:
        services.revoke_invitation(supplier, invitation.pk)

    assert info.value.code == "invitation_closed"
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"


def test_withdrawing_needs_members_manage(supplier):
    sales = MembershipFactory(company=supplier.company, role="sales")
    invitation, _ = services.invite(supplier, "new@example.com", "sales")

    with pytest.raises(PermissionDenied):
        services.revoke_invitation(sales, invitation.pk)

    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


def test_another_companys_invitation_is_not_found(supplier, buyer):
    theirs, _ = services.invite(buyer, "new@example.com", "purchaser")

    with pytest.raises(NotFound):
        services.revoke_invitation(supplier, theirs.pk)

    assert Invitation.objects.get(pk=theirs.pk).status == "pending"
