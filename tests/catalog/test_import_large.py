"""A 10,000-row file imports in one job (about 15 s on SQLite)."""

import pytest

from tests.catalog.import_helpers import catalogue_csv, run_import
from tradeloom.catalog.models import Product, Variant

pytestmark = pytest.mark.django_db


def test_a_10_000_row_file_imports(supplier):
    job = run_import(supplier, catalogue_csv(10_000))

    assert (job.status, job.total_rows, job.processed_rows) == ("done", 10_000, 10_000)
    assert (job.created_count, job.error_count) == (1_000, 0)
    assert Product.objects.count() == 1_000
    assert Variant.objects.count() == 10_000
    assert list(Product.objects.get(external_ref="KN-999").tiers.values_list(
        "min_quantity", "unit_price_minor"
    )) == [(100, 1250), (1000, 1190)]  # fmt: skip
