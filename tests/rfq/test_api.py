"""The RFQ and order-draft API: same rules and codes as the web, scoped to the company."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import assert_error, token_client
from tests.factories import CompanyFactory, MembershipFactory
from tests.rfq.conftest import new_supplier
from tradeloom.orders.models import OrderDraft
from tradeloom.rfq.models import Quote, Rfq

pytestmark = pytest.mark.django_db


def rfq_body(category, **overrides):
    body = {
        "product_name": "Cashmere crew-neck sweater",
        "category_id": category.pk,
        "quantity": 800,
        "target_price": "7.00",
        "currency": "USD",
        "destination_country": "JP",
        "incoterm": "FOB",
        "expires_on": (timezone.now().date() + timedelta(days=14)).isoformat(),
    }
    body.update(overrides)
    return body


def quote_body(**overrides):
    body = {
        "tiers": [
            {"min_quantity": 500, "unit_price": "7.20"},
            {"min_quantity": 1000, "unit_price": "6.80"},
        ],
        "currency": "USD",
        "moq": 500,
        "lead_time_days": 30,
        "incoterm": "FOB",
        "valid_until": (timezone.now().date() + timedelta(days=30)).isoformat(),
        "notes": "navy available",
    }
    body.update(overrides)
    return body


def _put(api, path, body):
    return api._send("put", path, body)


def test_full_flow_over_the_api(buyer, supplier, category):
    api_buyer, api_a = token_client(buyer), token_client(supplier)
    other = new_supplier()
    api_b = token_client(other)
    b, a, o = buyer.company_id, supplier.company_id, other.company_id

    created = api_buyer.post(f"companies/{b}/rfqs", rfq_body(category))
    assert created.status_code == 201, created.content
    rfq_id = created.json()["id"]
    assert created.json()["status"] == "open"

    board = api_a.get(f"companies/{a}/rfq-board").json()
    assert [r["id"] for r in board["items"]] == [rfq_id]

    qa = api_a.post(f"companies/{a}/rfqs/{rfq_id}/quotes", quote_body())
    assert qa.status_code == 201, qa.content
    assert qa.json()["unit_price"] == "7.20"
    qb = api_b.post(f"companies/{o}/rfqs/{rfq_id}/quotes", quote_body(notes="B secret"))
    assert qb.status_code == 201

    # Buyer sees both; each supplier only its own.
    assert len(api_buyer.get(f"companies/{b}/rfqs/{rfq_id}/quotes").json()) == 2
    mine = api_a.get(f"companies/{a}/rfqs/{rfq_id}/quotes").json()
    assert [q["id"] for q in mine] == [qa.json()["id"]]
    assert_error(api_a.get(f"companies/{a}/quotes/{qb.json()['id']}"), 404, "not_found")

    revised = _put(
        api_a,
        f"companies/{a}/quotes/{qa.json()['id']}",
        quote_body(tiers=[{"min_quantity": 500, "unit_price": "6.90"}]),
    )
    assert revised.json()["status"] == "revised"
    assert_error(
        _put(api_a, f"companies/{a}/quotes/{qa.json()['id']}", quote_body()),
        409,
        "already_revised",
    )

    award = api_buyer.post(f"companies/{b}/quotes/{qa.json()['id']}/award")
    assert award.status_code == 200, award.content
    draft = award.json()["order_draft"]
    assert (draft["source_kind"], draft["total"]) == ("quote", "5520.00")
    assert api_a.get(f"companies/{a}/order-drafts/{draft['id']}").status_code == 200
    assert_error(api_b.get(f"companies/{o}/order-drafts/{draft['id']}"), 404, "not_found")
    assert_error(
        api_buyer.post(f"companies/{b}/quotes/{qb.json()['id']}/award"), 409, "rfq_awarded"
    )
    assert OrderDraft.objects.count() == 1


def test_bad_input_codes(buyer, supplier, category):
    api_buyer, api_a = token_client(buyer), token_client(supplier)
    b, a = buyer.company_id, supplier.company_id
    assert_error(
        api_buyer.post(f"companies/{b}/rfqs", rfq_body(category, incoterm="XYZ")),
        400,
        "invalid_incoterm",
    )
    assert_error(
        api_buyer.post(f"companies/{b}/rfqs", rfq_body(category, target_price="abc")),
        400,
        "invalid_price",
    )
    assert Rfq.objects.count() == 0
    rfq_id = api_buyer.post(f"companies/{b}/rfqs", rfq_body(category)).json()["id"]
    assert_error(
        api_buyer.post(f"companies/{b}/rfqs/{rfq_id}/quotes", quote_body()), 403, "not_a_supplier"
    )
    assert_error(
        api_a.post(f"companies/{a}/rfqs/{rfq_id}/quotes", quote_body(valid_until="2000-01-01")),
        400,
        "invalid_validity",
    )
    api_buyer.post(f"companies/{b}/rfqs/{rfq_id}/close")
    assert_error(api_a.post(f"companies/{a}/rfqs/{rfq_id}/quotes", quote_body()), 409, "rfq_closed")
    assert Quote.objects.count() == 0


def test_foreign_company_ids_are_not_found(buyer, supplier, category):
    api_buyer = token_client(buyer)
    b = buyer.company_id
    rfq_id = api_buyer.post(f"companies/{b}/rfqs", rfq_body(category)).json()["id"]
    stranger = MembershipFactory(company=CompanyFactory(kind="buyer"))
    api_stranger = token_client(stranger)
    s = stranger.company_id
    assert_error(api_stranger.get(f"companies/{s}/rfqs/{rfq_id}"), 404, "not_found")
    assert_error(api_stranger.get(f"companies/{b}/rfqs/{rfq_id}"), 404, "not_found")
    assert_error(api_stranger.post(f"companies/{s}/rfqs/{rfq_id}/cancel"), 404, "not_found")
    assert Rfq.objects.get().status == "open"
