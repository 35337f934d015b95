"""The import runs in the real worker process (`tradeloom worker --once`), as in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from tests.core.test_outbox_processes import database_url
from tradeloom.catalog.imports import exporter, jobs
from tradeloom.catalog.models import ImportJob, Product
from tradeloom.catalog.taxonomy import load_taxonomy

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def worker_once(tmp_path: Path, media_root: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TRADELOOM_VAR_DIR": str(tmp_path / "worker-var"),
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "tradeloom.settings",
    }
    return subprocess.run(
        [sys.executable, "-m", "tradeloom.cli", "worker", "--once"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_worker_runs_a_queued_import(supplier, tmp_path, settings):
    load_taxonomy()  # an earlier transactional test may have emptied the database
    job = jobs.start_import(
        supplier, SimpleUploadedFile("products.csv", exporter.template_file("csv")[0])
    )  # commits, which queues the task

    finished = worker_once(tmp_path, settings.MEDIA_ROOT)

    assert finished.returncode == 0, finished.stderr
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.created_count, job.error_count) == (
        "done",
        3,
        2,
        0,
    )
    assert sorted(Product.objects.values_list("external_ref", flat=True)) == ["BAG-200", "CS-1001"]
    assert DBTaskResult.objects.get(task_path="tradeloom.catalog.tasks.run_import").status == (
        "SUCCESSFUL"
    )
    assert ImportJob.objects.count() == 1
