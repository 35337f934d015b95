"""Starting import jobs and reading them, always for the acting supplier."""

from __future__ import annotations

from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Membership
from tradeloom.catalog.imports.readers import MAX_BYTES, too_large
from tradeloom.catalog.imports.runner import STALE_AFTER, parse
from tradeloom.catalog.models import ImportJob
from tradeloom.catalog.services import _require_supplier
from tradeloom.core.errors import DomainError, NotFound

QUEUED_TOO_LONG = STALE_AFTER


def start_import(membership: Membership, upload, *, request=None) -> ImportJob:
    """Check the whole file now (format, encoding, columns, size) so its problems show on
    the upload form, then store it and queue the job that imports it row by row."""
    _require_supplier(membership, request)
    if upload.size is not None and upload.size > MAX_BYTES:
        raise too_large()
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_large()
    name = (getattr(upload, "name", "") or "products.csv").rsplit("/", 1)[-1][-200:]
    table, _header = parse(data, name, quick=True)
    with transaction.atomic():
        job = ImportJob(
            supplier=membership.company,
            user=membership.user,
            original_name=name,
            format=table.format,
            encoding=table.encoding,
            total_rows=len(table.rows) if table.complete else table.row_estimate,
        )
        job.file.save(name, ContentFile(data), save=False)
        job.save()
        audit(
            "catalog.import_started",
            actor=membership.user,
            company=membership.company,
            obj=job,
            request=request,
            details={"file": name, "rows": job.total_rows},
        )
        transaction.on_commit(partial(_enqueue, job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from tradeloom.catalog.tasks import run_import

    run_import.enqueue(job_id)


def jobs_of(membership: Membership, *, request=None) -> QuerySet[ImportJob]:
    """The acting supplier's import jobs, newest first."""
    _require_supplier(membership, request)
    return ImportJob.objects.filter(supplier_id=membership.company_id).select_related("user")


def own_job(membership: Membership, job_id, *, request=None) -> ImportJob:
    """One of the acting supplier's jobs; another company's job does not exist here."""
    try:
        job_id = int(job_id)
    except (TypeError, ValueError):
        raise NotFound(_("No such import."))
    job = jobs_of(membership, request=request).filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("No such import."))
    return job


def is_stuck(job: ImportJob) -> bool:
    """Waiting or running without a sign of life for too long: the worker lost it."""
    now = timezone.now()
    if job.status == ImportJob.Status.QUEUED:
        return job.created_at < now - QUEUED_TOO_LONG
    if job.status == ImportJob.Status.RUNNING:
        return not job.heartbeat_at or job.heartbeat_at < now - STALE_AFTER
    return False


def restart_import(membership: Membership, job_id, *, request=None) -> ImportJob:
    """Queue a stuck job again; the import is safe to run twice."""
    job = own_job(membership, job_id, request=request)
    if not is_stuck(job):
        raise DomainError(
            _("This import is not stuck; it cannot be restarted."), code="not_stuck", status=409
        )
    transaction.on_commit(partial(_enqueue, job.pk))
    audit(
        "catalog.import_restarted",
        actor=membership.user,
        company=membership.company,
        obj=job,
        request=request,
    )
    return job
