"""The buyer's price calculator on a product page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradeloom.catalog import rules
from tradeloom.catalog.models import Product
from tradeloom.web.forms import Form


def variant_label(variant) -> str:
    """``grey / L`` by option name (jsonb keeps no key order), or the SKU."""
    values = [value for _name, value in sorted(variant.options.items())]
    return " / ".join(values) or variant.sku


class CalculatorForm(Form):
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=rules.MAX_QUANTITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
    )
    variant = forms.ChoiceField(label=_("Variant"), required=False)
    custom = forms.MultipleChoiceField(
        label=_("Customization"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, product: Product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["variant"].choices = [("", _("Any variant"))] + [
            (str(v.pk), variant_label(v)) for v in product.variants.all()
        ]
        self.fields["custom"].choices = [
            (c.kind, c.get_kind_display()) for c in product.customizations.all()
        ]

    def chosen(self) -> tuple[int, object, list]:
        """(quantity, variant or None, customization options) of a valid form."""
        variant_id = self.cleaned_data.get("variant")
        variant = next((v for v in self.product.variants.all() if str(v.pk) == variant_id), None)
        kinds = set(self.cleaned_data.get("custom") or [])
        options = [c for c in self.product.customizations.all() if c.kind in kinds]
        return self.cleaned_data["quantity"], variant, options
