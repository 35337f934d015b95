"""A product's images: upload several at once, describe, reorder, delete."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tradeloom.catalog import selectors, services
from tradeloom.catalog.forms import ImageAltForm, ImageUploadForm
from tradeloom.catalog.models import Product
from tradeloom.catalog.views.common import supplier_membership
from tradeloom.catalog.views.manage import editor_page
from tradeloom.core.errors import DomainError, NotFound
from tradeloom.core.images import normalise_image
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import apply_domain_error, form_status


def _back(pk: int):
    return redirect(reverse("catalog:product_edit", args=[pk]) + "#images")


@login_required
@require_POST
@handles_domain_errors
def upload_images(request, pk: int):
    """Add every chosen image, or none: all files are checked before the first is stored."""
    membership = supplier_membership(request)
    product = selectors.own_product_detail(membership, pk, request=request)
    form = ImageUploadForm(request.POST, request.FILES)

    def refused(exc: DomainError | None = None):
        if exc is not None:
            apply_domain_error(form, exc, default_field="images")
        return editor_page(request, membership, product, upload_form=form, status=form_status(exc))

    if not form.is_valid():
        return refused()
    uploads = form.cleaned_data["images"]
    room = services.MAX_IMAGES - len(product.images.all())
    if len(uploads) > room:
        form.add_error(
            "images",
            _("A product can have at most %(n)s images.") % {"n": services.MAX_IMAGES},
        )
        return refused()
    for upload in uploads:
        try:
            # The same check the service makes, run on every file before any is saved.
            normalise_image(
                upload, max_bytes=settings.MAX_PRODUCT_IMAGE_BYTES, max_side=64, name="check"
            )
        except DomainError as exc:
            form.add_error("images", f"{upload.name}: {exc.message}")
            return refused()
        upload.seek(0)
    try:
        for upload in uploads:
            services.add_image(
                membership, pk, upload, alt=form.cleaned_data["alt"], request=request
            )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        return refused(exc)
    messages.success(
        request,
        ngettext("%(n)s image added.", "%(n)s images added.", len(uploads)) % {"n": len(uploads)},
    )
    if product.status in (Product.Status.LIVE, Product.Status.HIDDEN):
        messages.info(request, _("New images are reviewed: the listing is back in review."))
    return _back(pk)


@login_required
@require_POST
@handles_domain_errors
def move_image(request, pk: int, image_id: int):
    membership = supplier_membership(request)
    product = selectors.own_product_detail(membership, pk, request=request)
    order = [image.pk for image in product.images.all()]
    if image_id not in order:
        raise NotFound(_("No such image."))
    i = order.index(image_id)
    j = i - 1 if request.POST.get("direction") == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
        services.reorder_images(membership, pk, order, request=request)
    return _back(pk)


@login_required
@require_POST
@handles_domain_errors
def delete_image(request, pk: int, image_id: int):
    membership = supplier_membership(request)
    services.remove_image(membership, pk, image_id, request=request)
    messages.success(request, _("The image is deleted."))
    return _back(pk)


@login_required
@require_POST
@handles_domain_errors
def describe_image(request, pk: int, image_id: int):
    membership = supplier_membership(request)
    form = ImageAltForm(request.POST, prefix=f"img{image_id}")
    if form.is_valid():
        services.set_image_alt(membership, pk, image_id, form.cleaned_data["alt"], request=request)
        messages.success(request, _("The image description is saved."))
    return _back(pk)
