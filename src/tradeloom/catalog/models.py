"""The supplier catalog: taxonomy, products, variants, price tiers, lead times, media.

Money is stored as integer minor units of the product's currency. Rules that the
database can hold are constraints here; the rest are checked in ``services``.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.core.money import Money

LANGS = ("en", "ja", "zh-hans")


def pick(names: dict, language: str | None = None) -> str:
    """The text for the viewer's language, falling back to English, then to any text."""
    language = (language or get_language() or "en").lower()
    return names.get(language) or names.get("en") or next(iter(names.values()), "")


class Category(models.Model):
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    slug = models.SlugField(max_length=80, unique=True)
    path = models.CharField(max_length=400, db_index=True)  # "apparel/sweaters/cashmere-fine/"
    depth = models.PositiveSmallIntegerField(default=0)
    names = models.JSONField(default=dict)  # {"en": ..., "ja": ..., "zh-hans": ...}
    synonyms = models.JSONField(default=dict, blank=True)  # {"en": [...], ...}
    position = models.PositiveIntegerField(default=0)
    is_leaf = models.BooleanField(default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return pick(self.names, language)

    def ancestors(self) -> list[Category]:
        slugs = self.path.strip("/").split("/")[:-1]
        found = {c.slug: c for c in Category.objects.filter(slug__in=slugs)}
        return [found[s] for s in slugs if s in found]


class Attribute(models.Model):
    class Kind(models.TextChoices):
        CHOICE = "choice", _("one of a list")
        MULTI = "multi", _("several of a list")
        NUMBER = "number", _("number")
        TEXT = "text", _("text")
        BOOL = "bool", _("yes or no")

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(max_length=60)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    unit = models.CharField(max_length=16, blank=True)
    names = models.JSONField(default=dict)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "code"], name="attribute_code_unique_per_category"
            )
        ]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return pick(self.names, language)


class AttributeValue(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="values")
    code = models.SlugField(max_length=60)
    names = models.JSONField(default=dict)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "code"], name="attribute_value_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return pick(self.names, language)


