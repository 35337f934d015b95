"""The web pages: inbox, conversation, new inquiry, replies, downloads, review queue."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.inquiries.conftest import inquiry, pdf_bytes, png_bytes, upload
from tradeloom.inquiries import services
from tradeloom.inquiries.models import Conversation, Message


def client_for(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session["active_company_id"] = membership.company_id
    session.save()
    return client


def test_product_and_storefront_link_to_the_inquiry_page(buyer, product):
    client = client_for(buyer)
    page = client.get(reverse("catalog:product", args=[product.pk]))
    assert f"{reverse('inquiries:new')}?product={product.pk}" in page.content.decode()
    store = client.get(reverse("catalog:storefront", args=[product.supplier.slug]))
    assert f"{reverse('inquiries:new')}?supplier={product.supplier.slug}" in store.content.decode()


def test_send_an_inquiry_from_the_product_page(buyer, supplier, product):
    client = client_for(buyer)
    url = reverse("inquiries:new") + f"?product={product.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "quantity": "800",
            "target_price": "6.90",
            "currency": "USD",
            "destination_country": "US",
            "customization": "Own label",
            "message": "Hello, can you do navy?",
            "files": [upload(png_bytes(), "label.png")],
        },
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("inquiries:conversation", args=[conversation.pk])
    )
    message = conversation.messages.get()
    assert message.data["quantity"] == 800
    assert message.attachments.count() == 1


def test_inquiry_form_errors_are_shown_and_nothing_saved(buyer, product):
    client = client_for(buyer)
    url = reverse("inquiries:new") + f"?product={product.pk}"
    response = client.post(
        url,
        {"currency": "USD", "message": "Hi", "target_price": "abc",
         "files": [upload(b"<script>", "x.png")]},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Conversation.objects.exists()


def test_supplier_sees_the_inquiry_and_replies(buyer, supplier, conversation):
    client = client_for(supplier)
    inbox = client.get(reverse("inquiries:inbox"))
    assert inbox.status_code == 200
    assert buyer.company.display_name in inbox.content.decode()
    page = client.get(reverse("inquiries:conversation", args=[conversation.pk]))
    assert page.status_code == 200
    assert "800 pcs" in page.content.decode()
    conversation.refresh_from_db()
    assert not conversation.is_unread_for(supplier.company_id)
    response = client.post(
        reverse("inquiries:reply", args=[conversation.pk]),
        {"body": "Yes, USD 7.00", "files": [upload(pdf_bytes(), "quote.pdf")]},
    )
    assert response.status_code == 302
    assert conversation.messages.count() == 2


def test_polling_returns_only_newer_messages(buyer, supplier, conversation):
    first = conversation.messages.get()
    services.send_message(supplier, conversation.pk, "A new answer")
    client = client_for(buyer)
    response = client.get(
        reverse("inquiries:messages_since", args=[conversation.pk]) + f"?after={first.pk}"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "A new answer" in body and "800 pcs" not in body
    assert 'hx-trigger="every 5s"' in body
    conversation.refresh_from_db()
    assert not conversation.is_unread_for(buyer.company_id)


def test_outsider_gets_404_everywhere(third, conversation):
    message = conversation.messages.get()
    client = client_for(third)
    for url in (
        reverse("inquiries:conversation", args=[conversation.pk]),
        reverse("inquiries:messages_since", args=[conversation.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("inquiries:reply", args=[conversation.pk]), {"body": "x"}).status_code
        == 404
    )
    assert Message.objects.count() == 1
    assert message.pk


def test_download_is_an_attachment_with_nosniff(buyer, supplier, product, third):
    message = inquiry(buyer, product, files=[upload(png_bytes(), "label.png")])
    attachment = message.attachments.get()
    response = client_for(supplier).get(reverse("inquiries:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="label.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert (
        client_for(third).get(reverse("inquiries:download", args=[attachment.pk])).status_code
        == 404
    )
    # The media folder does not serve it to anyone.
    assert Client().get("/media/" + attachment.file.name).status_code == 404


def test_recipient_sees_a_warning_sender_does_not(buyer, supplier, conversation):
    services.send_message(
        supplier, conversation.pk, "New bank details: IBAN DE89 3704 0044 0532 0130 00"
    )
    warning = "may ask you to pay outside Tradeloom"
    assert (
        warning
        in client_for(buyer)
        .get(reverse("inquiries:conversation", args=[conversation.pk]))
        .content.decode()
    )
    assert (
        warning
        not in client_for(supplier)
        .get(reverse("inquiries:conversation", args=[conversation.pk]))
        .content.decode()
    )


def test_blocked_reply_shows_a_clear_message(buyer, supplier, conversation):
    services.block_company(supplier, buyer.company_id)
    response = client_for(buyer).post(
        reverse("inquiries:reply", args=[conversation.pk]), {"body": "Hello?"}
    )
    assert response.status_code == 403
    assert "does not accept messages" in response.content.decode()
    assert conversation.messages.count() == 1


def test_offer_to_order_draft_through_the_pages(buyer, supplier, conversation, product):
    from django.utils import timezone

    client = client_for(supplier)
    response = client.post(
        reverse("inquiries:offer", args=[conversation.pk]),
        {"product": product.pk, "quantity": "800", "unit_price": "7.00", "currency": "USD",
         "lead_time_days": "30", "valid_until": timezone.localdate().isoformat(), "note": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = Message.objects.get(kind="price_offer")
    page = client_for(buyer).get(reverse("inquiries:conversation", args=[conversation.pk]))
    assert "Turn into an order draft" in page.content.decode()
    response = client_for(buyer).post(
        reverse("inquiries:order_offer", args=[conversation.pk, offer.pk])
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.order_draft_ref.startswith("draft:")


def test_quick_reply_prefills_the_reply_box(supplier, conversation):
    reply = services.create_quick_reply(supplier, "MOQ", "Our MOQ is 500 pieces per colour.")
    page = client_for(supplier).get(
        reverse("inquiries:conversation", args=[conversation.pk]) + f"?template={reply.pk}"
    )
    assert "Our MOQ is 500 pieces per colour.</textarea>" in page.content.decode()


def test_inbox_filters_render(supplier, sales, conversation):
    client = client_for(supplier)
    for query in ("?filter=unread", "?filter=awaiting", f"?assignee={sales.user_id}",
                  "?q=navy", "?product=abc", "?filter=bogus"):  # fmt: skip
        assert client.get(reverse("inquiries:inbox") + query).status_code == 200


def test_review_queue_is_for_operators(buyer, supplier, conversation):
    flagged = services.send_message(supplier, conversation.pk, "pay via https://paypal.me/x")
    url = reverse("inquiries:review")
    assert client_for(supplier).get(url).status_code == 403
    operator = MembershipFactory(user__is_operator=True)
    client = client_for(operator)
    page = client.get(url)
    assert page.status_code == 200
    assert "paypal.me" in page.content.decode()
    client.post(reverse("inquiries:review_decide", args=[flagged.pk]), {"decision": "clear"})
    flagged.refresh_from_db()
    assert flagged.review == "cleared"
    client.post(reverse("inquiries:suspend"), {"company": supplier.company_id, "reason": "spam"})
    assert supplier.company.messaging_suspension.reason == "spam"


def test_preferences_page(buyer):
    client = client_for(buyer)
    assert client.get(reverse("inquiries:preferences")).status_code == 200
    response = client.post(reverse("inquiries:preferences"), {"in_app": "on", "email": "digest"})
    assert response.status_code == 302
    assert buyer.user.inquiry_preferences.email == "digest"


@pytest.mark.parametrize("role", ["finance", "warehouse"])
def test_roles_without_inquiries_are_refused(role, conversation, supplier):
    member = MembershipFactory(company=supplier.company, role=role)
    assert client_for(member).get(reverse("inquiries:inbox")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, product):
    page = client.get(reverse("catalog:product", args=[product.pk])).content.decode()
    assert reverse("accounts:login") + "?next=" in page
    response = client.get(reverse("inquiries:new") + f"?product={product.pk}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_supplier_cannot_open_the_inquiry_form(supplier, third, product):
    response = client_for(third).get(reverse("inquiries:new") + f"?product={product.pk}")
    assert response.status_code == 403
    assert "Only buyer and agent companies" in response.content.decode()
