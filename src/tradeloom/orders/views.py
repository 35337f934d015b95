"""Order-draft pages: the list a buyer or supplier sees, one draft, cancelling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradeloom.orders import selectors, services
from tradeloom.web.errors import handles_domain_errors


@login_required
@require_GET
@handles_domain_errors
def drafts(request):
    rows = list(selectors.drafts_of(request.membership, request=request)[:200])
    return render(
        request,
        "orders/drafts.html",
        {"drafts": rows, "company_id": request.membership.company_id},
    )


@login_required
@require_GET
@handles_domain_errors
def draft(request, pk: int):
    found = selectors.draft_of(request.membership, pk, request=request)
    return render(
        request,
        "orders/draft.html",
        {"draft": found, "is_buyer": found.buyer_id == request.membership.company_id},
    )


@login_required
@require_POST
@handles_domain_errors
def cancel(request, pk: int):
    services.cancel_order_draft(request.membership, pk, request=request)
    messages.success(request, _("The order draft was cancelled."))
    return redirect("orders:draft", pk=pk)
