"""Requests for quotation and the quotes suppliers send back.

Money is stored as integer minor units next to its currency. Status changes go
through ``lifecycle.transition_rfq`` / ``transition_quote`` only; each leaves a row in
``RfqTransition`` / ``QuoteTransition`` saying who moved it, when and why.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.core.money import Money


class Incoterm(models.TextChoices):
    EXW = "EXW", "EXW"
    FCA = "FCA", "FCA"
    FAS = "FAS", "FAS"
    FOB = "FOB", "FOB"
    CFR = "CFR", "CFR"
    CIF = "CIF", "CIF"
    CPT = "CPT", "CPT"
    CIP = "CIP", "CIP"
    DAP = "DAP", "DAP"
    DPU = "DPU", "DPU"
    DDP = "DDP", "DDP"


class Rfq(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    class Visibility(models.TextChoices):
        OPEN = "open", _("Open to matching suppliers")
        INVITED = "invited", _("Invited suppliers only")

    buyer = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="rfqs")
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    product_name = models.CharField(_("product name"), max_length=200)
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.PROTECT,
        related_name="rfqs",
        verbose_name=_("category"),
    )
    description = models.TextField(_("description"), blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=10, default="piece")
    target_price_minor = models.BigIntegerField(null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    destination_country = CountryField(_("destination country"))
    destination_port = models.CharField(_("destination port"), max_length=80, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    expires_at = models.DateTimeField(_("quotes accepted until"))
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.OPEN
    )
    max_quotes = models.PositiveSmallIntegerField(_("close after this many quotes"), default=10)
    # Live quotes counted under the RFQ's row lock; the Nth closes the RFQ.
    quote_count = models.PositiveSmallIntegerField(default=0)
    invited = models.ManyToManyField("accounts.Company", blank=True, related_name="rfq_invitations")
    awarded_quote = models.OneToOneField(
        "rfq.Quote", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("RFQ")
        verbose_name_plural = _("RFQs")
        indexes = [
            models.Index(fields=["buyer", "-created_at"]),
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["status", "category"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="rfq_quantity_positive"),
            models.CheckConstraint(
                condition=Q(max_quotes__gte=1) & Q(quote_count__lte=models.F("max_quotes")),
                name="rfq_quote_count_within_max",
            ),
            models.CheckConstraint(
                condition=Q(target_price_minor__isnull=True) | Q(target_price_minor__gt=0),
                name="rfq_target_price_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.product_name

    @property
    def target_price(self) -> Money | None:
        if self.target_price_minor is None:
            return None
        return Money.from_minor(self.target_price_minor, self.currency)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.expires_at > timezone.now()


class RfqMatch(models.Model):
    """A supplier the RFQ was matched to (by category or keywords) and told about."""

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="matches")
    supplier = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=12)  # "category" | "keywords" | "invited"
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rfq", "supplier"], name="rfq_match_once")]

    def __str__(self) -> str:
        return f"RFQ {self.rfq_id} → supplier {self.supplier_id} ({self.reason})"


class Quote(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REVISED = "revised", _("Revised")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="quotes")
    supplier = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="quotes"
    )
    # The buyer's own mark while comparing; suppliers never see it.
    shortlisted = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    moq = models.PositiveIntegerField(_("minimum order quantity"), default=1)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"))
    sample_price_minor = models.BigIntegerField(null=True, blank=True)
    sample_days = models.PositiveSmallIntegerField(_("sample time (days)"), null=True, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    port = models.CharField(_("port"), max_length=80, blank=True)
    valid_until = models.DateField(_("valid until"))
    notes = models.TextField(_("notes"), blank=True)
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Unit price at the RFQ's quantity, and the same converted to the buyer's currency
    # with the rate used, both fixed when the quote is sent or revised.
    unit_price_minor = models.BigIntegerField()
    fx_snapshot = models.JSONField(default=dict, blank=True)
    revisions = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["supplier", "created_at"]),
            models.Index(fields=["status", "valid_until"]),
        ]
        constraints = [
            # One quote per supplier per RFQ, even from two colleagues at the same moment.
            models.UniqueConstraint(fields=["rfq", "supplier"], name="quote_one_per_supplier"),
            models.CheckConstraint(condition=Q(revisions__lte=1), name="quote_revised_once"),
            models.CheckConstraint(
                condition=Q(unit_price_minor__gt=0), name="quote_price_positive"
            ),
            models.CheckConstraint(condition=Q(moq__gte=1), name="quote_moq_positive"),
        ]

    def __str__(self) -> str:
        return f"quote {self.pk} on {self.rfq_id}"

    def money(self, minor: int | None) -> Money | None:
        return None if minor is None else Money.from_minor(minor, self.currency)

    @property
    def unit_price(self) -> Money:
        return Money.from_minor(self.unit_price_minor, self.currency)

    @property
    def sample_price(self) -> Money | None:
        return self.money(self.sample_price_minor)

    @property
    def is_live(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.REVISED)


class QuoteTier(models.Model):
    """Unit price from ``min_quantity`` upwards (until the next tier's minimum)."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField()
    unit_price_minor = models.BigIntegerField()

    class Meta:
        ordering = ["min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "min_quantity"], name="quote_tier_unique_min"),
            models.CheckConstraint(
                condition=Q(unit_price_minor__gt=0), name="quote_tier_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.min_quantity}+ @ {self.unit_price_minor}"


class RfqTransition(models.Model):
    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    role = models.CharField(max_length=10)
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} ({self.role})"

    @property
    def from_label(self) -> str:
        return _status_label(Rfq.Status, self.from_status)

    @property
    def to_label(self) -> str:
        return _status_label(Rfq.Status, self.to_status)


class QuoteTransition(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    role = models.CharField(max_length=10)
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} ({self.role})"


def _attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the original name is kept in a column, never used as a path.
    return f"rfq/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:8]}"


class Attachment(models.Model):
    """A file on an RFQ (``quote`` empty: everyone who may see the RFQ) or on a quote
    (the buyer and that supplier only)."""

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="attachments")
    quote = models.ForeignKey(
        Quote, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=_attachment_path)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


def _status_label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value
