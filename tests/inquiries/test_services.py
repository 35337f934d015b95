"""Starting inquiries, replying, structured messages, assignment, read state."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory
from tests.inquiries.conftest import inquiry, make_product, pdf_bytes, png_bytes, upload
from tradeloom.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from tradeloom.core.models import OutboxEvent
from tradeloom.inquiries import selectors, services
from tradeloom.inquiries.models import Attachment, Conversation, Message


def test_an_inquiry_opens_a_conversation_with_its_terms(buyer, supplier, product):
    message = inquiry(buyer, product)
    conversation = message.conversation
    assert (conversation.buyer, conversation.supplier) == (buyer.company, supplier.company)
    assert list(conversation.products.all()) == [product]
    assert conversation.subject == "Navy cable crew-neck"
    assert message.kind == "inquiry"
    assert message.data == {
        "product_ids": [product.pk],
        "quantity": 800,
        "target_price_minor": 690,
        "currency": "USD",
        "destination_country": "US",
        "customization": "Own woven label",
    }
    assert message.language == "en"
    assert conversation.last_message_company == buyer.company
    assert conversation.is_unread_for(supplier.company_id)
    assert not conversation.is_unread_for(buyer.company_id)
    assert OutboxEvent.objects.filter(name="inquiry.created").count() == 1


def test_a_second_inquiry_continues_the_conversation(buyer, supplier, product):
    first = inquiry(buyer, product)
    other = make_product(supplier, "Grey rib beanie", "BEANIE-1")
    second = inquiry(buyer, other, message="And 300 beanies?")
    assert second.conversation_id == first.conversation_id
    assert Conversation.objects.count() == 1
    assert set(first.conversation.products.all()) == {product, other}
    assert OutboxEvent.objects.filter(name="message.created").count() == 1


def test_language_of_the_original_is_kept(buyer, product):
    message = inquiry(buyer, product, message="ネイビーで800枚、自社タグ付きで可能ですか？")
    assert message.language == "ja"
    assert message.body == "ネイビーで800枚、自社タグ付きで可能ですか？"


def test_supplier_reply_sets_first_response_once(buyer, supplier, conversation):
    reply = services.send_message(supplier, conversation.pk, "Yes, USD 7.00 at 800 pcs.")
    conversation.refresh_from_db()
    first = conversation.first_response_at
    assert first == reply.created_at
    services.send_message(supplier, conversation.pk, "Lead time 30 days.")
    conversation.refresh_from_db()
    assert conversation.first_response_at == first
    assert conversation.is_unread_for(buyer.company_id)


def test_only_buying_companies_start_inquiries(supplier, third, product):
    with pytest.raises(PermissionDenied) as exc:
        inquiry(third, product)
    assert exc.value.code == "not_a_buyer"
    assert not Conversation.objects.exists()


def test_roles_without_inquiries_cannot_write(buyer, product):
    finance = MembershipFactory(company=buyer.company, role="finance")
    with pytest.raises(PermissionDenied):
        inquiry(finance, product)
    assert not Message.objects.exists()


def test_draft_products_and_foreign_ids_are_not_found(buyer, supplier):
    draft = make_product(supplier, "Secret draft", "DRAFT-1", live=False)
    for ids in ([draft.pk], [999999], ["x"], [2**70]):
        with pytest.raises(NotFound):
            services.start_inquiry(buyer, services.InquiryInput(product_ids=ids, message="Hello"))
    assert not Conversation.objects.exists()


def test_one_supplier_at_a_time(buyer, supplier, third, product):
    rival = make_product(third, "Rival sweater", "RIVAL-1")
    with pytest.raises(DomainError) as exc:
        services.start_inquiry(
            buyer, services.InquiryInput(product_ids=[product.pk, rival.pk], message="Hi")
        )
    assert exc.value.code == "mixed"
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("quantity", "0", "out_of_range"),
        ("quantity", "lots", "invalid_number"),
        ("target_price", "-1", "price_not_positive"),
        ("target_price", "6.999", "too_many_decimals"),
        ("currency", "XXX", "invalid_currency"),
        ("destination_country", "ZZ", "invalid_country"),
    ],
)
def test_bad_terms_change_nothing(buyer, product, field, value, code):
    with pytest.raises(DomainError) as exc:
        inquiry(buyer, product, **{field: value})
    assert exc.value.code == code
    assert exc.value.details["field"] == field
    assert not Conversation.objects.exists()
    assert not OutboxEvent.objects.filter(name__startswith="inquiry").exists()


def test_empty_message_is_refused(buyer, product):
    with pytest.raises(DomainError) as exc:
        inquiry(buyer, product, message="   ")
    assert exc.value.code == "required"


def test_inquiry_by_supplier_id_alone(buyer, supplier):
    message = services.start_inquiry(
        buyer, services.InquiryInput(supplier_id=supplier.company_id, message="Catalogue?")
    )
    assert message.conversation.supplier == supplier.company
    assert message.conversation.subject == ""


def test_attachments_are_saved_with_sniffed_types(buyer, product):
    message = inquiry(
        buyer,
        product,
        files=[
            upload(png_bytes(), "label.png", "image/png"),
            upload(pdf_bytes(), "techpack.pdf", "application/pdf"),
        ],
    )
    kinds = sorted(message.attachments.values_list("kind", "content_type", "original_name"))
    assert kinds == [
        ("image", "image/png", "label.png"),
        ("pdf", "application/pdf", "techpack.pdf"),
    ]
    stored = message.attachments.first().file.name
    assert stored.startswith("inquiries/") and "label" not in stored


def test_price_offer_becomes_an_order_draft_once(buyer, supplier, conversation, product):
    from tradeloom.orders.models import OrderDraft

    offer = services.offer_price(
        supplier,
        conversation.pk,
        product_id=product.pk,
        quantity=800,
        unit_price="7.00",
        currency="USD",
        lead_time_days=30,
        valid_until=(timezone.localdate() + timedelta(days=14)).isoformat(),
        note="Includes your woven label.",
    )
    assert offer.data["unit_price_minor"] == 700
    draft = services.offer_to_order_draft(buyer, offer.pk)
    assert (draft.buyer, draft.supplier, draft.currency) == (
        buyer.company,
        supplier.company,
        "USD",
    )
    line = draft.lines.get()
    assert (line.quantity, line.unit_price_minor, line.product_id) == (800, 700, product.pk)
    offer.refresh_from_db()
    assert offer.order_draft_ref == f"draft:{draft.pk}"
    with pytest.raises(Conflict):
        services.offer_to_order_draft(buyer, offer.pk)
    assert OrderDraft.objects.count() == 1


def test_only_the_buyer_orders_and_expired_offers_are_refused(
    buyer, supplier, conversation, product
):
    from tradeloom.orders.models import OrderDraft

    offer = services.offer_price(
        supplier, conversation.pk, product_id=product.pk, quantity=800, unit_price="7.00",
        currency="USD", lead_time_days=30, valid_until=timezone.localdate(),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.offer_to_order_draft(supplier, offer.pk)
    Message.objects.filter(pk=offer.pk).update(
        data={**offer.data, "valid_until": (timezone.localdate() - timedelta(days=1)).isoformat()}
    )
    with pytest.raises(Conflict) as exc:
        services.offer_to_order_draft(buyer, offer.pk)
    assert exc.value.code == "offer_expired"
    assert not OrderDraft.objects.exists()


def test_offers_only_by_supplier_on_own_products(buyer, supplier, third, conversation, product):
    rival = make_product(third, "Rival", "RIVAL-2")
    kwargs = dict(quantity=800, unit_price="7", currency="USD", lead_time_days=30,
                  valid_until=timezone.localdate())  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.offer_price(buyer, conversation.pk, product_id=product.pk, **kwargs)
    with pytest.raises(NotFound):
        services.offer_price(supplier, conversation.pk, product_id=rival.pk, **kwargs)
    with pytest.raises(DomainError) as exc:
        services.offer_price(
            supplier, conversation.pk, product_id=product.pk,
            **{**kwargs, "valid_until": "2001-01-01"},
        )  # fmt: skip
    assert exc.value.code == "out_of_range"
    assert not Message.objects.filter(kind="price_offer").exists()


def test_sample_request(buyer, supplier, conversation, product):
    variant = product.variants.get()
    message = services.request_sample(
        buyer, conversation.pk, product_id=product.pk, variant_id=variant.pk, quantity=2,
        address="1200 Harbor Blvd, Oakland CA",
    )  # fmt: skip
    assert message.kind == "sample_request"
    assert message.data["variant_label"] == "navy"
    assert message.data["quantity"] == 2
    with pytest.raises(PermissionDenied):
        services.request_sample(
            supplier, conversation.pk, product_id=product.pk, quantity=1, address="x"
        )
    with pytest.raises(DomainError):
        services.request_sample(buyer, conversation.pk, product_id=product.pk, quantity=1,
                                address="")  # fmt: skip


def test_assignment_to_a_colleague_who_answers(supplier, sales, conversation):
    services.assign(supplier, conversation.pk, sales.user_id)
    conversation.refresh_from_db()
    assert conversation.assigned_to == sales.user
    warehouse = MembershipFactory(company=supplier.company, role="warehouse")
    with pytest.raises(DomainError) as exc:
        services.assign(supplier, conversation.pk, warehouse.user_id)
    assert exc.value.code == "cannot_reply"
    outsider = MembershipFactory()
    with pytest.raises(NotFound):
        services.assign(supplier, conversation.pk, outsider.user_id)
    conversation.refresh_from_db()
    assert conversation.assigned_to == sales.user


def test_buyer_cannot_assign(buyer, sales, conversation):
    with pytest.raises(PermissionDenied):
        services.assign(buyer, conversation.pk, sales.user_id)


def test_mark_read_is_per_company(buyer, supplier, conversation):
    assert selectors.inbox(supplier, filter="unread").count() == 1
    services.mark_read(supplier, conversation.pk)
    assert selectors.inbox(supplier, filter="unread").count() == 0
    assert selectors.inbox(supplier, filter="awaiting").count() == 1
    services.send_message(supplier, conversation.pk, "Thanks, checking.")
    assert selectors.inbox(supplier, filter="awaiting").count() == 0
    assert selectors.inbox(buyer, filter="unread").count() == 1


def test_quick_replies_are_the_suppliers(supplier, buyer):
    reply = services.create_quick_reply(supplier, "MOQ", "Our MOQ is 500 pcs per colour.")
    assert list(selectors.quick_replies(supplier)) == [reply]
    with pytest.raises(PermissionDenied):
        services.create_quick_reply(buyer, "x", "y")
    with pytest.raises(NotFound):
        services.delete_quick_reply(buyer, reply.pk)
    services.delete_quick_reply(supplier, reply.pk)
    assert not selectors.quick_replies(supplier).exists()


def test_attachment_rows_belong_to_the_message(buyer, product):
    message = inquiry(buyer, product, files=[upload(png_bytes(), "a.png")])
    assert Attachment.objects.get().message == message


def test_linked_conversations_are_separate_from_the_pairs(buyer, supplier, conversation):
    linked = services.open_linked_conversation(
        buyer, other=supplier.company, reference="rfq:7", subject="RFQ: 800 cardigans"
    )
    again = services.open_linked_conversation(supplier, other=buyer.company, reference="rfq:7")
    assert linked.pk == again.pk != conversation.pk
    assert (linked.buyer, linked.supplier) == (buyer.company, supplier.company)
    services.send_message(supplier, linked.pk, "Happy to quote.")
    assert selectors.inbox(buyer).count() == 2


def test_linked_conversation_respects_blocks(buyer, supplier, conversation):
    services.block_company(supplier, buyer.company_id)
    with pytest.raises(PermissionDenied):
        services.open_linked_conversation(buyer, other=supplier.company, reference="rfq:7")
    assert Conversation.objects.count() == 1
