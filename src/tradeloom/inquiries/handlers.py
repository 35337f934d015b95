"""Outbox handlers of inquiries: in-app notifications, emails and digest entries.

Who hears about a new inquiry or message: the active members of the receiving company
whose role answers inquiries, except those who asked to hear only about conversations
assigned to them (when it is assigned to someone else). Each person's
``NotificationPreference`` chooses in-app, an email per message, a daily digest or no
email. Idempotent: notifications are unique per (user, event), digest items per
(user, message); an email is sent again only if a worker dies after sending.
"""

from __future__ import annotations

from django.urls import reverse

from tradeloom.core.events import handler
from tradeloom.core.handlers import notify, send_templated_mail
from tradeloom.core.models import OutboxEvent
from tradeloom.core.permissions import has_perm

EVENTS = ("inquiry.created", "message.created")


def recipients(conversation, company_id: int):
    """(user, preferences) of everyone in ``company_id`` to tell about ``conversation``."""
    from tradeloom.accounts.models import Membership
    from tradeloom.inquiries.models import NotificationPreference

    members = Membership.objects.select_related("user", "company").filter(company_id=company_id)
    prefs = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(user_id__in=[m.user_id for m in members])
    }
    for m in members:
        if not m.user.is_active or not has_perm(m.role, "inquiries.reply"):
            continue
        pref = prefs.get(m.user_id) or NotificationPreference(user=m.user)
        if (
            pref.only_assigned
            and conversation.assigned_to_id is not None
            and conversation.assigned_to_id != m.user_id
        ):
            continue
        yield m, pref


def _load(event: OutboxEvent):
    from tradeloom.inquiries.models import Message

    return (
        Message.objects.select_related("conversation", "company", "author")
        .filter(pk=event.payload.get("message_id"))
        .first()
    )


@handler("inquiries.notify", *EVENTS, "conversation.assigned")
def notify_handler(event: OutboxEvent) -> None:
    from tradeloom.accounts.models import Membership, User
    from tradeloom.inquiries.models import Conversation, DigestItem

    if event.name == "conversation.assigned":
        conversation = Conversation.objects.filter(pk=event.payload["conversation_id"]).first()
        user = User.objects.filter(pk=event.payload["user_id"]).first()
        if conversation is None or user is None:
            return
        membership = Membership.objects.filter(user=user, company_id=conversation.supplier_id)
        if membership.exists():
            notify(
                user,
                event,
                "conversation.assigned",
                {"company": conversation.buyer.display_name},
                url=reverse("inquiries:conversation", args=[conversation.pk]),
                company=conversation.supplier,
            )
        return
    message = _load(event)
    if message is None:
        return
    conversation = message.conversation
    other = conversation.other_party(message.company_id)
    url = reverse("inquiries:conversation", args=[conversation.pk])
    kind = "inquiry.received" if event.name == "inquiry.created" else "message.received"
    for m, pref in recipients(conversation, other.pk):
        if pref.in_app:
            notify(
                m.user,
                event,
                kind,
                {"company": message.company.display_name, "subject": conversation.subject},
                url=url,
                company=m.company,
            )
        if pref.email == "digest":
            DigestItem.objects.get_or_create(user=m.user, message=message)


@handler("inquiries.email", *EVENTS, atomic=False)
def email_handler(event: OutboxEvent) -> None:
    from django.conf import settings

    message = _load(event)
    if message is None:
        return
    conversation = message.conversation
    other = conversation.other_party(message.company_id)
    link = settings.SITE_URL + reverse("inquiries:conversation", args=[conversation.pk])
    for m, pref in recipients(conversation, other.pk):
        if pref.email != "each":
            continue
        send_templated_mail(
            m.user.email,
            "inquiries/email/new_message",
            {
                "user": m.user,
                "message": message,
                "conversation": conversation,
                "new_inquiry": event.name == "inquiry.created",
                "link": link,
            },
            m.user.language,
        )
