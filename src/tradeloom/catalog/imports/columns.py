"""The import template: its columns, which are required, and the header check.

One row per variant; the product's own columns are repeated on each row of the
product (or left blank after its first row), and ``product_ref`` groups rows into
products. ``docs/import-template.md`` explains every column to suppliers.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradeloom.catalog import rules
from tradeloom.catalog.models import LANGS
from tradeloom.core.errors import DomainError

MAX_OPTIONS = 5  # option axes (colour, size, ...) per product
TEMPLATE_TIERS = 5
TEMPLATE_LEADS = 3
TEMPLATE_OPTIONS = 2
ATTR_PREFIX = "attr:"

# Language codes as stored → the suffix of their extra columns (title_ja, title_zh...).
LANG_SUFFIX = {"en": "en", "ja": "ja", "zh-hans": "zh"}
LANG_ALIASES = {
    "en": "en",
    "english": "en",
    "ja": "ja",
    "jp": "ja",
    "japanese": "ja",
    "zh": "zh-hans",
    "zh-hans": "zh-hans",
    "zh_hans": "zh-hans",
    "zh-cn": "zh-hans",
    "cn": "zh-hans",
    "chinese": "zh-hans",
}
TEXT_FIELDS = ("title", "description", "keywords")

REQUIRED = ("product_ref", "sku", "category", "title")
VARIANT_LEVEL = {"sku", "variant_price"}  # plus option{n}_name / option{n}_value

# Families of numbered columns: a file that has any of them says everything about
# that family, so a missing member is empty rather than "keep the current value".
FAMILIES = {
    "tier": (re.compile(r"^tier(\d+)_(min|price)$"), rules.MAX_TIERS, ("min", "price")),
    "lead": (re.compile(r"^lead(\d+)_(max_qty|days)$"), rules.MAX_LEAD_TIMES, ("max_qty", "days")),
    "option": (re.compile(r"^option(\d+)_(name|value)$"), MAX_OPTIONS, ("name", "value")),
}

HELP = {
    "product_ref": gettext_lazy(
        "Your own code for the product. Rows with the same code are one product."
    ),
    "sku": gettext_lazy("The variant's SKU, unique among your products."),
    "category": gettext_lazy(
        "The category's code (slug), for example cashmere-sweaters-fine-gauge."
    ),
    "language": gettext_lazy("The language of title, description and keywords: en, ja or zh."),
    "title": gettext_lazy("The product title, up to 200 characters."),
    "description": gettext_lazy("The description: plain text or simple HTML."),
    "keywords": gettext_lazy("Search keywords, separated by commas."),
    "unit": gettext_lazy("Selling unit: piece, pair, set, dozen, kg, metre, yard, roll or carton."),
    "moq": gettext_lazy("Minimum order quantity, in selling units."),
    "order_increment": gettext_lazy("Orders go up in steps of this many units."),
    "currency": gettext_lazy("Three-letter currency code of all prices of the row, e.g. USD."),
    "price_mode": gettext_lazy("tiers (quantity price tiers) or on_request."),
    "tier_min": gettext_lazy("Smallest quantity of the tier; a tier ends where the next begins."),
    "tier_price": gettext_lazy("Unit price of the tier, e.g. 7.20."),
    "fob_min": gettext_lazy("Lowest indicative FOB price, for price on request."),
    "fob_max": gettext_lazy("Highest indicative FOB price, for price on request."),
    "lead_max_qty": gettext_lazy("Orders up to this quantity ship in the days given; blank: any."),
    "lead_days": gettext_lazy("Days to ship."),
    "option_name": gettext_lazy("Name of an option axis, e.g. colour."),
    "option_value": gettext_lazy("This variant's value on that axis, e.g. navy."),
    "variant_price": gettext_lazy("This variant's own unit price, replacing the tier price."),
    "samples_available": gettext_lazy("yes or no."),
    "sample_price": gettext_lazy("Price of one sample."),
    "sample_lead_days": gettext_lazy("Days to send a sample."),
    "ready_to_ship": gettext_lazy("yes if sold from stock."),
    "stock_quantity": gettext_lazy("Units in stock."),
    "supply_capacity_month": gettext_lazy("Units you can make per month."),
    "units_per_carton": gettext_lazy("Units packed in one export carton."),
    "carton_l_cm": gettext_lazy("Carton length in cm."),
    "carton_w_cm": gettext_lazy("Carton width in cm."),
    "carton_h_cm": gettext_lazy("Carton height in cm."),
    "carton_kg": gettext_lazy("Gross weight of a full carton in kg."),
    "hs_code": gettext_lazy("Harmonized System code, e.g. 6110.12."),
    "port_of_loading": gettext_lazy("Port the goods leave from, e.g. Shanghai."),
    "image_urls": gettext_lazy("Image addresses (http or https), separated by spaces."),
    "title_xx": gettext_lazy("Title in another language (xx: en, ja or zh)."),
    "description_xx": gettext_lazy("Description in another language."),
    "keywords_xx": gettext_lazy("Keywords in another language."),
    "attr": gettext_lazy("A category attribute by its code; several values separated by |."),
}

_HEAD = ["product_ref", "sku", "category", "language", "title", "description", "keywords"]
_COMMERCIAL = ["unit", "moq", "order_increment", "currency", "price_mode"]
_AFTER_TIERS = ["fob_min", "fob_max"]
_AFTER_OPTIONS = [
    "variant_price",
    "samples_available",
    "sample_price",
    "sample_lead_days",
    "ready_to_ship",
    "stock_quantity",
    "supply_capacity_month",
    "units_per_carton",
    "carton_l_cm",
    "carton_w_cm",
    "carton_h_cm",
    "carton_kg",
    "hs_code",
    "port_of_loading",
    "image_urls",
]
FIXED = set(
    _HEAD
    + _COMMERCIAL
    + _AFTER_TIERS
    + _AFTER_OPTIONS
    + [f"{field}_{suffix}" for field in TEXT_FIELDS for suffix in LANG_SUFFIX.values()]
)


def numbered(family: str, count: int) -> list[str]:
    _pattern, _limit, parts = FAMILIES[family]
    return [f"{family}{n}_{part}" for n in range(1, count + 1) for part in parts]


def layout(
    *,
    tiers: int = TEMPLATE_TIERS,
    leads: int = TEMPLATE_LEADS,
    options: int = TEMPLATE_OPTIONS,
    languages: tuple[str, ...] = ("ja", "zh"),
    text_fields: tuple[str, ...] = ("title", "description"),
    attributes: tuple[str, ...] = (),
) -> list[str]:
    """The template's column order; the exporter widens it to what the products need."""
    extra_text = [f"{field}_{lang}" for lang in languages for field in text_fields]
    return (
        _HEAD
        + extra_text
        + _COMMERCIAL
        + numbered("tier", tiers)
        + _AFTER_TIERS
        + numbered("lead", leads)
        + numbered("option", options)
        + _AFTER_OPTIONS
        + [ATTR_PREFIX + code for code in attributes]
    )


