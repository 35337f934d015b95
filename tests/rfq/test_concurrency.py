"""Races between real threads on PostgreSQL: one award, quotas never exceeded."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.factories import MembershipFactory
from tests.rfq.conftest import new_supplier, quote_input
from tradeloom.core.errors import DomainError
from tradeloom.orders.models import OrderDraft
from tradeloom.rfq.awards import award_quote
from tradeloom.rfq.models import Quote, Rfq
from tradeloom.rfq.services import create_rfq, submit_quote

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(calls):
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as exc:  # a domain refusal or an unexpected error, both kept
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def _codes(outcomes):
    unexpected = [
        o for o in outcomes if isinstance(o, Exception) and not isinstance(o, DomainError)
    ]
    assert unexpected == []
    return sorted(o.code for o in outcomes if isinstance(o, DomainError))


def test_twenty_simultaneous_awards_make_one(buyer, rfq_input):
    rfq = create_rfq(buyer, rfq_input(max_quotes=20))
    quotes = [submit_quote(new_supplier(), rfq.pk, quote_input()) for _ in range(5)]
    colleagues = [buyer] + [
        MembershipFactory(company=buyer.company, role="purchaser") for _ in range(3)
    ]
    calls = [(lambda m=colleagues[i % 4], q=quotes[i % 5]: award_quote(m, q.pk)) for i in range(20)]
    outcomes = race(calls)
    wins = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(wins) == 1
    assert set(_codes(outcomes)) <= {"rfq_awarded", "quote_not_live"}
    assert OrderDraft.objects.count() == 1
    rfq.refresh_from_db()
    assert rfq.status == "awarded"
    assert Quote.objects.filter(status="accepted").count() == 1
    assert Quote.objects.filter(status="declined").count() == 4


def test_quotes_at_rfq_limit_never_exceed_it(buyer, rfq_input):
    rfq = create_rfq(buyer, rfq_input(max_quotes=3))
    suppliers = [new_supplier() for _ in range(10)]
    outcomes = race([(lambda s=s: submit_quote(s, rfq.pk, quote_input())) for s in suppliers])
    wins = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(wins) == 3
    assert set(_codes(outcomes)) <= {"rfq_closed", "rfq_full"}
    rfq.refresh_from_db()
    assert (rfq.quote_count, rfq.status) == (3, "closed")
    assert Quote.objects.filter(rfq=rfq).count() == 3


def test_monthly_quota_under_concurrency(settings, buyer, rfq_input):
    settings.RFQ_MONTHLY_QUOTE_QUOTA = 3
    supplier = new_supplier()
    colleagues = [supplier] + [
        MembershipFactory(company=supplier.company, role="sales") for _ in range(7)
    ]
    rfqs = [create_rfq(buyer, rfq_input()) for _ in range(8)]
    outcomes = race(
        [
            (lambda m=m, r=r: submit_quote(m, r.pk, quote_input()))
            for m, r in zip(colleagues, rfqs, strict=True)
        ]
    )
    assert len([o for o in outcomes if not isinstance(o, Exception)]) == 3
    assert set(_codes(outcomes)) == {"quote_quota_exceeded"}
    assert Quote.objects.filter(supplier=supplier.company).count() == 3


def test_two_colleagues_quoting_the_same_rfq_make_one_quote(buyer, rfq_input):
    rfq = create_rfq(buyer, rfq_input())
    supplier = new_supplier()
    colleague = MembershipFactory(company=supplier.company, role="sales")
    outcomes = race(
        [
            lambda: submit_quote(supplier, rfq.pk, quote_input()),
            lambda: submit_quote(colleague, rfq.pk, quote_input()),
        ]
    )
    assert _codes(outcomes) == ["quote_exists"]
    assert Rfq.objects.get(pk=rfq.pk).quote_count == 1
