from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MaximumLengthValidator:
    """Accept long passphrases (64 characters and more) but refuse absurd lengths."""

    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "This password is too long. It may have at most %(n)d character.",
                    "This password is too long. It may have at most %(n)d characters.",
                    self.max_length,
                )
                % {"n": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Your password may have up to %(n)d characters.") % {"n": self.max_length}
