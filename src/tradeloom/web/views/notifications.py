"""The notification centre: list (rendered in the reader's language) and mark as read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradeloom.core.notifications import render as render_notification
from tradeloom.web import services
from tradeloom.web.selectors import notifications_for

PER_PAGE = 30


def notification_item(notification) -> dict:
    """A notification with its text in the reader's (the active) language."""
    return {
        "n": notification,
        "text": render_notification(notification),
        "unread": notification.read_at is None,
    }


@login_required
@require_GET
def notifications(request):
    page = Paginator(notifications_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    items = [notification_item(n) for n in page.object_list]
    return render(request, "web/notifications.html", {"page": page, "items": items})


@login_required
@require_POST
def mark_read(request):
    """Mark one, several (``ids``) or ``all`` notifications read."""
    ids = [v for v in request.POST.getlist("ids") if v.isdigit()]
    count = services.mark_read(request.user, "all" if request.POST.get("all") else ids)
    if request.headers.get("HX-Request") and len(ids) == 1:
        # htmx swaps just this item and tells the bell to refresh.
        notification = notifications_for(request.user).filter(pk=ids[0]).first()
        if notification is not None:
            response = render(
                request, "web/_notification.html", {"item": notification_item(notification)}
            )
            response["HX-Trigger"] = "notifications-changed"
            return response
    if count:
        messages.success(request, _("Marked as read."))
    return redirect("web:notifications")
