"""Import jobs through the API: upload a spreadsheet, follow its progress, fetch the
per-row error report, restart a job the worker lost.

The file is checked whole when it arrives (format, encoding, columns, size; 400 with
the reader's code), then imported row by row in the background by the same runner
as the web page's uploads (``catalog.imports``).
"""

from __future__ import annotations

from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, UploadedFile

from tradeloom.api.auth import acting
from tradeloom.api.schemas import COMPANY, ObjectId, errors
from tradeloom.catalog.api_schemas import ImportJobOut, ImportJobPage, PageQuery
from tradeloom.catalog.imports import jobs
from tradeloom.catalog.imports.readers import MAX_BYTES, MAX_ROWS
from tradeloom.catalog.models import ImportJob
from tradeloom.core.errors import NotFound

router = Router(tags=["imports"])

IMPORTS = "/companies/{company_id}/imports"


def _job(job: ImportJob, request) -> dict:
    report = None
    if job.error_report:
        report = request.build_absolute_uri(
            reverse(
                "api:catalog_import_errors",
                kwargs={"company_id": job.supplier_id, "import_id": job.pk},
            )
        )
    return {
        "id": job.pk,
        "original_name": job.original_name,
        "format": job.format,
        "encoding": job.encoding,
        "status": job.status,
        "total_rows": job.total_rows,
        "processed_rows": job.processed_rows,
        "percent": job.percent,
        "created_count": job.created_count,
        "updated_count": job.updated_count,
        "unchanged_count": job.unchanged_count,
        "rejected_count": job.rejected_count,
        "error_count": job.error_count,
        "errors": [
            {"row": row, "column": column, "message": message}
            for row, column, message in job.error_sample or []
        ],
        "error_report_url": report,
        "failure": job.failure,
        "stuck": jobs.is_stuck(job),
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


@router.get(
    IMPORTS,
    response={200: ImportJobPage, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="The company's product imports, newest first (catalog.manage)",
)
def list_imports(request, company_id: ObjectId, filters: Query[PageQuery]):
    found = jobs.jobs_of(acting(request, company_id), request=request)
    return {
        "count": found.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_job(j, request) for j in found[filters.offset : filters.offset + filters.limit]],
    }


@router.post(
    IMPORTS,
    response={202: ImportJobOut, **errors(400, 403, 404)},
    openapi_extra=COMPANY,
    summary=f"Import products from a CSV (UTF-8, Shift_JIS, GBK) or XLSX file in the import "
    f"template, up to {MAX_BYTES // (1024 * 1024)} MB and {MAX_ROWS:,} rows; the rows are "
    "imported in the background (catalog.manage)",
)
def start_import(request, company_id: ObjectId, file: File[UploadedFile]):
    job = jobs.start_import(acting(request, company_id), file, request=request)
    return 202, _job(job, request)


@router.get(
    IMPORTS + "/{import_id}",
    response={200: ImportJobOut, **errors(403, 404)},
    openapi_extra=COMPANY,
    summary="One import: its progress, counts and first errors (catalog.manage)",
)
def get_import(request, company_id: ObjectId, import_id: ObjectId):
    return _job(jobs.own_job(acting(request, company_id), import_id, request=request), request)


@router.get(
    IMPORTS + "/{import_id}/errors",
    response={200: None, **errors(403, 404)},
    url_name="catalog_import_errors",
    openapi_extra={
        **COMPANY,
        "responses": {
            200: {
                "description": "The error report: one line per error (row, column, message).",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        },
    },
    summary="Every error of an import as CSV (catalog.manage)",
)
def import_errors(request, company_id: ObjectId, import_id: ObjectId):
    job = jobs.own_job(acting(request, company_id), import_id, request=request)
    if not job.error_report:
        raise NotFound(_("This import has no errors to report."), code="no_error_report")
    return FileResponse(
        job.error_report.open("rb"),
        as_attachment=True,
        filename=f"import-{job.pk}-errors.csv",
        content_type="text/csv; charset=utf-8",
    )


@router.post(
    IMPORTS + "/{import_id}/restart",
    response={200: ImportJobOut, **errors(403, 404, 409)},
    openapi_extra=COMPANY,
    summary="Queue an import again that stopped showing progress; importing twice creates "
    "nothing twice (catalog.manage)",
)
def restart_import(request, company_id: ObjectId, import_id: ObjectId):
    job = jobs.restart_import(acting(request, company_id), import_id, request=request)
    return _job(job, request)
