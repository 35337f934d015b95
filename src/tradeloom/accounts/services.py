"""Every write to users, companies, memberships, invitations and tokens.

One function per use case; each checks its rule, runs in one transaction, writes
an audit row where the issue asks for one and records outbox events.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from tradeloom.accounts.access import require, require_operator
from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import (
    ApiToken,
    AuditEntry,
    Company,
    Invitation,
    Membership,
    User,
)
from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import Conflict, DomainError, NotFound, PermissionDenied, RateLimited
from tradeloom.core.events import record_event
from tradeloom.core.images import normalise_image
from tradeloom.core.permissions import ASSIGNABLE_BY, Role, has_perm

EMAIL_SALT = "tradeloom.accounts.verify-email"
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _field_error(field: str, message: str, code: str = "invalid") -> DomainError:
    return DomainError(message, code=code, details={"field": field})


# --- users -------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise _field_error("email", _("Enter a valid email address."), "invalid_email")
    return email


def check_password_rules(password: str, user: User | None = None) -> None:
    try:
        password_validation.validate_password(password or "", user)
    except ValidationError as exc:
        raise DomainError(
            " ".join(exc.messages),
            code="weak_password",
            details={"field": "password", "problems": exc.messages},
        )


def register_user(
    *, email: str, password: str, full_name: str, language: str = "en", verified: bool = False
) -> User:
    """Create a user. Emails are unique case-insensitively; passwords follow the validators."""
    email = normalise_email(email)
    full_name = (full_name or "").strip()
    if not full_name:
        raise _field_error("full_name", _("Enter your name."), "required")
    if language not in LANGUAGE_CODES:
        language = "en"
    check_password_rules(password, User(email=email, full_name=full_name))
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(
            _("An account with this email already exists."),
            code="email_taken",
            details={"field": "email"},
        )
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                full_name=full_name[:150],
                language=language,
                email_verified_at=timezone.now() if verified else None,
            )
            if not verified:
                record_event("user.registered", {"user_id": user.id}, actor=user)
    except IntegrityError:
        raise Conflict(
            _("An account with this email already exists."),
            code="email_taken",
            details={"field": "email"},
        )
    return user


def email_verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_SALT)


def verify_email(token: str) -> User:
    try:
        data = signing.loads(token, salt=EMAIL_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(
            _("This verification link has expired. Ask for a new one."), code="token_expired"
        )
    except signing.BadSignature:
        raise DomainError(_("This verification link is not valid."), code="token_invalid")
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise DomainError(_("This verification link is not valid."), code="token_invalid")
    if not user.email_verified:
        User.objects.filter(pk=user.pk).update(email_verified_at=timezone.now())
        user.refresh_from_db()
        audit("user.email_verified", actor=user, obj=user)
    return user


def resend_verification(user: User) -> None:
    if not user.email_verified:
        with transaction.atomic():
            record_event("user.registered", {"user_id": user.id}, actor=user)


def update_profile(user: User, *, full_name: str, language: str) -> User:
    full_name = (full_name or "").strip()
    if not full_name:
        raise _field_error("full_name", _("Enter your name."), "required")
    if language not in LANGUAGE_CODES:
        raise _field_error("language", _("Choose one of the offered languages."))
    User.objects.filter(pk=user.pk).update(full_name=full_name[:150], language=language)
    user.refresh_from_db()
    return user


def make_operator(*, email: str, full_name: str = "", password: str = "") -> tuple[User, bool]:
    """Create a platform operator, or promote an existing user; returns (user, created).

    An existing user keeps their password and name: promotion only grants the flag.
    """
    email = normalise_email(email)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        created = user is None
        if created:
            user = register_user(email=email, password=password, full_name=full_name, verified=True)
        if not user.is_operator:
            User.objects.filter(pk=user.pk).update(is_operator=True)
            user.is_operator = True
            audit("user.operator_granted", obj=user, details={"email": user.email})
    return user, created


def end_all_sessions(user: User) -> None:
    """Every session of the user stops authenticating on its next request."""
    User.objects.filter(pk=user.pk).update(session_epoch=secrets.token_hex(16))
    user.refresh_from_db(fields=["session_epoch"])


def deactivate_user(user: User, *, request=None) -> None:
    """Deactivate an account, end its sessions and revoke its tokens.

    The last owner of a company with other members must hand over first.
    """
    for membership in user.memberships.filter(role=Role.OWNER).select_related("company"):
        if _owner_count(membership.company) == 1 and membership.company.memberships.count() > 1:
            raise DomainError(
                _("You are the last owner of %(company)s. Make another member an owner first.")
                % {"company": membership.company.display_name},
                code="last_owner",
            )
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False, session_epoch=secrets.token_hex(16))
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit("user.deactivated", actor=user, obj=user, request=request)
    user.refresh_from_db()


# --- login and its rate limit ---------------------------------------------------------


def check_login_rate(email: str, ip: str | None) -> None:
    """Refuse a login attempt after too many recent failures for this email or this address."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    recent = AuditEntry.objects.filter(action="login.failed", at__gte=since)
    too_many = (
        recent.filter(details__email=(email or "").strip().lower()).count()
        >= settings.LOGIN_FAILURE_LIMIT
    )
    if not too_many and ip:
        too_many = recent.filter(ip=ip).count() >= settings.LOGIN_FAILURE_IP_LIMIT
    if too_many:
        raise RateLimited(
            _("Too many failed attempts. Wait a few minutes and try again."),
            details={"retry_after": settings.LOGIN_FAILURE_WINDOW},
        )


