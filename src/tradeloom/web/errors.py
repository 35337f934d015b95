"""Error pages: DomainErrors that reach a view, and Django's 403/404/500 handlers."""

from __future__ import annotations

from functools import wraps

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from tradeloom.core.errors import DomainError


def _titles() -> dict[int, str]:
    return {
        400: _("This request could not be handled"),
        403: _("You do not have access to this page"),
        404: _("Page not found"),
        409: _("This cannot be done right now"),
        429: _("Too many attempts"),
    }


def error_page(request, status: int, message: str = "", *, title: str = "", template: str = ""):
    if not template:
        template = f"{status}.html" if status in (403, 404, 429) else "web/error.html"
    context = {
        "status": status,
        "title": title or _titles().get(status, _titles()[400]),
        "message": message,
    }
    return render(request, template, context, status=status)


def handles_domain_errors(view):
    """A DomainError the view did not turn into a form error becomes a friendly error page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return error_page(request, exc.status if 400 <= exc.status < 500 else 400, exc.message)

    return wrapper


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def bad_request(request, exception=None):
    return error_page(request, 400)


def server_error(request):
    # No request context: the failure may be in the database or a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def csrf_failure(request, reason: str = ""):
    """A friendly page for a form sent without a valid CSRF token (CSRF_FAILURE_VIEW)."""
    return error_page(
        request,
        403,
        _(
            "The form was open too long or cookies are blocked. "
            "Go back, reload the page and try again."
        ),
        title=_("This form has expired"),
        template="web/error.html",
    )
