"""Every write to the catalog: products with their tiers, lead times, variants,
customizations, translations and images; moderation; favourites.

The web form, the API and the spreadsheet import all build a ``ProductInput`` and
call ``save_product``: one rulebook for all three.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require, require_operator
from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Company, Membership
from tradeloom.catalog import rules
from tradeloom.catalog.lifecycle import transition
from tradeloom.catalog.models import (
    LANGS,
    Attribute,
    Category,
    CustomizationOption,
    Favourite,
    LeadTime,
    PriceTier,
    Product,
    ProductGroup,
    ProductImage,
    ProductTranslation,
    Variant,
)
from tradeloom.core.errors import Conflict, DomainError, NotFound
from tradeloom.core.events import record_event
from tradeloom.core.images import normalise_image

MAX_IMAGES = 12
MAX_VARIANTS = 200
CONTENT_FIELDS = ("category_id", "attributes", "default_language")
COMMERCIAL_FIELDS = (
    "unit",
    "moq",
    "order_increment",
    "price_mode",
    "currency",
    "fob_min_minor",
    "fob_max_minor",
    "supply_capacity_month",
    "port_of_loading",
    "hs_code",
    "units_per_carton",
    "carton_length_cm",
    "carton_width_cm",
    "carton_height_cm",
    "carton_gross_weight_kg",
    "samples_available",
    "sample_price_minor",
    "sample_lead_days",
    "ready_to_ship",
    "stock_quantity",
    "group_id",
)


@dataclass
class TranslationInput:
    language: str
    title: str
    description: str = ""
    keywords: str = ""


@dataclass
class VariantInput:
    sku: str
    options: dict[str, str] = field(default_factory=dict)
    price_override_minor: int | None = None


@dataclass
class CustomizationInput:
    kind: str
    moq: int
    surcharge_minor: int = 0
    note: str = ""


@dataclass
class ProductInput:
    """A whole product as a supplier describes it; validated by ``save_product``."""

    category_id: int
    translations: list[TranslationInput]
    default_language: str = "en"
    attributes: dict[str, Any] = field(default_factory=dict)
    unit: str = Product.Unit.PIECE
    moq: int = 1
    order_increment: int = 1
    price_mode: str = Product.PriceMode.TIERS
    currency: str = "USD"
    tiers: list[rules.TierInput] = field(default_factory=list)
    fob_min_minor: int | None = None
    fob_max_minor: int | None = None
    lead_times: list[rules.LeadTimeInput] = field(default_factory=list)
    variants: list[VariantInput] = field(default_factory=list)
    customizations: list[CustomizationInput] = field(default_factory=list)
    supply_capacity_month: int | None = None
    port_of_loading: str = ""
    hs_code: str = ""
    units_per_carton: int | None = None
    carton_length_cm: Any = None
    carton_width_cm: Any = None
    carton_height_cm: Any = None
    carton_gross_weight_kg: Any = None
    samples_available: bool = False
    sample_price_minor: int | None = None
    sample_lead_days: int | None = None
    ready_to_ship: bool = False
    stock_quantity: int = 0
    group_id: int | None = None
    external_ref: str | None = None  # the supplier's own product code; None leaves it as is


# --- reading the acting supplier's own product --------------------------------------


def own_product(membership: Membership, product_id, *, lock: bool = False) -> Product:
    """A product of the acting supplier; another company's product does not exist here."""
    try:
        product_id = int(product_id)
    except (TypeError, ValueError):
        raise NotFound(_("No such product."))
    qs = Product.objects.filter(supplier_id=membership.company_id, pk=product_id)
    product = (qs.select_for_update() if lock else qs).first()
    if product is None:
        raise NotFound(_("No such product."))
    return product


def _require_supplier(membership: Membership, request=None) -> None:
    require(membership, "catalog.manage", request=request)
    if membership.company.kind != Company.Kind.SUPPLIER:
        raise DomainError(
            _("Only supplier companies list products."), code="not_a_supplier", status=403
        )


