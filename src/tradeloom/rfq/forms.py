"""Web forms for RFQs and quotes. They only shape input; the services hold the rules."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradeloom.catalog.models import Category, Product
from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.rfq.models import Incoterm, Rfq
from tradeloom.rfq.services import QuoteInput, QuoteTierInput, RfqInput

TIER_ROWS = 3


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [d for d in data if d]
        return [data] if data else []


def category_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(c.pk), "\u2003" * c.depth + c.name()) for c in Category.objects.order_by("path")
    ]


class RfqForm(forms.Form):
    product_name = forms.CharField(label=_("Product name"), max_length=200)
    category_id = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    quantity = forms.CharField(label=_("Quantity"))
    unit = forms.ChoiceField(label=_("Unit"), choices=Product.Unit.choices)
    target_price = forms.CharField(label=_("Target unit price"), required=False)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    destination_country = forms.ChoiceField(label=_("Destination country"))
    destination_port = forms.CharField(label=_("Destination port"), required=False, max_length=80)
    incoterm = forms.ChoiceField(label=_("Incoterm"), choices=Incoterm.choices, initial="FOB")
    needed_by = forms.DateField(
        label=_("Date needed"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    expires_on = forms.DateField(
        label=_("Quotes accepted until"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    visibility = forms.ChoiceField(
        label=_("Who may quote"), choices=Rfq.Visibility.choices, widget=forms.RadioSelect
    )
    invited = forms.CharField(
        label=_("Invited suppliers"),
        required=False,
        help_text=_("Supplier address names (as in their storefront link), separated by commas."),
    )
    max_quotes = forms.IntegerField(
        label=_("Close after this many quotes"), min_value=1, max_value=50, initial=10
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, currency: str = "USD", country: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_id"].choices = category_choices()
        self.fields["destination_country"].choices = [("", "—"), *countries]
        self.initial.setdefault("currency", currency)
        self.initial.setdefault("destination_country", country)
        self.initial.setdefault("visibility", Rfq.Visibility.OPEN)
        self.initial.setdefault("expires_on", timezone.now().date() + timedelta(days=14))

    def to_input(self, invited_ids: list[int]) -> RfqInput:
        d = self.cleaned_data
        return RfqInput(
            product_name=d["product_name"],
            category_id=d["category_id"],
            description=d["description"],
            quantity=d["quantity"],
            unit=d["unit"],
            target_price=d["target_price"],
            currency=d["currency"],
            destination_country=d["destination_country"],
            destination_port=d["destination_port"],
            incoterm=d["incoterm"],
            needed_by=d["needed_by"],
            expires_on=d["expires_on"],
            visibility=d["visibility"],
            max_quotes=d["max_quotes"],
            invited_supplier_ids=invited_ids,
        )


class QuoteForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    moq = forms.CharField(label=_("Minimum order quantity"), initial="1")
    lead_time_days = forms.CharField(label=_("Lead time (days)"))
    sample_price = forms.CharField(label=_("Sample price"), required=False)
    sample_days = forms.CharField(label=_("Sample time (days)"), required=False)
    incoterm = forms.ChoiceField(label=_("Incoterm"), choices=Incoterm.choices, initial="FOB")
    port = forms.CharField(label=_("Port"), required=False, max_length=80)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    product_id = forms.ChoiceField(label=_("Your product"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, products=(), currency: str = "USD", **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, TIER_ROWS + 1):
            self.fields[f"tier{i}_qty"] = forms.CharField(
                label=_("From quantity (tier %(n)s)") % {"n": i}, required=i == 1
            )
            self.fields[f"tier{i}_price"] = forms.CharField(
                label=_("Unit price (tier %(n)s)") % {"n": i}, required=i == 1
            )
        self.fields["product_id"].choices = [("", "—")] + [(str(p.pk), p.title()) for p in products]
        self.initial.setdefault("currency", currency)
        self.initial.setdefault("valid_until", timezone.now().date() + timedelta(days=30))

    def tier_fields(self):
        return [(self[f"tier{i}_qty"], self[f"tier{i}_price"]) for i in range(1, TIER_ROWS + 1)]

    def to_input(self) -> QuoteInput:
        d = self.cleaned_data
        tiers = [
            QuoteTierInput(d[f"tier{i}_qty"], d[f"tier{i}_price"])
            for i in range(1, TIER_ROWS + 1)
            if d.get(f"tier{i}_qty") or d.get(f"tier{i}_price")
        ]
        return QuoteInput(
            tiers=tiers,
            currency=d["currency"],
            moq=d["moq"],
            lead_time_days=d["lead_time_days"],
            sample_price=d["sample_price"],
            sample_days=d["sample_days"],
            incoterm=d["incoterm"],
            port=d["port"],
            valid_until=d["valid_until"],
            notes=d["notes"],
            product_id=d["product_id"] or None,
        )


def quote_initial(quote) -> dict:
    initial = {
        "currency": quote.currency,
        "moq": quote.moq,
        "lead_time_days": quote.lead_time_days,
        "sample_price": quote.sample_price.amount if quote.sample_price is not None else "",
        "sample_days": quote.sample_days if quote.sample_days is not None else "",
        "incoterm": quote.incoterm,
        "port": quote.port,
        "valid_until": quote.valid_until,
        "notes": quote.notes,
        "product_id": str(quote.product_id or ""),
    }
    for i, tier in enumerate(quote.tiers.all()[:TIER_ROWS], start=1):
        initial[f"tier{i}_qty"] = tier.min_quantity
        initial[f"tier{i}_price"] = quote.money(tier.unit_price_minor).amount
    return initial
