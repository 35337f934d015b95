"""The inbox, a conversation, and starting an inquiry.

New messages appear through htmx polling of ``messages_since`` (see decisions): the
page works without JavaScript, every form posts and redirects back.
"""

from __future__ import annotations

from contextlib import suppress

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradeloom.accounts.access import require
from tradeloom.accounts.models import Company, Membership
from tradeloom.catalog import selectors as catalog_selectors
from tradeloom.catalog.models import Product
from tradeloom.core.errors import DomainError, PermissionDenied
from tradeloom.core.permissions import has_perm
from tradeloom.inquiries import selectors, services
from tradeloom.inquiries.forms import InquiryForm, OfferForm, ReplyForm, SampleForm
from tradeloom.inquiries.models import CompanyBlock, Conversation
from tradeloom.inquiries.translation import render_for
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import apply_domain_error, form_status

PER_PAGE = 25
METRICS_CACHE_SECONDS = 300
POLL_SECONDS = 5
# Errors shown on the form rather than as an error page: the user can act on them.
FORM_CODES = {"blocked", "messaging_suspended", "rate_limited"}


def acting(request) -> Membership:
    if request.membership is None:
        raise PermissionDenied(_("Join or set up a company to use the inbox."), code="no_company")
    return require(request.membership, "inquiries.reply", request=request)


def _on_form(exc: DomainError) -> bool:
    return exc.status in (400, 409, 429) or exc.code in FORM_CODES


# --- the inbox ------------------------------------------------------------------------------------


@login_required
@require_GET
@handles_domain_errors
def inbox(request):
    membership = acting(request)
    company_id = membership.company_id
    chosen = request.GET.get("filter", "all")
    if chosen not in selectors.FILTERS:
        chosen = "all"
    product = request.GET.get("product", "")
    assignee = request.GET.get("assignee", "")
    q = request.GET.get("q", "").strip()[:100]
    conversations = selectors.inbox(
        membership, filter=chosen, product_id=product, assignee_id=assignee, q=q, request=request
    )
    page = Paginator(conversations, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "conversation": c,
            "other": c.other_party(company_id),
            "unread": c.is_unread_for(company_id),
            "awaiting": c.last_message_company_id not in (None, company_id),
        }
        for c in page.object_list
    ]
    mine = Conversation.objects.filter(pk__in=selectors.inbox(membership).values("pk")).values(
        "products"
    )
    products = Product.objects.filter(pk__in=mine).prefetch_related("translations")
    colleagues = []
    if membership.company.kind == Company.Kind.SUPPLIER:
        colleagues = [
            m
            for m in Membership.objects.select_related("user").filter(company_id=company_id)
            if has_perm(m.role, "inquiries.reply")
        ]
    context = {
        "page": page,
        "rows": rows,
        "chosen": chosen,
        "filters": [
            ("all", _("All")),
            ("unread", _("Unread")),
            ("awaiting", _("Awaiting our reply")),
        ],
        "products": products,
        "product": product,
        "colleagues": colleagues,
        "assignee": assignee,
        "q": q,
        "unread_total": selectors.inbox(membership, filter="unread").count(),
    }
    return render(request, "inquiries/inbox.html", context)


# --- one conversation -----------------------------------------------------------------------------


def _rendered(request, conversation, membership, after_id=None) -> list[dict]:
    language = get_language() or "en"
    rows = []
    for message in selectors.messages(conversation, after_id=after_id):
        translations = {t.language: t.text for t in message.translations.all()}
        text = render_for(message, language, translations)
        if text.state == "pending":
            _ask_translation(message.pk, text.target)
        rows.append(
            {
                "message": message,
                "mine": message.company_id == membership.company_id,
                "text": text,
                "warn": message.flagged
                and message.company_id != membership.company_id
                and message.review != "cleared",
            }
        )
    return rows


def _ask_translation(message_id: int, target: str) -> None:
    """A reader whose language nobody asked for at sending time (a new colleague, a
    changed language): enqueue it once every few minutes, never failing the page."""
    from tradeloom.inquiries.tasks import translate_message

    if cache.add(f"inquiries:translate:{message_id}:{target}", 1, 300):
        with suppress(Exception):
            translate_message.enqueue(message_id, target)


def _mark_read(membership, conversation) -> None:
    """Reading must not fail because the read mark could not be written."""
    with suppress(DatabaseError):
        services.mark_read(membership, conversation.pk)


