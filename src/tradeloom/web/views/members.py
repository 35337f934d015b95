"""Members of the active company: list, invite, change role, remove, leave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradeloom.accounts import selectors, services
from tradeloom.accounts.access import require
from tradeloom.accounts.middleware import SESSION_KEY
from tradeloom.core.errors import DomainError
from tradeloom.core.permissions import ASSIGNABLE_BY, Role
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import InviteForm, apply_domain_error, form_status, role_choices


def _members_page(request, *, invite_form=None, error: str = "", status: int = 200):
    membership = request.membership
    members = list(selectors.members_of(membership, request=request))
    can_manage = membership.can("members.manage")
    assignable = ASSIGNABLE_BY.get(membership.role, frozenset())
    rows = []
    for member in members:
        is_self = member.pk == membership.pk
        # Only owners act on owners; nobody changes their own role (the service checks too).
        may_act = (
            can_manage
            and not is_self
            and (member.role != Role.OWNER or membership.role == Role.OWNER)
        )
        rows.append({"member": member, "is_self": is_self, "may_act": may_act})
    owners = sum(1 for member in members if member.role == Role.OWNER)
    invitations = []
    if can_manage:
        invitations = [
            i
            for i in selectors.invitations_of(membership, request=request)
            if i.status == "pending"
        ]
    context = {
        "rows": rows,
        # The last owner cannot leave; the button would only lead to an error.
        "can_leave": membership.role != Role.OWNER or owners > 1,
        "can_manage": can_manage,
        "role_choices": role_choices(assignable),
        "invitations": invitations,
        "invite_form": invite_form or InviteForm(assignable=assignable),
        "action_error": error,
    }
    return render(request, "web/members.html", context, status=status)


def _active_membership(request):
    """The acting membership; without a company there are no members to see."""
    return require(request.membership, "members.view", request=request)


def _refused(request, exc: DomainError):
    """A rule said no: a denial is a 403 page, anything else is shown on the members page."""
    if exc.status in (403, 404):
        raise exc
    return _members_page(request, error=exc.message, status=form_status(exc))


@login_required
@require_GET
@handles_domain_errors
def members(request):
    if request.membership is None:
        return redirect("web:dashboard")
    _active_membership(request)
    return _members_page(request)


@login_required
@require_POST
@handles_domain_errors
def invite(request):
    membership = require(request.membership, "members.manage", request=request)
    form = InviteForm(request.POST, assignable=ASSIGNABLE_BY.get(membership.role, frozenset()))
    if not form.is_valid():
        return _members_page(request, invite_form=form, status=400)
    try:
        invitation, _token = services.invite(
            membership, form.cleaned_data["email"], form.cleaned_data["role"], request=request
        )
    except DomainError as exc:
        if exc.status == 403:
            raise
        apply_domain_error(form, exc)
        return _members_page(request, invite_form=form, status=form_status(exc))
    messages.success(
        request, _("An invitation is on its way to %(email)s.") % {"email": invitation.email}
    )
    return redirect("web:members")


@login_required
@require_POST
@handles_domain_errors
def revoke_invitation(request, pk: int):
    membership = _active_membership(request)
    try:
        invitation = services.revoke_invitation(membership, pk, request=request)
    except DomainError as exc:
        return _refused(request, exc)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("web:members")


@login_required
@require_POST
@handles_domain_errors
def change_role(request, pk: int):
    membership = _active_membership(request)
    try:
        target = services.change_role(membership, pk, request.POST.get("role", ""), request=request)
    except DomainError as exc:
        return _refused(request, exc)
    messages.success(
        request,
        _("%(name)s is now %(role)s.") % {"name": target.user, "role": target.get_role_display()},
    )
    return redirect("web:members")


@login_required
@require_POST
@handles_domain_errors
def remove_member(request, pk: int):
    membership = _active_membership(request)
    if pk == membership.pk:
        return leave_company(request)
    target_name = ""
    try:
        target = selectors.members_of(membership, request=request).filter(pk=pk).first()
        target_name = str(target.user) if target else ""
        services.remove_member(membership, pk, request=request)
    except DomainError as exc:
        return _refused(request, exc)
    messages.success(
        request, _("%(name)s no longer belongs to this company.") % {"name": target_name}
    )
    return redirect("web:members")


@login_required
@require_POST
@handles_domain_errors
def leave_company(request):
    membership = _active_membership(request)
    company = membership.company
    try:
        services.remove_member(membership, membership.pk, request=request)
    except DomainError as exc:
        return _refused(request, exc)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("You left %(company)s.") % {"company": company.display_name})
    return redirect("web:dashboard")
