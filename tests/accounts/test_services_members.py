"""Members: role changes and removals, and the audit of refused permissions."""

import pytest

from tests.factories import MembershipFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken, AuditEntry, Membership
from tradeloom.core.errors import DomainError, NotFound, PermissionDenied
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def role_of(membership):
    return Membership.objects.get(pk=membership.pk).role


# --- change_role ---------------------------------------------------------------------------


def test_an_owner_changes_a_role_with_audit_and_event(supplier):
    member = MembershipFactory(company=supplier.company, role="sales")

    changed = services.change_role(supplier, member.pk, "finance")

    assert changed.role == role_of(member) == "finance"
    entry = AuditEntry.objects.get(action="member.role_changed")
    assert (entry.actor, entry.company_id, entry.object_id, entry.details) == (
        supplier.user,
        supplier.company_id,
        str(member.pk),
        {"user": member.user.email, "from": "sales", "to": "finance"},
    )
    event = OutboxEvent.objects.get()
    assert (event.name, event.payload) == (
        "member.role_changed",
        {"membership_id": member.pk, "role": "finance"},
    )


def test_nobody_changes_their_own_role(supplier):
    MembershipFactory(company=supplier.company, role="owner")

    with pytest.raises(DomainError) as info:
        services.change_role(supplier, supplier.pk, "admin")

    assert info.value.code == "own_role"
    assert role_of(supplier) == "owner"


def test_a_sole_owner_cannot_demote_themselves(supplier):
    MembershipFactory(company=supplier.company, role="admin")

    with pytest.raises(DomainError) as info:
        services.change_role(supplier, supplier.pk, "admin")

    assert info.value.code == "own_role"
    assert role_of(supplier) == "owner"


def test_an_admin_cannot_make_an_owner(supplier):
    admin = MembershipFactory(company=supplier.company, role="admin")
    member = MembershipFactory(company=supplier.company, role="sales")

    with pytest.raises(PermissionDenied):
        services.change_role(admin, member.pk, "owner")

    assert role_of(member) == "sales"


def test_an_admin_cannot_demote_an_owner(supplier):
    admin = MembershipFactory(company=supplier.company, role="admin")

    with pytest.raises(PermissionDenied):
        services.change_role(admin, supplier.pk, "sales")

    assert role_of(supplier) == "owner"


def test_an_admin_changes_other_roles(supplier):
    admin = MembershipFactory(company=supplier.company, role="admin")
    member = MembershipFactory(company=supplier.company, role="sales")

    services.change_role(admin, member.pk, "warehouse")

    assert role_of(member) == "warehouse"


def test_an_owner_makes_and_unmakes_owners(supplier):
    member = MembershipFactory(company=supplier.company, role="admin")

    services.change_role(supplier, member.pk, "owner")
    services.change_role(supplier, member.pk, "admin")

    assert role_of(member) == "admin"


def test_a_demoted_owner_acting_on_a_stale_membership_cannot_demote_the_last_owner(supplier):
    other = MembershipFactory(company=supplier.company, role="owner")
    stale_self = Membership.objects.get(pk=supplier.pk)
    services.change_role(other, supplier.pk, "admin")

    with pytest.raises(PermissionDenied):
        services.change_role(stale_self, other.pk, "sales")

    assert role_of(other) == "owner"


def test_a_role_change_needs_members_manage(supplier):
    sales = MembershipFactory(company=supplier.company, role="sales")
    member = MembershipFactory(company=supplier.company, role="catalog")

    with pytest.raises(PermissionDenied):
        services.change_role(sales, member.pk, "finance")

    assert role_of(member) == "catalog"


def test_an_unknown_role_is_refused(supplier):
    member = MembershipFactory(company=supplier.company, role="sales")
    with pytest.raises(DomainError) as info:
        services.change_role(supplier, member.pk, "emperor")
    assert info.value.details == {"field": "role"}
    assert role_of(member) == "sales"


def test_a_member_of_another_company_is_not_found(supplier, buyer):
    with pytest.raises(NotFound):
        services.change_role(supplier, buyer.pk, "sales")
    assert role_of(buyer) == "owner"


