"""The one permission check every view, API handler and service goes through."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Membership
from tradeloom.core.errors import PermissionDenied
from tradeloom.core.permissions import has_perm


def require(membership: Membership | None, perm: str, *, request=None) -> Membership:
    """Return the membership if its role grants ``perm``; otherwise audit and refuse.

    Call it before opening the service's transaction so the denial's audit row is
    not rolled back with the refused change.
    """
    if membership is not None and has_perm(membership.role, perm):
        return membership
    audit(
        "permission.denied",
        actor=membership.user if membership else None,
        company=membership.company if membership else None,
        request=request,
        details={"permission": perm, "role": membership.role if membership else None},
    )
    raise PermissionDenied(_("Your role does not allow this."), details={"permission": perm})


def require_operator(user, *, request=None) -> None:
    if user is not None and user.is_authenticated and user.is_active and user.is_operator:
        return
    audit("permission.denied", actor=user, request=request, details={"permission": "operator"})
    raise PermissionDenied(
        _("Only platform operators may do this."), details={"permission": "operator"}
    )
