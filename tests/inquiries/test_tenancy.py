"""A third company never reads or writes a conversation it is not a party to."""

from __future__ import annotations

import pytest

from tests.inquiries.conftest import inquiry, png_bytes, upload
from tradeloom.core.errors import NotFound
from tradeloom.inquiries import selectors, services
from tradeloom.inquiries.models import Message


@pytest.fixture
def with_file(buyer, product):
    return inquiry(buyer, product, files=[upload(png_bytes(), "label.png")])


def test_third_company_sees_nothing(third, other_buyer, with_file):
    conversation = with_file.conversation
    attachment = with_file.attachments.get()
    for outsider in (third, other_buyer):
        assert not selectors.inbox(outsider).exists()
        with pytest.raises(NotFound):
            selectors.conversation(outsider, conversation.pk)
        with pytest.raises(NotFound):
            selectors.attachment(outsider, attachment.pk)


def test_third_company_writes_nothing(third, other_buyer, supplier, with_file, product):
    conversation = with_file.conversation
    before = Message.objects.count()
    for outsider in (third, other_buyer):
        for call in (
            lambda m: services.send_message(m, conversation.pk, "hi"),
            lambda m: services.mark_read(m, conversation.pk),
            lambda m: services.assign(m, conversation.pk, None),
            lambda m: services.request_sample(
                m, conversation.pk, product_id=product.pk, quantity=1, address="x"
            ),
            lambda m: services.offer_to_order_draft(m, with_file.pk),
        ):
            with pytest.raises(NotFound):
                call(outsider)
    assert Message.objects.count() == before
    conversation.refresh_from_db()
    assert conversation.supplier_read_at is None


def test_both_parties_read_it(buyer, supplier, with_file):
    for member in (buyer, supplier):
        assert list(selectors.inbox(member)) == [with_file.conversation]
        assert selectors.attachment(member, with_file.attachments.get().pk)


def test_inbox_search_and_filters(buyer, supplier, sales, product, other_buyer):
    first = inquiry(buyer, product, message="Cable knit in oatmeal?").conversation
    second = inquiry(other_buyer, product, message="Do you ship to Hamburg?").conversation
    services.assign(supplier, second.pk, sales.user_id)
    assert list(selectors.inbox(supplier, q="hamburg")) == [second]
    assert list(selectors.inbox(supplier, q="Bluebird")) == [second]
    assert list(selectors.inbox(supplier, assignee_id=sales.user_id)) == [second]
    assert list(selectors.inbox(supplier, assignee_id="none")) == [first]
    assert set(selectors.inbox(supplier, product_id=product.pk)) == {first, second}
    assert list(selectors.inbox(supplier, product_id="nonsense")) == []
    # A buyer's search never matches its own name.
    assert list(selectors.inbox(buyer, q="Brooklyn")) == []
