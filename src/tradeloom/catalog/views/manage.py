"""A supplier's products: the list, the editor, and moving a listing through its lifecycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradeloom.catalog import selectors, services
from tradeloom.catalog.forms import (
    AttributesForm,
    GroupForm,
    ImageAltForm,
    ImageUploadForm,
    ProductEditor,
    category_path,
    leaf_category_choices,
)
from tradeloom.catalog.lifecycle import can_transition
from tradeloom.catalog.models import Category, Product
from tradeloom.catalog.views.common import own_groups, supplier_membership
from tradeloom.core.errors import DomainError
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import apply_domain_error, form_status

PER_PAGE = 25
S = Product.Status

# The buttons a supplier gets: (from, to) -> (the service that moves it, label, style).
ACTIONS = {
    (S.DRAFT, S.PENDING): (
        services.submit_for_review,
        gettext_lazy("Submit for review"),
        "primary",
    ),
    (S.REJECTED, S.PENDING): (services.submit_for_review, gettext_lazy("Submit again"), "primary"),
    (S.PENDING, S.DRAFT): (services.withdraw, gettext_lazy("Withdraw from review"), ""),
    (S.REJECTED, S.DRAFT): (services.withdraw, gettext_lazy("Back to draft"), ""),
    (S.LIVE, S.HIDDEN): (services.hide, gettext_lazy("Hide from buyers"), ""),
    (S.HIDDEN, S.LIVE): (services.unhide, gettext_lazy("Show to buyers again"), "primary"),
}
DONE = {
    S.PENDING: gettext_lazy("The product is waiting for review by the marketplace."),
    S.DRAFT: gettext_lazy("The product is a draft again."),
    S.HIDDEN: gettext_lazy("Buyers no longer see the product."),
    S.LIVE: gettext_lazy("Buyers see the product again."),
}
ROW_ACTIONS = ("refresh", "find-category", "add-tiers", "add-lead_times", "add-variants")


def lifecycle_actions(product: Product) -> list[dict]:
    return [
        {"target": target, "label": label, "style": style}
        for (current, target), (_service, label, style) in ACTIONS.items()
        if current == product.status and can_transition(current, target, "supplier")
    ]


# --- the list --------------------------------------------------------------------------------


def _list_page(request, membership, *, group_form=None, status: int = 200):
    current = request.GET.get("status", "")
    if current not in S.values:
        current = ""
    counts = dict(
        selectors.own_products(membership, request=request)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    tabs = [{"value": "", "label": _("All"), "count": sum(counts.values())}] + [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in S.choices
    ]
    products = selectors.own_products(membership, status=current, request=request).order_by(
        "-updated_at", "-id"
    )
    page = Paginator(products, PER_PAGE).get_page(request.GET.get("page"))
    groups = own_groups(membership)
    context = {
        "company": membership.company,
        "tabs": tabs,
        "current": current,
        "page": page,
        "groups": groups,
        "group_form": group_form or GroupForm(),
    }
    return render(request, "catalog/manage/list.html", context, status=status)


@login_required
@require_GET
@handles_domain_errors
def product_list(request):
    return _list_page(request, supplier_membership(request))


@login_required
@require_POST
@handles_domain_errors
def create_group(request):
    membership = supplier_membership(request)
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            group = services.create_group(membership, form.cleaned_data["name"], request=request)
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            apply_domain_error(form, exc, default_field="name")
        else:
            messages.success(request, _("The group “%(name)s” is ready.") % {"name": group.name})
            return redirect("catalog:products")
    return _list_page(request, membership, group_form=form, status=400)


# --- the editor --------------------------------------------------------------------------------


def editor_page(
    request,
    membership,
    product: Product | None,
    *,
    editor: ProductEditor | None = None,
    upload_form=None,
    status: int = 200,
):
    editor = editor or ProductEditor(product=product, groups=own_groups(membership))
    context = {
        "product": product,
        "editor": editor,
        "form": editor.form,
        "actions": lifecycle_actions(product) if product else [],
        "upload_form": upload_form or ImageUploadForm(),
        "images": [
            {
                "image": image,
                "form": ImageAltForm(initial={"alt": image.alt}, prefix=f"img{image.pk}"),
            }
            for image in (product.images.all() if product else [])
        ],
        "max_images": services.MAX_IMAGES,
        "category_label": category_path(editor.category) if editor.category else "",
    }
    return render(request, "catalog/manage/editor.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def product_edit(request, pk: int | None = None):
    """Create (no ``pk``) or edit a product; the whole product is saved in one go."""
    membership = supplier_membership(request)
    product = selectors.own_product_detail(membership, pk, request=request) if pk else None
    if request.method == "GET":
        return editor_page(request, membership, product)
    action = request.POST.get("action", "save")
    editor = ProductEditor(
        data=request.POST, product=product, groups=own_groups(membership), action=action
    )
    if action in ROW_ACTIONS:
        return editor_page(request, membership, product, editor=editor.quiet())
    data = editor.build()
    if data is None:
        return editor_page(request, membership, product, editor=editor, status=400)
    try:
        saved = services.save_product(membership, data, product_id=pk, request=request)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        editor.apply_error(exc)
        return editor_page(request, membership, product, editor=editor, status=form_status(exc))
    if action == "save-submit" and can_transition(saved.status, S.PENDING, "supplier"):
        try:
            services.submit_for_review(membership, saved.pk, request=request)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The product is saved and waits for review."))
            return redirect("catalog:product_edit", pk=saved.pk)
    if pk is None:
        messages.success(request, _("The product is saved as a draft. Add its images next."))
        return redirect(reverse("catalog:product_edit", args=[saved.pk]) + "#images")
    if saved.status == S.PENDING and product.status in (S.LIVE, S.HIDDEN):
        messages.info(
            request,
            _("The changes are saved. The listing goes back to review before buyers see them."),
        )
    else:
        messages.success(request, _("The product is saved."))
    return redirect("catalog:product_edit", pk=saved.pk)


@login_required
@require_POST
@handles_domain_errors
def product_status(request, pk: int):
    membership = supplier_membership(request)
    product = selectors.own_product_detail(membership, pk, request=request)
    target = request.POST.get("target", "")
    action = ACTIONS.get((product.status, target))
    if action is None:
        messages.error(request, _("This product cannot make that move now."))
        return redirect("catalog:product_edit", pk=pk)
    service = action[0]
    try:
        service(membership, pk, request=request)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, str(DONE[target]))
    return redirect("catalog:product_edit", pk=pk)


# --- htmx partials of the editor -------------------------------------------------------------


@login_required
@require_GET
@handles_domain_errors
def attribute_fields(request):
    """The attribute inputs of the chosen category, keeping values already typed."""
    supplier_membership(request)
    value = request.GET.get("category", "")
    category = (
        Category.objects.filter(pk=int(value), is_leaf=True).first() if value.isdigit() else None
    )
    attributes = services.category_attributes(category) if category else {}
    form = AttributesForm(
        attributes, initial=AttributesForm.initial_from_query(request.GET, attributes)
    )
    context = {"attributes_form": form, "category": category}
    return render(request, "catalog/manage/_attributes.html", context)


@login_required
@require_GET
@handles_domain_errors
def category_options(request):
    """The category picker's options narrowed to a search, keeping the current choice."""
    supplier_membership(request)
    choices = leaf_category_choices(request.GET.get("category_q", ""), request.GET.get("category"))
    context = {"choices": choices, "selected": request.GET.get("category", "")}
    return render(request, "catalog/manage/_category_options.html", context)
