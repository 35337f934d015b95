"""Property-based: random valid and invalid requests to every operation never get a 5xx,
and every answer matches its documented schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import png_bytes
from tests.factories import MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.catalog import services as catalog
from tradeloom.catalog.models import Category, ImportJob
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.catalog.services import ProductInput, TranslationInput, VariantInput
from tradeloom.core.models import Notification

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_test_transaction():
    """Requests go through the real WSGI handler, which would close the test's connection
    at the end of each request; the Django test client avoids it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _product(membership, sku: str):
    return catalog.save_product(
        membership,
        ProductInput(
            category_id=Category.objects.get(slug="cashmere-sweaters-fine-gauge").pk,
            translations=[TranslationInput("en", "Merino crew-neck")],
            moq=500,
            order_increment=50,
            tiers=[TierInput(500, 999, 720), TierInput(1000, None, 680)],
            lead_times=[LeadTimeInput(1000, 30), LeadTimeInput(None, 45)],
            variants=[VariantInput(sku, {"colour": "navy"})],
        ),
    )


@pytest.fixture
def owner_world(supplier):
    """An owner with a colleague, an invitation, a notification, a draft product with an
    image, a live product, a product group and a finished import with an error report,
    calling by token."""
    MembershipFactory(company=supplier.company, role="sales")
    services.invite(supplier, "invitee@example.com", "catalog")
    Notification.objects.create(
        user=supplier.user,
        company=supplier.company,
        kind="member.role_changed",
        params={"company": "Shanghai Knit", "role": "Sales"},
    )
    draft = _product(supplier, "DRAFT-1")
    image = catalog.add_image(
        supplier, draft.pk, SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    )
    live = _product(supplier, "LIVE-1")
    catalog.submit_for_review(supplier, live.pk)
    catalog.moderate(UserFactory(is_operator=True), live.pk, "approve")
    catalog.create_group(supplier, "Winter knits")
    job = ImportJob(supplier=supplier.company, original_name="p.csv", format="csv", status="done")
    job.file.save("p.csv", ContentFile(b"sku\nA-1\n"), save=False)
    job.error_report.save("errors.csv", ContentFile(b"row,column,message\n2,sku,x\n"), save=False)
    job.save()
    _token, secret = services.create_token(supplier, "fuzz")
    # Path parameters aimed at real objects, so handlers run past "not found".
    targets = {
        "company_id": supplier.company_id,
        "product_id": draft.pk,  # the company's own paths
        "image_id": image.pk,
        "import_id": job.pk,
        "slug": supplier.company.slug,
        "category_slug": "sweaters",
    }
    return supplier, secret, targets, live.pk


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_documented_answers(case, owner_world, keep_test_transaction):
    membership, secret, targets, live_id = owner_world
    # Aim the path (and ids in bodies) at the caller's own company and objects so the
    # handlers run past the tenancy check; foreign ids are test_tenant_isolation's job.
    public = not case.path.startswith("/api/v1/companies/")
    for name in case.path_parameters or {}:
        if name in targets:
            case.path_parameters[name] = targets[name]
        if name == "product_id" and public:
            case.path_parameters[name] = live_id
    if isinstance(case.body, dict) and "company_id" in case.body:
        case.body["company_id"] = membership.company_id
    response = case.call(headers={"Authorization": f"Bearer {secret}"})
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
