"""Write products in the import template, as CSV (UTF-8 with BOM) or XLSX.

``product_values`` is the one description of a saved product as template cells: the
export writes it, and the import compares against it to leave unchanged products
alone and to keep the values of columns a file leaves out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from tradeloom.accounts.models import Membership
from tradeloom.catalog import services
from tradeloom.catalog.imports.columns import (
    ATTR_PREFIX,
    HELP,
    LANG_SUFFIX,
    TEMPLATE_COLUMNS,
    TEMPLATE_LEADS,
    TEMPLATE_OPTIONS,
    TEMPLATE_TIERS,
    family_of,
    layout,
)
from tradeloom.catalog.imports.readers import FORMULA_PREFIXES
from tradeloom.catalog.models import Product, ProductImage
from tradeloom.catalog.services import ProductInput
from tradeloom.core.money import Money

Values = dict[str, str]
INT_COLUMNS = {
    "moq",
    "order_increment",
    "sample_lead_days",
    "stock_quantity",
    "supply_capacity_month",
    "units_per_carton",
}
DECIMAL_COLUMNS = {
    "fob_min",
    "fob_max",
    "variant_price",
    "sample_price",
    "carton_l_cm",
    "carton_w_cm",
    "carton_h_cm",
    "carton_kg",
}
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def money_text(minor: int | None, currency: str) -> str:
    return "" if minor is None else format(Money.from_minor(minor, currency).amount, "f")


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def number_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def attribute_text(value) -> str:
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, bool):
        return yes_no(value)
    return number_text(value)


def image_address(image: ProductImage) -> str:
    """Where the image came from, or its address on this site."""
    if image.source_url:
        return image.source_url
    url = image.image.url
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def product_ref(product: Product) -> str:
    """The supplier's own code, or one naming our id for products made on the site."""
    return product.external_ref or f"tl-{product.pk}"


def product_values(product: Product) -> tuple[Values, list[Values]]:
    """The product's template cells, and the variant cells of each of its variants.

    Expects ``category`` selected and translations, tiers, lead times, variants and
    images prefetched (``with_children``).
    """
    return _cells(
        product,
        ref=product_ref(product),
        category=product.category.slug,
        translations=[
            (t.language, t.title, t.description, t.keywords) for t in product.translations.all()
        ],
        tiers=[(t.min_quantity, t.unit_price_minor) for t in product.tiers.all()],
        leads=[(lead.max_quantity, lead.days) for lead in product.lead_times.all()],
        attributes=product.attributes,
        variants=[(v.sku, v.options, v.price_override_minor) for v in product.variants.all()],
        images=[image_address(i) for i in product.images.all()],
    )


def input_values(data: ProductInput, ref: str, category: str) -> tuple[Values, list[Values]]:
    """The cells ``product_values`` gives once ``save_product(data)`` has stored ``data``
    (images aside), so an import can leave alone a product its file does not change.

    Mirrors how ``save_product`` cleans its input; where the two disagree, the import
    saves and compares afterwards, so a mismatch costs time, never correctness.
    """
    main = (data.default_language or "en").lower()
    translations = services._translations(list(data.translations), main)
    attributes = {}
    for code, value in data.attributes.items():
        if isinstance(value, str) and value and value.replace(".", "", 1).isdigit():
            value = float(value) if "." in value else int(value)
        elif isinstance(value, str):
            value = value.strip()[:200]
        elif isinstance(value, list):
            value = list(dict.fromkeys(value))
        attributes[code] = value
    samples = bool(data.samples_available)
    clean = replace(
        data,
        default_language=main,
        sample_price_minor=data.sample_price_minor if samples else None,
        sample_lead_days=data.sample_lead_days if samples else None,
        stock_quantity=max(int(data.stock_quantity or 0), 0),
        port_of_loading=(data.port_of_loading or "").strip()[:80],
        hs_code=(data.hs_code or "").strip()[:12],
    )
    tiers = sorted(data.tiers, key=lambda t: t.min_quantity) if data.price_mode == "tiers" else []
    return _cells(
        clean,
        ref=ref,
        category=category,
        translations=sorted((t.language, t.title, t.description, t.keywords) for t in translations),
        tiers=[(t.min_quantity, t.unit_price_minor) for t in tiers],
        leads=[(lead.max_quantity, lead.days) for lead in data.lead_times],
        attributes=attributes,
        variants=[
            (
                v.sku.strip(),
                {str(k)[:30]: str(o)[:60] for k, o in v.options.items()},
                v.price_override_minor,
            )
            for v in data.variants
        ],
        images=[],
    )