def _conversation_page(
    request, membership, conversation, *, forms: dict | None = None, error: str = "", status=200
):
    company_id = membership.company_id
    is_supplier = company_id == conversation.supplier_id
    products = list(conversation.products.prefetch_related("translations", "variants"))
    if is_supplier and not products:
        products = list(
            catalog_selectors.storefront_products(conversation.supplier).prefetch_related(
                "translations", "variants"
            )[:50]
        )
    forms = forms or {}
    template = None
    chosen = request.GET.get("template", "")
    if is_supplier and chosen.isdigit() and len(chosen) < 18:
        template = selectors.quick_replies(membership).filter(pk=int(chosen)).first()
    reply_form = forms.get("reply") or ReplyForm(
        initial={"body": template.body if template else ""}
    )
    rows = _rendered(request, conversation, membership)
    colleagues = []
    if is_supplier:
        colleagues = [
            m
            for m in Membership.objects.select_related("user").filter(company_id=company_id)
            if has_perm(m.role, "inquiries.reply")
        ]
    other = conversation.other_party(company_id)
    context = {
        "conversation": conversation,
        "other": other,
        "is_supplier": is_supplier,
        "rows": rows,
        "last_id": rows[-1]["message"].pk if rows else 0,
        "poll_seconds": POLL_SECONDS,
        "reply_form": reply_form,
        "offer_form": forms.get("offer")
        or OfferForm(
            products=products,
            initial={"currency": products[0].currency if products else "USD"},
        ),
        "sample_form": forms.get("sample") or SampleForm(products=products),
        "products": products,
        "quick_replies": list(selectors.quick_replies(membership)) if is_supplier else [],
        "colleagues": colleagues,
        "blocked_by_us": CompanyBlock.objects.filter(
            blocker_id=company_id, blocked_id=other.pk
        ).exists(),
        "blocked": selectors.is_blocked(company_id, other.pk),
        "suspended": selectors.is_suspended(company_id),
        "can_order": membership.can("orders.manage") and not is_supplier,
        "error": error,
        "open_form": forms.get("open", ""),
    }
    return render(request, "inquiries/conversation.html", context, status=status)


@login_required
@require_GET
@handles_domain_errors
def conversation(request, pk: int):
    membership = acting(request)
    found = selectors.conversation(membership, pk, request=request)
    _mark_read(membership, found)
    return _conversation_page(request, membership, found)


@login_required
@require_GET
@handles_domain_errors
def messages_since(request, pk: int):
    """The messages after ``?after=`` and the next poll, for htmx (swapped in place)."""
    membership = acting(request)
    found = selectors.conversation(membership, pk, request=request)
    after = request.GET.get("after", "0")
    rows = _rendered(request, found, membership, after_id=after if after.isdigit() else 0)
    if any(not row["mine"] for row in rows):
        _mark_read(membership, found)
    last_id = rows[-1]["message"].pk if rows else (int(after) if after.isdigit() else 0)
    context = {
        "conversation": found,
        "rows": rows,
        "last_id": last_id,
        "poll_seconds": POLL_SECONDS,
        "can_order": membership.can("orders.manage") and membership.company_id == found.buyer_id,
    }
    return render(request, "inquiries/_poll.html", context)


def _post_or_rerender(request, pk, form_key, form, action):
    """Run ``action`` for a valid form; on a rule's refusal show the page with the error."""
    membership = acting(request)
    found = selectors.conversation(membership, pk, request=request)
    if not form.is_valid():
        return _conversation_page(
            request, membership, found, forms={form_key: form, "open": form_key}, status=400
        )
    try:
        action(membership, form.cleaned_data)
    except DomainError as exc:
        if not _on_form(exc):
            raise
        apply_domain_error(form, exc)
        return _conversation_page(
            request,
            membership,
            found,
            forms={form_key: form, "open": form_key},
            error=exc.message,
            status=form_status(exc),
        )
    return redirect(reverse("inquiries:conversation", args=[pk]) + "#latest")


@login_required
@require_POST
@handles_domain_errors
def reply(request, pk: int):
    form = ReplyForm(request.POST, request.FILES)

    def send(membership, data):
        services.send_message(
            membership, pk, data["body"], request.FILES.getlist("files"), request=request
        )

    return _post_or_rerender(request, pk, "reply", form, send)


def _products_of(request, pk):
    membership = acting(request)
    found = selectors.conversation(membership, pk, request=request)
    products = list(found.products.prefetch_related("translations", "variants"))
    if membership.company_id == found.supplier_id:
        products += [
            p
            for p in catalog_selectors.storefront_products(found.supplier).prefetch_related(
                "translations", "variants"
            )[:50]
            if p not in products
        ]
    return products


@login_required
@require_POST
@handles_domain_errors
def offer(request, pk: int):
    form = OfferForm(request.POST, products=_products_of(request, pk))

    def send(membership, data):
        services.offer_price(
            membership,
            pk,
            product_id=data["product"],
            quantity=data["quantity"],
            unit_price=data["unit_price"],
            currency=data["currency"],
            lead_time_days=data["lead_time_days"],
            valid_until=data["valid_until"],
            note=data["note"],
            request=request,
        )

    return _post_or_rerender(request, pk, "offer", form, send)


