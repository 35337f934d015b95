"""The product editor: one ``ProductEditor`` parses everything a supplier posts into one
``ProductInput`` for ``services.save_product`` and puts a service's ``DomainError`` back on
the field or row it names."""

from __future__ import annotations

from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from tradeloom.catalog import rules
from tradeloom.catalog.forms.common import amount_text, lang_key
from tradeloom.catalog.forms.product import AttributesForm, ProductForm
from tradeloom.catalog.forms.rows import (
    CustomizationRow,
    LeadTimeRow,
    Rows,
    TierRow,
    VariantRow,
    options_text,
)
from tradeloom.catalog.models import Category, CustomizationOption, Product
from tradeloom.catalog.services import (
    MAX_VARIANTS,
    CustomizationInput,
    ProductInput,
    VariantInput,
    category_attributes,
)
from tradeloom.core.errors import DomainError
from tradeloom.web.forms import Form, apply_domain_error

ROW_ERROR_FIELD = {
    "price_not_positive": "price",
    "tiers_not_decreasing": "price",
    "invalid_price": "price",
    "too_many_decimals": "price",
    "tiers_overlap": "max_quantity",
    "tier_gap": "max_quantity",
    "out_of_range": "days",
    "lead_times_out_of_order": "max_quantity",
}
PRODUCT_FIELD_MAP = {"fob_max": "fob_max", "fob_min": "fob_min", "language": "default_language"}
ADD_ROWS = {"add-tiers": "tiers", "add-lead_times": "lead_times", "add-variants": "variants"}


