"""Repeated rows posted as ``<prefix>-<i>-<field>``: price tiers, lead times, variants,
customizations and storefront markets. They work without JavaScript."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradeloom.catalog import rules
from tradeloom.catalog.forms.common import number_input, parsed, price_input, text_input
from tradeloom.web.forms import Form


class RowForm(Form):
    """One row of a group. Blank rows and rows marked for removal are left out."""

    remove = forms.BooleanField(label=_("Remove"), required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return all(data.get(name) in (None, "", False) for name in self.fields if name != "remove")

    @property
    def dropped(self) -> bool:
        return bool(self.cleaned_data.get("remove")) or self.is_blank()

    def needs(self, *names: str) -> None:
        """In a row that is kept, these fields must be filled."""
        if self.cleaned_data.get("remove") or self.is_blank():
            return
        for name in names:
            if self.cleaned_data.get(name) in (None, ""):
                self.add_error(name, _("This field is required."))


class Rows:
    """A group of rows posted as ``<prefix>-<i>-<field>`` with ``<prefix>-count``."""

    def __init__(
        self,
        form_class: type[RowForm],
        prefix: str,
        *,
        data=None,
        initial: list[dict] = (),
        spare: int = 1,
        minimum: int = 1,
        maximum: int = 10,
        add: int = 0,
    ):
        self.prefix = prefix
        self.maximum = maximum
        if data is None:
            count = max(len(initial) + spare, minimum)
        else:
            try:
                count = int(data.get(f"{prefix}-count", minimum))
            except (TypeError, ValueError):
                count = minimum
            count += add
        count = max(minimum, min(count, maximum))
        self.forms = [
            form_class(
                data,
                prefix=f"{prefix}-{i}",
                initial=initial[i] if data is None and i < len(initial) else None,
            )
            for i in range(count)
        ]
        # Errors about the group as a whole ("add at least one price tier").
        self.errors_form = Form(data={})

    @property
    def count(self) -> int:
        return len(self.forms)

    @property
    def can_add(self) -> bool:
        return self.count < self.maximum

    @property
    def group_errors(self):
        return self.errors_form.non_field_errors()

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    def kept(self) -> list[tuple[int, RowForm]]:
        return [(i, form) for i, form in enumerate(self.forms) if not form.dropped]

    def has_errors(self) -> bool:
        return bool(self.group_errors) or any(form.errors for form in self.forms)


def _quantity_or_none(value: str, field: str):
    value = (value or "").strip()
    return parsed(rules.quantity, value, field) if value else None


class TierRow(RowForm):
    min_quantity = forms.CharField(
        label=_("From quantity"), required=False, max_length=12, widget=number_input()
    )
    max_quantity = forms.CharField(
        label=_("To quantity"),
        required=False,
        max_length=12,
        widget=number_input(placeholder=_("and more")),
    )
    price = forms.CharField(
        label=_("Unit price"), required=False, max_length=20, widget=price_input()
    )

    def clean_min_quantity(self):
        return _quantity_or_none(self.cleaned_data["min_quantity"], "min_quantity")

    def clean_max_quantity(self):
        return _quantity_or_none(self.cleaned_data["max_quantity"], "max_quantity")

    def clean(self):
        self.needs("min_quantity", "price")
        return self.cleaned_data


class LeadTimeRow(RowForm):
    max_quantity = forms.CharField(
        label=_("Up to quantity"),
        required=False,
        max_length=12,
        widget=number_input(placeholder=_("any larger")),
    )
    days = forms.IntegerField(
        label=_("Days to ship"), required=False, min_value=1, max_value=365, widget=number_input()
    )

    def clean_max_quantity(self):
        return _quantity_or_none(self.cleaned_data["max_quantity"], "max_quantity")

    def clean(self):
        self.needs("days")
        return self.cleaned_data


def parse_options(text: str) -> dict[str, str]:
    """``colour=navy; size=M`` → ``{"colour": "navy", "size": "M"}``."""
    options: dict[str, str] = {}
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise forms.ValidationError(
                _("Write options as name=value, separated by semicolons."), code="invalid_options"
            )
        options[name.strip()] = value.strip()
    return options


def options_text(options: dict[str, str]) -> str:
    # Sorted: PostgreSQL's jsonb does not keep the order keys were written in.
    return "; ".join(f"{k}={v}" for k, v in sorted((options or {}).items()))


class VariantRow(RowForm):
    sku = forms.CharField(label=_("SKU"), required=False, max_length=64)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        max_length=300,
        widget=text_input(placeholder="colour=navy; size=M"),
    )
    price = forms.CharField(
        label=_("Own unit price"), required=False, max_length=20, widget=price_input(placeholder="")
    )

    def clean_options(self):
        return parse_options(self.cleaned_data["options"])

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("sku") and not data.get("options") and not data.get("price")

    def clean(self):
        self.needs("sku")
        return self.cleaned_data


class CustomizationRow(RowForm):
    offered = forms.BooleanField(label=_("Offered"), required=False)
    moq = forms.CharField(
        label=_("Minimum quantity"), required=False, max_length=12, widget=number_input()
    )
    surcharge = forms.CharField(
        label=_("Surcharge per unit"), required=False, max_length=20, widget=price_input()
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean_moq(self):
        return _quantity_or_none(self.cleaned_data["moq"], "moq")

    @property
    def dropped(self) -> bool:
        return not self.cleaned_data.get("offered")

    def clean(self):
        if self.cleaned_data.get("offered") and self.cleaned_data.get("moq") is None:
            self.add_error("moq", _("This field is required."))
        return self.cleaned_data


class MarketRow(RowForm):
    market = forms.CharField(label=_("Market"), required=False, max_length=60)
    share = forms.IntegerField(
        label=_("Share (%)"), required=False, min_value=0, max_value=100, widget=number_input()
    )

    def clean(self):
        self.needs("market")
        return self.cleaned_data
