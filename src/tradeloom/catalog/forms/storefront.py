"""The storefront profile: company facts, certifications, factory photos."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradeloom.catalog.forms.common import number_input
from tradeloom.catalog.models import SupplierProfile
from tradeloom.web.forms import Form


class ProfileForm(Form):
    about = forms.CharField(
        label=_("About the company"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you make, for whom, and what sets you apart."),
    )
    business_type = forms.ChoiceField(
        label=_("Business type"), choices=SupplierProfile.BusinessType.choices
    )
    established_year = forms.IntegerField(
        label=_("Year established"), required=False, widget=number_input()
    )
    staff_count = forms.IntegerField(label=_("Staff"), required=False, widget=number_input())
    factory_area_m2 = forms.IntegerField(
        label=_("Factory area (m²)"), required=False, widget=number_input()
    )
    annual_output = forms.CharField(
        label=_("Annual output"),
        required=False,
        max_length=120,
        help_text=_("For example “1.2 million pieces” or “USD 8 million”."),
    )


class CertificationForm(Form):
    name = forms.CharField(label=_("Certification"), max_length=120)
    issuer = forms.CharField(label=_("Issued by"), required=False, max_length=120)
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("Certificate file"),
        required=False,
        help_text=_("A PDF or an image, up to 5 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/*"}),
    )


class FactoryPhotoForm(Form):
    photo = forms.FileField(
        label=_("Factory photo"),
        help_text=_("JPEG, PNG, WebP or GIF, up to 8 MB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=200)