class SupplierProfile(models.Model):
    """The storefront facts of a supplier company."""

    class BusinessType(models.TextChoices):
        MANUFACTURER = "manufacturer", _("Manufacturer")
        TRADING = "trading", _("Trading company")
        BOTH = "both", _("Manufacturer and trading company")

    company = models.OneToOneField(
        "accounts.Company", on_delete=models.CASCADE, related_name="profile"
    )
    about = models.TextField(_("about"), blank=True)
    business_type = models.CharField(
        _("business type"),
        max_length=16,
        choices=BusinessType.choices,
        default=BusinessType.MANUFACTURER,
    )
    established_year = models.PositiveSmallIntegerField(_("established"), null=True, blank=True)
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    factory_area_m2 = models.PositiveIntegerField(_("factory area (m²)"), null=True, blank=True)
    annual_output = models.CharField(_("annual output"), max_length=120, blank=True)
    # [{"market": "North America", "share": 40}, ...] — shares in percent, summing to <= 100
    main_markets = models.JSONField(_("main markets"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.company}"


class Certification(models.Model):
    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="certifications"
    )
    name = models.CharField(_("name"), max_length=120)
    issuer = models.CharField(_("issued by"), max_length=120, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("certificate"), upload_to="certificates/%Y/%m/", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FactoryPhoto(models.Model):
    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="factory_photos"
    )
    image = models.ImageField(upload_to="factory/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.caption or f"photo {self.pk}"


class ProductGroup(models.Model):
    """A supplier's own grouping of products on its storefront."""

    supplier = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="product_groups"
    )
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "name"], name="product_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        LIVE = "live", _("Live")
        REJECTED = "rejected", _("Rejected")
        HIDDEN = "hidden", _("Hidden")

    class Unit(models.TextChoices):
        PIECE = "piece", _("pieces")
        PAIR = "pair", _("pairs")
        SET = "set", _("sets")
        DOZEN = "dozen", _("dozens")
        KG = "kg", _("kilograms")
        METRE = "metre", _("metres")
        YARD = "yard", _("yards")
        ROLL = "roll", _("rolls")
        CARTON = "carton", _("cartons")

    class PriceMode(models.TextChoices):
        TIERS = "tiers", _("Quantity tiers")
        ON_REQUEST = "on_request", _("Price on request")

    supplier = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="products"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    group = models.ForeignKey(
        ProductGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(blank=True)
    # The supplier's own code for the product ("product_ref" in spreadsheet imports).
    external_ref = models.CharField(_("product reference"), max_length=64, blank=True)
    default_language = models.CharField(max_length=10, default="en")
    attributes = models.JSONField(default=dict, blank=True)  # {code: value | [values]}

    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.PIECE)
    moq = models.PositiveIntegerField(_("minimum order quantity"), default=1)
    order_increment = models.PositiveIntegerField(_("order increment"), default=1)
    price_mode = models.CharField(max_length=12, choices=PriceMode.choices, default=PriceMode.TIERS)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="USD")
    fob_min_minor = models.BigIntegerField(null=True, blank=True)
    fob_max_minor = models.BigIntegerField(null=True, blank=True)

    supply_capacity_month = models.PositiveIntegerField(null=True, blank=True)
    port_of_loading = models.CharField(max_length=80, blank=True)
    hs_code = models.CharField(max_length=12, blank=True)
    units_per_carton = models.PositiveIntegerField(null=True, blank=True)
    carton_length_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    carton_width_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    carton_height_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    carton_gross_weight_kg = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )

    samples_available = models.BooleanField(default=False)
    sample_price_minor = models.BigIntegerField(null=True, blank=True)
    sample_lead_days = models.PositiveSmallIntegerField(null=True, blank=True)

    ready_to_ship = models.BooleanField(default=False)
    stock_quantity = models.PositiveIntegerField(default=0)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    live_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["supplier", "status", "-live_at"]),  # storefronts
            models.Index(fields=["status", "category"]),
            models.Index(fields=["status", "-live_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(moq__gte=1) & Q(order_increment__gte=1),
                name="product_positive_quantities",
            ),
            models.UniqueConstraint(
                fields=["supplier", "external_ref"],
                condition=~Q(external_ref=""),
                name="product_external_ref_unique_per_supplier",
            ),
            models.CheckConstraint(
                condition=Q(fob_min_minor__isnull=True)
                | Q(fob_max_minor__isnull=True)
                | Q(fob_min_minor__lte=models.F("fob_max_minor")),
                name="product_fob_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title()

    # Translations are prefetched as ``translations``; these helpers read from that cache.
    def translation(self, language: str | None = None) -> ProductTranslation | None:
        language = (language or get_language() or "en").lower()
        rows = {t.language: t for t in self.translations.all()}
        return (
            rows.get(language) or rows.get(self.default_language) or next(iter(rows.values()), None)
        )

    def title(self, language: str | None = None) -> str:
        t = self.translation(language)
        return t.title if t else ""

    def money(self, minor: int | None) -> Money | None:
        return None if minor is None else Money.from_minor(minor, self.currency)

    @property
    def sample_price(self) -> Money | None:
        return self.money(self.sample_price_minor)

    @property
    def fob_range(self) -> tuple[Money | None, Money | None]:
        return self.money(self.fob_min_minor), self.money(self.fob_max_minor)

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE


class ProductTranslation(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)  # sanitised HTML
    keywords = models.CharField(_("keywords"), max_length=400, blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "language"], name="product_translation_unique_language"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="products/%Y/%m/")
    thumbnail = models.ImageField(upload_to="products/%Y/%m/thumbs/")
    alt = models.CharField(_("description of the image"), max_length=200, blank=True)
    # Where a spreadsheet import fetched it from, so importing the file again keeps it.
    source_url = models.URLField(max_length=500, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt or f"image {self.pk}"


class Variant(models.Model):
    """A SKU: one combination of the product's option axes (e.g. colour × size)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    supplier = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="+")
    sku = models.CharField(_("SKU"), max_length=64)
    options = models.JSONField(default=dict, blank=True)  # {"colour": "navy", "size": "M"}
    price_override_minor = models.BigIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "sku"], name="variant_sku_unique_per_supplier"
            )
        ]

    def __str__(self) -> str:
        return self.sku

    def label(self) -> str:
        return " / ".join(str(v) for v in self.options.values()) or self.sku


class PriceTier(models.Model):
    """Unit price for quantities from ``min_quantity`` up to ``max_quantity`` (None: no limit)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField()
    max_quantity = models.PositiveIntegerField(null=True, blank=True)
    unit_price_minor = models.BigIntegerField()

    class Meta:
        ordering = ["min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["product", "min_quantity"], name="tier_unique_min"),
            models.CheckConstraint(condition=Q(unit_price_minor__gt=0), name="tier_price_positive"),
            models.CheckConstraint(
                condition=Q(max_quantity__isnull=True)
                | Q(max_quantity__gte=models.F("min_quantity")),
                name="tier_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.min_quantity}+ @ {self.unit_price_minor}"


class LeadTime(models.Model):
    """Days to ship for orders up to ``max_quantity`` (None: any larger quantity)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="lead_times")
    max_quantity = models.PositiveIntegerField(null=True, blank=True)
    days = models.PositiveSmallIntegerField()

    class Meta:
        ordering = [models.F("max_quantity").asc(nulls_last=True)]

    def __str__(self) -> str:
        return f"≤{self.max_quantity}: {self.days} days"


class CustomizationOption(models.Model):
    class Kind(models.TextChoices):
        LOGO = "logo", _("Logo")
        LABEL = "label", _("Label")
        PACKAGING = "packaging", _("Packaging")
        COLOUR = "colour", _("Colour")
        DESIGN = "design", _("Design")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="customizations")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    moq = models.PositiveIntegerField(_("minimum quantity"))
    surcharge_minor = models.BigIntegerField(default=0)  # per unit, product currency
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["product", "kind"], name="customization_unique_kind"),
            models.CheckConstraint(
                condition=Q(surcharge_minor__gte=0), name="customization_surcharge_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.kind


class StatusChange(models.Model):
    """Who moved a listing from one status to another, when and why."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    actor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Favourite(models.Model):
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="favourites")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="favourite_once")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.product_id}"


def _import_upload_to(job: ImportJob, filename: str) -> str:
    # Unguessable names: import files and error reports hold a supplier's private data.
    return f"imports/{uuid.uuid4().hex}/{Path(filename).name[-100:]}"


class ImportJob(models.Model):
    """A spreadsheet of products uploaded by a supplier, imported by a background task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    supplier = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="import_jobs"
    )
    user = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=_import_upload_to, max_length=300)
    original_name = models.CharField(max_length=200)
    format = models.CharField(max_length=4, choices=Format.choices)
    encoding = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)  # products not saved
    error_count = models.PositiveIntegerField(default=0)  # lines in the error report
    error_sample = models.JSONField(default=list, blank=True)  # first [row, column, message]s
    error_report = models.FileField(upload_to=_import_upload_to, max_length=300, blank=True)
    failure = models.TextField(blank=True)  # why the whole job failed
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["supplier", "-created_at"])]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.original_name})"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
