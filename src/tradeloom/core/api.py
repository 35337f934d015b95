"""REST API of the in-app notification centre (the caller's own notifications)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, model_validator

from tradeloom.api.auth import caller
from tradeloom.api.schemas import SELF, InputSchema, ObjectId, errors
from tradeloom.core.notifications import render
from tradeloom.web import selectors, services

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str = Field(description="What happened, such as `member.role_changed`.")
    text: str = Field(description="The notification, in the request's language.")
    url: str
    company_id: int | None
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_text(obj) -> str:
        return render(obj)


class NotificationsOut(Schema):
    unread_count: int
    items: list[NotificationOut]


class NotificationFilter(Schema):
    unread: bool = Field(False, description="Only unread notifications.")
    limit: int = Field(50, ge=1, le=200)


class MarkReadIn(InputSchema):
    ids: list[ObjectId] = Field(None, max_length=500)
    all: bool = Field(False, description="Mark every unread notification read.")

    @model_validator(mode="after")
    def ids_or_all(self):
        if self.all == (self.ids is not None):
            raise ValueError(_("Give either the ids to mark read or “all”: true, not both."))
        return self


class MarkReadOut(Schema):
    marked: int
    unread_count: int


def _visible(request):
    """The caller's notifications; a token sees only its company's and personal ones."""
    who = caller(request)
    notifications = selectors.notifications_for(who.user)
    if who.via_token:
        notifications = notifications.filter(
            Q(company_id=who.token_company_id) | Q(company__isnull=True)
        )
    return notifications


@router.get(
    "/notifications",
    response={200: NotificationsOut, **errors()},
    openapi_extra=SELF,
    summary="My notifications, newest first",
)
def list_notifications(request, filters: Query[NotificationFilter]):
    visible = _visible(request)
    items = visible.filter(read_at__isnull=True) if filters.unread else visible
    return {
        "unread_count": visible.filter(read_at__isnull=True).count(),
        "items": list(items[: filters.limit]),
    }


@router.post(
    "/notifications/read",
    response={200: MarkReadOut, **errors(400)},
    openapi_extra=SELF,
    summary="Mark some or all of my notifications read",
)
def mark_read(request, payload: MarkReadIn):
    who = caller(request)
    visible = _visible(request)
    if payload.all and not who.via_token:
        marked = services.mark_read(who.user, "all")
    else:
        # With a token, "all" means all of its company's and personal ones.
        wanted = visible.filter(read_at__isnull=True)
        if payload.ids is not None:
            wanted = wanted.filter(pk__in=payload.ids)
        marked = services.mark_read(who.user, list(wanted.values_list("pk", flat=True)))
    return {"marked": marked, "unread_count": visible.filter(read_at__isnull=True).count()}
