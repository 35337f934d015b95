"""The rows of one product → a ``services.ProductInput``, with a problem list per cell.

Product columns come from the product's first row; later rows may repeat them or
leave them blank. A column the file leaves out keeps the product's current value
(taken from ``exporter.product_values``); numbered families (tiers, lead times,
options) count as one column: a file with any of them states the whole table.
A problem in a product column rejects the product; a problem in a variant column
rejects only that row, and an existing variant of that SKU stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tradeloom.catalog import rules
from tradeloom.catalog.imports.cells import (
    CARTON,
    PRICE_MODES,
    UNITS,
    CellError,
    description_html,
    measure,
    price,
    whole_number,
    yes_no,
)
from tradeloom.catalog.imports.columns import (
    ATTR_PREFIX,
    FAMILIES,
    LANG_SUFFIX,
    TEXT_FIELDS,
    family_of,
    is_variant_level,
    language_code,
)
from tradeloom.catalog.models import Attribute, Category, Product
from tradeloom.catalog.services import (
    MAX_IMAGES,
    CustomizationInput,
    ProductInput,
    TranslationInput,
    VariantInput,
    category_attributes,
)
from tradeloom.core.errors import DomainError

Values = dict[str, str]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Existing:
    """A saved product as template cells: product values and variant values by SKU."""

    product: Product
    values: Values
    variants: dict[str, Values]


@dataclass
class Mapped:
    data: ProductInput | None  # None: the product is rejected
    image_urls: list[str] | None  # None: the file says nothing about images
    errors: list[RowError] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # every row of the product
    category: str = ""  # the category's slug


class Lookups:
    """Categories and their attributes, read once per import."""

    def __init__(self) -> None:
        self._categories: dict[str, Category | None] = {}
        self._attributes: dict[int, dict[str, Attribute]] = {}
        self._choices: dict[int, dict[str, str]] = {}

    def category(self, slug: str) -> Category | None:
        if slug not in self._categories:
            self._categories[slug] = Category.objects.filter(slug=slug).first()
        return self._categories[slug]

    def attributes(self, category: Category) -> dict[str, Attribute]:
        if category.pk not in self._attributes:
            self._attributes[category.pk] = category_attributes(category)
        return self._attributes[category.pk]

    def choice(self, attribute: Attribute, text: str) -> str | None:
        """A value's code from its code or its name in any language, ignoring case."""
        if attribute.pk not in self._choices:
            found: dict[str, str] = {}
            for value in attribute.values.all():
                for name in value.names.values():
                    found.setdefault(str(name).casefold(), value.code)
                found[value.code.casefold()] = value.code
            self._choices[attribute.pk] = found
        return self._choices[attribute.pk].get(text.strip().casefold())


# --- a product ----------------------------------------------------------------------------


