"""The import job end to end: real files, the real runner, the real database."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from tests.catalog.import_helpers import (
    csv_bytes,
    csv_text,
    report_rows,
    run_import,
    xlsx_bytes,
)
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog.imports import exporter, jobs, runner
from tradeloom.catalog.imports.columns import FileRejected
from tradeloom.catalog.models import ImportJob, Product, Variant
from tradeloom.catalog.services import save_product
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db

TEMPLATE_CSV = exporter.template_file("csv")[0]


def product(ref: str) -> Product:
    return Product.objects.get(external_ref=ref)


def tiers(p: Product) -> list[tuple]:
    return list(p.tiers.values_list("min_quantity", "max_quantity", "unit_price_minor"))


def variants(p: Product) -> list[tuple]:
    return list(p.variants.values_list("sku", "options", "price_override_minor"))


def counts(job: ImportJob) -> tuple:
    return (
        job.status,
        job.created_count,
        job.updated_count,
        job.unchanged_count,
        job.rejected_count,
        job.error_count,
    )


def test_the_template_imports_its_two_products_with_everything(supplier):
    job = run_import(supplier, TEMPLATE_CSV)

    assert counts(job) == ("done", 2, 0, 0, 0, 0)
    assert (job.total_rows, job.processed_rows) == (3, 3)
    sweater = product("CS-1001")
    assert (sweater.supplier_id, sweater.status, sweater.category.slug) == (
        supplier.company_id,
        "draft",
        "cashmere-sweaters-fine-gauge",
    )
    assert (sweater.unit, sweater.moq, sweater.order_increment, sweater.currency) == (
        "piece",
        500,
        50,
        "USD",
    )
    assert tiers(sweater) == [(500, 999, 720), (1000, 4999, 680), (5000, None, 650)]
    assert list(sweater.lead_times.values_list("max_quantity", "days")) == [
        (1000, 30),
        (5000, 45),
        (None, 60),
    ]
    assert variants(sweater) == [
        ("CS-1001-NAVY-M", {"colour": "navy", "size": "M"}, None),
        ("CS-1001-GREY-L", {"colour": "grey", "size": "L"}, None),
    ]
    assert sweater.attributes == {"fibre_content": ["cashmere"], "gauge": 12, "neckline": "crew"}
    assert dict(sweater.translations.values_list("language", "title")) == {
        "en": "Cashmere crew-neck sweater, 12gg",
        "ja": "カシミヤ クルーネック セーター 12ゲージ",
        "zh-hans": "羊绒圆领毛衣 12针",
    }
    assert sweater.translations.get(language="en").description == (
        "<p>Soft 100% cashmere, 2/26Nm yarn, 12 gauge.</p>"
    )
    assert (sweater.samples_available, sweater.sample_price_minor, sweater.sample_lead_days) == (
        True,
        3500,
        7,
    )
    assert (
        sweater.units_per_carton,
        str(sweater.carton_length_cm),
        str(sweater.carton_gross_weight_kg),
        sweater.hs_code,
        sweater.port_of_loading,
        sweater.supply_capacity_month,
    ) == (40, "60.0", "18.50", "6110.12", "Shanghai", 20000)
    bag = product("BAG-200")
    assert (bag.price_mode, bag.fob_min_minor, bag.fob_max_minor, tiers(bag), variants(bag)) == (
        "on_request",
        120,
        180,
        [],
        [],
    )
    assert list(bag.lead_times.values_list("max_quantity", "days")) == [(None, 25)]
    assert bag.attributes == {"closure": "zip"}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932", "gb18030", "utf-16"])
def test_every_encoding_and_xlsx_import_the_same_products(encoding):
    def imported(data: bytes, name: str) -> list[dict]:
        membership = MembershipFactory(company=CompanyFactory(kind="supplier"))
        job = run_import(membership, data, name)
        assert counts(job) == ("done", 1, 0, 0, 0, 0)
        return exporter.product_rows(
            exporter.with_children(Product.objects.filter(supplier=membership.company)).get()
        )

    from_xlsx = imported(xlsx_bytes(), "products.xlsx")
    from_csv = imported(csv_bytes(encoding=encoding), "products.csv")

    assert from_csv == from_xlsx
    assert [r["title"] for r in from_csv] == ["カシミヤ セーター 紺"] * 2
    assert [r["title_zh"] for r in from_csv] == ["羊毛衫 藏青色"] * 2
    assert [(r["option1_value"], r["attr:fibre_content"]) for r in from_csv] == [
        ("紺", "cashmere"),
        ("グレー", "cashmere"),
    ]


# --- rows with problems ----------------------------------------------------------------------

MIXED_HEADER = [
    "product_ref", "sku", "category", "title", "moq", "currency", "tier1_min", "tier1_price",
    "tier2_min", "tier2_price", "variant_price", "option1_name", "option1_value", "attr:gauge",
]  # fmt: skip
MIXED_ROWS = [
    # row 2-3: a good product with two variants
    ["GOOD", "G-1", "cashmere-sweaters-fine-gauge", "Good sweater", "100", "USD", "100", "9.50",
     "500", "9.00", "", "size", "M", "12"],
    ["GOOD", "G-2", "", "", "", "", "", "", "", "", "", "size", "L", ""],
    # row 4: a larger quantity may not cost more: the whole product is rejected
    ["DEAR", "D-1", "cashmere-sweaters-fine-gauge", "Dear sweater", "100", "USD", "100", "9.00",
     "500", "9.50", "", "size", "M", ""],
    # rows 5-7: one bad variant price, one SKU used twice; the rest is saved
    ["PART", "P-1", "cashmere-sweaters-fine-gauge", "Partly good", "100", "USD", "100", "8.00",
     "", "", "", "size", "S", ""],
    ["PART", "P-2", "", "", "", "", "", "", "", "", "8.123", "size", "M", ""],
    ["PART", "G-1", "", "", "", "", "", "", "", "", "", "size", "L", ""],
    # row 8: unknown category and a title of 201 characters
    ["LOST", "L-1", "no-such-category", "x" * 201, "100", "USD", "100", "8.00", "", "", "",
     "", "", ""],
    # rows 9-10: no product_ref; product cells that differ between rows
    ["", "N-1", "cashmere-sweaters-fine-gauge", "No ref", "1", "USD", "1", "1", "", "", "", "",
     "", ""],
    ["ODD", "O-1", "cashmere-sweaters-fine-gauge", "Odd", "100", "USD", "100", "8.00", "", "",
     "", "", "", ""],
    ["ODD", "O-2", "cashmere-sweaters-fine-gauge", "Odd", "200", "USD", "100", "8.00", "", "",
     "", "", "", ""],
]  # fmt: skip


def test_valid_rows_are_saved_and_rejected_rows_save_nothing(supplier):
    job = run_import(supplier, csv_text(MIXED_HEADER, MIXED_ROWS).encode())

    assert counts(job) == ("done", 2, 0, 0, 3, 8)
    assert sorted(Product.objects.values_list("external_ref", flat=True)) == ["GOOD", "PART"]
    assert variants(product("GOOD")) == [
        ("G-1", {"size": "M"}, None),
        ("G-2", {"size": "L"}, None),
    ]
    assert tiers(product("GOOD")) == [(100, 499, 950), (500, None, 900)]
    assert variants(product("PART")) == [("P-1", {"size": "S"}, None)]


def test_the_error_report_names_row_column_and_problem(supplier):
    job = run_import(supplier, csv_text(MIXED_HEADER, MIXED_ROWS).encode())

    assert report_rows(job) == [
        (4, "tier2_price", "A larger quantity cannot cost more per unit."),
        (6, "variant_price", "USD prices have at most 2 decimals."),
        (7, "sku", "This SKU is also in row 2."),
        (8, "category", "No category has the code “no-such-category”."),
        (8, "title", "Keep the title under 200 characters."),
        (9, "product_ref", "Give every row a product_ref."),
        (10, "product_ref", "Not saved: this product has errors in row 11."),
        (11, "moq", "Differs from row 10. A product's columns must be the same on each of its "
                    "rows, or blank."),
    ]  # fmt: skip
    assert job.error_sample[0] == [4, "tier2_price", "A larger quantity cannot cost more per unit."]
    assert len(job.error_sample) == job.error_count == 8


def test_an_unknown_attribute_for_the_category_is_reported_on_its_column(supplier):
    header = ["product_ref", "sku", "category", "title", "moq", "tier1_min", "tier1_price",
              "attr:closure"]  # fmt: skip
    data = csv_text(header, [["S", "S-1", "cashmere-sweaters-fine-gauge", "S", "1", "1", "2",
                              "zip"]]).encode()  # fmt: skip

    job = run_import(supplier, data)

    assert report_rows(job) == [
        (2, "attr:closure", "The category cashmere-sweaters-fine-gauge has no attribute closure.")
    ]


def test_attribute_values_are_found_by_their_names_in_any_language(supplier):
    header = ["product_ref", "sku", "category", "title", "moq", "tier1_min", "tier1_price",
              "attr:fibre_content", "attr:neckline", "attr:machine_washable"]  # fmt: skip
    row = ["S", "S-1", "cashmere-sweaters-fine-gauge", "S", "1", "1", "2", "カシミヤ|Yak",
           "CREW", "はい"]  # fmt: skip

    job = run_import(supplier, csv_text(header, [row]).encode())

    assert counts(job) == ("done", 1, 0, 0, 0, 0)
    assert product("S").attributes == {
        "fibre_content": ["cashmere", "yak"],
        "neckline": "crew",
        "machine_washable": True,
    }


# --- importing again ----------------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(supplier):
    run_import(supplier, TEMPLATE_CSV)
    before = {p.pk: p.updated_at for p in Product.objects.all()}
    variant_ids = sorted(Variant.objects.values_list("pk", flat=True))
    events = OutboxEvent.objects.count()

    job = run_import(supplier, TEMPLATE_CSV)

    assert counts(job) == ("done", 0, 0, 2, 0, 0)
    assert {p.pk: p.updated_at for p in Product.objects.all()} == before
    assert sorted(Variant.objects.values_list("pk", flat=True)) == variant_ids
    assert OutboxEvent.objects.count() == events


def test_a_changed_file_updates_by_product_ref_and_sku(supplier):
    run_import(supplier, TEMPLATE_CSV)
    sweater = product("CS-1001")
    navy = sweater.variants.get(sku="CS-1001-NAVY-M")
    changed = TEMPLATE_CSV.replace(b",7.20,", b",7.10,").replace(b"grey,size,L", b"grey,size,XL")

    job = run_import(supplier, changed)

    assert counts(job) == ("done", 0, 1, 1, 0, 0)
    assert tiers(product("CS-1001"))[0] == (500, 999, 710)
    assert product("CS-1001").variants.get(sku="CS-1001-GREY-L").options == {
        "colour": "grey",
        "size": "XL",
    }
    assert product("CS-1001").variants.get(sku="CS-1001-NAVY-M").pk == navy.pk
    assert Product.objects.count() == 2


def test_a_product_is_found_by_its_sku_and_takes_the_files_product_ref(supplier, sweater_input):
    made_on_site = save_product(supplier, sweater_input())
    header = ["product_ref", "sku", "category", "title", "moq", "order_increment",
              "tier1_min", "tier1_price"]  # fmt: skip
    row = ["KN-77", "CS-NAVY-M", "cashmere-sweaters-fine-gauge", "Cashmere crew-neck sweater",
           "500", "50", "500", "7.00"]  # fmt: skip

    job = run_import(supplier, csv_text(header, [row]).encode())

    assert counts(job) == ("done", 0, 1, 0, 0, 0)
    made_on_site.refresh_from_db()
    assert (Product.objects.count(), made_on_site.external_ref) == (1, "KN-77")
    assert tiers(made_on_site) == [(500, None, 700)]


def test_columns_left_out_keep_their_values(supplier):
    run_import(supplier, TEMPLATE_CSV)
    header = ["product_ref", "sku", "category", "title", "tier1_min", "tier1_price"]
    rows = [
        ["CS-1001", "CS-1001-NAVY-M", "cashmere-sweaters-fine-gauge", "New title", "500", "7"],
        ["CS-1001", "CS-1001-GREY-L", "", "", "", ""],
    ]

    job = run_import(supplier, csv_text(header, rows).encode())

    assert counts(job) == ("done", 0, 1, 0, 0, 0)
    sweater = product("CS-1001")
    assert tiers(sweater) == [(500, None, 700)]  # the tiers are the file's...
    assert (sweater.moq, sweater.sample_price_minor, sweater.port_of_loading) == (
        500,
        3500,
        "Shanghai",
    )  # ...everything else stays
    assert sweater.attributes == {"fibre_content": ["cashmere"], "gauge": 12, "neckline": "crew"}
    assert dict(sweater.translations.values_list("language", "title")) == {
        "en": "New title",
        "ja": "カシミヤ クルーネック セーター 12ゲージ",
        "zh-hans": "羊绒圆领毛衣 12针",
    }
    assert variants(sweater) == [
        ("CS-1001-NAVY-M", {"colour": "navy", "size": "M"}, None),
        ("CS-1001-GREY-L", {"colour": "grey", "size": "L"}, None),
    ]


def test_a_variant_left_out_of_the_file_is_removed(supplier):
    run_import(supplier, TEMPLATE_CSV)
    without_grey = b"\r\n".join(
        line for line in TEMPLATE_CSV.split(b"\r\n") if b"CS-1001-GREY-L" not in line
    )

    job = run_import(supplier, without_grey)

    assert counts(job) == ("done", 0, 1, 1, 0, 0)
    assert [v[0] for v in variants(product("CS-1001"))] == ["CS-1001-NAVY-M"]


def test_a_rejected_variant_row_keeps_its_saved_variant(supplier):
    run_import(supplier, TEMPLATE_CSV)
    bad = TEMPLATE_CSV.replace(b"grey,size,L,,", b"grey,size,L,0.001,")

    job = run_import(supplier, bad)

    assert report_rows(job) == [(3, "variant_price", "USD prices have at most 2 decimals.")]
    assert variants(product("CS-1001"))[1] == (
        "CS-1001-GREY-L",
        {"colour": "grey", "size": "L"},
        None,
    )


def test_a_live_listing_whose_content_changes_goes_back_to_review(supplier):
    run_import(supplier, TEMPLATE_CSV)
    Product.objects.update(status=Product.Status.LIVE)

    run_import(supplier, TEMPLATE_CSV.replace(b"Cotton canvas tote bag", b"Canvas tote bag"))

    assert dict(Product.objects.values_list("external_ref", "status")) == {
        "CS-1001": "live",
        "BAG-200": "pending",
    }


def test_a_sku_of_another_product_is_refused_on_its_row(supplier):
    run_import(supplier, TEMPLATE_CSV)
    header = ["product_ref", "sku", "category", "title", "moq", "tier1_min", "tier1_price"]
    rows = [
        ["NEW", "NEW-1", "cashmere-sweaters-fine-gauge", "New", "1", "1", "5"],
        ["NEW", "CS-1001-NAVY-M", "", "", "", "", ""],
    ]

    job = run_import(supplier, csv_text(header, rows).encode())

    assert report_rows(job) == [
        (3, "sku", "This SKU belongs to another of your products (CS-1001).")
    ]
    assert [v[0] for v in variants(product("NEW"))] == ["NEW-1"]
    assert [v[0] for v in variants(product("CS-1001"))] == ["CS-1001-NAVY-M", "CS-1001-GREY-L"]


def test_another_suppliers_skus_and_refs_do_not_matter(supplier):
    other = MembershipFactory(company=CompanyFactory(kind="supplier"))
    run_import(other, TEMPLATE_CSV)

    job = run_import(supplier, TEMPLATE_CSV)

    assert counts(job) == ("done", 2, 0, 0, 0, 0)
    assert Product.objects.filter(supplier=supplier.company).count() == 2
    assert Product.objects.filter(supplier=other.company).count() == 2


# --- the job itself --------------------------------------------------------------------------


def test_a_finished_job_is_not_run_again(supplier):
    job = run_import(supplier, TEMPLATE_CSV)

    assert runner.run(job.pk) == {"job": job.pk, "skipped": True}
    assert Product.objects.count() == 2


def test_a_job_another_worker_is_running_is_left_alone(supplier):
    job = run_import(supplier, TEMPLATE_CSV)
    ImportJob.objects.filter(pk=job.pk).update(status="running", heartbeat_at=timezone.now())

    assert runner.run(job.pk) == {"job": job.pk, "skipped": True}


def test_a_job_whose_worker_died_starts_over_safely(supplier):
    job = run_import(supplier, TEMPLATE_CSV)
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", heartbeat_at=timezone.now() - timedelta(minutes=6)
    )

    result = runner.run(job.pk)

    job.refresh_from_db()
    assert result == {"job": job.pk, "created": 0, "updated": 0, "unchanged": 2, "rejected": 0,
                      "errors": 0}  # fmt: skip
    assert (job.status, job.attempts, Product.objects.count()) == ("done", 2, 2)


def test_the_job_fails_when_its_user_may_no_longer_manage_the_catalogue(supplier):
    job = jobs.start_import(supplier, SimpleUploadedFile("p.csv", TEMPLATE_CSV))
    supplier.role = "sales"
    supplier.save()

    runner.run(job.pk)

    job.refresh_from_db()
    assert (job.status, job.failure) == (
        "failed",
        "The person who started this import may no longer manage the catalogue.",
    )
    assert Product.objects.count() == 0


# --- workbooks are read in full by the job ---------------------------------------------------


def with_dimension(data: bytes, ref: str) -> bytes:
    """The workbook with a stated used range, as Excel writes one."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                dimension = f'<dimension ref="{ref}"/>'.encode()
                content = content.replace(b"</sheetPr>", b"</sheetPr>" + dimension, 1)
            target.writestr(info, content)
    return out.getvalue()


