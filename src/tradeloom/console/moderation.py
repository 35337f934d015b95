"""The operator's moderation queue: listings waiting for review, approved or rejected."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tradeloom.accounts.access import require_operator
from tradeloom.catalog import selectors, services
from tradeloom.catalog.forms import category_path
from tradeloom.core.errors import DomainError, NotFound
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import Form, apply_domain_error, form_status

PER_PAGE = 20


class RejectForm(Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The supplier sees this and can fix the listing."),
    )


def _queue_page(request, *, failed: dict | None = None, status: int = 200):
    queue = selectors.pending_review().prefetch_related("lead_times", "variants")
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for product in page.object_list:
        if failed and failed["product_id"] == product.pk:
            form = failed["form"]
        else:
            form = RejectForm(prefix=f"p{product.pk}")
        rows.append(
            {
                "product": product,
                "form": form,
                "category": category_path(product.category),
                "translations": list(product.translations.all()),
            }
        )
    context = {"page": page, "rows": rows, "total": page.paginator.count}
    return render(request, "console/moderation.html", context, status=status)


@login_required
@require_GET
@handles_domain_errors
def moderation(request):
    require_operator(request.user, request=request)
    return _queue_page(request)


@login_required
@require_POST
@handles_domain_errors
def decide(request, pk: int):
    require_operator(request.user, request=request)
    decision = request.POST.get("decision", "")
    form = RejectForm(request.POST, prefix=f"p{pk}")
    reason = ""
    if decision == "reject":
        if not form.is_valid():
            if not selectors.pending_review().filter(pk=pk).exists():
                raise NotFound(_("No such product."))
            return _queue_page(request, failed={"product_id": pk, "form": form}, status=400)
        reason = form.cleaned_data["reason"]
    try:
        product = services.moderate(request.user, pk, decision, reason, request=request)
    except DomainError as exc:
        if exc.status != 400:  # refused, gone, or already decided: an error page says so
            raise
        apply_domain_error(form, exc, default_field="reason")
        return _queue_page(
            request, failed={"product_id": pk, "form": form}, status=form_status(exc)
        )
    if decision == "approve":
        messages.success(request, _("“%(title)s” is live.") % {"title": product.title()})
    else:
        messages.success(
            request,
            _("“%(title)s” is rejected; the supplier sees why.") % {"title": product.title()},
        )
    return redirect("console:moderation")