# --- validation --------------------------------------------------------------------------


def _category(category_id) -> Category:
    category = (
        Category.objects.filter(pk=category_id).first() if str(category_id).isdigit() else None
    )
    if category is None:
        raise rules.invalid("category", _("Choose a category."), "invalid_category")
    if not category.is_leaf:
        raise rules.invalid(
            "category", _("Choose the most specific category."), "category_not_leaf"
        )
    return category


def category_attributes(category: Category, codes=None) -> dict[str, Attribute]:
    """The attributes a category declares or inherits, by code (nearest declaration wins);
    only those of ``codes`` when given."""
    slugs = category.path.strip("/").split("/")
    found: dict[str, Attribute] = {}
    declared = Attribute.objects.filter(category__slug__in=slugs)
    if codes is not None:
        declared = declared.filter(code__in=list(codes))
    by_depth = (
        declared.select_related("category")
        .prefetch_related("values")
        .order_by("-category__depth", "position")
    )
    for attribute in by_depth:
        found.setdefault(attribute.code, attribute)
    return found


def _attributes(category: Category, raw: dict[str, Any]) -> dict[str, Any]:
    declared = category_attributes(category, codes=raw.keys()) if raw else {}
    clean: dict[str, Any] = {}
    for code, value in (raw or {}).items():
        attribute = declared.get(code)
        if attribute is None:
            raise rules.invalid(
                "attributes",
                _("Unknown attribute: %(code)s") % {"code": code},
                "unknown_attribute",
                attribute=code,
            )
        if value in (None, "", []):
            continue
        allowed = {v.code for v in attribute.values.all()}
        kind = attribute.kind
        if kind == Attribute.Kind.CHOICE:
            if value not in allowed:
                raise rules.invalid(
                    "attributes",
                    _("“%(value)s” is not a choice for %(name)s.")
                    % {"value": value, "name": attribute.name()},
                    "invalid_attribute_value",
                    attribute=code,
                )
        elif kind == Attribute.Kind.MULTI:
            values = (
                value if isinstance(value, list) else [v.strip() for v in str(value).split("|")]
            )
            bad = [v for v in values if v not in allowed]
            if bad:
                raise rules.invalid(
                    "attributes",
                    _("“%(value)s” is not a choice for %(name)s.")
                    % {"value": bad[0], "name": attribute.name()},
                    "invalid_attribute_value",
                    attribute=code,
                )
            value = list(dict.fromkeys(values))
        elif kind == Attribute.Kind.NUMBER:
            try:
                value = float(value) if "." in str(value) else int(value)
            except (TypeError, ValueError):
                raise rules.invalid(
                    "attributes",
                    _("%(name)s must be a number.") % {"name": attribute.name()},
                    "invalid_attribute_value",
                    attribute=code,
                )
        elif kind == Attribute.Kind.BOOL:
            value = str(value).strip().lower() in {"1", "true", "yes", "y", "on"}
        else:
            value = str(value).strip()[:200]
        clean[code] = value
    return clean


MAX_DESCRIPTION = 20_000  # characters of cleaned rich text


def _translations(rows: list[TranslationInput], default_language: str) -> list[TranslationInput]:
    clean: dict[str, TranslationInput] = {}
    for row in rows:
        language = (row.language or "").strip().lower()
        if language not in LANGS:
            raise rules.invalid(
                "language", _("Write in English, Japanese or Chinese."), "invalid_language"
            )
        title = (row.title or "").strip()
        if not title:
            continue
        if len(title) > 200:
            raise rules.invalid("title", _("Keep the title under 200 characters."), "too_long")
        description = rules.rich_text(row.description)
        if len(description) > MAX_DESCRIPTION:
            raise rules.invalid(
                "description",
                _("Keep the description under %(n)s characters.") % {"n": f"{MAX_DESCRIPTION:,}"},
                "too_long",
            )
        clean[language] = TranslationInput(
            language,
            title,
            description,
            (row.keywords or "").strip()[:400],
        )
    if default_language not in clean:
        raise rules.invalid(
            "title", _("Give the product a title in its main language."), "title_required"
        )
    return list(clean.values())


