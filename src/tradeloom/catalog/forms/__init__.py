"""Forms of the catalog pages (see ``editor`` for the product editor)."""

from tradeloom.catalog.forms.calculator import CalculatorForm
from tradeloom.catalog.forms.common import (
    LANGUAGE_NAMES,
    category_path,
    lang_key,
    leaf_category_choices,
)
from tradeloom.catalog.forms.editor import ProductEditor
from tradeloom.catalog.forms.media import ImageAltForm, ImageUploadForm
from tradeloom.catalog.forms.product import AttributesForm, GroupForm, ProductForm
from tradeloom.catalog.forms.rows import MarketRow, Rows, options_text, parse_options
from tradeloom.catalog.forms.storefront import CertificationForm, FactoryPhotoForm, ProfileForm

__all__ = [
    "LANGUAGE_NAMES",
    "AttributesForm",
    "CalculatorForm",
    "CertificationForm",
    "FactoryPhotoForm",
    "GroupForm",
    "ImageAltForm",
    "ImageUploadForm",
    "MarketRow",
    "ProductEditor",
    "ProductForm",
    "ProfileForm",
    "Rows",
    "category_path",
    "lang_key",
    "leaf_category_choices",
    "options_text",
    "parse_options",
]
