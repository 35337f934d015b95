"""Tenant isolation of every RFQ, quote and order-draft operation, driven by the OpenAPI
document: as anonymous, a stranger buyer and a rival supplier (by bearer token), each
against company A's RFQ (invited-only), the quote on it and A's order draft. Every call
is refused with 401/403/404, no answer carries A's secret text, and nothing changes."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import ApiClient, token_client
from tests.api.test_tenant_isolation import OPERATIONS, call
from tests.factories import CompanyFactory, MembershipFactory
from tests.rfq.conftest import new_supplier, quote_input
from tradeloom.orders.models import OrderDraft
from tradeloom.orders.services import DraftLine, create_order_draft
from tradeloom.rfq.models import Quote, Rfq
from tradeloom.rfq.services import create_rfq, submit_quote

pytestmark = pytest.mark.django_db
SECRET = "Aardvark secret yarn"
MINE = [op for op in OPERATIONS if {"rfq", "orders"} & set(op.spec.get("tags", []))]


@pytest.fixture
def world(rfq_input):
    a_owner = MembershipFactory(company=CompanyFactory(kind="buyer"), role="owner")
    invited = new_supplier()
    rfq = create_rfq(
        a_owner,
        rfq_input(
            product_name=f"{SECRET} RFQ",
            visibility="invited",
            invited_supplier_ids=[invited.company_id],
        ),
    )
    quote = submit_quote(invited, rfq.pk, quote_input(notes=f"{SECRET} quote"))
    draft = create_order_draft(
        a_owner,
        supplier=invited.company,
        lines=[DraftLine(f"{SECRET} line", 100, 200, "USD")],
        source=("manual", None),
        currency="USD",
    )
    ids = {
        "company_id": a_owner.company_id,
        "rfq_id": rfq.pk,
        "quote_id": quote.pk,
        "draft_id": draft.pk,
    }
    return ids


def state() -> tuple:
    return (
        tuple(Rfq.objects.order_by("pk").values_list("pk", "status", "quote_count")),
        tuple(Quote.objects.order_by("pk").values_list("pk", "status", "unit_price_minor")),
        tuple(OrderDraft.objects.order_by("pk").values_list("pk", "status")),
    )


def test_my_operations_are_all_covered():
    assert len(MINE) == 17


@pytest.mark.parametrize("op", MINE, ids=str)
@pytest.mark.parametrize("who", ["anonymous", "buyer", "rival"])
def test_refused_and_nothing_leaks(op, who, world):
    document = ApiClient().get("openapi.json").json()
    if who == "anonymous":
        client, own_company = ApiClient(), None
    else:
        kind = "buyer" if who == "buyer" else "supplier"
        member = MembershipFactory(company=CompanyFactory(kind=kind), role="owner")
        client, own_company = token_client(member), member.company_id
    before = state()
    for company_id in {world["company_id"], own_company} - {None}:
        response = call(client, document, op, {**world, "company_id": company_id})
        refers_to_a = company_id == world["company_id"] or len(op.path_params) > 1
        if refers_to_a:
            assert response.status_code in {401, 403, 404}, (op, company_id, response.content)
        else:  # the caller's own lists, or a body the service refuses: never A's data
            assert response.status_code < 500
        assert SECRET not in json.dumps(response.json(), ensure_ascii=False)
    assert state() == before
