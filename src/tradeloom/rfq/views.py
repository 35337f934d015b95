"""RFQ pages: the buyer's list, form and comparison; the supplier's board and quote form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradeloom.accounts.models import Company
from tradeloom.catalog.models import Product
from tradeloom.core.errors import DomainError, NotFound
from tradeloom.rfq import awards, selectors, services
from tradeloom.rfq.forms import QuoteForm, RfqForm, category_choices, quote_initial
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import apply_domain_error

TIER_FIELDS = {
    f"tiers.{i}.{part}": f"tier{i + 1}_{'qty' if part == 'min_quantity' else 'price'}"
    for i in range(3)
    for part in ("min_quantity", "unit_price")
}
TIER_FIELDS["tiers"] = "tier1_qty"


def _membership(request):
    membership = request.membership
    if membership is None:
        raise NotFound(_("Join or create a company first."))
    return membership


@login_required
@require_GET
@handles_domain_errors
def rfq_list(request):
    membership = _membership(request)
    status = request.GET.get("status", "")
    rfqs = list(selectors.buyer_rfqs(membership, status=status, request=request)[:200])
    return render(request, "rfq/list.html", {"rfqs": rfqs, "status": status})


def _invited_ids(raw: str) -> list[int]:
    slugs = [s.strip() for s in (raw or "").split(",") if s.strip()]
    if not slugs:
        return []
    found = dict(
        Company.objects.filter(slug__in=slugs, kind=Company.Kind.SUPPLIER).values_list("slug", "pk")
    )
    missing = [s for s in slugs if s not in found]
    if missing:
        raise DomainError(
            _("No supplier with the address name %(name)s.") % {"name": ", ".join(missing)},
            code="not_found",
            details={"field": "invited"},
        )
    return list(found.values())


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def rfq_new(request):
    membership = _membership(request)
    kwargs = {
        "currency": membership.company.default_currency,
        "country": membership.company.country.code if membership.company.country else "",
    }
    if request.method == "POST":
        form = RfqForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                rfq = services.create_rfq(
                    membership,
                    form.to_input(_invited_ids(form.cleaned_data["invited"])),
                    attachments=form.cleaned_data["attachments"],
                    request=request,
                )
            except DomainError as exc:
                apply_domain_error(
                    form,
                    exc,
                    field_map={"expires_on": "expires_on", "invited_supplier_ids": "invited"},
                )
            else:
                messages.success(request, _("Your RFQ is posted. Matching suppliers are told."))
                return redirect("rfq:detail", pk=rfq.pk)
    else:
        form = RfqForm(**kwargs)
    return render(request, "rfq/form.html", {"form": form})


@login_required
@require_GET
@handles_domain_errors
def rfq_detail(request, pk: int):
    membership = _membership(request)
    rfq, role = selectors.viewer_rfq(membership, pk, request=request)
    if role == "supplier":
        return redirect("rfq:board_detail", pk=rfq.pk)
    sort = request.GET.get("sort", "price")
    rows = selectors.comparison(membership, rfq, sort=sort)
    shortlist_only = request.GET.get("shortlist") == "1"
    shortlisted = sum(1 for row in rows if row.quote.shortlisted)
    if shortlist_only:
        rows = [row for row in rows if row.quote.shortlisted]
    return render(
        request,
        "rfq/detail.html",
        {
            "rfq": rfq,
            "rows": rows,
            "sort": sort,
            "shortlist_only": shortlist_only,
            "shortlisted": shortlisted,
            "currency": membership.company.default_currency,
            "attachments": rfq.attachments.filter(quote__isnull=True),
            "transitions": rfq.transitions.all(),
            "awardable": rfq.status in ("open", "closed"),
        },
    )


def _rfq_action(request, pk: int, action, done: str):
    membership = _membership(request)
    action(membership, pk, request=request)
    messages.success(request, done)
    return redirect("rfq:detail", pk=pk)


@login_required
@require_POST
@handles_domain_errors
def rfq_close(request, pk: int):
    return _rfq_action(request, pk, services.close_rfq, _("The RFQ takes no more quotes."))


@login_required
@require_POST
@handles_domain_errors
def rfq_cancel(request, pk: int):
    return _rfq_action(request, pk, services.cancel_rfq, _("The RFQ was cancelled."))


@login_required
@require_POST
@handles_domain_errors
def award(request, pk: int):
    membership = _membership(request)
    _quote, draft = awards.award_quote(membership, pk, request=request)
    messages.success(
        request,
        _("You awarded the RFQ. An order draft is ready, and the other suppliers are told."),
    )
    return redirect("orders:draft", pk=draft.pk)


@login_required
@require_POST
@handles_domain_errors
def shortlist(request, pk: int):
    quote = awards.shortlist_quote(
        _membership(request), pk, request.POST.get("on") == "1", request=request
    )
    return redirect(f"{reverse('rfq:detail', args=[quote.rfq_id])}#quote-comparison")


@login_required
@require_POST
@handles_domain_errors
def message(request, pk: int):
    """Talk about a quote: opens the RFQ's conversation with the other side."""
    conversation = services.conversation_about(_membership(request), pk, request=request)
    return redirect("inquiries:conversation", pk=conversation.pk)


