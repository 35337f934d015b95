"""Forms of the web UI, and the one place where a service's DomainError becomes a form error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradeloom.accounts.models import Company
from tradeloom.core.currencies import CURRENCY_CHOICES
from tradeloom.core.errors import DomainError
from tradeloom.core.permissions import Role


def apply_domain_error(
    form: forms.Form,
    exc: DomainError,
    *,
    field_map: dict[str, str] | None = None,
    default_field: str | None = None,
) -> forms.Form:
    """Put a service's error on the field it names (``details["field"]``), else on the form.

    ``field_map`` renames service fields to form fields; ``default_field`` takes errors
    that name no field (an image error belongs to the upload field). Every view handles
    service errors through here, so they look the same everywhere.
    """
    form.errors  # noqa: B018  (runs validation so add_error has a place to write)
    details = exc.details or {}
    field = details.get("field")
    if field_map and field in field_map:
        field = field_map[field]
    target = field if field in form.fields else default_field
    problems = details.get("problems")
    messages = list(problems) if isinstance(problems, list) and problems else [exc.message]
    for message in messages:
        form.add_error(target, message)
    return form


def form_status(exc: DomainError | None = None) -> int:
    """The status of a page re-rendered with errors: the error's own 4xx, 400 otherwise."""
    if exc is None or exc.status == 401:
        return 400
    return exc.status


class Form(forms.Form):
    """A form without the trailing colon on labels; the look comes from web/_field.html."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# Languages a company can say it works in (codes as stored on Company.languages).
TRADE_LANGUAGES = [
    ("en", _("English")),
    ("zh", _("Chinese")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("vi", _("Vietnamese")),
    ("th", _("Thai")),
    ("id", _("Indonesian")),
    ("hi", _("Hindi")),
]


def country_choices():
    # A callable, so country names follow the language of each request.
    return [("", _("Choose a country"))] + [(c.code, c.name) for c in countries]


class CompanyProfileForm(Form):
    legal_name = forms.CharField(
        label=_("Legal name"),
        max_length=200,
        help_text=_("As registered, for contracts and invoices."),
    )
    display_name = forms.CharField(
        label=_("Display name"), max_length=120, help_text=_("The name buyers and suppliers see.")
    )
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        required=False,
        choices=TRADE_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    default_currency = forms.ChoiceField(
        label=_("Default currency"), choices=CURRENCY_CHOICES, initial="USD"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Keep codes set elsewhere (API, demo data) selectable rather than invalid.
        known = {code for code, _label in TRADE_LANGUAGES}
        extra = [code for code in (self.initial.get("languages") or []) if code not in known]
        if extra:
            self.fields["languages"].choices = TRADE_LANGUAGES + [(c, c) for c in extra]


class CompanyCreateForm(CompanyProfileForm):
    kind = forms.ChoiceField(
        label=_("What does your company do here?"),
        choices=Company.Kind.choices,
        help_text=_(
            "Suppliers sell wholesale, buyers buy for resale, import agents buy for "
            "their clients. The kind cannot be changed later."
        ),
        widget=forms.RadioSelect(attrs={"class": "choice-cards"}),
    )

    field_order = [
        "kind",
        "display_name",
        "legal_name",
        "country",
        "address",
        "website",
        "languages",
        "default_currency",
    ]


class LogoForm(Form):
    logo = forms.FileField(
        label=_("New logo"),
        help_text=_("A square JPEG, PNG, WebP or GIF image of at most 2 MB works best."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )


def role_choices(assignable) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Role.choices if value in assignable]


class InviteForm(Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.SALES)

    def __init__(self, *args, assignable=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assignable is not None:
            self.fields["role"].choices = role_choices(assignable)


class RoleForm(Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class TokenForm(Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("Say where it is used, for example “ERP sync”."),
    )
