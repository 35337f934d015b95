"""Reads for the web UI that belong to no single domain app: the user's notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from tradeloom.core.models import Notification


def notifications_for(user) -> QuerySet[Notification]:
    return (
        Notification.objects.select_related("company")
        .filter(user=user)
        .order_by("-created_at", "-id")
    )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
