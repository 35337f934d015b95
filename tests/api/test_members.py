"""Members: list, change role, remove; the rules of the issue through the API."""

from __future__ import annotations

from tests.api.conftest import assert_error, session_client
from tests.factories import MembershipFactory
from tradeloom.accounts.models import AuditEntry, Membership


def test_list_members(owner, supplier, colleague):
    body = owner.get(f"companies/{supplier.company_id}/members").json()
    assert [(m["id"], m["role"], m["user"]["email"]) for m in body] == [
        (supplier.pk, "owner", supplier.user.email),
        (colleague.pk, "sales", colleague.user.email),
    ]


def test_any_member_may_list_members(supplier, colleague):
    response = session_client(colleague.user).get(f"companies/{supplier.company_id}/members")
    assert response.status_code == 200


def test_change_role(owner, supplier, colleague):
    response = owner.patch(
        f"companies/{supplier.company_id}/members/{colleague.pk}", {"role": "finance"}
    )
    assert response.status_code == 200
    assert response.json()["role"] == "finance"
    colleague.refresh_from_db()
    assert colleague.role == "finance"
    assert AuditEntry.objects.filter(action="member.role_changed").count() == 1


def test_change_role_to_unknown_role_is_422(owner, supplier, colleague):
    response = owner.patch(
        f"companies/{supplier.company_id}/members/{colleague.pk}", {"role": "emperor"}
    )
    assert_error(response, 422, "validation_error")


def test_changing_own_role_is_400_own_role(supplier):
    admin = MembershipFactory(company=supplier.company, role="admin")
    response = session_client(admin.user).patch(
        f"companies/{supplier.company_id}/members/{admin.pk}", {"role": "sales"}
    )
    assert_error(response, 400, "own_role")
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_removing_the_last_owner_is_400_last_owner(owner, supplier, colleague):
    response = owner.delete(f"companies/{supplier.company_id}/members/{supplier.pk}")
    assert_error(response, 400, "last_owner")
    assert Membership.objects.filter(pk=supplier.pk).exists()


def test_sales_cannot_change_roles(supplier, colleague):
    other = MembershipFactory(company=supplier.company, role="catalog")
    response = session_client(colleague.user).patch(
        f"companies/{supplier.company_id}/members/{other.pk}", {"role": "admin"}
    )
    body = assert_error(response, 403, "permission_denied")
    assert body["details"] == {"permission": "members.manage"}


def test_admin_cannot_make_owners(supplier, colleague):
    admin = MembershipFactory(company=supplier.company, role="admin")
    response = session_client(admin.user).patch(
        f"companies/{supplier.company_id}/members/{colleague.pk}", {"role": "owner"}
    )
    assert_error(response, 403, "permission_denied")
    colleague.refresh_from_db()
    assert colleague.role == "sales"


def test_remove_member(owner, supplier, colleague):
    response = owner.delete(f"companies/{supplier.company_id}/members/{colleague.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Membership.objects.filter(pk=colleague.pk).exists()


def test_member_may_leave(supplier, colleague):
    response = session_client(colleague.user).delete(
        f"companies/{supplier.company_id}/members/{colleague.pk}"
    )
    assert response.status_code == 204
    assert not Membership.objects.filter(pk=colleague.pk).exists()


def test_member_of_another_company_is_404_through_my_company(owner, supplier, foreign):
    response = owner.delete(f"companies/{supplier.company_id}/members/{foreign.pk}")
    assert_error(response, 404, "not_found")
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_members_of_a_foreign_company_are_404(owner, foreign):
    assert_error(owner.get(f"companies/{foreign.company_id}/members"), 404, "not_found")
