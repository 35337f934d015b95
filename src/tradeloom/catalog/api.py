"""REST API of the catalog: a supplier's products, images and groups, and the
operators' moderation. The public catalogue, storefronts, categories, price quotes and
favourites are in ``api_public``, import jobs in ``api_imports``; ``router`` holds all.

Handlers are thin: find the acting membership, authorise, convert the body
(``api_convert``), call a service or selector, render. Everything a supplier writes
goes through ``services.save_product`` and the other catalog services, so the API
answers bad input with the same codes as the web form and the import.
"""

from __future__ import annotations

from ninja import File, Form, Query, Router, UploadedFile

from tradeloom.accounts.access import require, require_operator
from tradeloom.accounts.models import Membership
from tradeloom.api.auth import acting, caller
from tradeloom.api.schemas import COMPANY, OPERATOR, ObjectId, errors
from tradeloom.catalog import api_convert as convert
from tradeloom.catalog import selectors, services
from tradeloom.catalog.api_imports import router as imports_router
from tradeloom.catalog.api_public import router as public_router
from tradeloom.catalog.api_schemas import (
    CustomizationsIn,
    GroupIn,
    GroupOut,
    ImageAltIn,
    ImageOrderIn,
    ImageOut,
    LeadTimesIn,
    ModerationItem,
    OwnProductOut,
    OwnProductPage,
    OwnProductsQuery,
    PageQuery,
    ProductIn,
    RejectIn,
    TiersIn,
    VariantsIn,
)
from tradeloom.catalog.models import Product, ProductGroup

router = Router()

PRODUCT = "/companies/{company_id}/products/{product_id}"


def _catalog_member(request, company_id: int) -> Membership:
    """The caller's membership in the company of the path, allowed to manage its catalog."""
    return require(acting(request, company_id), "catalog.manage", request=request)


def _own_detail(request, membership: Membership, product_id: int) -> dict:
    product = selectors.own_product_detail(membership, product_id, request=request)
    return convert.detail(product, request, own=True)


# --- a supplier's products ------------------------------------------------------------------------


