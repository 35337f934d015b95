"""Reads of accounts data, always scoped to the acting user or membership."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.models import ApiToken, Company, Invitation, Membership, User
from tradeloom.core.errors import NotFound


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.select_related("company")
        .filter(user=user)
        .order_by("company__display_name")
    )


def membership_in(user: User, company_id) -> Membership:
    """The user's membership in a company; a company they do not belong to does not exist."""
    try:
        company_id = int(company_id)
    except (TypeError, ValueError):
        raise NotFound(_("No such company."))
    membership = (
        Membership.objects.select_related("company", "user")
        .filter(user=user, company_id=company_id, user__is_active=True)
        .first()
    )
    if membership is None:
        raise NotFound(_("No such company."))
    return membership


def members_of(membership: Membership, *, request=None) -> QuerySet[Membership]:
    require(membership, "members.view", request=request)
    return (
        Membership.objects.select_related("user")
        .filter(company_id=membership.company_id)
        .order_by("joined_at", "pk")
    )


def invitations_of(membership: Membership, *, request=None) -> QuerySet[Invitation]:
    require(membership, "members.manage", request=request)
    return (
        Invitation.objects.select_related("invited_by")
        .filter(company_id=membership.company_id)
        .order_by("-created_at")
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("company").filter(user=user).order_by("-created_at")


def companies_for_console(
    *, kind: str = "", status: str = "", country: str = "", q: str = ""
) -> QuerySet[Company]:
    """All companies, for operators only (callers check ``require_operator``)."""
    qs = Company.objects.all().order_by("-created_at", "pk")
    if kind in Company.Kind.values:
        qs = qs.filter(kind=kind)
    if status in Company.Verification.values:
        qs = qs.filter(verification_status=status)
    if country:
        qs = qs.filter(country=country.upper()[:2])
    if q:
        qs = qs.filter(display_name__icontains=q) | qs.filter(legal_name__icontains=q)
    return qs
