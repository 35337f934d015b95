"""Uploading and describing product images."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradeloom.web.forms import Form


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files from one input; each is checked by the image service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImageUploadForm(Form):
    images = MultipleImageField(
        label=_("Add images"),
        help_text=_("JPEG, PNG, WebP or GIF, up to 8 MB each. Choose several at once."),
    )
    alt = forms.CharField(
        label=_("Description of the images"),
        required=False,
        max_length=200,
        help_text=_("What the pictures show, for buyers who cannot see them."),
    )


class ImageAltForm(Form):
    alt = forms.CharField(label=_("Description of the image"), required=False, max_length=200)
