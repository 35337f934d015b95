"""The caller's notifications, rendered in the request's language, and marking them read."""

from __future__ import annotations

from tests.api.conftest import assert_error, session_client, token_client
from tests.factories import MembershipFactory
from tradeloom.core.models import Notification


def _notify(membership, company=None, **params):
    return Notification.objects.create(
        user=membership.user,
        company=company,
        kind="member.role_changed",
        params={"company": "Shanghai Knit", "role": "Sales", **params},
    )


def test_list_notifications_renders_text(owner, supplier):
    note = _notify(supplier, company=supplier.company)
    body = owner.get("notifications").json()
    assert body["unread_count"] == 1
    assert body["items"] == [
        {
            "id": note.pk,
            "kind": "member.role_changed",
            "text": "Your role in Shanghai Knit is now Sales.",
            "url": "",
            "company_id": supplier.company_id,
            "created_at": body["items"][0]["created_at"],
            "read_at": None,
        }
    ]


def test_list_notifications_in_japanese_keeps_the_shape(owner, supplier):
    _notify(supplier)
    owner.headers["Accept-Language"] = "ja"
    response = owner.get("notifications")
    assert response["Content-Language"] == "ja"
    assert response.json()["items"][0]["text"]


def test_list_only_unread_and_limit(owner, supplier):
    first, second, third = (_notify(supplier) for _ in range(3))
    Notification.objects.filter(pk=second.pk).update(read_at=first.created_at)
    body = owner.get("notifications?unread=true&limit=1").json()
    assert body["unread_count"] == 2
    assert [n["id"] for n in body["items"]] == [third.pk]


def test_others_notifications_are_not_listed(owner, supplier, foreign):
    _notify(foreign)
    assert owner.get("notifications").json() == {"unread_count": 0, "items": []}


def test_mark_some_read(owner, supplier):
    one, two = _notify(supplier), _notify(supplier)
    response = owner.post("notifications/read", {"ids": [one.pk]})
    assert response.json() == {"marked": 1, "unread_count": 1}
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.read_at is not None
    assert two.read_at is None


def test_mark_all_read(owner, supplier):
    _notify(supplier), _notify(supplier)
    assert owner.post("notifications/read", {"all": True}).json() == {
        "marked": 2,
        "unread_count": 0,
    }


def test_marking_someone_elses_notification_changes_nothing(owner, supplier, foreign):
    theirs = _notify(foreign)
    assert owner.post("notifications/read", {"ids": [theirs.pk]}).json()["marked"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_needs_ids_or_all(owner, supplier):
    body = assert_error(owner.post("notifications/read", {}), 422, "validation_error")
    assert list(body["details"]["fields"]) == ["body"]


def test_mark_read_refuses_ids_and_all_together(owner, supplier):
    assert_error(
        owner.post("notifications/read", {"ids": [1], "all": True}), 422, "validation_error"
    )


def test_token_sees_its_company_and_personal_notifications_only(supplier, buyer):
    second = MembershipFactory(user=supplier.user, company=buyer.company, role="owner")
    mine_here = _notify(supplier, company=supplier.company)
    personal = _notify(supplier)
    elsewhere = _notify(second, company=buyer.company)
    api = token_client(supplier)
    assert [n["id"] for n in api.get("notifications").json()["items"]] == [
        personal.pk,
        mine_here.pk,
    ]
    assert api.post("notifications/read", {"all": True}).json()["marked"] == 2
    elsewhere.refresh_from_db()
    assert elsewhere.read_at is None


def test_session_sees_all_my_notifications(supplier, buyer):
    second = MembershipFactory(user=supplier.user, company=buyer.company, role="owner")
    _notify(supplier, company=supplier.company), _notify(second, company=buyer.company)
    assert session_client(supplier.user).get("notifications").json()["unread_count"] == 2
