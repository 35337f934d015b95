"""REST API of accounts: me, companies, members, invitations and personal tokens.

Handlers are thin: find the acting membership, authorise with ``require``, call a
service or selector, map to a schema. Tenancy rules are declared per operation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import File, Router, Schema, UploadedFile
from pydantic import Field

from tradeloom.accounts import selectors, services
from tradeloom.accounts.access import require
from tradeloom.accounts.models import Company
from tradeloom.api.auth import acting, caller
from tradeloom.api.schemas import COMPANY, SELF, InputSchema, ObjectId, errors
from tradeloom.core.errors import NotFound
from tradeloom.core.permissions import ROLE_PERMISSIONS, Role

router = Router()

LanguageCode = Annotated[str, Field(min_length=1, max_length=10)]


# --- schemas ---------------------------------------------------------------------------


class UserOut(Schema):
    id: int
    email: str
    full_name: str
    language: str
    email_verified: bool
    is_operator: bool
    date_joined: datetime


class PersonOut(Schema):
    id: int
    email: str
    full_name: str


class CompanyOut(Schema):
    id: int
    kind: Company.Kind
    slug: str
    legal_name: str
    display_name: str
    country: str = Field(description="ISO 3166-1 alpha-2 country code.")
    address: str
    website: str
    languages: list[str]
    default_currency: str
    logo_url: str | None
    verification_status: Company.Verification
    created_at: datetime

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country.code or ""

    @staticmethod
    def resolve_logo_url(obj, context) -> str | None:
        if not obj.logo:
            return None
        url = obj.logo.url
        request = (context or {}).get("request")
        return (
            request.build_absolute_uri(url) if request is not None and url.startswith("/") else url
        )


class CompanyBrief(Schema):
    id: int
    display_name: str


class MembershipOut(Schema):
    id: int
    role: Role
    permissions: list[str] = Field(
        description="What the role allows, from the permission vocabulary (e.g. `members.manage`)."
    )
    joined_at: datetime
    company: CompanyOut

    @staticmethod
    def resolve_permissions(obj) -> list[str]:
        return sorted(ROLE_PERMISSIONS.get(obj.role, ()))


class MeOut(Schema):
    user: UserOut
    memberships: list[MembershipOut] = Field(description="With a token, only the token's company.")
    acting_company_id: int | None = Field(
        description="The company this request acts in: the token's company, or the "
        "session's active company."
    )
    authenticated_by: Literal["session", "token"]


class CompanyIn(InputSchema):
    kind: Company.Kind
    legal_name: str = Field(min_length=1, max_length=200)
    display_name: str = Field(min_length=1, max_length=120)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code.")
    address: str = Field("", max_length=1000)
    website: str = Field("", max_length=200, description="Starts with http:// or https://.")
    languages: list[LanguageCode] = Field(
        None, max_length=12, description="Language codes; defaults to the founder's language."
    )
    default_currency: str = Field("USD", min_length=3, max_length=3, description="ISO 4217 code.")


class CompanyPatch(InputSchema):
    """Only the fields sent change. A company's kind is fixed at founding."""

    legal_name: str = Field(None, min_length=1, max_length=200)
    display_name: str = Field(None, min_length=1, max_length=120)
    country: str = Field(None, min_length=2, max_length=2)
    address: str = Field(None, max_length=1000)
    website: str = Field(None, max_length=200)
    languages: list[LanguageCode] = Field(None, max_length=12)
    default_currency: str = Field(None, min_length=3, max_length=3)


class MemberOut(Schema):
    id: int = Field(description="The membership id; use it in member URLs.")
    user: PersonOut
    role: Role
    joined_at: datetime


class RoleIn(InputSchema):
    role: Role


class InvitationOut(Schema):
    id: int
    email: str
    role: Role
    status: Literal["pending", "accepted", "revoked", "expired"]
    invited_by: PersonOut
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None


class InvitationIn(InputSchema):
    email: str = Field(min_length=1, max_length=254)
    role: Role


