"""Files and runs for the import tests: real spreadsheets, the real job runner."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tradeloom.catalog.imports import exporter, jobs, runner
from tradeloom.catalog.models import ImportJob

# A sweater in two variants, in text that Shift_JIS and GBK can both hold.
HEADER = [
    "product_ref", "sku", "category", "language", "title", "title_ja", "title_zh", "unit",
    "moq", "order_increment", "currency", "tier1_min", "tier1_price", "tier2_min",
    "tier2_price", "tier3_min", "tier3_price", "lead1_max_qty", "lead1_days", "lead2_days",
    "option1_name", "option1_value", "option2_name", "option2_value", "attr:fibre_content",
    "attr:gauge",
]  # fmt: skip
ROWS = [
    ["CS-1", "CS-1-NAVY-M", "cashmere-sweaters-fine-gauge", "ja", "カシミヤ セーター 紺",
     "", "羊毛衫 藏青色", "piece", "500", "50", "USD", "500", "7.20", "1000", "6.80",
     "5000", "6.50", "1000", "30", "45", "色", "紺", "サイズ", "M", "カシミヤ", "12"],
    ["CS-1", "CS-1-GREY-L", "cashmere-sweaters-fine-gauge", "ja", "カシミヤ セーター 紺",
     "", "羊毛衫 藏青色", "piece", "500", "50", "USD", "500", "7.20", "1000", "6.80",
     "5000", "6.50", "1000", "30", "45", "色", "グレー", "サイズ", "L", "カシミヤ", "12"],
]  # fmt: skip


def csv_text(header: list[str], rows: list[list[str]], *, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_bytes(header=HEADER, rows=ROWS, *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    return csv_text(header, rows, delimiter=delimiter).encode(encoding)


def xlsx_bytes(header=HEADER, rows=ROWS) -> bytes:
    return exporter.write_xlsx(list(header), [dict(zip(header, r, strict=True)) for r in rows])


def rows_of(header: list[str], dicts: list[dict]) -> list[list[str]]:
    return [[d.get(c, "") for c in header] for d in dicts]


def run_import(membership, data: bytes, name: str = "products.csv") -> ImportJob:
    """Upload a file and run its job here, as the worker would."""
    job = jobs.start_import(membership, SimpleUploadedFile(name, data))
    runner.run(job.pk)
    job.refresh_from_db()
    return job


def report_rows(job: ImportJob) -> list[tuple[int, str, str]]:
    """The error report as (row, column, message), read back from its CSV file."""
    if not job.error_report:
        return []
    with job.error_report.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    return [(int(r[0]), r[1], r[2]) for r in list(csv.reader(io.StringIO(text)))[1:]]


def catalogue_csv(rows: int) -> bytes:
    """A knitwear catalogue of ``rows`` rows: products in 2 colours × 5 sizes."""
    header = ["product_ref", "sku", "category", "title", "title_ja", "moq", "order_increment",
              "tier1_min", "tier1_price", "tier2_min", "tier2_price", "lead1_max_qty",
              "lead1_days", "lead2_days", "option1_name", "option1_value", "option2_name",
              "option2_value", "attr:gauge"]  # fmt: skip
    lines = []
    for n in range(rows):
        p, v = divmod(n, 10)
        colour, size = ("navy", "grey")[v // 5], ("XS", "S", "M", "L", "XL")[v % 5]
        lines.append([f"KN-{p}", f"KN-{p}-{colour}-{size}", "merino-sweaters-fine-gauge",
                      f"Merino sweater {p}", f"メリノ セーター {p}", "100", "10", "100",
                      f"{8 + p % 5}.50", "1000", f"{7 + p % 5}.90", "1000", "30", "45",
                      "colour", colour, "size", size, "12"])  # fmt: skip
    return csv_text(header, lines).encode()
