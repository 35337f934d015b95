"""Property-based: random valid and invalid requests to every operation never get a 5xx,
and every answer matches its documented schema."""

from __future__ import annotations

import pytest
import schemathesis
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

from tests.factories import MembershipFactory
from tradeloom.accounts import services
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


@pytest.fixture
def owner_world(supplier):
    """An owner with a colleague, an invitation and a notification, calling by token."""
    MembershipFactory(company=supplier.company, role="sales")
    services.invite(supplier, "invitee@example.com", "catalog")
    Notification.objects.create(
        user=supplier.user,
        company=supplier.company,
        kind="member.role_changed",
        params={"company": "Shanghai Knit", "role": "Sales"},
    )
    _token, secret = services.create_token(supplier, "fuzz")
    return supplier, secret


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_documented_answers(case, owner_world, keep_test_transaction):
    membership, secret = owner_world
    # Aim the company in the path (and in bodies) at the caller's own company so the
    # handlers run past the tenancy check; foreign ids are test_tenant_isolation's job.
    if "company_id" in (case.path_parameters or {}):
        case.path_parameters["company_id"] = membership.company_id
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
