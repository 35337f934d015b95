"""Import jobs through the API: upload, progress, error report, restart, isolation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.api.conftest import API, assert_error, token_client
from tests.catalog.import_helpers import csv_bytes, csv_text
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog.imports import runner
from tradeloom.catalog.models import ImportJob, Product

pytestmark = pytest.mark.django_db

BAD_HEADER = ["product_ref", "sku", "category", "title", "moq", "tier1_min", "tier1_price"]
BAD_ROWS = [
    ["OK", "OK-1", "cashmere-sweaters-fine-gauge", "Fine sweater", "100", "100", "8.00"],
    ["BAD", "BAD-1", "cashmere-sweaters-fine-gauge", "Bad sweater", "100", "100", "-1"],
]


@pytest.fixture
def api(supplier):
    return token_client(supplier)


def upload(api, supplier, data: bytes, name: str = "products.csv"):
    return api.client.post(
        f"{API}/companies/{supplier.company_id}/imports",
        {"file": SimpleUploadedFile(name, data)},
        headers=api.headers,
    )


def test_an_upload_is_checked_and_queued(api, supplier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        answer = upload(api, supplier, csv_bytes(encoding="shift_jis"))

    assert answer.status_code == 202, answer.content
    body = answer.json()
    assert (body["status"], body["format"], body["encoding"]) == ("queued", "csv", "cp932")
    assert (body["total_rows"], body["processed_rows"], body["percent"]) == (2, 0, 0)
    assert (body["errors"], body["error_report_url"], body["stuck"]) == ([], None, False)
    assert len(queued) == 1
    assert ImportJob.objects.get(pk=body["id"]).supplier_id == supplier.company_id


def test_progress_counts_and_the_error_report(api, supplier):
    job_id = upload(api, supplier, csv_text(BAD_HEADER, BAD_ROWS).encode()).json()["id"]
    runner.run(job_id)  # what the worker does

    body = api.get(f"companies/{supplier.company_id}/imports/{job_id}").json()

    assert (body["status"], body["percent"], body["created_count"], body["rejected_count"]) == (
        "done",
        100,
        1,
        1,
    )
    assert body["errors"] == [
        {"row": 3, "column": "tier1_price", "message": "The price must be more than zero."}
    ]
    assert body["error_report_url"] == (
        f"http://testserver{API}/companies/{supplier.company_id}/imports/{job_id}/errors"
    )
    report = api.client.get(body["error_report_url"], headers=api.headers)
    assert report.status_code == 200
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(report.streaming_content).decode("utf-8-sig").splitlines()
    assert lines == ["row,column,message", "3,tier1_price,The price must be more than zero."]
    assert list(Product.objects.values_list("external_ref", flat=True)) == ["OK"]


def test_the_list_pages_newest_first(api, supplier):
    first = upload(api, supplier, csv_bytes()).json()["id"]
    second = upload(api, supplier, csv_bytes()).json()["id"]

    body = api.get(f"companies/{supplier.company_id}/imports?limit=1").json()

    assert (body["count"], [j["id"] for j in body["items"]]) == (2, [second])
    assert first != second


def test_a_clean_import_has_no_report(api, supplier):
    job_id = upload(api, supplier, csv_bytes()).json()["id"]
    runner.run(job_id)

    answer = api.get(f"companies/{supplier.company_id}/imports/{job_id}/errors")

    assert_error(answer, 404, "no_error_report")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (csv_text(["sku", "title"], [["A-1", "Sweater"]]).encode(), "p.csv", "missing_columns"),
        (b"", "empty.csv", "empty_file"),
        (csv_bytes(), "products.xlsx", "not_what_it_says"),
    ],
    ids=["missing columns", "empty", "csv named xlsx"],
)
def test_a_bad_file_is_refused_whole_and_nothing_queued(api, supplier, data, name, code):
    answer = upload(api, supplier, data or b"\n", name)

    assert answer.status_code == 400, answer.content
    assert answer.json()["code"] == code
    assert ImportJob.objects.count() == 0


def test_only_a_stuck_import_is_restarted(api, supplier):
    job_id = upload(api, supplier, csv_bytes()).json()["id"]
    url = f"companies/{supplier.company_id}/imports/{job_id}/restart"

    assert_error(api.post(url), 409, "not_stuck")
    ImportJob.objects.filter(pk=job_id).update(created_at=timezone.now() - timedelta(hours=1))
    answer = api.post(url)

    assert answer.status_code == 200
    assert answer.json()["status"] == "queued"


def test_another_suppliers_import_is_not_found(api, supplier):
    job_id = upload(api, supplier, csv_bytes()).json()["id"]
    rival = MembershipFactory(company=CompanyFactory(kind="supplier"))
    other = token_client(rival)

    for tail in ("", "/errors"):
        assert_error(
            other.get(f"companies/{rival.company_id}/imports/{job_id}{tail}"), 404, "not_found"
        )
    assert_error(
        other.post(f"companies/{rival.company_id}/imports/{job_id}/restart"), 404, "not_found"
    )
    assert other.get(f"companies/{rival.company_id}/imports").json()["count"] == 0


def test_a_buyer_imports_nothing(buyer):
    api = token_client(buyer)

    answer = upload(api, buyer, csv_bytes())

    assert_error(answer, 403, "not_a_supplier")
    assert ImportJob.objects.count() == 0
