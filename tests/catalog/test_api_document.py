"""The catalog's part of the OpenAPI document."""

from __future__ import annotations

import pytest

from tests.api.conftest import API, ApiClient
from tradeloom.accounts.models import Company
from tradeloom.catalog.models import CustomizationOption, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return ApiClient().get(f"{API}/openapi.json").json()


def _schema(document, name):
    return document["components"]["schemas"][name]


def test_catalog_enums_do_not_overwrite_other_apps_enums(document):
    """ninja names an enum component after its class; two classes called ``Kind`` would
    leave one of them documented with the other's values."""
    company_kind = _schema(document, "CompanyIn")["properties"]["kind"]
    if "$ref" in company_kind:
        company_kind = _schema(document, company_kind["$ref"].rsplit("/", 1)[1])

    assert company_kind["enum"] == Company.Kind.values
    customization = _schema(document, "CustomizationIn")["properties"]["kind"]
    assert customization["enum"] == CustomizationOption.Kind.values
    status = _schema(document, "OwnProductOut")["properties"]["status"]
    assert status["enum"] == Product.Status.values


def test_prices_are_documented_as_strings(document):
    tier = _schema(document, "TierIn")["properties"]["unit_price"]

    assert tier["type"] == "string"
    assert tier["examples"] == ["7.20"]


def test_public_operations_need_no_authentication(document):
    paths = document["paths"]
    public = [
        paths[f"{API}/products"]["get"],
        paths[f"{API}/products/{{product_id}}"]["get"],
        paths[f"{API}/products/{{product_id}}/price"]["get"],
        paths[f"{API}/storefronts/{{slug}}"]["get"],
        paths[f"{API}/categories"]["get"],
        paths[f"{API}/categories/{{category_slug}}"]["get"],
    ]

    assert [op.get("security") for op in public] == [None] * 6
    assert {op["x-tenancy"] for op in public} == {"public"}
    assert paths[f"{API}/moderation/products"]["get"]["x-tenancy"] == "operator"