@login_required
@require_POST
@handles_domain_errors
def decline(request, pk: int):
    membership = _membership(request)
    quote = awards.decline_quote(membership, pk, request=request)
    messages.success(request, _("The quote was declined."))
    return redirect("rfq:detail", pk=quote.rfq_id)


@login_required
@require_GET
@handles_domain_errors
def board(request):
    membership = _membership(request)
    params = request.GET
    rfqs = list(
        selectors.board(
            membership,
            category_id=params.get("category"),
            country=params.get("country", ""),
            min_quantity=params.get("min_quantity"),
            max_quantity=params.get("max_quantity"),
            matched_only=params.get("matched") == "1",
            request=request,
        )[:200]
    )
    return render(
        request,
        "rfq/board.html",
        {"rfqs": rfqs, "params": params, "categories": category_choices()},
    )


def _own_products(membership):
    return (
        Product.objects.filter(supplier_id=membership.company_id)
        .exclude(status=Product.Status.REJECTED)
        .prefetch_related("translations")
        .order_by("-updated_at")[:200]
    )


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def board_detail(request, pk: int):
    membership = _membership(request)
    rfq, role = selectors.viewer_rfq(membership, pk, request=request)
    if role == "buyer":
        return redirect("rfq:detail", pk=rfq.pk)
    own = selectors.own_quote_on(membership, rfq)
    form = None
    may_quote = own is None and rfq.is_open and membership.company.kind == Company.Kind.SUPPLIER
    kwargs = {
        "products": _own_products(membership),
        "currency": membership.company.default_currency,
    }
    if may_quote:
        if request.method == "POST":
            form = QuoteForm(request.POST, request.FILES, **kwargs)
            if form.is_valid():
                try:
                    services.submit_quote(
                        membership,
                        rfq.pk,
                        form.to_input(),
                        attachments=form.cleaned_data["attachments"],
                        request=request,
                    )
                except DomainError as exc:
                    apply_domain_error(form, exc, field_map=TIER_FIELDS)
                else:
                    messages.success(request, _("Your quote was sent to the buyer."))
                    return redirect("rfq:board_detail", pk=rfq.pk)
        else:
            form = QuoteForm(**kwargs)
    elif request.method == "POST":
        raise DomainError(_("You cannot quote on this RFQ now."), code="rfq_closed", status=409)
    return render(
        request,
        "rfq/board_detail.html",
        {
            "rfq": rfq,
            "quote": own,
            "form": form,
            "attachments": rfq.attachments.filter(quote__isnull=True),
            "quote_attachments": own.attachments.all() if own else [],
            "revisable": own is not None
            and own.status == "submitted"
            and rfq.status in ("open", "closed"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def quote_revise(request, pk: int):
    membership = _membership(request)
    quote = services.own_quote(membership, pk)
    kwargs = {"products": _own_products(membership), "currency": quote.currency}
    if request.method == "POST":
        form = QuoteForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                services.revise_quote(
                    membership,
                    pk,
                    form.to_input(),
                    attachments=form.cleaned_data["attachments"],
                    request=request,
                )
            except DomainError as exc:
                apply_domain_error(form, exc, field_map=TIER_FIELDS)
            else:
                messages.success(request, _("Your revised quote was sent."))
                return redirect("rfq:board_detail", pk=quote.rfq_id)
    else:
        form = QuoteForm(initial=quote_initial(quote), **kwargs)
    return render(request, "rfq/revise.html", {"form": form, "quote": quote, "rfq": quote.rfq})


@login_required
@require_POST
@handles_domain_errors
def quote_withdraw(request, pk: int):
    membership = _membership(request)
    quote = services.withdraw_quote(membership, pk, request=request)
    messages.success(request, _("Your quote was withdrawn."))
    return redirect("rfq:board_detail", pk=quote.rfq_id)


@login_required
@require_GET
def attachment(request, pk: int):
    try:
        found = selectors.attachment_for_viewer(_membership(request), pk, request=request)
        handle = found.file.open("rb")
    except (DomainError, FileNotFoundError, OSError):
        raise Http404
    response = FileResponse(
        handle, as_attachment=True, filename=found.filename, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
