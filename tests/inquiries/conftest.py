"""Fixtures of the inquiries tests: a supplier with a live product, a buyer, a third
company, and files of every accepted and refused kind."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog import services as catalog
from tradeloom.catalog.models import Category
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.catalog.services import ProductInput, TranslationInput, VariantInput
from tradeloom.catalog.taxonomy import load_taxonomy
from tradeloom.inquiries import services
from tradeloom.inquiries.services import InquiryInput
from tradeloom.inquiries.translation import reset_provider


@pytest.fixture(autouse=True)
def _no_translation_override():
    """No provider override and an empty cache (metrics and translation requests use it;
    ids repeat between tests)."""
    from django.core.cache import cache

    reset_provider()
    cache.clear()
    yield
    reset_provider()


def make_product(owner, title="Navy cable crew-neck", sku="NAVY-1", live=True):
    if not Category.objects.filter(slug="cashmere-sweaters-fine-gauge").exists():
        load_taxonomy()
    product = catalog.save_product(
        owner,
        ProductInput(
            category_id=Category.objects.get(slug="cashmere-sweaters-fine-gauge").pk,
            translations=[TranslationInput("en", title, "<p>Soft cashmere.</p>")],
            moq=500,
            order_increment=50,
            tiers=[TierInput(500, 999, 720), TierInput(1000, None, 680)],
            lead_times=[LeadTimeInput(None, 30)],
            variants=[VariantInput(sku, {"colour": "navy"})],
        ),
    )
    if live:
        catalog.submit_for_review(owner, product.pk)
        operator = MembershipFactory(user__is_operator=True).user
        catalog.moderate(operator, product.pk, "approve")
        product.refresh_from_db()
    return product


@pytest.fixture
def product(supplier):
    return make_product(supplier)


@pytest.fixture
def sales(supplier):
    return MembershipFactory(company=supplier.company, role="sales", user__full_name="Wendy Li")


@pytest.fixture
def third(db):
    """A rival supplier's owner: never part of the buyer–supplier conversation."""
    return MembershipFactory(
        company=CompanyFactory(kind="supplier", display_name="Cobalt Knits"), role="owner"
    )


@pytest.fixture
def other_buyer(db):
    return MembershipFactory(
        company=CompanyFactory(kind="buyer", display_name="Bluebird Retail", country="DE"),
        role="owner",
    )


def inquiry(buyer, product, message="Hi, 800 pcs in navy with our label?", files=None, **kw):
    data = InquiryInput(
        product_ids=[product.pk],
        quantity=kw.pop("quantity", 800),
        target_price=kw.pop("target_price", "6.90"),
        currency=kw.pop("currency", "USD"),
        destination_country=kw.pop("destination_country", "US"),
        customization=kw.pop("customization", "Own woven label"),
        message=message,
        **kw,
    )
    return services.start_inquiry(buyer, data, files)


@pytest.fixture
def conversation(buyer, product):
    return inquiry(buyer, product).conversation


def png_bytes(size=(20, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 60, 120)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active["A1"] = "size"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(content: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
