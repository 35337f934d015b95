"""The notification centre and marking notifications read."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.helpers import signed_in
from tradeloom.core.models import Notification
from tradeloom.web import services

pytestmark = pytest.mark.django_db


def notification(user, company="Shanghai Knit"):
    return Notification.objects.create(
        user=user, kind="member.removed", params={"company": company}
    )


def test_notifications_are_listed_as_readable_text(client):
    user = UserFactory()
    notification(user, "Ningbo Knit")
    signed_in(client, user)
    response = client.get(reverse("web:notifications"))
    assert response.status_code == 200
    assert [item["text"] for item in response.context["items"]] == [
        "You were removed from Ningbo Knit."
    ]


def test_only_your_own_notifications_are_listed(client):
    user = UserFactory()
    notification(UserFactory(), "Secret Co")
    signed_in(client, user)
    response = client.get(reverse("web:notifications"))
    assert response.context["items"] == []
    assert "Secret Co" not in response.content.decode()


def test_one_notification_is_marked_read(client):
    user = UserFactory()
    first, second = notification(user), notification(user)
    signed_in(client, user)
    response = client.post(reverse("web:mark_read"), {"ids": [first.pk]})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.read_at is not None, second.read_at is None) == (True, True)


def test_all_notifications_are_marked_read(client):
    user = UserFactory()
    notification(user), notification(user)
    signed_in(client, user)
    client.post(reverse("web:mark_read"), {"all": "1"})
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 0


def test_another_users_notification_cannot_be_marked_read(client):
    other = notification(UserFactory())
    signed_in(client, UserFactory())
    client.post(reverse("web:mark_read"), {"ids": [other.pk]})
    other.refresh_from_db()
    assert other.read_at is None


def test_htmx_gets_the_updated_item_and_a_bell_refresh(client):
    user = UserFactory()
    item = notification(user)
    signed_in(client, user)
    response = client.post(reverse("web:mark_read"), {"ids": [item.pk]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert 'class="notification"' in response.content.decode()


def test_mark_read_service_counts_only_unread_own_notifications():
    user = UserFactory()
    mine = [notification(user) for _ in range(3)]
    notification(UserFactory())
    assert services.mark_read(user, [mine[0].pk]) == 1
    assert services.mark_read(user, "all") == 2
    assert services.mark_read(user, "all") == 0
