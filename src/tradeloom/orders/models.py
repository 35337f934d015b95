"""Order drafts: what a buyer intends to order from one supplier, before it is an order.

An RFQ award, a price offer in a conversation or a buyer by hand creates a draft; the
orders issue turns drafts into orders. Lines keep a snapshot of what was agreed (text,
quantity, unit price, lead time), so a later change to the product or the quote does
not change the draft.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.core.money import Money


class OrderDraft(models.Model):
    class SourceKind(models.TextChoices):
        QUOTE = "quote", _("RFQ quote")
        OFFER = "offer", _("Price offer")
        MANUAL = "manual", _("Entered by hand")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="order_drafts_bought"
    )
    supplier = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="order_drafts_supplied"
    )
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    source_kind = models.CharField(max_length=8, choices=SourceKind.choices)
    source_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # What the draft was made from (a quote with its tiers, terms and FX rate), as it
    # stood at that moment; never updated afterwards.
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["buyer", "-created_at"]),
            models.Index(fields=["supplier", "-created_at"]),
        ]
        constraints = [
            # One draft per quote or offer: a second award or a replayed request cannot
            # create a second draft from the same source.
            models.UniqueConstraint(
                fields=["source_kind", "source_id"],
                condition=~Q(source_kind="manual"),
                name="order_draft_one_per_source",
            ),
            models.CheckConstraint(
                condition=~Q(buyer=models.F("supplier")), name="order_draft_two_parties"
            ),
        ]

    def __str__(self) -> str:
        return f"order draft {self.pk}"

    @property
    def total(self) -> Money:
        total = Money.zero(self.currency)
        for line in self.lines.all():
            total = total + line.line_total
        return total


class OrderDraftLine(models.Model):
    draft = models.ForeignKey(OrderDraft, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    variant = models.ForeignKey(
        "catalog.Variant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(max_length=300)
    quantity = models.PositiveIntegerField()
    unit = models.CharField(max_length=10, default="piece")
    unit_price_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    lead_time_days = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="draft_line_quantity"),
            models.CheckConstraint(
                condition=Q(unit_price_minor__gte=0), name="draft_line_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"

    @property
    def unit_price(self) -> Money:
        return Money.from_minor(self.unit_price_minor, self.currency)

    @property
    def line_total(self) -> Money:
        return self.unit_price * self.quantity
