"""Founding a company and editing its profile and logo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradeloom.accounts import services
from tradeloom.accounts.access import require
from tradeloom.accounts.middleware import SESSION_KEY
from tradeloom.core.errors import DomainError
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import (
    CompanyCreateForm,
    CompanyProfileForm,
    LogoForm,
    apply_domain_error,
    form_status,
)

PROFILE_FIELDS = (
    "legal_name",
    "display_name",
    "country",
    "address",
    "website",
    "languages",
    "default_currency",
)


@login_required
@require_http_methods(["GET", "POST"])
def company_create(request):
    """Any signed-in user may found a company; it becomes their active one."""
    if request.method == "POST":
        form = CompanyCreateForm(request.POST)
        if form.is_valid():
            try:
                membership = services.create_company(
                    request.user, form.cleaned_data, request=request
                )
            except DomainError as exc:
                apply_domain_error(form, exc)
                return render(
                    request, "web/company_create.html", {"form": form}, status=form_status(exc)
                )
            request.session[SESSION_KEY] = membership.company_id
            messages.success(
                request,
                _("%(company)s is set up. Welcome!") % {"company": membership.company.display_name},
            )
            return redirect("web:dashboard")
        return render(request, "web/company_create.html", {"form": form}, status=400)
    initial = {"languages": [request.user.language[:2]], "kind": request.GET.get("kind")}
    return render(request, "web/company_create.html", {"form": CompanyCreateForm(initial=initial)})


def _settings_page(request, membership, *, form=None, logo_form=None, status=200):
    company = membership.company
    if form is None:
        form = CompanyProfileForm(initial={f: getattr(company, f) for f in PROFILE_FIELDS})
    context = {"company": company, "form": form, "logo_form": logo_form or LogoForm()}
    return render(request, "web/company_settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def company_settings(request):
    membership = require(request.membership, "company.manage", request=request)
    if request.method == "GET":
        return _settings_page(request, membership)
    form = CompanyProfileForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, membership, form=form, status=400)
    try:
        services.update_company(membership, form.cleaned_data, request=request)
    except DomainError as exc:
        if exc.status == 403:
            raise
        apply_domain_error(form, exc)
        return _settings_page(request, membership, form=form, status=form_status(exc))
    messages.success(request, _("The company profile is saved."))
    return redirect("web:company_settings")


@login_required
@require_POST
@handles_domain_errors
def company_logo(request):
    membership = require(request.membership, "company.manage", request=request)
    logo_form = LogoForm(request.POST, request.FILES)
    if not logo_form.is_valid():
        return _settings_page(request, membership, logo_form=logo_form, status=400)
    try:
        services.set_company_logo(membership, logo_form.cleaned_data["logo"], request=request)
    except DomainError as exc:
        if exc.status == 403:
            raise
        apply_domain_error(logo_form, exc, default_field="logo")
        return _settings_page(request, membership, logo_form=logo_form, status=form_status(exc))
    messages.success(request, _("The logo is updated."))
    return redirect("web:company_settings")
