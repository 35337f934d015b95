"""Races between real threads on PostgreSQL: one conversation per pair, one order draft
per offer."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import MembershipFactory
from tests.inquiries.conftest import inquiry, make_product
from tradeloom.core.errors import DomainError
from tradeloom.inquiries import services
from tradeloom.inquiries.models import Conversation, Message

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as exc:  # DomainErrors are outcomes; anything else fails below
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_simultaneous_first_inquiries_share_one_conversation(buyer, supplier):
    product = make_product(supplier)
    colleagues = [buyer] + [
        MembershipFactory(company=buyer.company, role="purchaser") for _ in range(7)
    ]
    outcomes = race(
        *[lambda m=m: inquiry(m, product, message=f"Hi from {m.pk}") for m in colleagues]
    )
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Conversation.objects.count() == 1
    assert Message.objects.count() == len(colleagues)


def test_simultaneous_orders_of_one_offer_make_one_draft(buyer, supplier):
    from tradeloom.orders.models import OrderDraft

    product = make_product(supplier)
    conversation = inquiry(buyer, product).conversation
    offer = services.offer_price(
        supplier, conversation.pk, product_id=product.pk, quantity=800, unit_price="7.00",
        currency="USD", lead_time_days=30, valid_until=timezone.localdate() + timedelta(days=3),
    )  # fmt: skip
    purchasers = [buyer] + [
        MembershipFactory(company=buyer.company, role="purchaser") for _ in range(9)
    ]
    outcomes = race(*[lambda m=m: services.offer_to_order_draft(m, offer.pk) for m in purchasers])
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert all(isinstance(e, DomainError) and e.code == "offer_already_ordered" for e in errors)
    assert len(errors) == len(purchasers) - 1
    assert OrderDraft.objects.count() == 1