@login_required
@require_POST
@handles_domain_errors
def sample(request, pk: int):
    form = SampleForm(request.POST, products=_products_of(request, pk))

    def send(membership, data):
        services.request_sample(
            membership,
            pk,
            product_id=data["product"],
            variant_id=data["variant"],
            quantity=data["quantity"],
            address=data["address"],
            note=data["note"],
            request=request,
        )

    return _post_or_rerender(request, pk, "sample", form, send)


@login_required
@require_POST
@handles_domain_errors
def order_offer(request, pk: int, message_id: int):
    membership = acting(request)
    selectors.conversation(membership, pk, request=request)
    draft = services.offer_to_order_draft(membership, message_id, request=request)
    flash.success(request, _("The offer is now an order draft."))
    return redirect("orders:draft", draft.pk)


@login_required
@require_POST
@handles_domain_errors
def assign(request, pk: int):
    membership = acting(request)
    services.assign(membership, pk, request.POST.get("user") or None, request=request)
    flash.success(request, _("Assignment saved."))
    return redirect("inquiries:conversation", pk)


@login_required
@require_POST
@handles_domain_errors
def block(request, pk: int):
    membership = acting(request)
    found = selectors.conversation(membership, pk, request=request)
    other = found.other_party(membership.company_id)
    if request.POST.get("unblock"):
        services.unblock_company(membership, other.pk, request=request)
        flash.success(request, _("%(company)s can message you again.") % {"company": other})
    else:
        services.block_company(membership, other.pk, request=request)
        flash.success(request, _("%(company)s is blocked.") % {"company": other})
    return redirect("inquiries:conversation", pk)


@login_required
@require_GET
@handles_domain_errors
def download(request, pk: int):
    """An attachment, for the two parties only, always as a download."""
    membership = acting(request)
    attachment = selectors.attachment(membership, pk, request=request)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- response metrics, public ---------------------------------------------------------------------


@require_GET
def metrics(request, company_id: int):
    """A supplier's response metrics as a fragment, loaded by htmx on product pages and
    storefronts (so those pages keep their query budget) and cached for a few minutes."""
    compact = request.GET.get("style") == "compact"
    key = f"inquiries:metrics:{company_id}:{int(compact)}:{get_language()}"
    html = cache.get(key)
    if html is None:
        if not Company.objects.filter(pk=company_id, kind=Company.Kind.SUPPLIER).exists():
            raise Http404
        html = render_to_string(
            "inquiries/_response_metrics.html",
            {"metrics": selectors.response_metrics(company_id), "compact": compact},
            request=request,
        )
        cache.set(key, html, METRICS_CACHE_SECONDS)
    return HttpResponse(html)


# --- starting an inquiry --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def new_inquiry(request):
    """From a product page (``?product=``) or a storefront (``?supplier=<slug>``)."""
    product = None
    supplier = None
    product_ids: list[int] = []
    raw_product = request.GET.get("product") or request.POST.get("product")
    raw_products = request.GET.getlist("products") or request.POST.getlist("products")
    if raw_product:
        product = catalog_selectors.live_product(raw_product)
        supplier = product.supplier
        product_ids = [product.pk]
    elif raw_products:  # from the comparison: several products of one supplier
        chosen = [catalog_selectors.live_product(p) for p in raw_products[:20]]
        supplier = chosen[0].supplier
        product_ids = [p.pk for p in chosen]
        product = chosen[0]
    else:
        slug = request.GET.get("supplier") or request.POST.get("supplier") or ""
        supplier = catalog_selectors.storefront(slug)
    membership = acting(request)
    if membership.company.kind not in services.BUYING_KINDS:
        raise PermissionDenied(
            _("Only buyer and agent companies send inquiries to suppliers."), code="not_a_buyer"
        )
    initial = {
        "currency": membership.company.default_currency,
        "destination_country": membership.company.country.code,
        "quantity": product.moq if product else None,
    }
    form = InquiryForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                message = services.start_inquiry(
                    membership,
                    services.InquiryInput(
                        supplier_id=supplier.pk,
                        product_ids=product_ids,
                        quantity=data["quantity"],
                        target_price=data["target_price"],
                        currency=data["currency"],
                        destination_country=data["destination_country"],
                        customization=data["customization"],
                        message=data["message"],
                    ),
                    request.FILES.getlist("files"),
                    request=request,
                )
            except DomainError as exc:
                if not _on_form(exc) and exc.status != 404:
                    raise
                apply_domain_error(form, exc, default_field="message")
                status = form_status(exc)
            else:
                flash.success(request, _("Your inquiry is on its way."))
                return redirect(
                    reverse("inquiries:conversation", args=[message.conversation_id]) + "#latest"
                )
        else:
            status = 400
    context = {
        "form": form,
        "product": product,
        "product_ids": product_ids,
        "supplier": supplier,
        "blocked": selectors.is_blocked(membership.company_id, supplier.pk),
    }
    return render(request, "inquiries/new.html", context, status=status)