def _cells(
    source: Product | ProductInput,
    *,
    ref: str,
    category: str,
    translations: list[tuple[str, str, str, str]],
    tiers: list[tuple[int, int]],
    leads: list[tuple[int | None, int]],
    attributes: dict,
    variants: list[tuple[str, dict, int | None]],
    images: list[str],
) -> tuple[Values, list[Values]]:
    currency = source.currency
    main = source.default_language
    values: Values = {
        "product_ref": ref,
        "category": category,
        "language": LANG_SUFFIX.get(main, main),
        "unit": source.unit,
        "moq": str(source.moq),
        "order_increment": str(source.order_increment),
        "currency": currency,
        "price_mode": source.price_mode,
        "fob_min": money_text(source.fob_min_minor, currency),
        "fob_max": money_text(source.fob_max_minor, currency),
        "samples_available": yes_no(source.samples_available),
        "sample_price": money_text(source.sample_price_minor, currency),
        "sample_lead_days": number_text(source.sample_lead_days),
        "ready_to_ship": yes_no(source.ready_to_ship),
        "stock_quantity": str(source.stock_quantity),
        "supply_capacity_month": number_text(source.supply_capacity_month),
        "units_per_carton": number_text(source.units_per_carton),
        "carton_l_cm": number_text(source.carton_length_cm),
        "carton_w_cm": number_text(source.carton_width_cm),
        "carton_h_cm": number_text(source.carton_height_cm),
        "carton_kg": number_text(source.carton_gross_weight_kg),
        "hs_code": source.hs_code,
        "port_of_loading": source.port_of_loading,
        "image_urls": " ".join(images),
    }
    for language, title, description, keywords in sorted(translations):
        if language == main:
            names = ("title", "description", "keywords")
        else:
            suffix = LANG_SUFFIX.get(language, language)
            names = (f"title_{suffix}", f"description_{suffix}", f"keywords_{suffix}")
        values.update(zip(names, (title, description, keywords), strict=True))
    for n, (minimum, unit_price) in enumerate(tiers, start=1):
        values[f"tier{n}_min"] = str(minimum)
        values[f"tier{n}_price"] = money_text(unit_price, currency)
    for n, (quantity, days) in enumerate(leads, start=1):
        values[f"lead{n}_max_qty"] = number_text(quantity)
        values[f"lead{n}_days"] = str(days)
    for code, value in sorted(attributes.items()):
        values[ATTR_PREFIX + code] = attribute_text(value)
    rows = []
    for sku, options, override in variants:
        cells: Values = {"sku": sku, "variant_price": money_text(override, currency)}
        for n, (name, option) in enumerate(options.items(), start=1):
            cells[f"option{n}_name"] = name
            cells[f"option{n}_value"] = option
        rows.append(cells)
    return values, rows


def product_rows(product: Product) -> list[Values]:
    values, variants = product_values(product)
    return [{**values, **v} for v in variants] or [{**values, "sku": ""}]


def with_children(queryset):
    return queryset.select_related("category").prefetch_related(
        "translations",
        "tiers",
        "lead_times",
        "variants",
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
    )


def columns_for(rows: Iterable[Values]) -> list[str]:
    """The template's columns, widened to every column the rows use."""
    counts = {"tier": TEMPLATE_TIERS, "lead": TEMPLATE_LEADS, "option": TEMPLATE_OPTIONS}
    languages = {"ja", "zh"}
    keywords = False
    attributes: set[str] = set()
    for row in rows:
        for name, value in row.items():
            if not value:
                continue
            found = family_of(name)
            if found:
                counts[found[0]] = max(counts[found[0]], found[1])
            elif name.startswith(ATTR_PREFIX):
                attributes.add(name[len(ATTR_PREFIX) :])
            elif name.startswith(("title_", "description_", "keywords_")):
                languages.add(name.rsplit("_", 1)[1])
                keywords = keywords or name.startswith("keywords_")
    return layout(
        tiers=counts["tier"],
        leads=counts["lead"],
        options=counts["option"],
        languages=tuple(s for s in LANG_SUFFIX.values() if s in languages),
        text_fields=("title", "description", "keywords") if keywords else ("title", "description"),
        attributes=tuple(sorted(attributes)),
    )


def supplier_rows(membership: Membership, *, request=None) -> list[Values]:
    """Every product of the acting supplier, one row per variant, oldest product first."""
    services._require_supplier(membership, request)
    products = with_children(
        Product.objects.filter(supplier_id=membership.company_id).order_by("pk")
    )
    rows: list[Values] = []
    for product in products.iterator(chunk_size=500):
        rows.extend(product_rows(product))
    return rows


# --- writing files ---------------------------------------------------------------------------


