"""Rate limits on new conversations and messages, per user and per company.

They count rows already written (conversations started, messages sent) in a sliding
window, so every web process and machine sees the same numbers without a cache.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.core.errors import RateLimited

# (setting name, default count, window in seconds)
DEFAULTS = {
    "conversations_user": ("INQUIRY_LIMIT_CONVERSATIONS_PER_USER", 10, 3600),
    "conversations_company": ("INQUIRY_LIMIT_CONVERSATIONS_PER_COMPANY", 30, 3600),
    "messages_user": ("INQUIRY_LIMIT_MESSAGES_PER_USER", 60, 600),
    "messages_company": ("INQUIRY_LIMIT_MESSAGES_PER_COMPANY", 200, 600),
}


def limit(key: str) -> tuple[int, int]:
    name, count, window = DEFAULTS[key]
    value = getattr(settings, name, count)
    if isinstance(value, tuple):
        return value
    return int(value), window


def _refuse(window: int, what: str) -> RateLimited:
    minutes = max(1, window // 60)
    if what == "conversations":
        message = _(
            "You have started too many new inquiries. Wait %(minutes)s minutes and try again."
        )
    else:
        message = _("You have sent too many messages. Wait %(minutes)s minutes and try again.")
    return RateLimited(
        message % {"minutes": minutes},
        details={"retry_after": window, "window_minutes": minutes},
    )


def check_new_conversation(membership) -> None:
    from tradeloom.inquiries.models import Conversation

    now = timezone.now()
    count, window = limit("conversations_user")
    since = now - timedelta(seconds=window)
    if Conversation.objects.filter(started_by=membership.user, created_at__gte=since).count() >= (
        count
    ):
        raise _refuse(window, "conversations")
    count, window = limit("conversations_company")
    since = now - timedelta(seconds=window)
    if (
        Conversation.objects.filter(buyer=membership.company, created_at__gte=since).count()
        >= count
    ):
        raise _refuse(window, "conversations")


def check_message(membership) -> None:
    from tradeloom.inquiries.models import Message

    now = timezone.now()
    count, window = limit("messages_user")
    since = now - timedelta(seconds=window)
    if Message.objects.filter(author=membership.user, created_at__gte=since).count() >= count:
        raise _refuse(window, "messages")
    count, window = limit("messages_company")
    since = now - timedelta(seconds=window)
    if Message.objects.filter(company=membership.company, created_at__gte=since).count() >= count:
        raise _refuse(window, "messages")
