"""Outbox handlers: in-app notifications, emails per preference, the daily digest; and
the analytics events of inquiries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import MembershipFactory
from tests.inquiries.conftest import inquiry
from tradeloom.analytics.models import AnalyticsEvent
from tradeloom.analytics.recorder import ingest_spool
from tradeloom.core.events import deliver_due
from tradeloom.core.models import Notification
from tradeloom.inquiries import services
from tradeloom.inquiries.models import DigestItem, NotificationPreference
from tradeloom.inquiries.tasks import send_due_digests


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


def test_new_inquiry_notifies_the_suppliers_answering_members(
    buyer, supplier, sales, product, mailbox
):
    catalog_member = MembershipFactory(company=supplier.company, role="catalog")
    message = inquiry(buyer, product)
    deliver_due()
    notified = set(
        Notification.objects.filter(kind="inquiry.received").values_list("user_id", flat=True)
    )
    assert notified == {supplier.user_id, sales.user_id}
    assert catalog_member.user_id not in notified
    note = Notification.objects.filter(user=sales.user).get()
    assert note.params["company"] == buyer.company.display_name
    assert note.url.endswith(f"/inbox/c/{message.conversation_id}/")
    assert sorted(m.to[0] for m in mailbox) == sorted([supplier.user.email, sales.user.email])
    assert "New inquiry from" in mailbox[0].subject
    # Redelivery does not notify twice.
    deliver_due()
    assert Notification.objects.filter(kind="inquiry.received").count() == 2


def test_preferences_choose_channels(buyer, supplier, sales, conversation, mailbox):
    deliver_due()
    mailbox.clear()
    services.save_preferences(supplier.user, in_app=False, email="none", only_assigned=False)
    services.save_preferences(sales.user, in_app=True, email="digest", only_assigned=False)
    services.send_message(buyer, conversation.pk, "Any news?")
    deliver_due()
    assert not Notification.objects.filter(user=supplier.user, kind="message.received").exists()
    assert Notification.objects.filter(user=sales.user, kind="message.received").exists()
    assert mailbox == []
    assert DigestItem.objects.filter(user=sales.user, sent_at__isnull=True).count() == 1


def test_only_assigned_conversations(buyer, supplier, sales, conversation):
    services.save_preferences(sales.user, in_app=True, email="none", only_assigned=True)
    services.assign(supplier, conversation.pk, supplier.user_id)
    services.send_message(buyer, conversation.pk, "Hello again")
    deliver_due()
    assert not Notification.objects.filter(user=sales.user, kind="message.received").exists()
    assert Notification.objects.filter(user=supplier.user, kind="message.received").exists()


def test_daily_digest_once_a_day(buyer, supplier, conversation, mailbox):
    deliver_due()  # the inquiry itself, before the digest was chosen
    services.save_preferences(supplier.user, in_app=True, email="digest", only_assigned=False)
    services.send_message(buyer, conversation.pk, "One")
    services.send_message(buyer, conversation.pk, "Two")
    deliver_due()
    mailbox.clear()
    assert send_due_digests() == 1
    assert len(mailbox) == 1
    assert mailbox[0].to == [supplier.user.email]
    assert "2 new messages" in mailbox[0].subject
    assert send_due_digests() == 0  # nothing waiting
    services.send_message(buyer, conversation.pk, "Three")
    deliver_due()
    assert send_due_digests() == 0  # not a day yet
    assert send_due_digests(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert len(mailbox) == 2


def test_switching_off_the_digest_drops_waiting_items(buyer, supplier, conversation, mailbox):
    services.save_preferences(supplier.user, in_app=True, email="digest", only_assigned=False)
    services.send_message(buyer, conversation.pk, "One")
    deliver_due()
    NotificationPreference.objects.filter(user=supplier.user).update(email="each")
    mailbox.clear()
    assert send_due_digests() == 0
    assert mailbox == []
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()


def test_analytics_inquiry_created_and_first_reply(
    buyer, supplier, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = inquiry(buyer, product).conversation
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message(supplier, conversation.pk, "Hello")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message(supplier, conversation.pk, "Second reply, not a first")
    ingest_spool()
    names = list(AnalyticsEvent.objects.order_by("id").values_list("name", "company_id"))
    assert names == [
        ("inquiry.created", buyer.company_id),
        ("inquiry.first_reply", supplier.company_id),
    ]
    first = AnalyticsEvent.objects.get(name="inquiry.first_reply")
    assert first.properties["buyer_id"] == buyer.company_id
