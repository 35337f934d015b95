"""Conversations between a buyer company and a supplier company, their messages and files.

A conversation has exactly two parties, so each party's read state is a column of the
conversation. Money in structured messages (target price, price offer) is kept as
integer minor units plus a currency code inside ``Message.data``.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the original is kept in a column, never used as a path.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"inquiries/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Conversation(models.Model):
    buyer = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="buyer_conversations"
    )
    supplier = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="supplier_conversations"
    )
    # "" for the pair's general conversation; "rfq:<id>" and similar for a linked one.
    reference = models.CharField(max_length=64, blank=True, default="")
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    products = models.ManyToManyField("catalog.Product", blank=True, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The supplier's sales member who answers it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    last_message_company = models.ForeignKey(
        "accounts.Company", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the supplier first answered a buyer (response metrics).
    first_response_at = models.DateTimeField(null=True, blank=True)
    # The same as a number, so metrics rank integers rather than date arithmetic.
    first_response_seconds = models.PositiveIntegerField(null=True, blank=True)
    buyer_read_at = models.DateTimeField(null=True, blank=True)
    supplier_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "supplier", "reference"], name="conversation_one_per_pair_ref"
            ),
            models.CheckConstraint(
                condition=~models.Q(buyer=models.F("supplier")), name="conversation_two_parties"
            ),
        ]
        indexes = [
            models.Index(fields=["buyer", "-last_message_at"]),
            models.Index(fields=["supplier", "-last_message_at"]),
            models.Index(fields=["supplier", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.buyer_id}↔{self.supplier_id} {self.subject}"

    def other_party(self, company_id: int):
        return self.supplier if company_id == self.buyer_id else self.buyer

    def read_at_for(self, company_id: int):
        return self.buyer_read_at if company_id == self.buyer_id else self.supplier_read_at

    def is_unread_for(self, company_id: int) -> bool:
        read = self.read_at_for(company_id)
        return self.last_message_company_id not in (None, company_id) and (
            read is None or read < self.last_message_at
        )


class Message(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Message")
        INQUIRY = "inquiry", _("Inquiry")
        SAMPLE_REQUEST = "sample_request", _("Sample request")
        PRICE_OFFER = "price_offer", _("Price offer")

    class Review(models.TextChoices):
        NONE = "", _("not flagged")
        PENDING = "pending", _("waiting for review")
        CLEARED = "cleared", _("cleared")
        CONFIRMED = "confirmed", _("confirmed as fraud")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    company = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(blank=True)
    language = models.CharField(max_length=10, default="en")
    # Structured content: the inquiry's terms, a sample request or a price offer.
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    flagged = models.BooleanField(default=False)
    fraud_reasons = models.JSONField(default=list, blank=True)
    review = models.CharField(max_length=10, choices=Review.choices, default="", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # A price offer the buyer turned into an order draft.
    order_draft_ref = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["conversation", "id"]),
            models.Index(fields=["author", "created_at"]),
            models.Index(fields=["company", "created_at"]),
            models.Index(fields=["review", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")
        XLSX = "xlsx", _("Spreadsheet")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class MessageTranslation(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10)
    text = models.TextField()
    provider = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "language"], name="one_translation_per_lang")
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.language}"


class QuickReply(models.Model):
    """A supplier's saved answer, inserted into the reply box."""

    company = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=80)
    body = models.TextField(_("text"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class CompanyBlock(models.Model):
    """``blocker`` refuses messages from ``blocked`` (and cannot message it either)."""

    blocker = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class MessagingSuspension(models.Model):
    """An operator stopped a company from sending messages; deleting the row lifts it."""

    company = models.OneToOneField(
        "accounts.Company", on_delete=models.CASCADE, related_name="messaging_suspension"
    )
    reason = models.TextField(blank=True)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"messaging of {self.company_id} suspended"


class NotificationPreference(models.Model):
    """How one user hears about inquiries and messages. No row means the defaults."""

    class Email(models.TextChoices):
        EACH = "each", _("An email for each new inquiry and message")
        DIGEST = "digest", _("One daily digest")
        NONE = "none", _("No email")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inquiry_preferences"
    )
    in_app = models.BooleanField(_("In-app notifications"), default=True)
    email = models.CharField(_("Email"), max_length=8, choices=Email.choices, default=Email.EACH)
    # Only conversations assigned to me (or unassigned) notify me, for busy sales teams.
    only_assigned = models.BooleanField(_("Only conversations assigned to me"), default=False)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"


class DigestItem(models.Model):
    """A new message waiting for a user's next daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "message"], name="digest_item_once"),
        ]
        indexes = [models.Index(fields=["sent_at", "user"])]

    def __str__(self) -> str:
        return f"digest {self.user_id}: {self.message_id}"