def _validated(membership: Membership, data: ProductInput) -> tuple[Category, dict[str, Any]]:
    category = _category(data.category_id)
    currency = rules.currency(data.currency)
    moq, step = rules.moq_and_increment(data.moq, data.order_increment)
    if data.unit not in Product.Unit.values:
        raise rules.invalid("unit", _("Choose a selling unit."), "invalid_unit")
    if data.price_mode not in Product.PriceMode.values:
        raise rules.invalid("price_mode", _("Choose how the price is set."), "invalid_price_mode")
    if data.price_mode == Product.PriceMode.TIERS:
        rules.tiers(data.tiers, moq)
    # Checked in both price modes: the database refuses a reversed range either way.
    if (
        data.fob_min_minor is not None
        and data.fob_max_minor is not None
        and data.fob_min_minor > data.fob_max_minor
    ):
        raise rules.invalid("fob_min", _("The lowest price is above the highest."), "fob_range")
    rules.lead_times(data.lead_times)
    if len(data.variants) > MAX_VARIANTS:
        raise rules.invalid(
            "variants", _("Use at most %(n)s variants.") % {"n": MAX_VARIANTS}, "too_many_variants"
        )
    skus = [v.sku.strip() for v in data.variants]
    if any(not s or len(s) > 64 for s in skus):
        raise rules.invalid(
            "variants", _("Every variant needs a SKU of up to 64 characters."), "invalid_sku"
        )
    if len(set(skus)) != len(skus):
        raise rules.invalid("variants", _("Each SKU may appear once."), "duplicate_sku")
    kinds = [c.kind for c in data.customizations]
    if any(k not in CustomizationOption.Kind.values for k in kinds) or len(set(kinds)) != len(
        kinds
    ):
        raise rules.invalid(
            "customizations", _("Choose each customization once."), "invalid_customization"
        )
    if (
        data.group_id is not None
        and not ProductGroup.objects.filter(
            pk=data.group_id, supplier_id=membership.company_id
        ).exists()
    ):
        raise rules.invalid("group", _("Choose one of your product groups."), "invalid_group")
    if data.sample_price_minor is not None and data.sample_price_minor < 0:
        raise rules.invalid(
            "sample_price", _("The price must be more than zero."), "price_not_positive"
        )
    fields = {
        "category_id": category.pk,
        "default_language": data.default_language,
        "attributes": _attributes(category, data.attributes),
        "unit": data.unit,
        "moq": moq,
        "order_increment": step,
        "price_mode": data.price_mode,
        "currency": currency,
        "fob_min_minor": data.fob_min_minor,
        "fob_max_minor": data.fob_max_minor,
        "supply_capacity_month": data.supply_capacity_month,
        "port_of_loading": (data.port_of_loading or "").strip()[:80],
        "hs_code": (data.hs_code or "").strip()[:12],
        "units_per_carton": data.units_per_carton,
        "carton_length_cm": data.carton_length_cm,
        "carton_width_cm": data.carton_width_cm,
        "carton_height_cm": data.carton_height_cm,
        "carton_gross_weight_kg": data.carton_gross_weight_kg,
        "samples_available": bool(data.samples_available),
        "sample_price_minor": data.sample_price_minor if data.samples_available else None,
        "sample_lead_days": data.sample_lead_days if data.samples_available else None,
        "ready_to_ship": bool(data.ready_to_ship),
        "stock_quantity": max(int(data.stock_quantity or 0), 0),
        "group_id": data.group_id,
    }
    if data.external_ref is not None:
        fields["external_ref"] = data.external_ref.strip()[:64]
    return category, fields


