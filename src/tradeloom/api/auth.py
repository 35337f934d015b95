"""Who is calling the API and in which company they act.

Two ways in, tried in order: a personal bearer token (which fixes the acting
company), then the browser session (which must carry a CSRF token on unsafe
methods). Handlers ask ``acting(request, company_id)`` for the membership to
authorise with ``accounts.access.require``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from tradeloom.accounts import selectors, services
from tradeloom.accounts.models import Membership, User
from tradeloom.core.errors import DomainError, NotFound, PermissionDenied


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    status = 401


@dataclass(frozen=True)
class Caller:
    """``request.auth`` for every authenticated operation."""

    user: User
    # Set when a bearer token authenticated the request: the token's one company.
    token_membership: Membership | None = None

    @property
    def via_token(self) -> bool:
        return self.token_membership is not None

    @property
    def token_company_id(self) -> int | None:
        return self.token_membership.company_id if self.token_membership else None


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer tl_…``: a personal token acting as one user in one company."""

    def authenticate(self, request, token: str) -> Caller:
        membership = services.authenticate_token(token)
        if membership is None:
            # A wrong token is refused outright rather than falling back to the session,
            # so a client never acts under credentials it did not send on purpose.
            raise NotAuthenticated(
                _(
                    "The API token is not valid, has been revoked or belongs "
                    "to a deactivated account."
                )
            )
        request.user = membership.user
        request.membership = membership
        return Caller(user=membership.user, token_membership=membership)


class SessionCsrfAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods must carry the CSRF token.

    The CSRF check runs only once a session has authenticated, so a caller without
    a session gets 401 (not 403) and bearer-token calls are never asked for CSRF.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key: str | None) -> Caller | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if (
            self.csrf
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise PermissionDenied(
                _(
                    "The security token of this request is missing or wrong. Reload the page "
                    "and try again."
                ),
                code="csrf_failed",
            )
        return Caller(user=user)


def caller(request) -> Caller:
    return request.auth


def acting(request, company_id: int | None = None) -> Membership:
    """The membership the request acts as.

    A bearer token acts only in its own company: any other company id is not found.
    A session acts in the company of the path (where the user must be a member),
    else in the session's active company.
    """
    who = caller(request)
    if who.token_membership is not None:
        if company_id is not None and int(company_id) != who.token_membership.company_id:
            raise NotFound(_("No such company."))
        return who.token_membership
    if company_id is not None:
        return selectors.membership_in(who.user, company_id)
    membership = getattr(request, "membership", None)
    if membership is None:
        raise NotFound(_("You are not a member of any company yet."), code="no_company")
    return membership
