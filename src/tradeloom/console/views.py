"""The operator console: every company, with filters, and the verification action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradeloom.accounts import services
from tradeloom.accounts.access import require_operator
from tradeloom.accounts.selectors import companies_for_console
from tradeloom.console.forms import CompanyFilterForm, VerificationForm
from tradeloom.core.errors import DomainError, NotFound
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import apply_domain_error

PER_PAGE = 25


def _companies_page(request, *, failed: dict | None = None, status: int = 200):
    filters = CompanyFilterForm(request.GET)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    companies = companies_for_console(
        kind=criteria.get("kind", ""),
        status=criteria.get("status", ""),
        country=criteria.get("country", ""),
        q=criteria.get("q", ""),
    )
    page = Paginator(companies, PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for company in page.object_list:
        if failed and failed["company_id"] == company.pk:
            form = failed["form"]
        else:
            form = VerificationForm(
                initial={
                    "status": company.verification_status,
                    "note": company.verification_note,
                    "next": request.get_full_path(),
                },
                prefix=f"c{company.pk}",
            )
        rows.append({"company": company, "form": form})
    context = {"filters": filters, "page": page, "rows": rows, "total": page.paginator.count}
    return render(request, "console/companies.html", context, status=status)


@login_required
@require_GET
@handles_domain_errors
def companies(request):
    require_operator(request.user, request=request)
    return _companies_page(request)


@login_required
@require_POST
@handles_domain_errors
def set_verification(request, pk: int):
    require_operator(request.user, request=request)
    company = companies_for_console().filter(pk=pk).first()
    if company is None:
        raise NotFound(_("No such company."))
    form = VerificationForm(request.POST, prefix=f"c{company.pk}")
    if form.is_valid():
        try:
            services.set_verification(
                request.user,
                company,
                form.cleaned_data["status"],
                form.cleaned_data["note"],
                request=request,
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            apply_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("%(company)s is now %(status)s.")
                % {
                    "company": company.display_name,
                    "status": company.get_verification_status_display(),
                },
            )
            target = form.cleaned_data["next"]
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("console:companies")
            return redirect(target)
    return _companies_page(request, failed={"company_id": company.pk, "form": form}, status=400)
