"""Spreadsheet import throughput: a generated catalogue CSV imported by the job runner.

The file looks like a knitwear factory's: each style in 2 colours × 5 sizes (ten
rows per product), three price tiers, three lead times, attributes and Japanese and
Chinese titles. ``n`` is the number of rows (default 10,000 via ``--n``); the
issue's target is at least 500 rows per second. The second figure imports the same
file again, which finds every product and leaves it unchanged.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator

COLOURS = ("navy", "charcoal")
SIZES = ("XS", "S", "M", "L", "XL")
YARNS = (
    ("cashmere-sweaters-fine-gauge", "cashmere", "Cashmere", "カシミヤ", "羊绒", 12),
    ("merino-sweaters-medium-gauge", "merino_wool", "Merino wool", "メリノウール", "美利奴羊毛", 7),
    ("lambswool-sweaters", "lambswool", "Lambswool", "ラムウール", "小羊毛", 5),
)
COLUMNS = [
    "product_ref", "sku", "category", "language", "title", "description", "title_ja",
    "title_zh", "unit", "moq", "order_increment", "currency", "price_mode",
    "tier1_min", "tier1_price", "tier2_min", "tier2_price", "tier3_min", "tier3_price",
    "lead1_max_qty", "lead1_days", "lead2_max_qty", "lead2_days", "lead3_max_qty", "lead3_days",
    "option1_name", "option1_value", "option2_name", "option2_value",
    "samples_available", "sample_price", "sample_lead_days", "units_per_carton",
    "carton_l_cm", "carton_w_cm", "carton_h_cm", "carton_kg", "hs_code", "port_of_loading",
    "attr:fibre_content", "attr:gauge",
]  # fmt: skip


def catalogue_csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    per_product = len(COLOURS) * len(SIZES)
    for p in range((rows + per_product - 1) // per_product):
        slug, fibre, en, ja, zh, gauge = YARNS[p % len(YARNS)]
        base = 700 + (p % 50) * 10
        product = [
            f"KN-{p:05d}", "", slug, "en", f"{en} crew-neck sweater, style {p}",
            f"{en}, {gauge} gauge, ribbed cuffs and hem.", f"{ja} クルーネック セーター {p}",
            f"{zh}圆领毛衣 {p}", "piece", "500", "50", "USD", "tiers",
            "500", f"{base / 100:.2f}", "1000", f"{(base - 40) / 100:.2f}",
            "5000", f"{(base - 70) / 100:.2f}", "1000", "30", "5000", "45", "", "60",
        ]  # fmt: skip
        tail = ["yes", "35.00", "7", "40", "60", "40", "35", "18.5", "6110.12", "Shanghai", fibre,
                str(gauge)]  # fmt: skip
        for colour in COLOURS:
            for size in SIZES:
                row = list(product)
                row[1] = f"KN-{p:05d}-{colour[:3].upper()}-{size}"
                writer.writerow([*row, "colour", colour, "size", size, *tail])
    lines = out.getvalue().splitlines(keepends=True)
    return "".join(lines[: rows + 1]).encode("utf-8")


def run(n: int) -> Iterator[tuple[str, int, float]]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tradeloom.accounts.models import Company, Membership, User
    from tradeloom.catalog.imports import jobs, runner
    from tradeloom.catalog.models import ImportJob, Product

    rows = max(n, 10_000)
    user = User.objects.create_user(email="bench-import@example.com", password=None)
    company = Company.objects.create(
        kind="supplier",
        slug="bench-knit",
        legal_name="Bench Knit Ltd.",
        display_name="Bench Knit",
        country="CN",
    )
    membership = Membership.objects.create(user=user, company=company, role="owner")
    data = catalogue_csv(rows)
    for label in ("new products", "the same file again, unchanged"):
        job = jobs.start_import(membership, SimpleUploadedFile("catalogue.csv", data))
        started = time.perf_counter()
        runner.run(job.pk)
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE and job.error_count == 0, job.error_sample
        assert job.processed_rows == rows, (job.processed_rows, rows)
        yield f"import: {rows:,}-row CSV, {label}", rows, seconds
    assert Product.objects.filter(supplier=company).count() == -(-rows // 10)