def test_a_workbook_is_checked_by_its_header_on_upload_and_read_whole_by_the_job(supplier):
    data = exporter.template_file("xlsx")[0]

    job = jobs.start_import(supplier, SimpleUploadedFile("products.xlsx", data))

    assert (job.format, job.total_rows) == ("xlsx", 0)  # this workbook does not state its size
    runner.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.processed_rows, job.created_count) == (
        "done",
        3,
        3,
        2,
    )


def test_a_workbook_states_its_rows_and_over_50_000_are_refused_on_upload(supplier):
    template = exporter.template_file("xlsx")[0]
    sized = with_dimension(template, "A1:BH4")
    too_big = with_dimension(template, "A1:BH50002")

    assert jobs.start_import(supplier, SimpleUploadedFile("p.xlsx", sized)).total_rows == 3
    with pytest.raises(FileRejected) as caught:
        jobs.start_import(supplier, SimpleUploadedFile("p.xlsx", too_big))
    assert caught.value.code == "too_many_rows"
    assert ImportJob.objects.count() == 1


def test_a_problem_found_when_the_job_reads_the_whole_workbook_fails_the_job(supplier):
    header = ["product_ref", "sku", "category", "title"]
    rows = [["A", "A-1", "cashmere-sweaters-fine-gauge", "A"], ["B", "B-1", "x", "B"]]
    data = exporter.write_xlsx(header, [dict(zip(header, r, strict=True)) for r in rows])
    workbook = load_workbook(io.BytesIO(data))
    workbook.active["G3"] = "stray"
    out = io.BytesIO()
    workbook.save(out)
    job = jobs.start_import(supplier, SimpleUploadedFile("p.xlsx", out.getvalue()))

    runner.run(job.pk)

    job.refresh_from_db()
    assert (job.status, job.failure) == (
        "failed",
        "Row 3 has values to the right of the last named column.",
    )
    assert Product.objects.count() == 0