# --- remove_member ------------------------------------------------------------------------------


def test_an_owner_removes_a_member_with_audit_and_event(supplier):
    member = MembershipFactory(company=supplier.company, role="sales")

    services.remove_member(supplier, member.pk)

    assert not Membership.objects.filter(pk=member.pk).exists()
    entry = AuditEntry.objects.get(action="member.removed")
    assert entry.details == {"user": member.user.email, "role": "sales"}
    event = OutboxEvent.objects.get()
    assert (event.name, event.payload) == (
        "member.removed",
        {"user_id": member.user_id, "company_id": supplier.company_id},
    )


def test_the_last_owner_cannot_leave(supplier):
    MembershipFactory(company=supplier.company, role="admin")

    with pytest.raises(DomainError) as info:
        services.remove_member(supplier, supplier.pk)

    assert info.value.code == "last_owner"
    assert Membership.objects.filter(pk=supplier.pk).exists()


def test_one_of_two_owners_can_remove_the_other(supplier):
    other = MembershipFactory(company=supplier.company, role="owner")

    services.remove_member(supplier, other.pk)

    assert list(supplier.company.memberships.values_list("role", flat=True)) == ["owner"]


def test_a_removed_owner_acting_on_a_stale_membership_cannot_remove_the_last_owner(supplier):
    other = MembershipFactory(company=supplier.company, role="owner")
    stale_self = Membership.objects.get(pk=supplier.pk)
    services.remove_member(other, supplier.pk)

    with pytest.raises(PermissionDenied):
        services.remove_member(stale_self, other.pk)

    assert Membership.objects.filter(pk=other.pk).exists()


def test_a_member_without_members_manage_cannot_remove_others(supplier):
    sales = MembershipFactory(company=supplier.company, role="sales")
    member = MembershipFactory(company=supplier.company, role="catalog")

    with pytest.raises(PermissionDenied):
        services.remove_member(sales, member.pk)

    assert Membership.objects.filter(pk=member.pk).exists()


def test_an_admin_cannot_remove_an_owner(supplier):
    admin = MembershipFactory(company=supplier.company, role="admin")
    MembershipFactory(company=supplier.company, role="owner")

    with pytest.raises(PermissionDenied):
        services.remove_member(admin, supplier.pk)

    assert Membership.objects.filter(pk=supplier.pk).exists()


def test_anyone_may_leave(supplier):
    sales = MembershipFactory(company=supplier.company, role="sales")

    services.remove_member(sales, sales.pk)

    assert not Membership.objects.filter(pk=sales.pk).exists()


def test_removal_revokes_the_members_tokens_in_that_company_only(supplier, buyer):
    member = MembershipFactory(company=supplier.company, role="sales")
    elsewhere = MembershipFactory(company=buyer.company, user=member.user, role="purchaser")
    here, _ = services.create_token(member, "here")
    there, _ = services.create_token(elsewhere, "there")

    services.remove_member(supplier, member.pk)

    assert ApiToken.objects.get(pk=here.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=there.pk).revoked_at is None


def test_removing_a_member_of_another_company_is_not_found(supplier, buyer):
    with pytest.raises(NotFound):
        services.remove_member(supplier, buyer.pk)
    assert Membership.objects.filter(pk=buyer.pk).exists()


# --- refused permissions are audited ------------------------------------------------------------


def test_a_denied_permission_leaves_an_audit_row_behind(supplier, rf):
    sales = MembershipFactory(company=supplier.company, role="sales")
    request = rf.post("/members/", REMOTE_ADDR="198.51.100.4")

    with pytest.raises(PermissionDenied) as info:
        services.invite(sales, "friend@example.com", "sales", request=request)

    assert info.value.details == {"permission": "members.manage"}
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.company_id, entry.ip, entry.details) == (
        "permission.denied",
        sales.user,
        supplier.company_id,
        "198.51.100.4",
        {"permission": "members.manage", "role": "sales"},
    )
