from django import forms
from django.utils.translation import gettext_lazy as _

from tradeloom.accounts.models import Company
from tradeloom.web.forms import Form, country_choices


def _any(label):
    return [("", label)]


class CompanyFilterForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or legal name")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_any(_("All kinds")) + Company.Kind.choices
    )
    status = forms.ChoiceField(
        label=_("Verification"),
        required=False,
        choices=_any(_("Any status")) + Company.Verification.choices,
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=lambda: _any(_("All countries")) + country_choices()[1:],
    )


class VerificationForm(Form):
    status = forms.ChoiceField(label=_("Verification"), choices=Company.Verification.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to operators; say what was checked or what is missing."),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
