"""The transition tables, exhaustively: every (from, to, role) either moves and leaves a
record, or is refused and changes nothing."""

from __future__ import annotations

import itertools

import pytest

from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.core.errors import Conflict
from tradeloom.rfq.lifecycle import (
    QUOTE_TRANSITIONS,
    RFQ_TRANSITIONS,
    ROLES,
    can_transition_quote,
    can_transition_rfq,
    transition_quote,
    transition_rfq,
)
from tradeloom.rfq.models import Quote, QuoteTransition, Rfq, RfqTransition

RFQ_CASES = list(itertools.product(Rfq.Status.values, Rfq.Status.values, ROLES))
QUOTE_CASES = list(itertools.product(Quote.Status.values, Quote.Status.values, ROLES))

RFQ_EXPECTED = {
    ("draft", "open", "buyer"),
    ("draft", "cancelled", "buyer"),
    ("open", "closed", "buyer"),
    ("open", "closed", "system"),
    ("open", "cancelled", "buyer"),
    ("open", "expired", "system"),
    ("closed", "awarded", "buyer"),
    ("closed", "cancelled", "buyer"),
    ("closed", "expired", "system"),
}
QUOTE_EXPECTED = {
    ("submitted", "revised", "supplier"),
    ("submitted", "withdrawn", "supplier"),
    ("revised", "withdrawn", "supplier"),
    ("submitted", "accepted", "buyer"),
    ("revised", "accepted", "buyer"),
    ("submitted", "declined", "buyer"),
    ("revised", "declined", "buyer"),
    ("submitted", "declined", "system"),
    ("revised", "declined", "system"),
    ("submitted", "expired", "system"),
    ("revised", "expired", "system"),
}


def test_rfq_table_is_exactly_the_documented_one():
    allowed = {(f, t, r) for (f, t), roles in RFQ_TRANSITIONS.items() for r in roles}
    assert allowed == RFQ_EXPECTED


def test_quote_table_is_exactly_the_documented_one():
    allowed = {(f, t, r) for (f, t), roles in QUOTE_TRANSITIONS.items() for r in roles}
    assert allowed == QUOTE_EXPECTED


@pytest.mark.parametrize(("current", "target", "role"), RFQ_CASES)
def test_rfq_transition(rfq, buyer, current, target, role):
    Rfq.objects.filter(pk=rfq.pk).update(status=current)
    rfq.refresh_from_db()
    before = RfqTransition.objects.count()
    if (current, target, role) in RFQ_EXPECTED:
        assert can_transition_rfq(current, target, role)
        transition_rfq(rfq, target, role=role, actor=buyer.user, reason="test")
        rfq.refresh_from_db()
        assert rfq.status == target
        last = RfqTransition.objects.latest("id")
        assert (last.from_status, last.to_status, last.role) == (current, target, role)
    else:
        assert not can_transition_rfq(current, target, role)
        with pytest.raises(Conflict) as err:
            transition_rfq(rfq, target, role=role, actor=buyer.user)
        assert err.value.code == "invalid_transition"
        rfq.refresh_from_db()
        assert rfq.status == current
        assert RfqTransition.objects.count() == before


@pytest.fixture
def a_quote(rfq):
    supplier = MembershipFactory(company=CompanyFactory(kind="supplier"))
    return Quote.objects.create(
        rfq=rfq,
        supplier=supplier.company,
        currency="USD",
        lead_time_days=10,
        incoterm="FOB",
        valid_until="2099-01-01",
        unit_price_minor=700,
    )


@pytest.mark.parametrize(("current", "target", "role"), QUOTE_CASES)
def test_quote_transition(a_quote, current, target, role):
    Quote.objects.filter(pk=a_quote.pk).update(status=current)
    a_quote.refresh_from_db()
    before = QuoteTransition.objects.count()
    if (current, target, role) in QUOTE_EXPECTED:
        assert can_transition_quote(current, target, role)
        transition_quote(a_quote, target, role=role)
        a_quote.refresh_from_db()
        assert a_quote.status == target
        assert QuoteTransition.objects.count() == before + 1
    else:
        assert not can_transition_quote(current, target, role)
        with pytest.raises(Conflict):
            transition_quote(a_quote, target, role=role)
        a_quote.refresh_from_db()
        assert a_quote.status == current
        assert QuoteTransition.objects.count() == before
