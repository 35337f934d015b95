"""Members: list, invite, withdraw, change role, remove, leave; refusals are 4xx pages."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.helpers import company_with_owner, link_path, member_of, sent_mail, signed_in
from tradeloom.accounts.models import AuditEntry, Invitation, Membership

pytestmark = pytest.mark.django_db


def test_members_are_listed_with_their_roles(client, supplier):
    sales = member_of(supplier.company, "sales", full_name="Li Wei")
    signed_in(client, supplier.user)
    response = client.get(reverse("web:members"))
    assert response.status_code == 200
    assert [(r["member"].pk, r["member"].role) for r in response.context["rows"]] == [
        (supplier.pk, "owner"),
        (sales.pk, "sales"),
    ]
    assert "Li Wei" in response.content.decode()


def test_members_without_manage_see_the_list_but_no_invite_form(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, sales.user)
    response = client.get(reverse("web:members"))
    assert response.status_code == 200
    assert reverse("web:invite") not in response.content.decode()


def test_without_a_company_the_members_page_leads_to_the_dashboard(client):
    signed_in(client, UserFactory())
    response = client.get(reverse("web:members"))
    assert response.status_code == 302
    assert response.url == reverse("web:dashboard")


def test_an_invitation_is_emailed_with_a_working_link(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(
        reverse("web:invite"), {"email": "Colleague@Example.com", "role": "sales"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(company=supplier.company)
    assert (invitation.email, invitation.role) == ("colleague@example.com", "sales")
    [message] = sent_mail("colleague@example.com")
    path = link_path(message.body, "/accounts/invitation/")
    assert client.get(path).status_code == 200


def test_a_sales_member_cannot_invite(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, sales.user)
    response = client.post(reverse("web:invite"), {"email": "x@example.com", "role": "sales"})
    assert response.status_code == 403
    assert "Your role does not allow this." in response.content.decode()
    assert not Invitation.objects.exists()
    assert AuditEntry.objects.filter(action="permission.denied", actor=sales.user).count() == 1


def test_inviting_an_existing_member_is_a_field_error(client, supplier):
    colleague = member_of(supplier.company, "sales")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:invite"), {"email": colleague.user.email, "role": "sales"})
    assert response.status_code == 409
    assert response.context["invite_form"].errors["email"] == ["This person is already a member."]


def test_an_admin_cannot_invite_an_owner(client, supplier):
    admin = member_of(supplier.company, "admin")
    signed_in(client, admin.user)
    response = client.post(reverse("web:invite"), {"email": "boss@example.com", "role": "owner"})
    assert response.status_code == 400
    assert "role" in response.context["invite_form"].errors
    assert not Invitation.objects.exists()


def test_a_pending_invitation_can_be_withdrawn(client, supplier):
    signed_in(client, supplier.user)
    client.post(reverse("web:invite"), {"email": "c@example.com", "role": "sales"})
    invitation = Invitation.objects.get()
    response = client.post(reverse("web:revoke_invitation", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"


def test_another_companys_invitation_cannot_be_withdrawn(client, supplier, buyer):
    signed_in(client, buyer.user)
    client.post(reverse("web:invite"), {"email": "c@example.com", "role": "sales"})
    invitation = Invitation.objects.get()
    signed_in(client, supplier.user)
    response = client.post(reverse("web:revoke_invitation", args=[invitation.pk]))
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_owner_changes_a_members_role(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:change_role", args=[sales.pk]), {"role": "finance"})
    assert response.status_code == 302
    sales.refresh_from_db()
    assert sales.role == "finance"


def test_changing_your_own_role_is_refused(client, supplier):
    admin = member_of(supplier.company, "admin")
    signed_in(client, admin.user)
    response = client.post(reverse("web:change_role", args=[admin.pk]), {"role": "sales"})
    assert response.status_code == 400
    assert "You cannot change your own role." in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_an_admin_cannot_change_an_owners_role(client, supplier):
    admin = member_of(supplier.company, "admin")
    signed_in(client, admin.user)
    response = client.post(reverse("web:change_role", args=[supplier.pk]), {"role": "sales"})
    assert response.status_code == 403
    supplier.refresh_from_db()
    assert supplier.role == "owner"


def test_a_sales_member_cannot_change_roles(client, supplier):
    sales = member_of(supplier.company, "sales")
    other = member_of(supplier.company, "catalog")
    signed_in(client, sales.user)
    response = client.post(reverse("web:change_role", args=[other.pk]), {"role": "admin"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.role == "catalog"


def test_a_member_of_another_company_is_not_found(client, supplier, buyer):
    signed_in(client, supplier.user)
    response = client.post(reverse("web:change_role", args=[buyer.pk]), {"role": "sales"})
    assert response.status_code == 404
    buyer.refresh_from_db()
    assert buyer.role == "owner"


def test_an_unknown_role_is_refused(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:change_role", args=[sales.pk]), {"role": "emperor"})
    assert response.status_code == 400
    assert "Choose a role." in response.content.decode()


def test_an_owner_removes_a_member(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:remove_member", args=[sales.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=sales.pk).exists()


def test_the_last_owner_cannot_leave(client, supplier):
    member_of(supplier.company, "sales")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:leave_company"))
    assert response.status_code == 400
    assert "The last owner cannot be removed." in response.content.decode()
    assert Membership.objects.filter(pk=supplier.pk).exists()


def test_the_last_owner_cannot_be_removed_by_an_admin(client, supplier):
    admin = member_of(supplier.company, "admin")
    signed_in(client, admin.user)
    response = client.post(reverse("web:remove_member", args=[supplier.pk]))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=supplier.pk).exists()


def test_one_of_two_owners_can_be_removed(client, supplier):
    second = member_of(supplier.company, "owner")
    signed_in(client, supplier.user)
    response = client.post(reverse("web:remove_member", args=[second.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=second.pk).exists()


def test_a_member_leaves_a_company(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, sales.user)
    response = client.post(reverse("web:leave_company"))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=sales.pk).exists()
    assert client.get(reverse("web:dashboard")).context.get("company") is None


def test_the_last_owner_gets_no_leave_button(client):
    owner = company_with_owner()
    signed_in(client, owner.user)
    assert reverse("web:leave_company") not in client.get(reverse("web:members")).content.decode()


def test_member_actions_need_post(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, supplier.user)
    assert client.get(reverse("web:remove_member", args=[sales.pk])).status_code == 405
    assert Membership.objects.filter(pk=sales.pk).exists()
