"""Exporting a supplier's products in the import template, and importing the export back."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.catalog.import_helpers import csv_text, report_rows, run_import
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog.imports import exporter
from tradeloom.catalog.imports.readers import read_table
from tradeloom.catalog.imports.runner import parse
from tradeloom.catalog.models import Product, Variant
from tradeloom.catalog.rules import TierInput
from tradeloom.catalog.services import TranslationInput, save_product

pytestmark = pytest.mark.django_db

TEMPLATE_CSV = exporter.template_file("csv")[0]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "import-template.md"


def state() -> list:
    """Everything an import could change, to compare before and after."""
    products = exporter.with_children(Product.objects.order_by("pk"))
    return [(p.pk, p.updated_at, p.status, exporter.product_rows(p)) for p in products]


@pytest.fixture
def catalogue(supplier, sweater_input):
    """Products of every kind: imported, made on the website (no product_ref, one without
    variants), with more tiers than the template shows, and text that looks like a formula."""
    run_import(supplier, TEMPLATE_CSV)
    save_product(supplier, sweater_input())
    save_product(
        supplier,
        sweater_input(
            translations=[
                TranslationInput("ja", "=ニット帽", "<p>+ 暖かい</p>", "@knit, -hat"),
                TranslationInput("en", "Knit hat", "", "knit, hat"),
            ],
            default_language="ja",
            moq=100,
            order_increment=1,
            tiers=[TierInput(100 * n, 100 * n + 99, 900 - n) for n in range(1, 6)]
            + [TierInput(600, None, 800)],
            variants=[],
            attributes={"gauge": "7", "machine_washable": "yes"},
        ),
    )
    other = MembershipFactory(company=CompanyFactory(kind="supplier"))
    run_import(other, TEMPLATE_CSV.replace(b"CS-1001", b"OTHER-1"))
    return supplier


def test_the_csv_export_is_utf8_with_a_bom_in_the_template(catalogue):
    data, content_type = exporter.export_file(catalogue, "csv")

    assert content_type == "text/csv; charset=utf-8"
    assert data.startswith(b"\xef\xbb\xbf")
    table = read_table(data, "export.csv")
    assert table.header[:7] == [
        "product_ref", "sku", "category", "language", "title", "description", "keywords"
    ]  # fmt: skip
    assert {"tier6_min", "tier6_price", "attr:machine_washable", "title_en", "keywords_en"} <= set(
        table.header
    )
    refs = [cells[0] for _n, cells in table.rows]
    made = Product.objects.filter(supplier=catalogue.company, external_ref="").order_by("pk")
    assert refs == ["CS-1001", "CS-1001", "BAG-200"] + [f"tl-{p.pk}" for p in made]


def test_text_that_looks_like_a_formula_is_guarded_in_csv():
    data = exporter.write_csv(["product_ref", "title", "keywords"], [
        {"product_ref": "=1+1", "title": "+ soft", "keywords": "@x, -y"}
    ])  # fmt: skip

    assert data.decode("utf-8-sig").splitlines()[1] == "'=1+1,'+ soft,\"'@x, -y\""


def test_the_xlsx_export_writes_numbers_as_numbers_and_text_as_text(catalogue):
    data, content_type = exporter.export_file(catalogue, "xlsx")

    assert content_type == exporter.XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    values = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert (values["moq"].value, values["tier1_price"].value) == (500, 7.2)
    assert (values["hs_code"].data_type, values["hs_code"].value) == ("s", "6110.12")
    formula_row = next(r for r in sheet.iter_rows(min_row=2) if r[4].value == "=ニット帽")
    assert formula_row[4].data_type == "s"  # a string cell, never a formula


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_importing_an_export_changes_nothing_and_duplicates_nothing(catalogue, fmt):
    data, _content_type = exporter.export_file(catalogue, fmt)
    before = state()
    variants = Variant.objects.count()

    job = run_import(catalogue, data, f"export.{fmt}")

    assert (job.status, job.created_count, job.updated_count, job.rejected_count) == (
        "done",
        0,
        0,
        0,
    )
    assert (job.unchanged_count, job.error_count) == (4, 0)
    assert state() == before
    assert Variant.objects.count() == variants


def test_an_edited_export_updates_only_what_changed(catalogue):
    lines = exporter.export_file(catalogue, "csv")[0].split(b"\r\n")
    data = b"\r\n".join(
        line.replace(b",6.80,", b",6.70,") if line.startswith(b"CS-1001,") else line
        for line in lines
    )

    job = run_import(catalogue, data, "export.csv")

    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 1, 3)
    sweater = Product.objects.get(external_ref="CS-1001")
    assert sweater.tiers.values_list("unit_price_minor", flat=True)[1] == 670


def test_another_suppliers_products_are_not_exported(catalogue):
    rows = exporter.supplier_rows(catalogue)

    assert "OTHER-1" not in {r["product_ref"] for r in rows}
    assert len(rows) == 5


def test_only_a_catalogue_manager_may_export(catalogue):
    from tradeloom.core.errors import PermissionDenied

    catalogue.role = "sales"
    with pytest.raises(PermissionDenied):
        exporter.export_file(catalogue, "csv")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_imports_cleanly(supplier, fmt):
    data, _content_type = exporter.template_file(fmt)

    job = run_import(supplier, data, f"template.{fmt}")

    assert (job.status, job.created_count, job.error_count) == ("done", 2, 0)


def test_the_xlsx_template_explains_its_columns():
    workbook = load_workbook(io.BytesIO(exporter.template_file("xlsx")[0]))

    notes = {row[0]: row[1] for row in workbook["columns"].iter_rows(min_row=2, values_only=True)}
    assert notes["product_ref"] == (
        "Your own code for the product. Rows with the same code are one product."
    )
    assert notes["tier3_price"] == "Unit price of the tier, e.g. 7.20."
    assert set(notes) == set(exporter.template_columns())


def test_the_documented_example_is_a_valid_file(supplier):
    example = re.search(r"```csv\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S).group(1)
    table, header = parse(example.encode(), "example.csv")
    without_images = [
        [c for name, c in zip(header, cells, strict=True) if name != "image_urls"]
        for _n, cells in table.rows
    ]

    job = run_import(
        supplier, csv_text([h for h in header if h != "image_urls"], without_images).encode()
    )

    assert (job.created_count, report_rows(job)) == (2, [])
    assert [len(cells) for _n, cells in table.rows] == [len(header)] * 3
