"""Forms of the inbox. They only shape input; the services decide what is allowed."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.inquiries.models import NotificationPreference
from tradeloom.web.forms import Form, country_choices

FILES_HELP = _("Images, PDF or Excel (.xlsx) files; at most 5 files of 10 MB each.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input; the service sniffs and caps them."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", FILES_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/*,application/pdf,.pdf,.xlsx")

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(FilesField, self).clean(item, initial) for item in items if item]


class InquiryForm(Form):
    quantity = forms.IntegerField(
        label=_("Quantity"), required=False, min_value=1, max_value=10_000_000
    )
    target_price = forms.CharField(
        label=_("Target unit price"),
        required=False,
        max_length=20,
        help_text=_("Optional: the price per unit you hope for, such as 6.90."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES, initial="USD")
    destination_country = forms.ChoiceField(
        label=_("Destination country"), choices=country_choices, required=False
    )
    customization = forms.CharField(
        label=_("Customization wanted"),
        required=False,
        max_length=1000,
        help_text=_("Your own label, colours, packaging…"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    message = forms.CharField(
        label=_("Message"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6})
    )
    files = FilesField(label=_("Attachments"))


class ReplyForm(Form):
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = FilesField(label=_("Attachments"))


class OfferForm(Form):
    product = forms.TypedChoiceField(label=_("Product"), coerce=int)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=10_000_000)
    unit_price = forms.CharField(label=_("Unit price"), max_length=20)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=1, max_value=730)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [(p.pk, p.title()) for p in products]
        self.fields["valid_until"].initial = timezone.localdate() + timedelta(days=14)


class SampleForm(Form):
    product = forms.TypedChoiceField(label=_("Product"), coerce=int)
    variant = forms.TypedChoiceField(
        label=_("Variant"), coerce=int, required=False, empty_value=None
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1000, initial=1)
    address = forms.CharField(
        label=_("Send to"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [(p.pk, p.title()) for p in products]
        self.fields["variant"].choices = [("", _("Any"))] + [
            (v.pk, f"{p.title()} · {v.label()}") for p in products for v in p.variants.all()
        ]


class QuickReplyForm(Form):
    title = forms.CharField(label=_("Template name"), max_length=80)
    body = forms.CharField(
        label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PreferencesForm(Form):
    in_app = forms.BooleanField(label=_("In-app notifications"), required=False)
    email = forms.ChoiceField(
        label=_("Email"),
        choices=NotificationPreference.Email.choices,
        widget=forms.RadioSelect,
    )
    only_assigned = forms.BooleanField(
        label=_("Only conversations assigned to me"),
        required=False,
        help_text=_("Conversations nobody is assigned to still notify you."),
    )


class SuspendForm(Form):
    company = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