class AcceptIn(InputSchema):
    token: str = Field(
        min_length=1, max_length=200, description="The token from the invitation link."
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The start of the secret, to recognise the token.")
    company: CompanyBrief
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(InputSchema):
    name: str = Field(min_length=1, max_length=80)
    company_id: ObjectId = Field(description="A company you are a member of.")


class TokenCreatedOut(Schema):
    token: TokenOut
    secret: str = Field(
        description="Send as “Authorization: Bearer <secret>”. Shown only in this answer."
    )


# --- me and companies ----------------------------------------------------------------------


def _memberships(request) -> list:
    who = caller(request)
    if who.via_token:
        return [who.token_membership]
    return list(selectors.memberships_of(who.user))


@router.get(
    "/me",
    response={200: MeOut, **errors()},
    openapi_extra=SELF,
    tags=["me"],
    summary="Who am I: my account, my companies and roles, the acting company",
)
def me(request):
    who = caller(request)
    active = who.token_membership if who.via_token else getattr(request, "membership", None)
    return {
        "user": who.user,
        "memberships": _memberships(request),
        "acting_company_id": active.company_id if active else None,
        "authenticated_by": "token" if who.via_token else "session",
    }


@router.get(
    "/companies",
    response={200: list[CompanyOut], **errors()},
    openapi_extra=SELF,
    tags=["companies"],
    summary="The companies I am a member of",
)
def list_companies(request):
    return [m.company for m in _memberships(request)]


@router.post(
    "/companies",
    response={201: MembershipOut, **errors(400, 403)},
    openapi_extra=SELF,
    tags=["companies"],
    summary="Found a company; I become its owner",
)
def create_company(request, payload: CompanyIn):
    membership = services.create_company(
        caller(request).user, payload.model_dump(mode="json", exclude_unset=True), request=request
    )
    return 201, membership


@router.get(
    "/companies/{company_id}",
    response={200: CompanyOut, **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["companies"],
    summary="One of my companies",
)
def get_company(request, company_id: ObjectId):
    membership = require(acting(request, company_id), "company.view", request=request)
    return membership.company


@router.patch(
    "/companies/{company_id}",
    response={200: CompanyOut, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["companies"],
    summary="Edit the company profile (company.manage)",
)
def update_company(request, company_id: ObjectId, payload: CompanyPatch):
    membership = acting(request, company_id)
    return services.update_company(
        membership, payload.model_dump(mode="json", exclude_unset=True), request=request
    )


@router.post(
    "/companies/{company_id}/logo",
    response={200: CompanyOut, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["companies"],
    summary="Upload the company logo: JPEG, PNG, WebP or GIF up to 2 MB (company.manage)",
)
def upload_logo(request, company_id: ObjectId, logo: File[UploadedFile]):
    membership = acting(request, company_id)
    return services.set_company_logo(membership, logo, request=request)


# --- members -----------------------------------------------------------------------------------


@router.get(
    "/companies/{company_id}/members",
    response={200: list[MemberOut], **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["members"],
    summary="Colleagues and roles (members.view)",
)
def list_members(request, company_id: ObjectId):
    return selectors.members_of(acting(request, company_id), request=request)


@router.patch(
    "/companies/{company_id}/members/{member_id}",
    response={200: MemberOut, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["members"],
    summary="Change a member's role (members.manage)",
)
def change_role(request, company_id: ObjectId, member_id: ObjectId, payload: RoleIn):
    membership = acting(request, company_id)
    return services.change_role(membership, member_id, payload.role, request=request)


@router.delete(
    "/companies/{company_id}/members/{member_id}",
    response={204: None, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["members"],
    summary="Remove a member (members.manage), or leave with your own membership id",
)
def remove_member(request, company_id: ObjectId, member_id: ObjectId):
    services.remove_member(acting(request, company_id), member_id, request=request)
    return 204, None


# --- invitations -----------------------------------------------------------------------------


@router.get(
    "/companies/{company_id}/invitations",
    response={200: list[InvitationOut], **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["invitations"],
    summary="Invitations of the company (members.manage)",
)
def list_invitations(request, company_id: ObjectId):
    return selectors.invitations_of(acting(request, company_id), request=request)


@router.post(
    "/companies/{company_id}/invitations",
    response={201: InvitationOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["invitations"],
    summary="Invite someone by email; the link goes to them only (members.manage)",
)
def create_invitation(request, company_id: ObjectId, payload: InvitationIn):
    invitation, _token = services.invite(
        acting(request, company_id), payload.email, payload.role, request=request
    )
    return 201, invitation


@router.delete(
    "/companies/{company_id}/invitations/{invitation_id}",
    response={204: None, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["invitations"],
    summary="Withdraw a pending invitation (members.manage)",
)
def revoke_invitation(request, company_id: ObjectId, invitation_id: ObjectId):
    services.revoke_invitation(acting(request, company_id), invitation_id, request=request)
    return 204, None


@router.post(
    "/invitations/accept",
    response={200: MembershipOut, **errors(400, 403, 404, 409)},
    openapi_extra=SELF,
    tags=["invitations"],
    summary="Accept an invitation sent to my email address",
)
def accept_invitation(request, payload: AcceptIn):
    return services.accept_invitation(payload.token, caller(request).user, request=request)


# --- personal API tokens ------------------------------------------------------------------------


def _my_tokens(request):
    who = caller(request)
    tokens = selectors.tokens_of(who.user)
    if who.via_token:
        tokens = tokens.filter(company_id=who.token_company_id)
    return tokens


@router.get(
    "/tokens",
    response={200: list[TokenOut], **errors()},
    openapi_extra=SELF,
    tags=["tokens"],
    summary="My API tokens (with a token: those of its company)",
)
def list_tokens(request):
    return _my_tokens(request)


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, **errors(400, 404)},
    openapi_extra=SELF,
    tags=["tokens"],
    summary="Create a personal API token for one of my companies",
)
def create_token(request, payload: TokenIn):
    token, secret = services.create_token(
        acting(request, payload.company_id), payload.name, request=request
    )
    return 201, {"token": token, "secret": secret}


@router.delete(
    "/tokens/{token_id}",
    response={204: None, **errors(404)},
    openapi_extra=SELF,
    tags=["tokens"],
    summary="Revoke one of my API tokens",
)
def revoke_token(request, token_id: ObjectId):
    if not _my_tokens(request).filter(pk=token_id).exists():
        raise NotFound(_("No such token."))
    services.revoke_token(caller(request).user, token_id, request=request)
    return 204, None