# --- saving --------------------------------------------------------------------------------


def _content_signature(product: Product) -> tuple:
    texts = tuple(
        product.translations.order_by("language").values_list(
            "language", "title", "description", "keywords"
        )
    )
    return (
        product.category_id,
        repr(sorted(product.attributes.items())),
        product.default_language,
        texts,
    )


def save_product(
    membership: Membership, data: ProductInput, *, product_id=None, request=None
) -> Product:
    """Create or replace a product with everything it holds, all or nothing.

    A content change to a live or hidden listing sends it back to review.
    """
    _require_supplier(membership, request)
    data.translations = _translations(data.translations, (data.default_language or "en").lower())
    data.default_language = (data.default_language or "en").lower()
    _category_obj, fields = _validated(membership, data)
    now = timezone.now()
    try:
        with transaction.atomic():
            if product_id is None:
                product = Product.objects.create(
                    supplier=membership.company, created_at=now, updated_at=now, **fields
                )
                before = None
            else:
                product = own_product(membership, product_id, lock=True)
                before = _content_signature(product)
                Product.objects.filter(pk=product.pk).update(updated_at=now, **fields)
                product.refresh_from_db()
            _replace_children(membership, product, data, created=before is None)
            content_changed = before is not None and before != _content_signature(product)
            if content_changed and product.status in (Product.Status.LIVE, Product.Status.HIDDEN):
                transition(
                    product,
                    Product.Status.PENDING,
                    party="system",
                    actor=membership.user,
                    reason="content edited",
                )
            record_event(
                "product.saved",
                {"product_id": product.pk, "created": before is None},
                company=membership.company,
                actor=membership.user,
            )
    except IntegrityError:
        raise Conflict(
            _("Another of your products already uses one of these SKUs."),
            code="duplicate_sku",
            details={"field": "variants"},
        )
    return product


def _replace_children(
    membership: Membership, product: Product, data: ProductInput, *, created: bool = False
) -> None:
    if not created:  # a new product has no children to replace
        for children in (
            product.translations,
            product.tiers,
            product.lead_times,
            product.customizations,
        ):
            children.all().delete()
    ProductTranslation.objects.bulk_create(
        ProductTranslation(
            product=product,
            language=t.language,
            title=t.title,
            description=t.description,
            keywords=t.keywords,
        )
        for t in data.translations
    )
    if data.price_mode == Product.PriceMode.TIERS:
        PriceTier.objects.bulk_create(
            PriceTier(
                product=product,
                min_quantity=t.min_quantity,
                max_quantity=t.max_quantity,
                unit_price_minor=t.unit_price_minor,
            )
            for t in sorted(data.tiers, key=lambda t: t.min_quantity)
        )
    LeadTime.objects.bulk_create(
        LeadTime(product=product, max_quantity=row.max_quantity, days=row.days)
        for row in data.lead_times
    )
    CustomizationOption.objects.bulk_create(
        CustomizationOption(
            product=product,
            kind=c.kind,
            moq=c.moq,
            surcharge_minor=c.surcharge_minor,
            note=(c.note or "")[:200],
        )
        for c in data.customizations
    )
    # Variants are matched by SKU so their ids (referenced by later orders) survive edits.
    existing = {} if created else {v.sku: v for v in product.variants.all()}
    keep = set()
    new = []
    for position, row in enumerate(data.variants):
        sku = row.sku.strip()
        keep.add(sku)
        options = {str(k)[:30]: str(v)[:60] for k, v in (row.options or {}).items()}
        if sku in existing:
            Variant.objects.filter(pk=existing[sku].pk).update(
                options=options, price_override_minor=row.price_override_minor, position=position
            )
        else:
            new.append(
                Variant(
                    product=product,
                    supplier=membership.company,
                    sku=sku,
                    options=options,
                    price_override_minor=row.price_override_minor,
                    position=position,
                )
            )
    if not created:
        product.variants.exclude(sku__in=keep).delete()
    Variant.objects.bulk_create(new)


