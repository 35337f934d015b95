"""The landing page, the dashboard, switching company, and local media files."""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradeloom.accounts.middleware import SESSION_KEY
from tradeloom.accounts.selectors import members_of, membership_in
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.selectors import notifications_for, unread_count
from tradeloom.web.views.notifications import notification_item

IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp", "image/gif"}
# Folders of private uploads, served only by views that check who is asking.
PRIVATE_MEDIA = {("imports",), ("inquiries",)}


def safe_next(request, fallback: str) -> str:
    """The ``next`` parameter when it points back into this site, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_GET
def home(request):
    return render(request, "web/home.html")


@login_required
@handles_domain_errors
def dashboard(request):
    membership = request.membership
    if membership is None:
        return render(request, "web/dashboard_empty.html")
    context = {
        "company": membership.company,
        "members_count": members_of(membership, request=request).count(),
        "recent_notifications": [notification_item(n) for n in notifications_for(request.user)[:5]],
        "can_manage_company": membership.can("company.manage"),
        "can_manage_members": membership.can("members.manage"),
    }
    return render(request, "web/dashboard.html", context)


@login_required
@require_POST
@handles_domain_errors
def switch_company(request):
    """Make another of the user's companies the active one; others' companies do not exist."""
    membership = membership_in(request.user, request.POST.get("company"))
    request.session[SESSION_KEY] = membership.company_id
    messages.success(
        request,
        _("You are now working as %(company)s.") % {"company": membership.company.display_name},
    )
    return redirect(safe_next(request, "web:dashboard"))


@login_required
@require_GET
def bell(request):
    """The header's notification bell alone, for htmx to refresh."""
    return render(request, "web/_bell.html", {"unread_count": unread_count(request.user)})


@require_GET
def media(request, path: str):
    """Serve uploaded files from the local media folder (the default storage).

    With object storage (S3_BUCKET) files have their own URLs and this view is not
    used. Only images are shown inline; anything else downloads, so an uploaded file
    can never run as a page of this site.
    """
    if not isinstance(default_storage, FileSystemStorage):
        raise Http404
    parts = PurePosixPath(path).parts
    if any(part.startswith(".") for part in parts) or parts[:1] in PRIVATE_MEDIA:
        raise Http404
    try:
        full = default_storage.path(path)
    except SuspiciousFileOperation:
        raise Http404
    if not default_storage.exists(path):
        raise Http404
    content_type, _encoding = mimetypes.guess_type(full)
    is_image = content_type in IMAGE_TYPES
    try:
        handle = open(full, "rb")  # noqa: SIM115  (FileResponse closes it)
    except (IsADirectoryError, FileNotFoundError, PermissionError):
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=not is_image,
        content_type=content_type if is_image else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    from django.db import DatabaseError, connection
    from django.http import HttpResponse

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
