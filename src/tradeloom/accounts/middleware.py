"""Attach the acting membership (the active company) to each request."""

from __future__ import annotations

from tradeloom.accounts.models import Membership

SESSION_KEY = "active_company_id"


def resolve_active(request) -> Membership | None:
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = Membership.objects.select_related("company").filter(user=user)
    wanted = request.session.get(SESSION_KEY)
    membership = memberships.filter(company_id=wanted).first() if wanted else None
    if membership is None:
        membership = memberships.order_by("joined_at", "pk").first()
        if membership is not None:
            request.session[SESSION_KEY] = membership.company_id
        else:
            request.session.pop(SESSION_KEY, None)
    return membership


class ActiveMembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = resolve_active(request)
        return self.get_response(request)
