"""The benchmark catalogue generator writes only data the services would accept."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tradeloom.accounts.models import Company
from tradeloom.catalog.generator import SLUG_PREFIX, generate
from tradeloom.catalog.models import LANGS, Product, ProductImage, Variant
from tradeloom.catalog.pricing import resolve_price
from tradeloom.catalog.rules import lead_times, moq_and_increment, tiers
from tradeloom.catalog.selectors import live_product
from tradeloom.catalog.services import _attributes

pytestmark = pytest.mark.django_db


def test_generated_products_follow_the_rules():
    report = generate(120, 6, seed=3, batch_size=50)

    products = Product.objects.prefetch_related("tiers", "lead_times", "translations")
    assert (report.products, report.suppliers, products.count()) == (120, 6, 120)
    for product in products:
        assert product.status == "live" and product.live_at is not None
        assert moq_and_increment(product.moq, product.order_increment)
        if product.price_mode == "tiers":
            assert tiers(list(product.tiers.all()), product.moq)
            assert resolve_price(product, product.moq).ok
        else:
            assert not product.tiers.exists()
            assert product.fob_min_minor <= product.fob_max_minor
        assert lead_times(list(product.lead_times.all()))
        languages = {t.language for t in product.translations.all()}
        assert product.default_language in languages <= set(LANGS)
        assert _attributes(product.category, product.attributes) == product.attributes
        assert product.category.is_leaf


def test_generated_rows_are_complete_enough_for_the_product_page():
    generate(30, 3, seed=5, batch_size=30)

    product = live_product(Product.objects.order_by("pk").first().pk)

    assert product.images.exists()
    image = ProductImage.objects.first()
    assert image.image.storage.exists(image.image.name)
    assert image.thumbnail.storage.exists(image.thumbnail.name)
    assert product.supplier.profile.established_year


def test_skus_are_unique_per_supplier_and_suppliers_are_reused():
    generate(40, 4, seed=1, batch_size=40)
    generate(40, 4, seed=2, batch_size=40)

    skus = list(Variant.objects.values_list("supplier_id", "sku"))
    assert len(skus) == len(set(skus))
    assert Company.objects.filter(slug__startswith=SLUG_PREFIX).count() == 4
    assert Product.objects.count() == 80


def test_the_command_reports_what_it_made():
    out = io.StringIO()

    call_command("generate_catalog", products=25, suppliers=2, batch=10, stdout=out)

    assert "Generated 25 live products" in out.getvalue()
    assert "across 2 suppliers" in out.getvalue()
