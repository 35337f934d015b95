import pytest

from tradeloom.core.permissions import (
    ASSIGNABLE_BY,
    PERMISSIONS,
    ROLE_PERMISSIONS,
    Role,
    has_perm,
)


def test_every_role_has_a_permission_set():
    assert set(ROLE_PERMISSIONS) == set(Role.values)


@pytest.mark.parametrize("role", Role.values)
def test_every_granted_permission_is_in_the_vocabulary(role):
    assert ROLE_PERMISSIONS[role] <= set(PERMISSIONS)


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN])
def test_owner_and_admin_hold_every_permission(role):
    assert ROLE_PERMISSIONS[role] == set(PERMISSIONS)


@pytest.mark.parametrize("role", sorted(set(Role.values) - {Role.OWNER, Role.ADMIN}))
def test_only_owner_and_admin_manage_members_and_the_company(role):
    assert not has_perm(role, "members.manage")
    assert not has_perm(role, "company.manage")


@pytest.mark.parametrize("role", Role.values)
def test_every_member_sees_colleagues_and_the_company(role):
    assert has_perm(role, "members.view")
    assert has_perm(role, "company.view")


@pytest.mark.parametrize(
    ("role", "perm"),
    [
        ("catalog", "catalog.manage"),
        ("finance", "payments.manage"),
        ("finance", "orders.approve"),
        ("warehouse", "warehouse.manage"),
        ("sales", "inquiries.reply"),
        ("purchaser", "rfq.manage"),
    ],
)
def test_specialist_roles_hold_their_trade(role, perm):
    assert has_perm(role, perm)


@pytest.mark.parametrize(
    ("role", "perm"),
    [
        ("catalog", "payments.view"),
        ("warehouse", "orders.approve"),
        ("sales", "payments.manage"),
        ("purchaser", "catalog.manage"),
    ],
)
def test_specialist_roles_lack_other_trades(role, perm):
    assert not has_perm(role, perm)


def test_no_role_has_no_permission():
    assert not has_perm(None, "company.view")


def test_an_unknown_permission_is_a_programming_error():
    with pytest.raises(KeyError):
        has_perm(Role.OWNER, "company.destroy")


def test_only_owners_may_hand_out_the_owner_role():
    assert Role.OWNER in ASSIGNABLE_BY[Role.OWNER]
    assert Role.OWNER not in ASSIGNABLE_BY[Role.ADMIN]
    assert set(ASSIGNABLE_BY) == {Role.OWNER, Role.ADMIN}


def test_every_permission_has_a_description():
    assert all(str(text) for text in PERMISSIONS.values())