class ProductEditor:
    """Everything the product page of a supplier posts, parsed into one ``ProductInput``."""

    def __init__(self, *, data=None, product: Product | None = None, groups=(), action: str = ""):
        self.product = product
        self.bound = data is not None
        grow = ADD_ROWS.get(action)
        initial = self._initial(product) if product is not None else self._blank()
        category_q = (data or {}).get("category_q", "") if data is not None else ""
        keep = data.get("category") if data is not None else initial["product"].get("category")
        self.form = ProductForm(
            data,
            initial=initial["product"],
            groups=groups,
            category_q=category_q if action == "find-category" else "",
            keep_category=keep,
        )
        self.category = self._category(keep)
        attributes = category_attributes(self.category) if self.category else {}
        self.attributes = AttributesForm(
            attributes, data, initial=AttributesForm.initial_from(initial["attributes"])
        )
        self.tiers = Rows(
            TierRow,
            "tier",
            data=data,
            initial=initial["tiers"],
            spare=1,
            minimum=3,
            maximum=rules.MAX_TIERS,
            add=3 if grow == "tiers" else 0,
        )
        self.lead_times = Rows(
            LeadTimeRow,
            "lead",
            data=data,
            initial=initial["lead_times"],
            spare=1,
            minimum=3,
            maximum=rules.MAX_LEAD_TIMES,
            add=3 if grow == "lead_times" else 0,
        )
        self.variants = Rows(
            VariantRow,
            "variant",
            data=data,
            initial=initial["variants"],
            spare=2,
            minimum=3,
            maximum=MAX_VARIANTS,
            add=5 if grow == "variants" else 0,
        )
        kinds = CustomizationOption.Kind
        self.customizations = [
            (
                kind,
                label,
                CustomizationRow(
                    data, prefix=f"custom-{kind}", initial=initial["customizations"].get(kind)
                ),
            )
            for kind, label in kinds.choices
        ]
        self.customization_errors = Form(data={})
        self._tier_rows: list[int] = []
        self._lead_rows: list[int] = []

    def quiet(self) -> ProductEditor:
        """Show what was posted without judging it (more rows, another category)."""
        for form in self._forms():
            form._errors = ErrorDict()
        return self

    def _forms(self) -> list[Form]:
        return [
            self.form,
            self.attributes,
            *self.tiers.forms,
            *self.lead_times.forms,
            *self.variants.forms,
            *[row for _kind, _label, row in self.customizations],
        ]

    # --- initial values -------------------------------------------------------------------
    @staticmethod
    def _blank() -> dict:
        return {
            "product": {
                "default_language": "en",
                "unit": Product.Unit.PIECE,
                "moq": "1",
                "order_increment": "1",
                "price_mode": Product.PriceMode.TIERS,
                "currency": "USD",
            },
            "attributes": {},
            "tiers": [],
            "lead_times": [],
            "variants": [],
            "customizations": {},
        }

    @staticmethod
    def _initial(product: Product) -> dict:
        currency = product.currency
        values = {
            name: getattr(product, name)
            for name in (
                "default_language",
                "unit",
                "price_mode",
                "currency",
                "supply_capacity_month",
                "port_of_loading",
                "hs_code",
                "units_per_carton",
                "carton_length_cm",
                "carton_width_cm",
                "carton_height_cm",
                "carton_gross_weight_kg",
                "samples_available",
                "sample_lead_days",
                "ready_to_ship",
                "stock_quantity",
            )
        }
        values.update(
            category=str(product.category_id),
            moq=str(product.moq),
            order_increment=str(product.order_increment),
            fob_min=amount_text(product.fob_min_minor, currency),
            fob_max=amount_text(product.fob_max_minor, currency),
            sample_price=amount_text(product.sample_price_minor, currency),
            group=str(product.group_id or ""),
        )
        for t in product.translations.all():
            key = lang_key(t.language)
            values.update(
                {
                    f"title_{key}": t.title,
                    f"description_{key}": t.description,
                    f"keywords_{key}": t.keywords,
                }
            )
        return {
            "product": values,
            "attributes": product.attributes,
            "tiers": [
                {
                    "min_quantity": str(t.min_quantity),
                    "max_quantity": str(t.max_quantity or ""),
                    "price": amount_text(t.unit_price_minor, currency),
                }
                for t in product.tiers.all()
            ],
            "lead_times": [
                {"max_quantity": str(r.max_quantity or ""), "days": r.days}
                for r in product.lead_times.all()
            ],
            "variants": [
                {
                    "sku": v.sku,
                    "options": options_text(v.options),
                    "price": amount_text(v.price_override_minor, currency),
                }
                for v in product.variants.all()
            ],
            "customizations": {
                c.kind: {
                    "offered": True,
                    "moq": str(c.moq),
                    "surcharge": amount_text(c.surcharge_minor, currency),
                    "note": c.note,
                }
                for c in product.customizations.all()
            },
        }

    @staticmethod
    def _category(value) -> Category | None:
        if not str(value or "").isdigit():
            return None
        return Category.objects.filter(pk=int(value), is_leaf=True).first()

    # --- parsing ----------------------------------------------------------------------------
    def _all_valid(self) -> bool:
        return all([form.is_valid() for form in self._forms()])

    def _price(self, form: Form, field: str, value: str, currency: str, **kwargs) -> int | None:
        value = (value or "").strip()
        if not value:
            return None
        try:
            return rules.price_minor(value, currency, field, **kwargs)
        except DomainError as exc:
            form.add_error(field, exc.message)
            return None

    def build(self) -> ProductInput | None:
        """The posted product as a ``ProductInput``; None (with errors shown) when it is not one."""
        if not self._all_valid():
            return None
        data = self.form.cleaned_data
        currency = data["currency"]
        price = self._price
        tiers = []
        for i, row in self.tiers.kept():
            minor = price(row, "price", row.cleaned_data["price"], currency)
            if minor is not None:
                tiers.append(
                    (
                        i,
                        rules.TierInput(
                            row.cleaned_data["min_quantity"],
                            row.cleaned_data["max_quantity"],
                            minor,
                        ),
                    )
                )
        tiers.sort(key=lambda pair: pair[1].min_quantity)  # the order rules.tiers reports in
        self._tier_rows = [i for i, _tier in tiers]
        leads = [
            (i, rules.LeadTimeInput(row.cleaned_data["max_quantity"], row.cleaned_data["days"]))
            for i, row in self.lead_times.kept()
        ]
        self._lead_rows = [i for i, _row in leads]
        variants = []
        for _i, row in self.variants.kept():
            override = price(row, "price", row.cleaned_data["price"], currency)
            variants.append(
                VariantInput(row.cleaned_data["sku"].strip(), row.cleaned_data["options"], override)
            )
        customizations = []
        for kind, _label, row in self.customizations:
            if row.dropped:
                continue
            surcharge = price(
                row, "surcharge", row.cleaned_data["surcharge"], currency, allow_zero=True
            )
            customizations.append(
                CustomizationInput(
                    kind, row.cleaned_data["moq"], surcharge or 0, row.cleaned_data["note"]
                )
            )
        fob_min = price(self.form, "fob_min", data["fob_min"], currency)
        fob_max = price(self.form, "fob_max", data["fob_max"], currency)
        sample = price(self.form, "sample_price", data["sample_price"], currency, allow_zero=True)
        if self.has_errors():
            return None
        return ProductInput(
            category_id=int(data["category"]),
            translations=self.form.translations(),
            default_language=data["default_language"],
            attributes=self.attributes.values(),
            unit=data["unit"],
            moq=data["moq"],
            order_increment=data["order_increment"],
            price_mode=data["price_mode"],
            currency=currency,
            tiers=[tier for _i, tier in tiers],
            fob_min_minor=fob_min,
            fob_max_minor=fob_max,
            lead_times=[row for _i, row in leads],
            variants=variants,
            customizations=customizations,
            supply_capacity_month=data["supply_capacity_month"],
            port_of_loading=data["port_of_loading"],
            hs_code=data["hs_code"],
            units_per_carton=data["units_per_carton"],
            carton_length_cm=data["carton_length_cm"],
            carton_width_cm=data["carton_width_cm"],
            carton_height_cm=data["carton_height_cm"],
            carton_gross_weight_kg=data["carton_gross_weight_kg"],
            samples_available=data["samples_available"],
            sample_price_minor=sample,
            sample_lead_days=data["sample_lead_days"],
            ready_to_ship=data["ready_to_ship"],
            stock_quantity=data["stock_quantity"] or 0,
            group_id=int(data["group"]) if data["group"] else None,
        )

    # --- errors -----------------------------------------------------------------------------
    def _row_error(self, rows: Rows, mapping: list[int], index, exc: DomainError) -> None:
        if isinstance(index, int) and 0 <= index < len(mapping):
            form = rows.forms[mapping[index]]
            apply_domain_error(form, exc, default_field=ROW_ERROR_FIELD.get(exc.code))
        else:
            apply_domain_error(rows.errors_form, exc)

    def apply_error(self, exc: DomainError) -> None:
        """Show a service's error next to what it is about."""
        details = exc.details or {}
        field = details.get("field")
        if field == "tiers":
            self._row_error(self.tiers, self._tier_rows, details.get("tier"), exc)
        elif field == "lead_times":
            self._row_error(self.lead_times, self._lead_rows, details.get("row"), exc)
        elif field == "variants":
            apply_domain_error(self.variants.errors_form, exc)
        elif field == "customizations":
            apply_domain_error(self.customization_errors, exc)
        elif field == "attributes":
            code = details.get("attribute")
            apply_domain_error(self.attributes, exc, field_map={"attributes": f"attr_{code}"})
        else:
            default = lang_key(self.form.cleaned_data.get("default_language") or "en")
            apply_domain_error(
                self.form, exc, field_map={**PRODUCT_FIELD_MAP, "title": f"title_{default}"}
            )

    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or self.attributes.errors
            or self.tiers.has_errors()
            or self.lead_times.has_errors()
            or self.variants.has_errors()
            or self.customization_errors.errors
            or any(row.errors for _kind, _label, row in self.customizations)
        )

    def error_summary(self) -> list[dict]:
        """Every error on the page, each with the id of the input it belongs to."""
        items = []

        def add(form: Form, section: str = "") -> None:
            for error in form.non_field_errors():
                items.append({"anchor": section, "label": "", "message": error})
            for bound in form:
                for error in bound.errors:
                    items.append(
                        {
                            "anchor": bound.id_for_label or bound.auto_id,
                            "label": bound.label,
                            "message": error,
                        }
                    )

        add(self.form)
        add(self.attributes, "attributes")
        for name, rows, section in (
            (_("Price tiers"), self.tiers, "tiers"),
            (_("Lead times"), self.lead_times, "lead-times"),
            (_("Variants"), self.variants, "variants"),
        ):
            for error in rows.group_errors:
                items.append({"anchor": section, "label": name, "message": error})
            for i, form in enumerate(rows.forms):
                for error in form.non_field_errors():
                    items.append(
                        {"anchor": f"{rows.prefix}-row-{i}", "label": name, "message": error}
                    )
                for bound in form:
                    for error in bound.errors:
                        items.append(
                            {
                                "anchor": bound.id_for_label,
                                "label": f"{name}: {bound.label}",
                                "message": error,
                            }
                        )
        for error in self.customization_errors.non_field_errors():
            items.append(
                {"anchor": "customizations", "label": _("Customization"), "message": error}
            )
        for _kind, label, row in self.customizations:
            for bound in row:
                for error in bound.errors:
                    items.append(
                        {
                            "anchor": bound.id_for_label,
                            "label": f"{label}: {bound.label}",
                            "message": error,
                        }
                    )
        return items
