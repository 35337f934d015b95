"""The demo catalogue: live, multilingual, priced, pictured products of both demo suppliers,
their storefronts, and nothing added by a second run."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings
from PIL import Image

from tradeloom.catalog import demo as catalogue
from tradeloom.catalog.demo_data import SUPPLIERS
from tradeloom.catalog.models import (
    Certification,
    FactoryPhoto,
    PriceTier,
    Product,
    ProductImage,
    ProductTranslation,
    SupplierProfile,
    Variant,
)
from tradeloom.catalog.pricing import resolve_price
from tradeloom.catalog.rules import lead_times, tiers
from tradeloom.catalog.services import _attributes
from tradeloom.core import demo

pytestmark = pytest.mark.django_db

ROWS = (
    Product,
    ProductTranslation,
    PriceTier,
    Variant,
    ProductImage,
    SupplierProfile,
    Certification,
    FactoryPhoto,
)


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker, demo_media):
    """Seed once for the module (it takes seconds), inside a transaction rolled back at the
    end; each test runs in a savepoint within it, as usual."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_media),
        transaction.atomic(),
    ):
        yield demo.seed()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, settings, demo_media):
    settings.MEDIA_ROOT = demo_media
    return seeded_once


def test_the_demo_has_at_least_60_live_products_of_both_suppliers(seeded):
    by_supplier = Counter(
        Product.objects.filter(status="live").values_list("supplier__display_name", flat=True)
    )

    assert seeded.products_created == Product.objects.count() >= 60
    assert set(by_supplier) == {"Huamei Knitwear", "Yarnwell Accessories"}
    assert sum(by_supplier.values()) == Product.objects.count()


def test_every_product_speaks_three_languages(seeded):
    languages = Counter()
    for product in Product.objects.prefetch_related("translations"):
        rows = {t.language: t for t in product.translations.all()}
        assert set(rows) == {"en", "ja", "zh-hans"}, product.pk
        assert all(t.title and t.description.startswith("<p>") for t in rows.values())
        languages.update(list(rows))

    assert languages["ja"] == languages["zh-hans"] == Product.objects.count()


def test_every_product_has_valid_tiers_lead_times_variants_and_attributes(seeded):
    for product in Product.objects.prefetch_related("tiers", "lead_times", "variants"):
        rows = list(product.tiers.all())
        assert 2 <= len(rows) <= 4
        assert tiers(rows, product.moq) == rows
        assert lead_times(list(product.lead_times.all()))
        assert product.moq % product.order_increment == 0
        assert product.variants.exists()
        assert _attributes(product.category, product.attributes) == product.attributes
        assert resolve_price(product, product.moq).ok


def test_every_product_has_one_to_three_pictures_with_thumbnails(seeded):
    counts = Counter(ProductImage.objects.values_list("product_id", flat=True))

    assert set(counts) == set(Product.objects.values_list("pk", flat=True))
    assert set(counts.values()) == {1, 2, 3}
    image = ProductImage.objects.order_by("id").first()
    with Image.open(image.image) as full, Image.open(image.thumbnail) as thumb:
        assert full.format == thumb.format == "JPEG"
        assert full.size == (640, 640) and thumb.size == (400, 400)
    assert image.alt.startswith("Women's Cashmere Crew-Neck Sweater")


def test_sweaters_of_several_yarns_and_gauges_are_listed(seeded):
    sweaters = Product.objects.filter(category__path__startswith="apparel/sweaters/")
    gauges = {p.attributes["gauge"] for p in sweaters}
    yarns = {f for p in sweaters for f in p.attributes["fibre_content"]}

    assert {3, 5, 7, 12} <= gauges
    assert {"cashmere", "merino_wool", "lambswool", "mohair", "cotton", "acrylic"} <= yarns


def test_the_issue_example_is_among_the_products(seeded):
    product = Product.objects.get(variants__sku="HM-AC01-NVY-S")

    assert list(product.tiers.values_list("min_quantity", "max_quantity", "unit_price_minor")) == [
        (500, 999, 720),
        (1000, 4999, 680),
        (5000, None, 650),
    ]
    assert (product.ready_to_ship, product.stock_quantity) == (True, 6000)


def test_both_storefronts_have_their_facts_certificates_and_photos(seeded):
    facts = {
        p.company.display_name: (p.established_year, sum(m["share"] for m in p.main_markets))
        for p in SupplierProfile.objects.select_related("company")
    }

    assert facts == {"Huamei Knitwear": (2006, 100), "Yarnwell Accessories": (2014, 100)}
    assert Certification.objects.count() == 6
    assert Certification.objects.filter(file__endswith=".pdf").count() == 3
    assert FactoryPhoto.objects.count() == 5


def test_products_are_grouped_on_the_storefront(seeded):
    assert not Product.objects.filter(group__isnull=True).exists()
    assert set(Product.objects.values_list("group__name", flat=True)) == {
        group for spec in SUPPLIERS for group in spec.groups
    }


def test_running_the_demo_twice_adds_nothing(seeded):
    before = [model.objects.count() for model in ROWS]

    again = demo.seed()

    assert again.products_created == 0
    assert [model.objects.count() for model in ROWS] == before


def test_a_missing_product_is_added_back_alone(seeded):
    Product.objects.filter(variants__sku="YW-FM01-WHT-M").delete()
    before = Product.objects.count()

    report = catalogue.seed_catalogue(Product.objects.first().status_changes.last().actor)

    assert (report.products_created, report.storefronts_created) == (1, 0)
    assert Product.objects.count() == before + 1


def test_every_product_line_has_a_unique_key():
    keys = [catalogue.first_sku(line) for spec in SUPPLIERS for line in spec.products]

    assert len(keys) == len(set(keys)) >= 60
