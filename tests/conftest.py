import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import caches
from django.utils import translation

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
def _default_language():
    """A view that switches the language (signing in as a Japanese user does) switches it
    for the thread; the next test starts in the default language again."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Cached pages and counters of one test never answer another's."""
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


# Rows the migrations loaded (currencies, the taxonomy), captured once per run.
_MIGRATION_ROWS: list[tuple] = []


def _migration_models() -> list:
    from tradeloom.catalog.models import Attribute, AttributeValue, Category
    from tradeloom.core.models import Currency

    return [Currency, Category, Attribute, AttributeValue]  # parents before children


@pytest.fixture(autouse=True)
def _migration_data(request):
    """A transactional test ends by flushing every table, including the currencies and the
    taxonomy that migrations loaded; put them back before any test that uses the database.

    (Restoring after the flushing test is not enough: when the test is marked rather than
    asking for ``transactional_db``, its flush runs after this fixture's teardown.) The
    rows are copied once and put back in a few bulk inserts, with their ids.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("_django_db_helper")
    models = _migration_models()
    if not _MIGRATION_ROWS:
        if not models[0].objects.exists():
            from tradeloom.catalog.taxonomy import load_taxonomy
            from tradeloom.core.currencies import CURRENCIES

            models[0].objects.bulk_create(
                models[0](code=code, exponent=exponent, name=name)
                for code, (exponent, name) in CURRENCIES.items()
            )
            load_taxonomy()
        _MIGRATION_ROWS.extend(
            (model, list(model.objects.order_by("pk").values())) for model in models
        )
    for model, rows in _MIGRATION_ROWS:
        if not model.objects.exists():
            model.objects.bulk_create(model(**row) for row in rows)


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
