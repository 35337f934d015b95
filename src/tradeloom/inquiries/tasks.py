"""Background work of inquiries: translations and the daily digest."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

log = logging.getLogger("tradeloom.inquiries")


def translate(message_id: int, target: str) -> str:
    """Translate one message into ``target``; idempotent. Returns the state."""
    from tradeloom.inquiries.models import Message, MessageTranslation
    from tradeloom.inquiries.translation import get_provider

    message = Message.objects.filter(pk=message_id).first()
    if message is None or not message.body or message.language == target:
        return "skipped"
    if MessageTranslation.objects.filter(message=message, language=target).exists():
        return "exists"
    provider = get_provider()
    if provider is None or not provider.supports(message.language, target):
        return "unavailable"
    text = provider.translate(message.body, message.language, target)
    try:
        with transaction.atomic():
            MessageTranslation.objects.create(
                message=message, language=target, text=text, provider=provider.name
            )
    except IntegrityError:  # another worker finished first
        return "exists"
    return "translated"


@task()
def translate_message(message_id: int, target: str) -> str:
    return translate(message_id, target)


def send_due_digests(now=None) -> int:
    """Send each user with waiting digest items one email, at most once a day.

    Safe to run as often as wanted (the worker's sweep or a daily timer): a user is due
    when their last digest is a day old; items are marked sent in the same transaction
    that records the digest time, after the mail went out.
    """
    from tradeloom.accounts.models import User
    from tradeloom.core.handlers import send_templated_mail
    from tradeloom.inquiries.models import DigestItem, NotificationPreference

    now = now or timezone.now()
    sent = 0
    user_ids = (
        DigestItem.objects.filter(sent_at__isnull=True).values_list("user_id", flat=True).distinct()
    )
    for user_id in list(user_ids):
        pref = NotificationPreference.objects.filter(user_id=user_id).first()
        if pref is None or pref.email != NotificationPreference.Email.DIGEST:
            DigestItem.objects.filter(user_id=user_id, sent_at__isnull=True).update(sent_at=now)
            continue
        if pref.last_digest_at and pref.last_digest_at > now - timedelta(days=1):
            continue
        user = User.objects.filter(pk=user_id, is_active=True).first()
        items = list(
            DigestItem.objects.filter(user_id=user_id, sent_at__isnull=True)
            .select_related("message__conversation", "message__company")
            .order_by("message__created_at")
        )
        if user is None or not items:
            continue
        conversations: dict[int, dict] = {}
        for item in items:
            conv = item.message.conversation
            entry = conversations.setdefault(
                conv.pk,
                {
                    "company": item.message.company.display_name,
                    "subject": conv.subject,
                    "count": 0,
                    "link": settings.SITE_URL + reverse("inquiries:conversation", args=[conv.pk]),
                },
            )
            entry["count"] += 1
        send_templated_mail(
            user.email,
            "inquiries/email/digest",
            {"user": user, "conversations": list(conversations.values()), "total": len(items)},
            user.language,
        )
        with transaction.atomic():
            DigestItem.objects.filter(pk__in=[i.pk for i in items]).update(sent_at=now)
            NotificationPreference.objects.filter(pk=pref.pk).update(last_digest_at=now)
        sent += 1
    return sent


@task()
def send_daily_digests() -> int:
    return send_due_digests()
