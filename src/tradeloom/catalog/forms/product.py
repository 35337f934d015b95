"""The product's own fields and the typed attribute inputs of its category."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tradeloom.catalog import rules
from tradeloom.catalog.forms.common import (
    LANGUAGE_NAMES,
    lang_key,
    leaf_category_choices,
    number_input,
    parsed,
    price_input,
    text_input,
)
from tradeloom.catalog.models import LANGS, Attribute, Product
from tradeloom.catalog.services import TranslationInput
from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.web.forms import Form


class AttributesForm(Form):
    """One typed input per attribute the category declares or inherits, named ``attr_<code>``."""

    def __init__(self, attributes: dict[str, Attribute], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attributes = attributes
        for code, attribute in attributes.items():
            self.fields[f"attr_{code}"] = self._field(attribute)

    @staticmethod
    def _field(attribute: Attribute) -> forms.Field:
        label = attribute.name()
        if attribute.unit:
            label = f"{label} ({attribute.unit})"
        choices = [(v.code, v.name()) for v in attribute.values.all()]
        kind = attribute.kind
        if kind == Attribute.Kind.CHOICE:
            return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])
        if kind == Attribute.Kind.MULTI:
            return forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=choices,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "check-columns"}),
            )
        if kind == Attribute.Kind.BOOL:
            return forms.NullBooleanField(label=label, required=False)
        if kind == Attribute.Kind.NUMBER:
            return forms.CharField(
                label=label, required=False, max_length=20, widget=text_input(inputmode="decimal")
            )
        return forms.CharField(label=label, required=False, max_length=200)

    def values(self) -> dict[str, Any]:
        values = {}
        for code in self.attributes:
            value = self.cleaned_data.get(f"attr_{code}")
            if value in (None, "", []):
                continue
            values[code] = value
        return values

    @staticmethod
    def initial_from(stored: dict[str, Any]) -> dict[str, Any]:
        return {f"attr_{code}": value for code, value in (stored or {}).items()}

    @staticmethod
    def initial_from_query(query, attributes: dict[str, Attribute]) -> dict[str, Any]:
        """Values already typed (sent along when the category changes) for codes that stay."""
        initial = {}
        for code, attribute in attributes.items():
            name = f"attr_{code}"
            if attribute.kind == Attribute.Kind.MULTI:
                initial[name] = query.getlist(name)
            elif name in query:
                initial[name] = query.get(name)
        return initial


class ProductForm(Form):
    category_q = forms.CharField(
        label=_("Find a category"),
        required=False,
        max_length=80,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("sweater, セーター, 毛衣…")}
        ),
    )
    category = forms.ChoiceField(label=_("Category"))
    default_language = forms.ChoiceField(
        label=_("Main language"),
        choices=[(code, LANGUAGE_NAMES[code]) for code in LANGS],
        help_text=_("Shown when the product has no text in the viewer's language."),
    )
    unit = forms.ChoiceField(label=_("Selling unit"), choices=Product.Unit.choices)
    moq = forms.CharField(label=_("Minimum order quantity"), max_length=12, widget=number_input())
    order_increment = forms.CharField(
        label=_("Order increment"),
        max_length=12,
        widget=number_input(),
    )
    price_mode = forms.ChoiceField(
        label=_("Price"),
        choices=Product.PriceMode.choices,
        widget=forms.RadioSelect(attrs={"class": "choice-cards"}),
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=CURRENCY_CHOICES,
        error_messages={"invalid_choice": _("Unknown currency: %(value)s")},
    )
    fob_min = forms.CharField(
        label=_("Indicative FOB price from"), required=False, max_length=20, widget=price_input()
    )
    fob_max = forms.CharField(
        label=_("Indicative FOB price to"), required=False, max_length=20, widget=price_input()
    )
    supply_capacity_month = forms.IntegerField(
        label=_("Supply capacity per month"), required=False, min_value=1, max_value=10**9
    )
    port_of_loading = forms.CharField(label=_("Port of loading"), required=False, max_length=80)
    hs_code = forms.CharField(label=_("HS code"), required=False, max_length=12)
    units_per_carton = forms.IntegerField(
        label=_("Units per carton"), required=False, min_value=1, max_value=10**6
    )
    carton_length_cm = forms.DecimalField(
        label=_("Carton length (cm)"),
        required=False,
        min_value=Decimal("0.1"),
        max_digits=7,
        decimal_places=1,
    )
    carton_width_cm = forms.DecimalField(
        label=_("Carton width (cm)"),
        required=False,
        min_value=Decimal("0.1"),
        max_digits=7,
        decimal_places=1,
    )
    carton_height_cm = forms.DecimalField(
        label=_("Carton height (cm)"),
        required=False,
        min_value=Decimal("0.1"),
        max_digits=7,
        decimal_places=1,
    )
    carton_gross_weight_kg = forms.DecimalField(
        label=_("Gross weight per carton (kg)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
    )
    samples_available = forms.BooleanField(label=_("Samples available"), required=False)
    sample_price = forms.CharField(
        label=_("Sample price"), required=False, max_length=20, widget=price_input()
    )
    sample_lead_days = forms.IntegerField(
        label=_("Sample lead time (days)"), required=False, min_value=1, max_value=365
    )
    ready_to_ship = forms.BooleanField(label=_("Ready to ship from stock"), required=False)
    stock_quantity = forms.IntegerField(
        label=_("Units in stock"), required=False, min_value=0, max_value=rules.MAX_QUANTITY
    )
    group = forms.ChoiceField(label=_("Product group"), required=False)

    def __init__(self, *args, groups=(), category_q: str = "", keep_category=None, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGS:
            key, name = lang_key(language), LANGUAGE_NAMES[language]
            self.fields[f"title_{key}"] = forms.CharField(
                label=_("Title"),
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"lang": language}),
            )
            self.fields[f"description_{key}"] = forms.CharField(
                label=_("Description"),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 6, "lang": language}),
                help_text=_(
                    "Plain text, or simple HTML: paragraphs, lists, bold and tables are kept; "
                    "anything else is removed."
                ),
            )
            self.fields[f"keywords_{key}"] = forms.CharField(
                label=_("Keywords"),
                required=False,
                max_length=400,
                widget=forms.TextInput(attrs={"lang": language}),
                help_text=_("Words buyers search for, separated by commas."),
            )
            self.fields[f"title_{key}"].language_name = name
        self.fields["category"].choices = leaf_category_choices(category_q, keep_category)
        # With htmx, picking a category swaps in its attribute inputs; the search narrows
        # the picker. Without JavaScript the editor offers submit buttons for both.
        self.fields["category"].widget.attrs.update(
            {
                "hx-get": reverse("catalog:attribute_fields"),
                "hx-trigger": "change",
                "hx-target": "#attribute-fields",
                "hx-include": "#attribute-fields, #id_category",
            }
        )
        self.fields["category_q"].widget.attrs.update(
            {
                "hx-get": reverse("catalog:category_options"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#id_category",
                "hx-include": "#id_category",
            }
        )
        self.fields["group"].choices = [("", _("No group"))] + [(str(g.pk), g.name) for g in groups]

    def clean_moq(self):
        return parsed(rules.quantity, self.cleaned_data["moq"], "moq")

    def clean_order_increment(self):
        return parsed(rules.quantity, self.cleaned_data["order_increment"] or 1, "order_increment")

    def translations(self) -> list[TranslationInput]:
        rows = []
        for language in LANGS:
            key = lang_key(language)
            rows.append(
                TranslationInput(
                    language,
                    self.cleaned_data.get(f"title_{key}", ""),
                    self.cleaned_data.get(f"description_{key}", ""),
                    self.cleaned_data.get(f"keywords_{key}", ""),
                )
            )
        return rows

    def language_sections(self) -> list[dict]:
        """Per language: its name and its three fields, for the template."""
        default = self["default_language"].value() or "en"
        sections = []
        for language in LANGS:
            key = lang_key(language)
            fields = [self[f"title_{key}"], self[f"description_{key}"], self[f"keywords_{key}"]]
            sections.append(
                {
                    "code": language,
                    "name": LANGUAGE_NAMES[language],
                    "fields": fields,
                    "is_default": language == default,
                    "open": language == default
                    or any(f.value() for f in fields)
                    or any(f.errors for f in fields),
                }
            )
        return sections


class GroupForm(Form):
    name = forms.CharField(label=_("New group"), max_length=80)