# --- images ---------------------------------------------------------------------------------


def add_image(
    membership: Membership, product_id, upload, *, alt: str = "", request=None
) -> ProductImage:
    _require_supplier(membership, request)
    full = normalise_image(
        upload, max_bytes=settings.MAX_PRODUCT_IMAGE_BYTES, max_side=1600, name="product"
    )
    upload.seek(0)
    thumb = normalise_image(
        upload, max_bytes=settings.MAX_PRODUCT_IMAGE_BYTES, max_side=400, name="product-thumb"
    )
    with transaction.atomic():
        product = own_product(membership, product_id, lock=True)
        count = product.images.count()
        if count >= MAX_IMAGES:
            raise rules.invalid(
                "image",
                _("A product can have at most %(n)s images.") % {"n": MAX_IMAGES},
                "too_many_images",
            )
        image = ProductImage(product=product, alt=(alt or "").strip()[:200], position=count)
        image.image.save(full.name, full, save=False)
        image.thumbnail.save(thumb.name, thumb, save=False)
        image.save()
        Product.objects.filter(pk=product.pk).update(updated_at=timezone.now())
        if product.status in (Product.Status.LIVE, Product.Status.HIDDEN):
            # A new picture is new content: it is reviewed like an edited title.
            transition(
                product,
                Product.Status.PENDING,
                party="system",
                actor=membership.user,
                reason="image added",
            )
        record_event(
            "product.saved",
            {"product_id": product.pk, "created": False},
            company=membership.company,
            actor=membership.user,
        )
    return image


def set_image_alt(
    membership: Membership, product_id, image_id, alt: str, *, request=None
) -> ProductImage:
    """Describe an image for people who cannot see it (and for search)."""
    _require_supplier(membership, request)
    with transaction.atomic():
        product = own_product(membership, product_id, lock=True)
        image = product.images.filter(pk=image_id).first()
        if image is None:
            raise NotFound(_("No such image."))
        image.alt = (alt or "").strip()[:200]
        image.save(update_fields=["alt"])
        _touch(image.product_id)
    return image


def remove_image(membership: Membership, product_id, image_id, *, request=None) -> None:
    _require_supplier(membership, request)
    with transaction.atomic():
        product = own_product(membership, product_id, lock=True)
        image = product.images.filter(pk=image_id).first()
        if image is None:
            raise NotFound(_("No such image."))
        files = [image.image, image.thumbnail]
        image.delete()
        for position, pk in enumerate(product.images.values_list("pk", flat=True)):
            ProductImage.objects.filter(pk=pk).update(position=position)
        _touch(product.pk)
    for f in files:
        f.storage.delete(f.name)


def reorder_images(
    membership: Membership, product_id, image_ids: list[int], *, request=None
) -> None:
    _require_supplier(membership, request)
    with transaction.atomic():
        product = own_product(membership, product_id, lock=True)
        current = set(product.images.values_list("pk", flat=True))
        if set(image_ids) != current or len(image_ids) != len(current):
            raise rules.invalid(
                "images", _("List every image of the product once."), "invalid_order"
            )
        for position, pk in enumerate(image_ids):
            ProductImage.objects.filter(pk=pk).update(position=position)
        _touch(product.pk)


def _touch(product_id: int) -> None:
    """A new version for pages cached by ``updated_at`` (pictures are not reviewed content)."""
    Product.objects.filter(pk=product_id).update(updated_at=timezone.now())


# --- lifecycle --------------------------------------------------------------------------------


def submit_for_review(membership: Membership, product_id, *, request=None) -> Product:
    _require_supplier(membership, request)
    product = own_product(membership, product_id)
    if product.price_mode == Product.PriceMode.TIERS and not product.tiers.exists():
        raise DomainError(_("Add price tiers before submitting."), code="tiers_required")
    return transition(product, Product.Status.PENDING, party="supplier", actor=membership.user)