def authenticate_login(request, email: str, password: str) -> User:
    """Check the rate limit, then the password; audit either outcome."""
    from django.contrib.auth import authenticate

    from tradeloom.accounts.audit import client_ip

    email = (email or "").strip().lower()
    check_login_rate(email, client_ip(request))
    user = authenticate(request, email=email, password=password)
    if user is None:
        audit("login.failed", request=request, details={"email": email[:254]})
        raise DomainError(
            _("The email or password is not correct."), code="invalid_credentials", status=401
        )
    audit("login.succeeded", actor=user, obj=user, request=request)
    return user


# --- companies ----------------------------------------------------------------------


COMPANY_FIELDS = (
    "kind",
    "legal_name",
    "display_name",
    "country",
    "address",
    "website",
    "languages",
    "default_currency",
)


def _clean_company(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for field in COMPANY_FIELDS:
        if field not in data:
            if not partial and field in {"kind", "legal_name", "display_name", "country"}:
                raise _field_error(field, _("This field is required."), "required")
            continue
        value = data[field]
        if value is None:
            value = ""
        if isinstance(value, str):
            value = value.strip()
        elif field != "languages":  # a number or list from a JSON body is not a name
            raise _field_error(field, _("Enter text."))
        if field == "kind":
            if value not in Company.Kind.values:
                raise _field_error(field, _("Choose supplier, buyer or import agent."))
        elif field in {"legal_name", "display_name"}:
            if not value:
                raise _field_error(field, _("This field is required."), "required")
            value = value[: 200 if field == "legal_name" else 120]
        elif field == "country":
            value = (value or "").upper()
            if value not in countries:
                raise _field_error(field, _("Choose a country."))
        elif field == "website" and value:
            if len(value) > 200:
                raise _field_error(field, _("The web address is too long."))
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise _field_error(
                    field, _("Enter a web address starting with http:// or https://.")
                )
        elif field == "languages":
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(
                isinstance(v, str) and len(v) <= 10 for v in value
            ):
                raise _field_error(field, _("List languages as codes, such as en, ja, zh."))
            value = list(dict.fromkeys(v.lower() for v in value))[:12]
        elif field == "default_currency":
            value = (value or "").upper()
            if value not in CURRENCIES:
                raise _field_error(field, _("Choose a currency."))
        elif field == "address":
            value = (value or "")[:1000]
        clean[field] = value
    return clean


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "company"
    slug, n = base, 1
    while Company.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_company(user: User, data: dict[str, Any], *, request=None) -> Membership:
    """Any signed-in user may found a company and becomes its owner."""
    if not user.is_active:
        raise PermissionDenied(_("This account is deactivated."))
    fields = _clean_company(data, partial=False)
    fields.setdefault("languages", [user.language])
    with transaction.atomic():
        company = Company.objects.create(slug=_unique_slug(fields["display_name"]), **fields)
        membership = Membership.objects.create(user=user, company=company, role=Role.OWNER)
        audit("company.created", actor=user, company=company, obj=company, request=request)
        record_event("company.created", {"company_id": company.id}, company=company, actor=user)
    return membership


def update_company(membership: Membership, data: dict[str, Any], *, request=None) -> Company:
    require(membership, "company.manage", request=request)
    fields = _clean_company(data, partial=True)
    # A company's kind is fixed at founding; a form may send the same kind back.
    if fields.pop("kind", membership.company.kind) != membership.company.kind:
        raise _field_error("kind", _("A company's kind cannot be changed."), "kind_immutable")
    with transaction.atomic():
        Company.objects.filter(pk=membership.company_id).update(**fields)
        audit(
            "company.updated",
            actor=membership.user,
            company=membership.company,
            obj=membership.company,
            request=request,
            details={"fields": sorted(fields)},
        )
        record_event(
            "company.updated",
            {"company_id": membership.company_id},
            company=membership.company,
            actor=membership.user,
        )
    membership.company.refresh_from_db()
    return membership.company


def set_company_logo(membership: Membership, upload, *, request=None) -> Company:
    require(membership, "company.manage", request=request)
    image = normalise_image(
        upload,
        max_bytes=settings.MAX_LOGO_BYTES,
        max_side=512,
        name=f"logo-{membership.company.slug}",
    )
    company = membership.company
    with transaction.atomic():
        old = company.logo.name if company.logo else None
        company.logo.save(image.name, image, save=False)
        Company.objects.filter(pk=company.pk).update(logo=company.logo.name)
        audit(
            "company.logo_changed",
            actor=membership.user,
            company=company,
            obj=company,
            request=request,
        )
    if old:
        company.logo.storage.delete(old)
    return company


def set_verification(
    operator: User, company: Company, status: str, note: str = "", *, request=None
) -> Company:
    require_operator(operator, request=request)
    if status not in Company.Verification.values:
        raise _field_error("status", _("Choose a verification status."))
    with transaction.atomic():
        Company.objects.filter(pk=company.pk).update(
            verification_status=status, verification_note=(note or "")[:2000]
        )
        audit(
            "company.verification_changed",
            actor=operator,
            company=company,
            obj=company,
            request=request,
            details={"from": company.verification_status, "to": status},
        )
        record_event(
            "company.verification_changed",
            {"company_id": company.id, "status": status},
            company=company,
            actor=operator,
        )
    company.refresh_from_db()
    return company


# --- members ----------------------------------------------------------------------------


def _lock_members(company_id: int) -> None:
    """Lock the company's memberships so owner counts cannot race (PostgreSQL row locks;
    SQLite serialises writers anyway)."""
    list(
        Membership.objects.select_for_update()
        .filter(company_id=company_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _owner_count(company: Company) -> int:
    return company.memberships.filter(role=Role.OWNER).count()


def _member_of(membership: Membership, member_id: int) -> Membership:
    target = (
        Membership.objects.select_related("user", "company")
        .filter(company_id=membership.company_id, pk=member_id)
        .first()
    )
    if target is None:
        raise NotFound(_("No such member in this company."))
    return target


def _locked_actor_and_target(membership: Membership, member_id: int) -> tuple[str, Membership]:
    """Lock the company's members, then re-read the actor's role and the target.

    Both are read after the lock: a concurrent request may just have demoted or
    removed either of them, and a decision on stale roles could leave no owner.
    """
    _lock_members(membership.company_id)
    role = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).first()
    if role is None:
        raise PermissionDenied(_("You are no longer a member of this company."))
    return role, _member_of(membership, member_id)


def change_role(membership: Membership, member_id: int, role: str, *, request=None) -> Membership:
    """Owners and admins change roles; nobody changes their own; only owners touch owners."""
    require(membership, "members.manage", request=request)
    if role not in Role.values:
        raise _field_error("role", _("Choose a role."))
    with transaction.atomic():
        actor_role, target = _locked_actor_and_target(membership, member_id)
        if target.pk == membership.pk:
            raise DomainError(_("You cannot change your own role."), code="own_role")
        allowed = ASSIGNABLE_BY.get(actor_role, frozenset())
        if role not in allowed or (target.role == Role.OWNER and actor_role != Role.OWNER):
            raise PermissionDenied(_("Only an owner can make or unmake owners."))
        if target.role == Role.OWNER and role != Role.OWNER and _owner_count(target.company) == 1:
            raise DomainError(_("A company needs at least one owner."), code="last_owner")
        previous = target.role
        Membership.objects.filter(pk=target.pk).update(role=role)
        target.role = role
        audit(
            "member.role_changed",
            actor=membership.user,
            company=membership.company,
            obj=target,
            request=request,
            details={"user": target.user.email, "from": previous, "to": role},
        )
        record_event(
            "member.role_changed",
            {"membership_id": target.pk, "role": role},
            company=membership.company,
            actor=membership.user,
        )
    return target


def remove_member(membership: Membership, member_id: int, *, request=None) -> None:
    """Managers remove members and anyone may leave; the last owner stays."""
    if member_id != membership.pk:
        require(membership, "members.manage", request=request)
    with transaction.atomic():
        actor_role, target = _locked_actor_and_target(membership, member_id)
        if target.pk != membership.pk and not has_perm(actor_role, "members.manage"):
            raise PermissionDenied(_("Your role does not allow this."))
        if target.role == Role.OWNER and actor_role != Role.OWNER:
            raise PermissionDenied(_("Only an owner can remove an owner."))
        if target.role == Role.OWNER and _owner_count(target.company) == 1:
            raise DomainError(_("The last owner cannot be removed."), code="last_owner")
        ApiToken.objects.filter(
            user=target.user, company=target.company, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        audit(
            "member.removed",
            actor=membership.user,
            company=membership.company,
            obj=target,
            request=request,
            details={"user": target.user.email, "role": target.role},
        )
        record_event(
            "member.removed",
            {"user_id": target.user_id, "company_id": target.company_id},
            company=membership.company,
            actor=membership.user,
        )
        target.delete()


# --- invitations ---------------------------------------------------------------------------


def invite(
    membership: Membership, email: str, role: str, *, request=None
) -> tuple[Invitation, str]:
    """Invite someone by email; returns the invitation and its one-time token."""
    require(membership, "members.manage", request=request)
    email = normalise_email(email)
    if role not in Role.values:
        raise _field_error("role", _("Choose a role."))
    if role not in ASSIGNABLE_BY.get(membership.role, frozenset()):
        raise PermissionDenied(_("Only an owner can invite an owner."))
    if membership.company.memberships.filter(user__email__iexact=email).exists():
        raise Conflict(
            _("This person is already a member."), code="already_member", details={"field": "email"}
        )
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.filter(
            company=membership.company,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            company=membership.company,
            email=email,
            role=role,
            token_hash=_hash(raw),
            invited_by=membership.user,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
        )
        audit(
            "invitation.created",
            actor=membership.user,
            company=membership.company,
            obj=invitation,
            request=request,
            details={"email": email, "role": role},
        )
        # The token travels in the event only so the mail can carry it; it expires.
        record_event(
            "invitation.created",
            {"invitation_id": invitation.pk, "token": raw},
            company=membership.company,
            actor=membership.user,
        )
    return invitation, raw


def invitation_for_token(raw: str) -> Invitation:
    """The pending invitation behind a token, or a clear reason why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("company", "invited_by")
        .filter(token_hash=_hash(raw or ""))
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.token_hash, _hash(raw or "")):
        raise NotFound(_("This invitation link is not valid."), code="invitation_invalid")
    status = invitation.status
    if status == "accepted":
        raise Conflict(_("This invitation has already been used."), code="invitation_used")
    if status == "revoked":
        raise Conflict(_("This invitation was withdrawn."), code="invitation_revoked")
    if status == "expired":
        raise Conflict(
            _("This invitation has expired. Ask for a new one."), code="invitation_expired"
        )
    return invitation


def accept_invitation(raw: str, user: User, *, request=None) -> Membership:
    """Join the company. The signed-in user's email must be the invited one."""
    with transaction.atomic():
        invitation = invitation_for_token(raw)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at or invitation.revoked_at:
            raise Conflict(_("This invitation has already been used."), code="invitation_used")
        if invitation.email.lower() != user.email.lower():
            raise PermissionDenied(
                _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
                % {"email": invitation.email},
                code="invitation_other_email",
            )
        if Membership.objects.filter(user=user, company=invitation.company).exists():
            raise Conflict(_("You are already a member of this company."), code="already_member")
        now = timezone.now()
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now, accepted_by=user)
        if not user.email_verified:  # following the emailed link proves the address
            User.objects.filter(pk=user.pk).update(email_verified_at=now)
            user.email_verified_at = now
        membership = Membership.objects.create(
            user=user, company=invitation.company, role=invitation.role
        )
        audit(
            "invitation.accepted",
            actor=user,
            company=invitation.company,
            obj=invitation,
            request=request,
            details={"role": invitation.role},
        )
        record_event(
            "invitation.accepted",
            {"membership_id": membership.pk},
            company=invitation.company,
            actor=user,
        )
    return membership


def revoke_invitation(membership: Membership, invitation_id: int, *, request=None) -> Invitation:
    require(membership, "members.manage", request=request)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(company_id=membership.company_id, pk=invitation_id)
            .first()
        )
        if invitation is None:
            raise NotFound(_("No such invitation in this company."))
        if invitation.status != "pending":
            raise Conflict(
                _("Only pending invitations can be withdrawn."), code="invitation_closed"
            )
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit(
            "invitation.revoked",
            actor=membership.user,
            company=membership.company,
            obj=invitation,
            request=request,
            details={"email": invitation.email},
        )
    return invitation


# --- API tokens ------------------------------------------------------------------------------


def create_token(membership: Membership, name: str, *, request=None) -> tuple[ApiToken, str]:
    """A personal token for this user in this company; the secret is returned once, never stored."""
    name = (name or "").strip()
    if not name:
        raise _field_error("name", _("Give the token a name."), "required")
    prefix, raw = ApiToken.new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=membership.user,
            company=membership.company,
            name=name[:80],
            prefix=prefix,
            token_hash=_hash(raw),
        )
        audit(
            "token.created",
            actor=membership.user,
            company=membership.company,
            obj=token,
            request=request,
            details={"name": token.name, "prefix": prefix},
        )
    return token, raw


def revoke_token(user: User, token_id: int, *, request=None) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
        if token is None:
            raise NotFound(_("No such token."))
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit(
                "token.revoked",
                actor=user,
                company=token.company,
                obj=token,
                request=request,
                details={"name": token.name, "prefix": token.prefix},
            )
    return token


def authenticate_token(raw: str) -> Membership | None:
    """The membership a bearer token acts as, or None. Touches last-used at most once a minute."""
    parts = (raw or "").split("_")
    if len(parts) < 3 or parts[0] != "tl":
        return None
    token = (
        ApiToken.objects.select_related("user", "company")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.token_hash, _hash(raw)):
        return None
    if not token.user.is_active:
        return None
    membership = (
        Membership.objects.select_related("user", "company")
        .filter(user=token.user, company=token.company)
        .first()
    )
    if membership is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(seconds=60):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return membership
