"""Background tasks of the catalog."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(job_id: int) -> dict:
    """Import an uploaded spreadsheet; idempotent, so a retry or a duplicate is harmless."""
    from tradeloom.catalog.imports.runner import run

    return run(job_id)
