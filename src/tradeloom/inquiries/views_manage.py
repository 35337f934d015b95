"""Quick replies, notification preferences, blocked companies, and the operators'
review queue of flagged messages."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradeloom.accounts.access import require_operator
from tradeloom.accounts.models import Company
from tradeloom.core.errors import DomainError
from tradeloom.inquiries import selectors, services
from tradeloom.inquiries.forms import PreferencesForm, QuickReplyForm, SuspendForm
from tradeloom.inquiries.models import Message, MessagingSuspension, NotificationPreference
from tradeloom.inquiries.views import acting
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import apply_domain_error, form_status

PER_PAGE = 20


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def quick_replies(request):
    membership = acting(request)
    form = QuickReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.create_quick_reply(
                    membership, form.cleaned_data["title"], form.cleaned_data["body"],
                    request=request,
                )  # fmt: skip
            except DomainError as exc:
                if exc.status != 400:
                    raise
                apply_domain_error(form, exc)
                status = form_status(exc)
            else:
                flash.success(request, _("Quick reply saved."))
                return redirect("inquiries:quick_replies")
        else:
            status = 400
    context = {
        "form": form,
        "replies": selectors.quick_replies(membership),
        "is_supplier": membership.company.kind == Company.Kind.SUPPLIER,
    }
    return render(request, "inquiries/quick_replies.html", context, status=status)


@login_required
@require_POST
@handles_domain_errors
def delete_quick_reply(request, pk: int):
    services.delete_quick_reply(acting(request), pk, request=request)
    flash.success(request, _("Quick reply deleted."))
    return redirect("inquiries:quick_replies")


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def preferences(request):
    current = NotificationPreference.objects.filter(user=request.user).first()
    current = current or NotificationPreference(user=request.user)
    initial = {
        "in_app": current.in_app,
        "email": current.email,
        "only_assigned": current.only_assigned,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            services.save_preferences(request.user, **form.cleaned_data)
            flash.success(request, _("Your notification settings are saved."))
            return redirect("inquiries:preferences")
        return render(request, "inquiries/preferences.html", {"form": form}, status=400)
    return render(request, "inquiries/preferences.html", {"form": form})


@login_required
@require_GET
@handles_domain_errors
def blocks(request):
    membership = acting(request)
    return render(request, "inquiries/blocks.html", {"blocks": selectors.blocks_of(membership)})


@login_required
@require_POST
@handles_domain_errors
def unblock(request, company_id: int):
    services.unblock_company(acting(request), company_id, request=request)
    flash.success(request, _("The company can message you again."))
    return redirect("inquiries:blocks")


# --- operators ----------------------------------------------------------------------------------


@login_required
@require_GET
@handles_domain_errors
def review_queue(request):
    require_operator(request.user, request=request)
    status = request.GET.get("status", "pending")
    if status not in ("pending", "cleared", "confirmed", "all"):
        status = "pending"
    queue = selectors.review_queue(status="" if status == "all" else status)
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    suspended = {
        s.company_id: s for s in MessagingSuspension.objects.select_related("company").all()
    }
    context = {
        "page": page,
        "status": status,
        "statuses": [
            ("pending", _("Waiting")),
            ("confirmed", _("Confirmed")),
            ("cleared", _("Cleared")),
            ("all", _("All")),
        ],
        "pending_total": selectors.review_queue(status="pending").count(),
        "suspended": suspended,
        "suspensions": list(suspended.values()),
        "reason_labels": reason_labels(),
    }
    return render(request, "inquiries/review.html", context)


def reason_labels() -> dict[str, str]:
    return {
        "iban": _("IBAN"),
        "swift": _("SWIFT/BIC code"),
        "account_number": _("Account number"),
        "off_platform": _("Asks to pay outside the platform"),
        "payment_link": _("External payment link"),
    }


@login_required
@require_POST
@handles_domain_errors
def review_decide(request, pk: int):
    message = services.review_message(
        request.user, pk, request.POST.get("decision", ""), request=request
    )
    if message.review == Message.Review.CONFIRMED:
        flash.success(request, _("Marked as fraud."))
    else:
        flash.success(request, _("Cleared: the warning is removed."))
    return redirect("inquiries:review")


@login_required
@require_POST
@handles_domain_errors
def suspend(request):
    require_operator(request.user, request=request)
    form = SuspendForm(request.POST)
    if request.POST.get("restore"):
        services.lift_suspension(request.user, request.POST.get("company"), request=request)
        flash.success(request, _("Messaging restored."))
        return redirect("inquiries:review")
    if not form.is_valid():
        flash.error(request, _("Give a reason for the suspension."))
        return redirect("inquiries:review")
    services.suspend_messaging(
        request.user, form.cleaned_data["company"], form.cleaned_data["reason"], request=request
    )
    flash.success(request, _("Messaging of the company is suspended."))
    return redirect("inquiries:review")
