"""Writes the web UI makes outside the domain apps: marking notifications read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from django.utils import timezone

from tradeloom.core.models import Notification


def mark_read(user, ids: Iterable[int] | Literal["all"]) -> int:
    """Mark the user's own unread notifications read (the given ids, or all); returns how many.

    Ids of other users' notifications are ignored, so a forged id changes nothing.
    """
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids != "all":
        unread = unread.filter(pk__in=[int(i) for i in ids])
    return unread.update(read_at=timezone.now())