TEMPLATE_COLUMNS = layout()


def family_of(name: str) -> tuple[str, int, str] | None:
    """("tier", 2, "price") for tier2_price; None for other columns."""
    for family, (pattern, _limit, _parts) in FAMILIES.items():
        match = pattern.match(name)
        if match:
            return family, int(match.group(1)), match.group(2)
    return None


def is_variant_level(name: str) -> bool:
    return name in VARIANT_LEVEL or name.startswith("option")


def normalise_name(raw: str) -> str:
    return str(raw or "").strip().lower().replace(" ", "_")


class FileRejected(DomainError):
    """The file as a whole cannot be imported; nothing of it is saved."""

    code = "invalid_file"

    def __init__(self, message: str, *, code: str | None = None, **details):
        super().__init__(message, code=code, details={"field": "file", **details})


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:10])
    return shown + (", …" if len(names) > 10 else "")


def check_header(raw: list[str], attribute_codes: set[str]) -> list[str]:
    """The header's column names, normalised; refuses duplicates, unknown and missing columns.

    ``attribute_codes`` are the attribute codes any category declares, so ``attr:gauge``
    is known; whether the row's category has it is checked per row.
    """
    names = [normalise_name(n) for n in raw]
    while names and not names[-1]:
        names.pop()
    if not any(names):
        raise FileRejected(_("The file has no header row."), code="missing_header")
    if "" in names:
        position = names.index("") + 1
        raise FileRejected(
            _("Column %(n)s has no name in the header row.") % {"n": position},
            code="unknown_columns",
        )
    seen: set[str] = set()
    duplicates = [n for n in names if n in seen or seen.add(n)]
    if duplicates:
        raise FileRejected(
            _("These columns appear more than once: %(names)s") % {"names": _listed(duplicates)},
            code="duplicate_columns",
        )
    unknown = [n for n in names if not _known(n, attribute_codes)]
    if unknown:
        raise FileRejected(
            _(
                "Unknown columns: %(names)s. Use the column names of the import template; "
                "category attributes are written attr:code."
            )
            % {"names": _listed(unknown)},
            code="unknown_columns",
            columns=unknown,
        )
    missing = [n for n in REQUIRED if n not in seen]
    if missing:
        raise FileRejected(
            _("Required columns are missing: %(names)s") % {"names": _listed(missing)},
            code="missing_columns",
            columns=missing,
        )
    for name in names:
        found = family_of(name)
        if found:
            family, number, part = found
            if (family, part) == ("lead", "days"):
                continue  # lead times end with "any larger quantity": no max_qty needed
            partner = next(p for p in FAMILIES[family][2] if p != part)
            if f"{family}{number}_{partner}" not in seen:
                raise FileRejected(
                    _("The column %(name)s needs its partner column %(partner)s.")
                    % {"name": name, "partner": f"{family}{number}_{partner}"},
                    code="missing_columns",
                    columns=[f"{family}{number}_{partner}"],
                )
    return names


def _known(name: str, attribute_codes: set[str]) -> bool:
    if name in FIXED:
        return True
    if name.startswith(ATTR_PREFIX):
        return name[len(ATTR_PREFIX) :] in attribute_codes
    found = family_of(name)
    return found is not None and 1 <= found[1] <= FAMILIES[found[0]][1]


def language_code(value: str) -> str | None:
    """en / ja / zh (and a few spellings) → the stored code; None when unknown."""
    code = LANG_ALIASES.get(str(value or "").strip().lower())
    return code if code in LANGS else None