@router.get(
    "/companies/{company_id}/products",
    response={200: OwnProductPage, **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="The company's products in every status, newest change first (catalog.manage)",
)
def list_own_products(request, company_id: ObjectId, filters: Query[OwnProductsQuery]):
    membership = acting(request, company_id)
    products = selectors.own_products(
        membership, status=filters.status or "", request=request
    ).select_related("supplier")
    return convert.page(products, filters, lambda p: convert.card(p, request, own=True))


@router.post(
    "/companies/{company_id}/products",
    response={201: OwnProductOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Create a product as a draft, with tiers, lead times and variants (catalog.manage)",
)
def create_product(request, company_id: ObjectId, payload: ProductIn):
    membership = _catalog_member(request, company_id)
    product = services.save_product(membership, convert.product_input(payload), request=request)
    return 201, _own_detail(request, membership, product.pk)


@router.get(
    PRODUCT,
    response={200: OwnProductOut, **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="One of the company's products, in any status (catalog.manage)",
)
def get_own_product(request, company_id: ObjectId, product_id: ObjectId):
    return _own_detail(request, acting(request, company_id), product_id)


@router.put(
    PRODUCT,
    response={200: OwnProductOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Replace a product with the body; a content change sends a live listing back "
    "to review (catalog.manage)",
)
def replace_product(request, company_id: ObjectId, product_id: ObjectId, payload: ProductIn):
    membership = _catalog_member(request, company_id)
    services.own_product(membership, product_id)  # another company's id: 404 before any check
    services.save_product(
        membership, convert.product_input(payload), product_id=product_id, request=request
    )
    return _own_detail(request, membership, product_id)


@router.delete(
    PRODUCT,
    response={204: None, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Delete a draft for good; listings that were submitted are withdrawn or hidden "
    "instead (catalog.manage)",
)
def delete_product(request, company_id: ObjectId, product_id: ObjectId):
    services.delete_draft(acting(request, company_id), product_id, request=request)
    return 204, None


def _replace_part(request, company_id: int, product_id: int, change) -> dict:
    """Save the product with one part replaced and everything else as stored."""
    membership = _catalog_member(request, company_id)
    product = selectors.own_product_detail(membership, product_id, request=request)
    data = convert.stored_input(product)
    change(data, product.currency)
    services.save_product(membership, data, product_id=product.pk, request=request)
    return _own_detail(request, membership, product.pk)


@router.put(
    PRODUCT + "/tiers",
    response={200: OwnProductOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Replace the price tiers; the product is then priced by tiers (catalog.manage)",
)
def replace_tiers(request, company_id: ObjectId, product_id: ObjectId, payload: TiersIn):
    def change(data, currency):
        data.tiers = convert.tiers_input(payload.tiers, currency)
        data.price_mode = Product.PriceMode.TIERS

    return _replace_part(request, company_id, product_id, change)


@router.put(
    PRODUCT + "/lead-times",
    response={200: OwnProductOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Replace the lead-time table (catalog.manage)",
)
def replace_lead_times(request, company_id: ObjectId, product_id: ObjectId, payload: LeadTimesIn):
    def change(data, currency):
        data.lead_times = convert.lead_times_input(payload.lead_times)

    return _replace_part(request, company_id, product_id, change)


@router.put(
    PRODUCT + "/variants",
    response={200: OwnProductOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Replace the variants; a SKU kept keeps its id (catalog.manage)",
)
def replace_variants(request, company_id: ObjectId, product_id: ObjectId, payload: VariantsIn):
    def change(data, currency):
        data.variants = convert.variants_input(payload.variants, currency)

    return _replace_part(request, company_id, product_id, change)


@router.put(
    PRODUCT + "/customizations",
    response={200: OwnProductOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Replace the customization options (catalog.manage)",
)
def replace_customizations(
    request, company_id: ObjectId, product_id: ObjectId, payload: CustomizationsIn
):
    def change(data, currency):
        data.customizations = convert.customizations_input(payload.customizations, currency)

    return _replace_part(request, company_id, product_id, change)


# --- lifecycle ------------------------------------------------------------------------------------


def _lifecycle(request, company_id: int, product_id: int, action) -> dict:
    membership = acting(request, company_id)
    action(membership, product_id, request=request)
    return _own_detail(request, membership, product_id)


@router.post(
    PRODUCT + "/submit",
    response={200: OwnProductOut, **errors(400, 403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Submit a draft or rejected listing for review (catalog.manage)",
)
def submit_product(request, company_id: ObjectId, product_id: ObjectId):
    return _lifecycle(request, company_id, product_id, services.submit_for_review)


@router.post(
    PRODUCT + "/withdraw",
    response={200: OwnProductOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Take a listing out of review (or a rejected one) back to draft (catalog.manage)",
)
def withdraw_product(request, company_id: ObjectId, product_id: ObjectId):
    return _lifecycle(request, company_id, product_id, services.withdraw)


@router.post(
    PRODUCT + "/hide",
    response={200: OwnProductOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Hide a live listing from buyers (catalog.manage)",
)
def hide_product(request, company_id: ObjectId, product_id: ObjectId):
    return _lifecycle(request, company_id, product_id, services.hide)


@router.post(
    PRODUCT + "/unhide",
    response={200: OwnProductOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Show a hidden listing again, unchanged since approval (catalog.manage)",
)
def unhide_product(request, company_id: ObjectId, product_id: ObjectId):
    return _lifecycle(request, company_id, product_id, services.unhide)


# --- images ---------------------------------------------------------------------------------------


def _images(request, membership: Membership, product_id: int) -> list[dict]:
    product = selectors.own_product_detail(membership, product_id, request=request)
    return [convert.image(i, request) for i in product.images.all()]


@router.get(
    PRODUCT + "/images",
    response={200: list[ImageOut], **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="The product's images in order (catalog.manage)",
)
def list_images(request, company_id: ObjectId, product_id: ObjectId):
    return _images(request, acting(request, company_id), product_id)


@router.post(
    PRODUCT + "/images",
    response={201: ImageOut, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary=f"Add an image (JPEG, PNG, WebP or GIF; at most {services.MAX_IMAGES} per product); "
    "it is re-encoded and a thumbnail made (catalog.manage)",
)
def upload_image(
    request,
    company_id: ObjectId,
    product_id: ObjectId,
    image: File[UploadedFile],
    alt: str = Form(
        "",
        max_length=200,
        pattern=r"^[^\x00]*$",
        description="What the image shows, for screen readers.",
    ),
):
    membership = acting(request, company_id)
    row = services.add_image(membership, product_id, image, alt=alt, request=request)
    return 201, convert.image(row, request)


@router.put(
    PRODUCT + "/image-order",
    response={200: list[ImageOut], **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Put the images in a new order; the first is the main image (catalog.manage)",
)
def reorder_images(request, company_id: ObjectId, product_id: ObjectId, payload: ImageOrderIn):
    membership = acting(request, company_id)
    services.reorder_images(membership, product_id, payload.image_ids, request=request)
    return _images(request, membership, product_id)


@router.patch(
    PRODUCT + "/images/{image_id}",
    response={200: ImageOut, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Change what an image is described as (catalog.manage)",
)
def describe_image(
    request, company_id: ObjectId, product_id: ObjectId, image_id: ObjectId, payload: ImageAltIn
):
    membership = acting(request, company_id)
    row = services.set_image_alt(membership, product_id, image_id, payload.alt, request=request)
    return convert.image(row, request)


@router.delete(
    PRODUCT + "/images/{image_id}",
    response={204: None, **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Remove an image and its files (catalog.manage)",
)
def delete_image(request, company_id: ObjectId, product_id: ObjectId, image_id: ObjectId):
    services.remove_image(acting(request, company_id), product_id, image_id, request=request)
    return 204, None


# --- product groups -------------------------------------------------------------------------------


@router.get(
    "/companies/{company_id}/product-groups",
    response={200: list[GroupOut], **errors(403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="The company's product groups, as its storefront orders them (catalog.manage)",
)
def list_groups(request, company_id: ObjectId):
    membership = _catalog_member(request, company_id)
    return ProductGroup.objects.filter(supplier_id=membership.company_id)


@router.post(
    "/companies/{company_id}/product-groups",
    response={201: GroupOut, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    tags=["products"],
    summary="Create a product group; an existing name answers that group (catalog.manage)",
)
def create_group(request, company_id: ObjectId, payload: GroupIn):
    group = services.create_group(acting(request, company_id), payload.name, request=request)
    return 201, group


# --- moderation (operators) -----------------------------------------------------------------------


@router.get(
    "/moderation/products",
    response={200: list[ModerationItem], **errors(403)},
    openapi_extra=OPERATOR,
    tags=["moderation"],
    summary="Listings waiting for review, oldest first (operators)",
)
def moderation_queue(request, filters: Query[PageQuery]):
    require_operator(caller(request).user, request=request)
    queue = selectors.pending_review()[filters.offset : filters.offset + filters.limit]
    return [convert.card(p, request, own=True) for p in queue]


def _moderate(request, product_id: int, decision: str, reason: str = "") -> dict:
    product = services.moderate(caller(request).user, product_id, decision, reason, request=request)
    product = (
        Product.objects.filter(pk=product.pk)
        .select_related("supplier", "category")
        .prefetch_related("translations", "images", "tiers")
        .get()
    )
    return convert.card(product, request, own=True)


@router.post(
    "/moderation/products/{product_id}/approve",
    response={200: ModerationItem, **errors(403, 404, 409)},
    openapi_extra=OPERATOR,
    tags=["moderation"],
    summary="Approve a pending listing: it goes live (operators)",
)
def approve_product(request, product_id: ObjectId):
    return _moderate(request, product_id, "approve")


@router.post(
    "/moderation/products/{product_id}/reject",
    response={200: ModerationItem, **errors(400, 403, 404, 409)},
    openapi_extra=OPERATOR,
    tags=["moderation"],
    summary="Reject a pending listing (or take down a live one) with a reason (operators)",
)
def reject_product(request, product_id: ObjectId, payload: RejectIn):
    return _moderate(request, product_id, "reject", payload.reason)


router.add_router("", public_router)
router.add_router("", imports_router)
