"""The import page (upload, past jobs, export), a job's progress and its error report."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradeloom.catalog.imports import exporter, jobs
from tradeloom.catalog.imports.readers import MAX_BYTES, MAX_ROWS
from tradeloom.core.errors import DomainError
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import Form, apply_domain_error, form_status

PER_PAGE = 20
FORMATS = ("csv", "xlsx")


class UploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A CSV file (UTF-8, Shift_JIS or GBK) or an Excel .xlsx workbook in the import "
            "template, up to 20 MB and 50,000 rows."
        ),
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.txt,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


def _page(request, form, *, status=200):
    job_list = jobs.jobs_of(request.membership, request=request)
    page = Paginator(job_list, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "company": request.membership.company,
        "max_mb": MAX_BYTES // (1024 * 1024),
        "max_rows": MAX_ROWS,
    }
    return render(request, "catalog/imports/index.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def imports(request):
    if request.method == "GET":
        return _page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        job = jobs.start_import(request.membership, form.cleaned_data["file"], request=request)
    except DomainError as exc:
        if exc.status == 403:
            raise
        apply_domain_error(form, exc, default_field="file")
        return _page(request, form, status=form_status(exc))
    if job.total_rows:
        message = _("The file is accepted. Its %(n)s rows are being imported.") % {
            "n": f"{job.total_rows:,}"
        }
    else:  # a workbook that does not say how many rows it has
        message = _("The file is accepted and is being imported.")
    messages.success(request, message)
    return redirect("imports:job", pk=job.pk)


def _job_context(request, pk) -> dict:
    job = jobs.own_job(request.membership, pk, request=request)
    return {"job": job, "stuck": jobs.is_stuck(job)}


@login_required
@require_GET
@handles_domain_errors
def job(request, pk: int):
    return render(request, "catalog/imports/job.html", _job_context(request, pk))


@login_required
@require_GET
@handles_domain_errors
def progress(request, pk: int):
    """The progress box alone, for htmx to poll while the job runs."""
    return render(request, "catalog/imports/_progress.html", _job_context(request, pk))


@login_required
@require_GET
@handles_domain_errors
def error_report(request, pk: int):
    job = jobs.own_job(request.membership, pk, request=request)
    if not job.error_report:
        raise Http404
    return FileResponse(
        job.error_report.open("rb"),
        as_attachment=True,
        filename=f"import-{job.pk}-errors.csv",
        content_type="text/csv; charset=utf-8",
    )


@login_required
@require_POST
@handles_domain_errors
def restart(request, pk: int):
    job = jobs.restart_import(request.membership, pk, request=request)
    messages.success(request, _("The import is queued again."))
    return redirect("imports:job", pk=job.pk)


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def template(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    data, content_type = exporter.template_file(fmt)
    return _download(data, content_type, f"tradeloom-import-template.{fmt}")


@login_required
@require_GET
@handles_domain_errors
def export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    membership = request.membership
    data, content_type = exporter.export_file(membership, fmt, request=request)
    stamp = timezone.localdate().isoformat()
    return _download(data, content_type, f"{membership.company.slug}-products-{stamp}.{fmt}")