def _guarded(value: str) -> str:
    # Spreadsheet software runs a cell starting with = + - @ as a formula; an apostrophe
    # makes it text. The reader strips it again, so files round-trip.
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def write_csv(columns: list[str], rows: Iterable[Values]) -> bytes:
    """UTF-8 with a BOM, so spreadsheet software opens it in the right encoding."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_guarded(row.get(c, "")) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _typed(name: str, value: str):
    """Numbers as numbers, so spreadsheet software can sort and sum them."""
    if not value:
        return None
    found = family_of(name)
    part = found[2] if found else ""
    try:
        if name in INT_COLUMNS or part in ("min", "max_qty", "days"):
            return int(value)
        if name in DECIMAL_COLUMNS or part == "price":
            return Decimal(value)
    except (ValueError, ArithmeticError):
        pass
    return value


def write_xlsx(columns: list[str], rows: Iterable[Values], *, notes: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("products")
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for name in columns:
            value = _typed(name, row.get(name, ""))
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text, never a formula
                value = cell
            cells.append(value)
        sheet.append(cells)
    if notes:
        help_sheet = workbook.create_sheet("columns")
        help_sheet.append([_("Column"), _("What it holds")])
        for name in columns:
            help_sheet.append([name, str(column_help(name))])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def column_help(name: str) -> str:
    found = family_of(name)
    if found:
        return HELP[f"{found[0]}_{found[2]}"]
    if name.startswith(ATTR_PREFIX):
        return HELP["attr"]
    for field in ("title", "description", "keywords"):
        if name.startswith(field + "_"):
            return HELP[f"{field}_xx"]
    return HELP.get(name, "")


# --- the downloadable template -----------------------------------------------------------------


def template_rows() -> list[Values]:
    """Two example products: a sweater in two variants with three price tiers, and a tote
    bag sold at a price on request without variants."""
    sweater = {
        "product_ref": "CS-1001",
        "category": "cashmere-sweaters-fine-gauge",
        "language": "en",
        "title": "Cashmere crew-neck sweater, 12gg",
        "description": "Soft 100% cashmere, 2/26Nm yarn, 12 gauge.",
        "keywords": "cashmere, crew neck, knitwear",
        "title_ja": "カシミヤ クルーネック セーター 12ゲージ",
        "description_ja": "カシミヤ100%、2/26番手、12ゲージ。",
        "title_zh": "羊绒圆领毛衣 12针",
        "description_zh": "100%羊绒，2/26公支纱线，12针。",
        "unit": "piece",
        "moq": "500",
        "order_increment": "50",
        "currency": "USD",
        "price_mode": "tiers",
        "tier1_min": "500",
        "tier1_price": "7.20",
        "tier2_min": "1000",
        "tier2_price": "6.80",
        "tier3_min": "5000",
        "tier3_price": "6.50",
        "lead1_max_qty": "1000",
        "lead1_days": "30",
        "lead2_max_qty": "5000",
        "lead2_days": "45",
        "lead3_days": "60",
        "option1_name": "colour",
        "option2_name": "size",
        "samples_available": "yes",
        "sample_price": "35.00",
        "sample_lead_days": "7",
        "ready_to_ship": "no",
        "stock_quantity": "0",
        "supply_capacity_month": "20000",
        "units_per_carton": "40",
        "carton_l_cm": "60",
        "carton_w_cm": "40",
        "carton_h_cm": "35",
        "carton_kg": "18.5",
        "hs_code": "6110.12",
        "port_of_loading": "Shanghai",
        "attr:fibre_content": "cashmere",
        "attr:gauge": "12",
        "attr:neckline": "crew",
    }
    tote = {
        "product_ref": "BAG-200",
        "sku": "",
        "category": "cotton-canvas-totes",
        "language": "en",
        "title": "Cotton canvas tote bag, 12 oz",
        "description": "Natural 12 oz canvas with 60 cm handles.",
        "title_zh": "12盎司纯棉帆布袋",
        "unit": "piece",
        "moq": "1000",
        "order_increment": "100",
        "currency": "USD",
        "price_mode": "on_request",
        "fob_min": "1.20",
        "fob_max": "1.80",
        "lead1_days": "25",
        "samples_available": "no",
        "ready_to_ship": "no",
        "stock_quantity": "0",
        "hs_code": "4202.22",
        "port_of_loading": "Ningbo",
        "attr:closure": "zip",
    }
    return [
        {**sweater, "sku": "CS-1001-NAVY-M", "option1_value": "navy", "option2_value": "M"},
        {**sweater, "sku": "CS-1001-GREY-L", "option1_value": "grey", "option2_value": "L"},
        tote,
    ]


def template_columns() -> list[str]:
    return [*TEMPLATE_COLUMNS, "attr:closure", "attr:fibre_content", "attr:gauge", "attr:neckline"]


def export_file(membership: Membership, fmt: str, *, request=None) -> tuple[bytes, str]:
    """The supplier's catalogue as a file of format ``fmt`` ("csv" or "xlsx")."""
    rows = supplier_rows(membership, request=request)
    columns = columns_for(rows)
    if fmt == "xlsx":
        return write_xlsx(columns, rows), XLSX_CONTENT_TYPE
    return write_csv(columns, rows), CSV_CONTENT_TYPE


def template_file(fmt: str) -> tuple[bytes, str]:
    rows = template_rows()
    if fmt == "xlsx":
        return write_xlsx(template_columns(), rows, notes=True), XLSX_CONTENT_TYPE
    return write_csv(template_columns(), rows), CSV_CONTENT_TYPE
