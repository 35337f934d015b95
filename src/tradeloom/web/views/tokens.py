"""Personal API tokens: create (the secret is shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tradeloom.accounts import selectors, services
from tradeloom.core.errors import DomainError
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import TokenForm, apply_domain_error, form_status


def _tokens_page(request, *, form=None, status=200):
    context = {"tokens": selectors.tokens_of(request.user), "form": form or TokenForm()}
    return render(request, "web/tokens.html", context, status=status)


@login_required
@require_GET
def tokens(request):
    return _tokens_page(request)


@never_cache
@login_required
@require_POST
@handles_domain_errors
def create_token(request):
    """The secret goes into this one response only; it is never stored or shown again."""
    form = TokenForm(request.POST)
    if request.membership is None:
        form.errors  # noqa: B018
        form.add_error(None, _("Set up or join a company first: a token acts for one company."))
        return _tokens_page(request, form=form, status=400)
    if not form.is_valid():
        return _tokens_page(request, form=form, status=400)
    try:
        token, secret = services.create_token(
            request.membership, form.cleaned_data["name"], request=request
        )
    except DomainError as exc:
        if exc.status == 403:
            raise
        apply_domain_error(form, exc)
        return _tokens_page(request, form=form, status=form_status(exc))
    return render(request, "web/token_created.html", {"token": token, "secret": secret}, status=201)


@login_required
@require_POST
@handles_domain_errors
def revoke_token(request, pk: int):
    token = services.revoke_token(request.user, pk, request=request)
    messages.success(
        request, _("The token “%(name)s” is revoked and no longer works.") % {"name": token.name}
    )
    return redirect("web:tokens")
