"""The import pages: upload, progress, error report, templates and exports, per supplier."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from tests.catalog.import_helpers import csv_text, run_import
from tests.factories import CompanyFactory, MembershipFactory
from tests.web.helpers import member_of, signed_in
from tradeloom.catalog.imports import exporter, runner
from tradeloom.catalog.models import ImportJob, Product

pytestmark = pytest.mark.django_db

TEMPLATE_CSV = exporter.template_file("csv")[0]


def upload(client, data: bytes, name: str = "products.csv"):
    return client.post(reverse("imports:index"), {"file": SimpleUploadedFile(name, data)})


def test_the_page_offers_upload_templates_and_exports(client, supplier):
    html = signed_in(client, supplier.user).get(reverse("imports:index")).content.decode()

    assert 'enctype="multipart/form-data"' in html
    for name, fmt in [("template", "xlsx"), ("template", "csv"), ("export", "xlsx"),
                      ("export", "csv")]:  # fmt: skip
        assert f'href="{reverse(f"imports:{name}", args=[fmt])}"' in html
    assert "No imports yet." in html


def test_an_upload_creates_a_job_and_queues_its_task(
    client, supplier, django_capture_on_commit_callbacks
):
    signed_in(client, supplier.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, TEMPLATE_CSV)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    assert (job.supplier_id, job.user_id, job.status, job.total_rows, job.format) == (
        supplier.company_id,
        supplier.user_id,
        "queued",
        3,
        "csv",
    )
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.status, task.args_kwargs["args"]) == (
        "tradeloom.catalog.tasks.run_import",
        "READY",
        [job.pk],
    )


def test_a_file_with_missing_columns_is_refused_on_the_form(client, supplier):
    signed_in(client, supplier.user)

    response = upload(client, csv_text(["product_ref", "title"], [["A", "B"]]).encode())

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Required columns are missing: sku, category"
    ]
    assert not ImportJob.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused_on_the_form(client, supplier):
    signed_in(client, supplier.user)

    response = upload(client, TEMPLATE_CSV, "products.xlsx")

    assert response.context["form"].errors["file"] == [
        "The file is named .xlsx but is not an Excel workbook."
    ]


@pytest.mark.parametrize("role", ["sales", "finance"])
def test_roles_without_catalogue_rights_cannot_import(client, supplier, role):
    member = member_of(supplier.company, role)
    signed_in(client, member.user)

    assert client.get(reverse("imports:index")).status_code == 403
    assert upload(client, TEMPLATE_CSV).status_code == 403
    assert client.get(reverse("imports:export", args=["csv"])).status_code == 403
    assert not ImportJob.objects.exists()


def test_a_catalogue_role_may_import(client, supplier):
    signed_in(client, member_of(supplier.company, "catalog").user)

    assert upload(client, TEMPLATE_CSV).status_code == 302


def test_buyers_and_strangers_cannot_import(client, buyer):
    assert client.get(reverse("imports:index")).status_code == 302  # to the login page
    signed_in(client, buyer.user)
    assert client.get(reverse("imports:index")).status_code == 403
    assert upload(client, TEMPLATE_CSV).status_code == 403


def test_a_running_job_polls_for_its_progress(client, supplier):
    job = run_import(supplier, TEMPLATE_CSV)
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", processed_rows=1, heartbeat_at=timezone.now()
    )
    signed_in(client, supplier.user)

    html = client.get(reverse("imports:job", args=[job.pk])).content.decode()

    progress_url = reverse("imports:progress", args=[job.pk])
    assert f'hx-get="{progress_url}" hx-trigger="every 1s" hx-swap="outerHTML"' in html
    assert '<progress aria-label="Import progress" max="3" value="1">33%</progress>' in html
    assert f'<a href="{reverse("imports:job", args=[job.pk])}">Refresh</a>' in html
    fragment = client.get(progress_url).content.decode()
    assert fragment.lstrip().startswith('<section class="card stack import-progress"')
    assert "1 of 3 rows (33%)." in fragment


def test_a_finished_job_stops_polling_and_shows_its_problems(client, supplier):
    rows = [["A", "A-1", "no-such-category", "A sweater"]]
    job = run_import(supplier, csv_text(["product_ref", "sku", "category", "title"], rows).encode())
    signed_in(client, supplier.user)

    html = client.get(reverse("imports:progress", args=[job.pk])).content.decode()

    assert "hx-trigger" not in html
    assert "No category has the code “no-such-category”." in html
    assert f'href="{reverse("imports:errors", args=[job.pk])}"' in html


def test_the_error_report_downloads_as_csv(client, supplier):
    rows = [["A", "A-1", "no-such-category", "A sweater"]]
    job = run_import(supplier, csv_text(["product_ref", "sku", "category", "title"], rows).encode())
    signed_in(client, supplier.user)

    response = client.get(reverse("imports:errors", args=[job.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="import-{job.pk}-errors.csv"'
    assert b"".join(response.streaming_content).decode("utf-8-sig").splitlines() == [
        "row,column,message",
        "2,category,No category has the code “no-such-category”.",
    ]


def test_a_job_without_problems_has_no_report(client, supplier):
    job = run_import(supplier, TEMPLATE_CSV)
    signed_in(client, supplier.user)

    assert client.get(reverse("imports:errors", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("name", ["job", "progress", "errors", "restart"])
def test_another_suppliers_job_does_not_exist(client, supplier, name):
    rows = [["A", "A-1", "no-such-category", "A sweater"]]
    job = run_import(supplier, csv_text(["product_ref", "sku", "category", "title"], rows).encode())
    other = MembershipFactory(company=CompanyFactory(kind="supplier"))
    signed_in(client, other.user)

    url = reverse(f"imports:{name}", args=[job.pk])
    response = client.post(url) if name == "restart" else client.get(url)

    assert response.status_code == 404


def test_a_stuck_job_can_be_started_again(client, supplier, django_capture_on_commit_callbacks):
    job = run_import(supplier, TEMPLATE_CSV)
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", heartbeat_at=timezone.now() - timedelta(minutes=10)
    )
    signed_in(client, supplier.user)
    assert "Start it again" in client.get(reverse("imports:job", args=[job.pk])).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:restart", args=[job.pk]))

    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [job.pk]
    assert runner.run(job.pk)["unchanged"] == 2


def test_a_job_that_is_moving_cannot_be_restarted(client, supplier):
    job = run_import(supplier, TEMPLATE_CSV)
    signed_in(client, supplier.user)

    assert client.post(reverse("imports:restart", args=[job.pk])).status_code == 409


def test_the_past_jobs_are_listed(client, supplier):
    job = run_import(supplier, TEMPLATE_CSV, "spring-styles.csv")
    signed_in(client, supplier.user)

    html = client.get(reverse("imports:index")).content.decode()

    assert f'<a href="{reverse("imports:job", args=[job.pk])}">spring-styles.csv</a>' in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_downloads(client, supplier, fmt):
    signed_in(client, supplier.user)

    response = client.get(reverse("imports:template", args=[fmt]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="tradeloom-import-template.{fmt}"'
    )
    assert file_contents(fmt, response.content) == file_contents(
        fmt, exporter.template_file(fmt)[0]
    )


def file_contents(fmt: str, data: bytes):
    """What a file holds: its bytes for CSV, every sheet's cells for a workbook (whose
    zip entries carry the time they were written, so two identical ones differ)."""
    if fmt == "csv":
        return data
    workbook = load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_an_unknown_format_is_not_found(client, supplier):
    signed_in(client, supplier.user)

    assert client.get(reverse("imports:template", args=["pdf"])).status_code == 404
    assert client.get(reverse("imports:export", args=["pdf"])).status_code == 404


def test_the_export_downloads_the_suppliers_products(client, supplier):
    run_import(supplier, TEMPLATE_CSV)
    signed_in(client, supplier.user)

    response = client.get(reverse("imports:export", args=["xlsx"]))

    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="{supplier.company.slug}-products-{stamp}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "CS-1001",
        "CS-1001",
        "BAG-200",
    ]
    assert Product.objects.count() == 2