class ProductMapper:
    """Maps the rows of one product; collects every problem it finds, not just the first."""

    def __init__(
        self,
        header: list[str],
        rows: list[tuple[int, Values]],
        existing: Existing | None,
        lookups: Lookups,
    ):
        self.header = header
        self.columns = set(header)
        self.rows = rows
        self.first = rows[0][0]
        self.existing = existing
        self.lookups = lookups
        self.errors: list[RowError] = []
        self.product_failed = False

    def fail(self, row: int, column: str, message: str, *, product: bool = True) -> None:
        self.errors.append(RowError(row, column, message))
        self.product_failed = self.product_failed or product

    def _present(self, name: str) -> bool:
        """Whether the file speaks about ``name`` (a whole family counts as one column)."""
        found = family_of(name)
        if found:
            pattern = FAMILIES[found[0]][0]
            return any(pattern.match(c) for c in self.columns)
        return name in self.columns

    def product_cells(self) -> Values:
        first_values = self.rows[0][1]
        product_columns = [c for c in self.header if not is_variant_level(c)]
        for number, values in self.rows[1:]:
            for column in product_columns:
                if values[column] and values[column] != first_values[column]:
                    self.fail(
                        number,
                        column,
                        _(
                            "Differs from row %(row)s. A product's columns must be the same "
                            "on each of its rows, or blank."
                        )
                        % {"row": self.first},
                    )
        cells = {
            k: v
            for k, v in (self.existing.values if self.existing else {}).items()
            if not self._present(k)
        }
        cells.update({c: first_values[c] for c in product_columns})
        return cells

    def map(self) -> Mapped:
        cells = self.product_cells()
        fields = self.product_fields(cells)
        variants = self.variants(fields.get("currency", ""))
        images = self.image_urls(cells) if "image_urls" in self.columns else None
        rows = [n for n, _v in self.rows]
        if self.product_failed:
            failed = {e.row for e in self.errors}
            for number in rows:
                if number not in failed:
                    self.fail(
                        number,
                        "product_ref",
                        _("Not saved: this product has errors in row %(row)s.")
                        % {"row": min(failed)},
                    )
            return Mapped(None, images, self.errors, rows)
        data = ProductInput(variants=variants, **fields)
        if self.existing is not None:
            product = self.existing.product
            data.customizations = [
                CustomizationInput(c.kind, c.moq, c.surcharge_minor, c.note)
                for c in product.customizations.all()
            ]
            data.group_id = product.group_id
        return Mapped(data, images, self.errors, rows, cells.get("category", "").strip())

    def _take(self, fields: dict, name: str, parse, *args, **kwargs) -> None:
        try:
            value = parse(*args, **kwargs)
        except CellError as exc:
            self.fail(self.first, exc.column, exc.message)
            return
        if value is not None:
            fields[name] = value

    def product_fields(self, cells: Values) -> dict:
        row = self.first
        fields: dict = {}
        category = None
        slug = cells.get("category", "").strip()
        if not slug:
            self.fail(row, "category", _("Choose a category."))
        else:
            category = self.lookups.category(slug)
            if category is None:
                self.fail(
                    row, "category", _("No category has the code “%(slug)s”.") % {"slug": slug}
                )
            elif not category.is_leaf:
                self.fail(row, "category", _("Choose the most specific category."))
            else:
                fields["category_id"] = category.pk
        language = language_code(cells.get("language") or "en")
        if language is None:
            self.fail(row, "language", _("Write en, ja or zh."))
            language = "en"
        fields["default_language"] = language
        fields["translations"] = self.translations(cells, language)
        unit = UNITS.get(cells.get("unit", "").strip().lower() or "piece")
        if unit is None:
            self.fail(
                row,
                "unit",
                _("Choose a selling unit: %(units)s.") % {"units": ", ".join(Product.Unit.values)},
            )
        fields["unit"] = unit or "piece"
        mode = PRICE_MODES.get(
            cells.get("price_mode", "").strip().lower().replace(" ", "_") or "tiers"
        )
        if mode is None:
            self.fail(row, "price_mode", _("Write tiers or on_request."))
        fields["price_mode"] = mode or "tiers"
        currency = cells.get("currency", "").strip().upper() or "USD"
        try:
            fields["currency"] = rules.currency(currency)
        except DomainError as exc:
            self.fail(row, "currency", exc.message)
            currency = ""
        self._take(fields, "moq", whole_number, cells, "moq", minimum=1)
        self._take(fields, "order_increment", whole_number, cells, "order_increment", minimum=1)
        for name in ("supply_capacity_month", "units_per_carton"):
            self._take(fields, name, whole_number, cells, name, minimum=1)
        self._take(
            fields,
            "sample_lead_days",
            whole_number,
            cells,
            "sample_lead_days",
            minimum=1,
            maximum=365,
        )
        self._take(fields, "stock_quantity", whole_number, cells, "stock_quantity")
        for name in ("samples_available", "ready_to_ship"):
            self._take(fields, name, yes_no, cells, name)
        for column, (name, _digits, _places) in CARTON.items():
            self._take(fields, name, measure, cells, column)
        fields["hs_code"] = cells.get("hs_code", "").strip()
        if len(fields["hs_code"]) > 12:
            self.fail(row, "hs_code", _("Use at most 12 characters."))
        fields["port_of_loading"] = cells.get("port_of_loading", "").strip()[:80]
        if currency:
            self._take(
                fields,
                "sample_price_minor",
                price,
                cells,
                "sample_price",
                currency,
                allow_zero=True,
            )
            self._take(fields, "fob_min_minor", price, cells, "fob_min", currency)
            self._take(fields, "fob_max_minor", price, cells, "fob_max", currency)
            if fields["price_mode"] == "tiers":
                fields["tiers"] = self.tiers(cells, currency)
        fields["lead_times"] = self.lead_times(cells)
        if category is not None and category.is_leaf:
            fields["attributes"] = self.attributes(cells, category)
        return fields

    def translations(self, cells: Values, language: str) -> list[TranslationInput]:
        main_suffix = LANG_SUFFIX[language]
        found = [
            TranslationInput(
                language,
                cells.get("title", "").strip(),
                description_html(cells.get("description", "")),
                cells.get("keywords", "").strip(),
            )
        ]
        if not found[0].title:
            self.fail(self.first, "title", _("Give the product a title."))
        for code, suffix in LANG_SUFFIX.items():
            if suffix == main_suffix:
                for name in TEXT_FIELDS:
                    other = cells.get(f"{name}_{suffix}", "").strip()
                    if other and other != cells.get(name, "").strip():
                        self.fail(
                            self.first,
                            f"{name}_{suffix}",
                            _(
                                "This is the product's main language: leave it blank or "
                                "repeat the %(column)s column."
                            )
                            % {"column": name},
                        )
                continue
            title = cells.get(f"title_{suffix}", "").strip()
            if title:
                found.append(
                    TranslationInput(
                        code,
                        title,
                        description_html(cells.get(f"description_{suffix}", "")),
                        cells.get(f"keywords_{suffix}", "").strip(),
                    )
                )
            elif cells.get(f"description_{suffix}", "").strip():
                self.fail(self.first, f"title_{suffix}", _("Give this language a title too."))
        for t in found:
            if len(t.title) > 200:
                column = "title" if t.language == language else f"title_{LANG_SUFFIX[t.language]}"
                self.fail(self.first, column, _("Keep the title under 200 characters."))
        return found

    def _numbered(self, cells: Values, family: str) -> list[int]:
        pattern = FAMILIES[family][0]
        numbers = set()
        for name, value in cells.items():
            match = pattern.match(name)
            if match and value.strip():
                numbers.add(int(match.group(1)))
        return sorted(numbers)

    def tiers(self, cells: Values, currency: str) -> list[rules.TierInput]:
        found: list[tuple[int, int]] = []
        for n in self._numbered(cells, "tier"):
            minimum_column, price_column = f"tier{n}_min", f"tier{n}_price"
            try:
                minimum = whole_number(cells, minimum_column, minimum=1)
                unit_price = price(cells, price_column, currency)
            except CellError as exc:
                self.fail(self.first, exc.column, exc.message)
                continue
            if minimum is None or unit_price is None:
                self.fail(
                    self.first,
                    price_column if minimum is not None else minimum_column,
                    _("A tier needs both its smallest quantity and its price."),
                )
                continue
            found.append((minimum, unit_price))
        found.sort()
        return [
            rules.TierInput(
                minimum, found[i + 1][0] - 1 if i + 1 < len(found) else None, unit_price
            )
            for i, (minimum, unit_price) in enumerate(found)
        ]

    def lead_times(self, cells: Values) -> list[rules.LeadTimeInput]:
        found = []
        for n in self._numbered(cells, "lead"):
            try:
                quantity = whole_number(cells, f"lead{n}_max_qty", minimum=1)
                days = whole_number(cells, f"lead{n}_days", minimum=1, maximum=365)
            except CellError as exc:
                self.fail(self.first, exc.column, exc.message)
                continue
            if days is None:
                self.fail(self.first, f"lead{n}_days", _("Give the days to ship."))
                continue
            found.append(rules.LeadTimeInput(quantity, days))
        return found

    def attributes(self, cells: Values, category: Category) -> dict:
        declared = self.lookups.attributes(category)
        found: dict = {}
        for name, value in cells.items():
            if not name.startswith(ATTR_PREFIX) or not value.strip():
                continue
            code = name[len(ATTR_PREFIX) :]
            attribute = declared.get(code)
            if attribute is None:
                if name in self.columns:
                    self.fail(
                        self.first,
                        name,
                        _("The category %(category)s has no attribute %(code)s.")
                        % {"category": category.slug, "code": code},
                    )
                continue  # a value kept from before the category changed
            if attribute.kind in (Attribute.Kind.CHOICE, Attribute.Kind.MULTI):
                parts = [p.strip() for p in value.split("|") if p.strip()]
                if attribute.kind == Attribute.Kind.CHOICE and len(parts) > 1:
                    self.fail(self.first, name, _("Choose one value."))
                    continue
                codes = [self.lookups.choice(attribute, p) for p in parts]
                if None in codes:
                    bad = parts[codes.index(None)]
                    self.fail(
                        self.first,
                        name,
                        _("“%(value)s” is not a choice for %(name)s.")
                        % {"value": bad, "name": attribute.name()},
                    )
                    continue
                found[code] = codes[0] if attribute.kind == Attribute.Kind.CHOICE else codes
            elif attribute.kind == Attribute.Kind.BOOL:
                try:
                    found[code] = yes_no(cells, name)
                except CellError as exc:
                    self.fail(self.first, exc.column, exc.message)
            elif attribute.kind == Attribute.Kind.NUMBER:
                try:
                    number = Decimal(value.replace(",", "").strip())
                except InvalidOperation:
                    number = None
                if number is None or not number.is_finite() or abs(number) >= 10**12:
                    self.fail(self.first, name, _("Enter a number."))
                    continue
                found[code] = format(number, "f")
            else:
                found[code] = value.strip()
        return found

    def image_urls(self, cells: Values) -> list[str]:
        """The file's image addresses; a bad one is reported and left out, like one that
        cannot be downloaded, and the product is saved without it."""
        urls = []
        for url in dict.fromkeys(cells.get("image_urls", "").split()):
            if not url.lower().startswith(("http://", "https://")) or len(url) > 500:
                self.fail(
                    self.first,
                    "image_urls",
                    _("Image addresses must start with http:// or https://."),
                    product=False,
                )
            else:
                urls.append(url)
        if len(urls) > MAX_IMAGES:
            self.fail(
                self.first,
                "image_urls",
                _("A product can have at most %(n)s images.") % {"n": MAX_IMAGES},
                product=False,
            )
        return urls[:MAX_IMAGES]

    def variants(self, currency: str) -> list[VariantInput]:
        """The variants of the rows; a rejected row keeps its SKU's saved variant as it was."""
        variants: list[VariantInput] = []
        seen: dict[str, int] = {}
        old = self.existing.variants if self.existing else {}
        for number, values in self.rows:
            sku = values.get("sku", "").strip()
            if not sku:
                if len(self.rows) > 1:
                    self.fail(
                        number, "sku", _("Each variant of a product needs a SKU."), product=False
                    )
                continue
            if len(sku) > 64:
                self.fail(number, "sku", _("Use at most 64 characters."), product=False)
                continue
            if sku in seen:
                self.fail(
                    number,
                    "sku",
                    _("This SKU is also in row %(row)s.") % {"row": seen[sku]},
                    product=False,
                )
                continue
            seen[sku] = number
            cells = {k: v for k, v in old.get(sku, {}).items() if not self._present(k)}
            cells.update({c: values[c] for c in self.header if is_variant_level(c)})
            try:
                variants.append(self.variant(sku, cells, currency))
            except CellError as exc:
                self.fail(number, exc.column, exc.message, product=False)
                if sku in old:
                    variants.append(self.variant(sku, old[sku], currency, strict=False))
        return variants

    def variant(self, sku: str, cells: Values, currency: str, strict: bool = True) -> VariantInput:
        options: dict[str, str] = {}
        for n in range(1, FAMILIES["option"][1] + 1):
            name = cells.get(f"option{n}_name", "").strip()
            value = cells.get(f"option{n}_value", "").strip()
            if not name:
                if value and strict:
                    raise CellError(f"option{n}_name", _("Name the option of this value."))
                continue
            if len(name) > 30 or len(value) > 60:
                raise CellError(f"option{n}_value", _("Option names and values are too long."))
            if name in options and strict:
                raise CellError(f"option{n}_name", _("This option appears twice."))
            if value:
                options[name] = value
        override = price(cells, "variant_price", currency) if currency else None
        return VariantInput(sku, options, override)


def map_product(
    header: list[str],
    rows: list[tuple[int, list[str]]],
    existing: Existing | None,
    lookups: Lookups,
) -> Mapped:
    named = [(n, dict(zip(header, _pad(cells, len(header)), strict=True))) for n, cells in rows]
    return ProductMapper(header, named, existing, lookups).map()


def _pad(cells: list[str], width: int) -> list[str]:
    cells = [c.strip() for c in cells[:width]]
    return cells + [""] * (width - len(cells))
