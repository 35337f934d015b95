import os
import shutil
from pathlib import Path

import pytest

from tests.factories import CompanyFactory, MembershipFactory

CHROMIUM = os.environ.get("TRADELOOM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HAS_CHROMIUM = Path(CHROMIUM).exists()


def pytest_collection_modifyitems(config, items):
    skip_browser = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}; "
        "install Debian's chromium or set TRADELOOM_CHROMIUM"
    )
    from django.conf import settings

    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL")
    for item in items:
        if "browser" in item.keywords and not HAS_CHROMIUM:
            item.add_marker(skip_browser)
        if "postgres" in item.keywords and not settings.IS_POSTGRES:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Media, mail and the analytics spool go to a per-test folder; Argon2id at test cost."""
    settings.PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.ANALYTICS_SPOOL_DIR = tmp_path / "spool"


@pytest.fixture(autouse=True)
def _taxonomy_survives_flush(request, django_db_blocker):
    """A transactional test ends by flushing every table, including the taxonomy rows the
    migration loaded; put them back for the tests that follow."""
    yield
    marker = request.node.get_closest_marker("django_db")
    flushed = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if flushed:
        from tradeloom.catalog.models import Category
        from tradeloom.catalog.taxonomy import load_taxonomy

        with django_db_blocker.unblock():
            if not Category.objects.exists():
                load_taxonomy()


@pytest.fixture
def supplier(db):
    """An owner membership of a verified Shanghai supplier."""
    company = CompanyFactory(
        kind="supplier", display_name="Shanghai Knit", country="CN", verification_status="verified"
    )
    return MembershipFactory(company=company, role="owner")


@pytest.fixture
def buyer(db):
    company = CompanyFactory(kind="buyer", display_name="Brooklyn Apparel", country="US")
    return MembershipFactory(company=company, role="owner")
