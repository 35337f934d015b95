from __future__ import annotations

import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.core.permissions import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email: str) -> User:
        return self.get(email__iexact=email)


class User(AbstractBaseUser):
    """A person. Works for companies through memberships; operators run the platform."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    language = models.CharField(_("language"), max_length=10, default="en")
    is_active = models.BooleanField(_("active"), default=True)
    is_operator = models.BooleanField(_("platform operator"), default=False)
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    # Rotated to end every session of the user at once (logout everywhere, deactivation).
    session_epoch = models.CharField(max_length=32, default="", blank=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_session_auth_hash(self) -> str:
        return salted_hmac(
            "tradeloom.accounts.session",
            f"{self.password}:{self.session_epoch}",
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Company(models.Model):
    class Kind(models.TextChoices):
        SUPPLIER = "supplier", _("Supplier")
        BUYER = "buyer", _("Buyer")
        AGENT = "agent", _("Import agent")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("unverified")
        PENDING = "pending", _("pending")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("rejected")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    legal_name = models.CharField(_("legal name"), max_length=200)
    display_name = models.CharField(_("display name"), max_length=120)
    country = CountryField(_("country"))
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    default_currency = models.CharField(
        _("default currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD"
    )
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/%m/", blank=True)
    verification_status = models.CharField(
        _("verification"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        indexes = [
            models.Index(fields=["kind", "verification_status"]),
            models.Index(fields=["country"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        ordering = ["company__display_name", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "company"], name="membership_unique_user_company"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.company} ({self.role})"

    def can(self, perm: str) -> bool:
        from tradeloom.core.permissions import has_perm

        return has_perm(self.role, perm)


class Invitation(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class ApiToken(models.Model):
    """A personal token acting as one user in one company. Only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_secret() -> tuple[str, str]:
        prefix = secrets.token_hex(4)
        return prefix, f"tl_{prefix}_{secrets.token_urlsafe(32)}"


class AuditEntry(models.Model):
    """Append-only: the database refuses UPDATE and DELETE on this table (see migration 0002)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["action", "at"]), models.Index(fields=["company", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action}"
