"""Forms of sign-up, sign-in and account settings. Rules live in services; these only parse."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from tradeloom.web.forms import Form

PASSWORD_HELP = _(
    "At least 8 characters. Long passphrases are welcome; common passwords are refused."
)


def language_choices():
    return list(settings.LANGUAGES)


class SignupForm(Form):
    full_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Work email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=4096,
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    invitation = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, invited_email: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invited_email = invited_email
        if invited_email:
            # The invitation fixes the address: accepting it proves the mailbox.
            self.fields["email"].initial = invited_email
            self.fields["email"].widget.attrs["readonly"] = True
            self.fields["email"].help_text = _("The invitation was sent to this address.")

    def clean_email(self):
        return self.invited_email or self.cleaned_data["email"]


class LoginForm(Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ProfileForm(Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices,
        help_text=_("For the pages, emails and notifications you get."),
    )


class DeactivateForm(Form):
    password = forms.CharField(
        label=_("Your password"),
        max_length=4096,
        strip=False,
        help_text=_("Deactivating signs you out everywhere and revokes your API tokens."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