def withdraw(membership: Membership, product_id, *, request=None) -> Product:
    _require_supplier(membership, request)
    return transition(
        own_product(membership, product_id),
        Product.Status.DRAFT,
        party="supplier",
        actor=membership.user,
    )


def hide(membership: Membership, product_id, *, request=None) -> Product:
    _require_supplier(membership, request)
    return transition(
        own_product(membership, product_id),
        Product.Status.HIDDEN,
        party="supplier",
        actor=membership.user,
    )


def unhide(membership: Membership, product_id, *, request=None) -> Product:
    _require_supplier(membership, request)
    return transition(
        own_product(membership, product_id),
        Product.Status.LIVE,
        party="supplier",
        actor=membership.user,
    )


def delete_draft(membership: Membership, product_id, *, request=None) -> None:
    """Delete a draft for good, with its images. A listing in any other status may have
    been seen, favourited or linked to: it is withdrawn or hidden instead."""
    _require_supplier(membership, request)
    with transaction.atomic():
        product = own_product(membership, product_id, lock=True)
        if product.status != Product.Status.DRAFT:
            raise Conflict(
                _("Only drafts can be deleted; hide or withdraw the listing instead."),
                code="not_a_draft",
                details={"status": product.status},
            )
        files = [f for image in product.images.all() for f in (image.image, image.thumbnail)]
        audit(
            "product.deleted",
            actor=membership.user,
            company=membership.company,
            obj=product,
            request=request,
        )
        record_event(
            "product.deleted",
            {"product_id": product.pk},
            company=membership.company,
            actor=membership.user,
        )
        product.delete()
    for f in files:
        f.storage.delete(f.name)


def moderate(operator, product_id, decision: str, reason: str = "", *, request=None) -> Product:
    """An operator approves a pending listing or rejects it with a reason."""
    require_operator(operator, request=request)
    product = Product.objects.filter(pk=product_id).select_related("supplier").first()
    if product is None:
        raise NotFound(_("No such product."))
    if decision == "approve":
        target = Product.Status.LIVE
    elif decision == "reject":
        target = Product.Status.REJECTED
        reason = (reason or "").strip()
        if not reason:
            raise rules.invalid(
                "reason", _("Tell the supplier why the listing is rejected."), "reason_required"
            )
    else:
        raise rules.invalid("decision", _("Approve or reject."), "invalid_decision")
    product = transition(product, target, party="operator", actor=operator, reason=reason[:2000])
    audit(
        f"product.{decision}d",
        actor=operator,
        company=product.supplier,
        obj=product,
        request=request,
        details={"reason": reason[:200]},
    )
    return product


# --- product groups and favourites -----------------------------------------------------------


def create_group(membership: Membership, name: str, *, request=None) -> ProductGroup:
    _require_supplier(membership, request)
    name = (name or "").strip()[:80]
    if not name:
        raise rules.invalid("name", _("Give the group a name."), "required")
    group, _created = ProductGroup.objects.get_or_create(
        supplier=membership.company,
        name=name,
        defaults={"position": ProductGroup.objects.filter(supplier=membership.company).count()},
    )
    return group


def set_favourite(user, product_id, on: bool) -> bool:
    """Add a live product to the user's favourites, or remove any product from them (a
    listing hidden since it was kept can still be let go); returns the new state."""
    if not on:
        removed = Favourite.objects.filter(user=user, product_id=product_id).delete()[0]
        if (
            not removed
            and not Product.objects.filter(pk=product_id, status=Product.Status.LIVE).exists()
        ):
            raise NotFound(_("No such product."))
        return False
    product = Product.objects.filter(pk=product_id, status=Product.Status.LIVE).first()
    if product is None:
        raise NotFound(_("No such product."))
    Favourite.objects.get_or_create(user=user, product=product)
    return True
