from django_tasks import task

from tradeloom.analytics.recorder import ingest_spool


@task()
def ingest_analytics() -> int:
    return ingest_spool()
