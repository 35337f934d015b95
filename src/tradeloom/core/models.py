from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Currency(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    exponent = models.PositiveSmallIntegerField(_("minor-unit digits"))
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")

    def __str__(self) -> str:
        return self.code


class FxRate(models.Model):
    """One unit of ``base`` buys ``rate`` units of ``quote``, as published by ``source``."""

    base = models.ForeignKey(Currency, on_delete=models.PROTECT, related_name="+")
    quote = models.ForeignKey(Currency, on_delete=models.PROTECT, related_name="+")
    rate = models.DecimalField(_("rate"), max_digits=24, decimal_places=10)
    source = models.CharField(_("source"), max_length=64)
    as_of = models.DateTimeField(_("as of"))
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["base", "quote", "source", "as_of"], name="fxrate_unique_observation"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=Decimal(0)), name="fxrate_positive"),
            models.CheckConstraint(
                condition=~models.Q(base=models.F("quote")), name="fxrate_distinct_pair"
            ),
        ]
        indexes = [models.Index(fields=["base", "quote", "-as_of"])]

    def __str__(self) -> str:
        day = f"{self.as_of:%Y-%m-%d}"
        return f"1 {self.base_id} = {self.rate} {self.quote_id} ({self.source}, {day})"


class OutboxEvent(models.Model):
    """A domain event, written in the same transaction as the change it describes."""

    name = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField(default=dict)
    company = models.ForeignKey(
        "accounts.Company", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name}#{self.pk}"


class OutboxDelivery(models.Model):
    """One handler's delivery of one event: retried with back-off until it succeeds.

    A worker leases a row (``leased_until``) before running the handler; a worker
    that dies leaves the lease to expire and another worker delivers again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("delivery", "pending")
        DELIVERED = "delivered", pgettext_lazy("delivery", "delivered")
        FAILED = "failed", pgettext_lazy("delivery", "failed")

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    handler = models.CharField(max_length=100)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    leased_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "handler"], name="outbox_one_delivery_per_handler"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.handler} ← {self.event_id} ({self.status})"


class Notification(models.Model):
    """An in-app notification for one user, optionally in the context of a company."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    company = models.ForeignKey(
        "accounts.Company", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(OutboxEvent, null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=100)
    # Rendered in the reader's language at display time (see core.notifications).
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event"],
                name="notification_once_per_event",
                condition=models.Q(event__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
