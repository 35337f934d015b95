"""The inquiries API: same services, scoped to the acting company."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.api.conftest import API, assert_error, session_client, token_client
from tests.inquiries.conftest import png_bytes
from tradeloom.inquiries import services
from tradeloom.inquiries.models import Conversation, Message


@pytest.fixture
def buyer_api(buyer):
    return token_client(buyer)


@pytest.fixture
def supplier_api(supplier):
    return token_client(supplier)


def _start(buyer_api, buyer, product, **extra):
    return buyer_api.post(
        f"companies/{buyer.company_id}/inquiries",
        {"product_ids": [product.pk], "quantity": 800, "target_price": "6.90",
         "currency": "USD", "destination_country": "US", "message": "Navy, own label?",
         **extra},
    )  # fmt: skip


def test_start_list_read_and_reply(buyer_api, supplier_api, buyer, supplier, product):
    response = _start(buyer_api, buyer, product)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "inquiry"
    assert body["data"]["target_price_minor"] == 690
    conversation = Conversation.objects.get()

    listed = supplier_api.get(f"companies/{supplier.company_id}/conversations?filter=unread")
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()["items"]] == [conversation.pk]
    assert listed.json()["items"][0]["buyer"]["name"] == buyer.company.display_name

    read = supplier_api.post(
        f"companies/{supplier.company_id}/conversations/{conversation.pk}/read"
    )
    assert read.status_code == 200 and read.json()["unread"] is False

    reply = supplier_api.client.post(
        f"{API}/companies/{supplier.company_id}/conversations/{conversation.pk}/messages",
        {"body": "Yes: USD 7.00", "files": [SimpleUploadedFile("q.png", png_bytes())]},
        headers=supplier_api.headers,
    )
    assert reply.status_code == 201, reply.content
    assert reply.json()["attachments"][0]["kind"] == "image"

    detail = buyer_api.get(f"companies/{buyer.company_id}/conversations/{conversation.pk}")
    assert [m["body"] for m in detail.json()["messages"]] == ["Navy, own label?", "Yes: USD 7.00"]
    since = buyer_api.get(
        f"companies/{buyer.company_id}/conversations/{conversation.pk}/messages?after={body['id']}"
    )
    assert [m["body"] for m in since.json()] == ["Yes: USD 7.00"]

    attachment_id = reply.json()["attachments"][0]["id"]
    download = buyer_api.client.get(
        f"{API}/companies/{buyer.company_id}/attachments/{attachment_id}",
        headers=buyer_api.headers,
    )
    assert download.status_code == 200
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")


def test_offer_and_order_draft(buyer_api, supplier_api, buyer, supplier, conversation, product):
    base = f"companies/{supplier.company_id}/conversations/{conversation.pk}"
    offer = supplier_api.post(
        f"{base}/offers",
        {"product_id": product.pk, "quantity": 800, "unit_price": "7.00", "currency": "USD",
         "lead_time_days": 30,
         "valid_until": (timezone.localdate() + timedelta(days=7)).isoformat()},
    )  # fmt: skip
    assert offer.status_code == 201, offer.content
    offer_id = offer.json()["id"]
    url = (
        f"companies/{buyer.company_id}/conversations/{conversation.pk}"
        f"/messages/{offer_id}/order-draft"
    )
    first = buyer_api.post(url)
    assert first.status_code == 201, first.content
    assert_error(buyer_api.post(url), 409, "offer_already_ordered")
    assert_error(supplier_api.post(url.replace(str(buyer.company_id), str(supplier.company_id), 1)),
                 403, "not_the_buyer")  # fmt: skip


def test_bad_input_gets_clear_codes(buyer_api, buyer, supplier, product, settings):
    assert_error(_start(buyer_api, buyer, product, currency="XYZ"), 400, "invalid_currency")
    assert_error(_start(buyer_api, buyer, product, product_ids=[2**40]), 404, "not_found")
    assert_error(_start(buyer_api, buyer, product, surprise=1), 422, "validation_error")
    assert not Conversation.objects.exists()
    settings.INQUIRY_LIMIT_MESSAGES_PER_USER = (1, 600)
    assert _start(buyer_api, buyer, product).status_code == 201
    body = assert_error(_start(buyer_api, buyer, product), 429, "rate_limited")
    assert body["details"]["retry_after"] == 600


def test_blocked_and_forbidden_files(buyer_api, buyer, supplier, conversation):
    url = f"{API}/companies/{buyer.company_id}/conversations/{conversation.pk}/messages"
    bad = buyer_api.client.post(
        url, {"body": "see file", "files": [SimpleUploadedFile("x.pdf", b"MZ\x90\x00")]},
        headers=buyer_api.headers,
    )  # fmt: skip
    assert_error(bad, 400, "file_type_not_allowed")
    services.block_company(supplier, buyer.company_id)
    blocked = buyer_api.client.post(url, {"body": "hello"}, headers=buyer_api.headers)
    assert_error(blocked, 403, "blocked")
    assert Message.objects.count() == 1


def test_third_company_and_foreign_ids(third, conversation, supplier, buyer):
    outsider = token_client(third)
    own = f"companies/{third.company_id}"
    assert_error(outsider.get(f"{own}/conversations/{conversation.pk}"), 404, "not_found")
    assert_error(outsider.post(f"{own}/conversations/{conversation.pk}/read"), 404, "not_found")
    assert outsider.get(f"{own}/conversations").json()["items"] == []
    # Another company's id in the path: not found, whatever the conversation.
    assert_error(outsider.get(f"companies/{supplier.company_id}/conversations"), 404, "not_found")
    session = session_client(third.user)
    assert_error(
        session.get(f"companies/{buyer.company_id}/conversations/{conversation.pk}"),
        404,
        "not_found",
    )
