"""Posting RFQs, quoting, revising, withdrawing, awarding: the rules and the bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CompanyFactory, MembershipFactory
from tests.rfq.conftest import new_supplier, quote_input
from tradeloom.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from tradeloom.core.models import OutboxEvent
from tradeloom.orders.models import OrderDraft
from tradeloom.rfq import selectors
from tradeloom.rfq.awards import award_quote, decline_quote
from tradeloom.rfq.models import Quote, QuoteTier, Rfq
from tradeloom.rfq.services import (
    QuoteTierInput,
    cancel_rfq,
    close_rfq,
    create_rfq,
    revise_quote,
    submit_quote,
    withdraw_quote,
)

pytestmark = pytest.mark.django_db


def test_post_rfq_opens_it_and_records_the_event(buyer, rfq_input):
    rfq = create_rfq(buyer, rfq_input())
    assert rfq.status == "open"
    assert rfq.target_price_minor == 700
    assert rfq.expires_at > timezone.now()
    assert OutboxEvent.objects.filter(name="rfq.posted", payload__rfq_id=rfq.pk).count() == 1


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"product_name": " "}, "required"),
        ({"category_id": 999_999}, "invalid_category"),
        ({"quantity": "0"}, "out_of_range"),
        ({"quantity": "lots"}, "invalid_number"),
        ({"currency": "XXX"}, "invalid_currency"),
        ({"target_price": "-1"}, "price_not_positive"),
        ({"target_price": "1.234"}, "too_many_decimals"),
        ({"destination_country": "ZZ"}, "invalid_country"),
        ({"incoterm": "FOO"}, "invalid_incoterm"),
        ({"expires_on": "2000-01-01"}, "invalid_expiry"),
        ({"expires_on": "not a date"}, "invalid_date"),
        ({"visibility": "invited"}, "no_invited_suppliers"),
        ({"invited_supplier_ids": [999_999]}, "not_found"),
        ({"max_quotes": 51}, "out_of_range"),
    ],
)
def test_bad_rfq_input_is_refused_and_nothing_written(buyer, rfq_input, overrides, code):
    with pytest.raises(DomainError) as err:
        create_rfq(buyer, rfq_input(**overrides))
    assert err.value.code == code
    assert Rfq.objects.count() == 0


def test_role_without_rfq_manage_cannot_post(rfq_input):
    finance = MembershipFactory(company=CompanyFactory(kind="buyer"), role="finance")
    with pytest.raises(PermissionDenied):
        create_rfq(finance, rfq_input())


def test_quote_prices_at_the_rfq_quantity(rfq, supplier):
    quote = submit_quote(supplier, rfq.pk, quote_input())
    # 800 pieces: the 500+ tier applies, not the 1,000+ one.
    assert quote.unit_price_minor == 720
    assert [t.min_quantity for t in quote.tiers.all()] == [500, 1000]
    rfq.refresh_from_db()
    assert rfq.quote_count == 1


def test_quote_snapshots_fx_to_buyer_currency(rates, rfq_input, supplier):
    jp = MembershipFactory(company=CompanyFactory(kind="buyer", default_currency="JPY"))
    rfq = create_rfq(jp, rfq_input())
    quote = submit_quote(supplier, rfq.pk, quote_input())
    assert quote.fx_snapshot["to"] == "JPY"
    assert quote.fx_snapshot["minor"] == 1080  # 7.20 USD × 150
    assert quote.fx_snapshot["rate"] == "150.0000000000"


def test_cannot_quote_own_rfq(supplier, rfq_input):
    rfq = create_rfq(supplier, rfq_input())
    with pytest.raises(DomainError) as err:
        submit_quote(supplier, rfq.pk, quote_input())
    assert err.value.code == "own_rfq"
    assert Quote.objects.count() == 0


def test_buyer_company_cannot_quote(rfq):
    other_buyer = MembershipFactory(company=CompanyFactory(kind="buyer"))
    with pytest.raises(DomainError) as err:
        submit_quote(other_buyer, rfq.pk, quote_input())
    assert err.value.code == "not_a_supplier"


def test_cannot_quote_closed_rfq(rfq, buyer, supplier):
    close_rfq(buyer, rfq.pk)
    with pytest.raises(Conflict) as err:
        submit_quote(supplier, rfq.pk, quote_input())
    assert err.value.code == "rfq_closed"
    assert Quote.objects.count() == 0


def test_cannot_quote_past_closing_date(rfq, supplier):
    Rfq.objects.filter(pk=rfq.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(Conflict) as err:
        submit_quote(supplier, rfq.pk, quote_input())
    assert err.value.code == "rfq_expired"


def test_cannot_quote_twice(rfq, supplier):
    submit_quote(supplier, rfq.pk, quote_input())
    with pytest.raises(Conflict) as err:
        submit_quote(supplier, rfq.pk, quote_input())
    assert err.value.code == "quote_exists"
    assert Quote.objects.count() == 1


def test_invited_only_rfq_hidden_from_others(buyer, rfq_input, supplier):
    invited = new_supplier()
    rfq = create_rfq(
        buyer, rfq_input(visibility="invited", invited_supplier_ids=[invited.company_id])
    )
    with pytest.raises(NotFound):
        submit_quote(supplier, rfq.pk, quote_input())
    assert list(selectors.board(supplier)) == []
    assert [r.pk for r in selectors.board(invited)] == [rfq.pk]
    submit_quote(invited, rfq.pk, quote_input())


def test_foreign_and_garbage_rfq_ids_are_not_found(supplier):
    for bad in (999_999, "abc", None):
        with pytest.raises(NotFound):
            submit_quote(supplier, bad, quote_input())


def test_nth_quote_closes_rfq_and_n_plus_1_is_refused(buyer, rfq_input):
    rfq = create_rfq(buyer, rfq_input(max_quotes=2))
    submit_quote(new_supplier(), rfq.pk, quote_input())
    submit_quote(new_supplier(), rfq.pk, quote_input())
    rfq.refresh_from_db()
    assert (rfq.status, rfq.quote_count) == ("closed", 2)
    with pytest.raises(Conflict):
        submit_quote(new_supplier(), rfq.pk, quote_input())
    assert Quote.objects.filter(rfq=rfq).count() == 2


def test_monthly_quota(settings, buyer, rfq_input, supplier):
    settings.RFQ_MONTHLY_QUOTE_QUOTA = 2
    rfqs = [create_rfq(buyer, rfq_input()) for _ in range(3)]
    submit_quote(supplier, rfqs[0].pk, quote_input())
    submit_quote(supplier, rfqs[1].pk, quote_input())
    with pytest.raises(DomainError) as err:
        submit_quote(supplier, rfqs[2].pk, quote_input())
    assert (err.value.code, err.value.status) == ("quote_quota_exceeded", 429)
    assert Quote.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"tiers": []}, "no_tiers"),
        ({"tiers": [QuoteTierInput(100, "0")]}, "price_not_positive"),
        ({"tiers": [QuoteTierInput(100, "1"), QuoteTierInput(100, "2")]}, "duplicate_tier"),
        ({"lead_time_days": "soon"}, "invalid_number"),
        ({"valid_until": "2000-01-01"}, "invalid_validity"),
        ({"incoterm": ""}, "invalid_incoterm"),
        ({"product_id": 999_999}, "not_found"),
    ],
)
def test_bad_quote_input_changes_nothing(rfq, supplier, overrides, code):
    with pytest.raises(DomainError) as err:
        submit_quote(supplier, rfq.pk, quote_input(**overrides))
    assert err.value.code == code
    rfq.refresh_from_db()
    assert (Quote.objects.count(), rfq.quote_count) == (0, 0)


def test_revise_once(rfq, supplier):
    quote = submit_quote(supplier, rfq.pk, quote_input())
    revised = revise_quote(supplier, quote.pk, quote_input(tiers=[QuoteTierInput(500, "6.50")]))
    assert (revised.status, revised.unit_price_minor, revised.revisions) == ("revised", 650, 1)
    assert list(
        QuoteTier.objects.filter(quote=quote).values_list("unit_price_minor", flat=True)
    ) == [650]
    with pytest.raises(Conflict) as err:
        revise_quote(supplier, quote.pk, quote_input(tiers=[QuoteTierInput(500, "6.00")]))
    assert err.value.code == "already_revised"
    quote.refresh_from_db()
    assert quote.unit_price_minor == 650


def test_competitor_cannot_revise_or_withdraw(quoted):
    _rfq, q1, _q2, other = quoted
    with pytest.raises(NotFound):
        revise_quote(other, q1.pk, quote_input())
    with pytest.raises(NotFound):
        withdraw_quote(other, q1.pk)
    q1.refresh_from_db()
    assert q1.status == "submitted"


def test_award_creates_one_draft_and_declines_others(quoted, buyer):
    rfq, q1, q2, _other = quoted
    quote, draft = award_quote(buyer, q1.pk)
    rfq.refresh_from_db()
    q2.refresh_from_db()
    assert (rfq.status, rfq.awarded_quote_id) == ("awarded", q1.pk)
    assert (quote.status, q2.status) == ("accepted", "declined")
    assert (draft.source_kind, draft.source_id, draft.supplier_id) == (
        "quote",
        q1.pk,
        q1.supplier_id,
    )
    line = draft.lines.get()
    assert (line.quantity, line.unit_price_minor, line.currency) == (800, 720, "USD")
    assert draft.snapshot["tiers"] == [
        {"min_quantity": 500, "unit_price_minor": 720},
        {"min_quantity": 1000, "unit_price_minor": 680},
    ]
    with pytest.raises(Conflict) as err:
        award_quote(buyer, q2.pk)
    assert err.value.code == "rfq_awarded"
    assert OrderDraft.objects.count() == 1


def test_award_withdrawn_quote_refused(quoted, buyer, supplier):
    rfq, q1, _q2, _other = quoted
    withdraw_quote(supplier, q1.pk)
    with pytest.raises(Conflict) as err:
        award_quote(buyer, q1.pk)
    assert err.value.code == "quote_withdrawn"
    rfq.refresh_from_db()
    assert rfq.status == "open"
    assert OrderDraft.objects.count() == 0


def test_award_expired_quote_refused(quoted, buyer):
    _rfq, q1, _q2, _other = quoted
    Quote.objects.filter(pk=q1.pk).update(valid_until=timezone.now().date() - timedelta(days=1))
    with pytest.raises(Conflict) as err:
        award_quote(buyer, q1.pk)
    assert err.value.code == "quote_expired"
    assert OrderDraft.objects.count() == 0


def test_only_the_buyer_awards(quoted, supplier):
    _rfq, q1, _q2, other = quoted
    stranger = MembershipFactory(company=CompanyFactory(kind="buyer"))
    for who in (supplier, other, stranger):
        with pytest.raises(NotFound):
            award_quote(who, q1.pk)
    assert OrderDraft.objects.count() == 0


def test_cancel_declines_live_quotes(quoted, buyer):
    rfq, q1, _q2, _other = quoted
    cancel_rfq(buyer, rfq.pk)
    assert set(Quote.objects.values_list("status", flat=True)) == {"declined"}
    with pytest.raises(Conflict):
        award_quote(buyer, q1.pk)


def test_decline_one_quote(quoted, buyer):
    _rfq, _q1, q2, _other = quoted
    assert decline_quote(buyer, q2.pk).status == "declined"
    with pytest.raises(Conflict):
        award_quote(buyer, q2.pk)


def test_buyer_sees_all_quotes_supplier_only_own(quoted, buyer, supplier):
    rfq, q1, q2, other = quoted
    assert {q.pk for q in selectors.quotes_on(buyer, rfq)} == {q1.pk, q2.pk}
    assert [q.pk for q in selectors.quotes_on(supplier, rfq)] == [q1.pk]
    assert [q.pk for q in selectors.quotes_on(other, rfq)] == [q2.pk]
    with pytest.raises(NotFound):
        selectors.quote_for_viewer(other, q1.pk)
    another_buyer = MembershipFactory(company=CompanyFactory(kind="buyer"))
    with pytest.raises(NotFound):
        selectors.quote_for_viewer(another_buyer, q1.pk)
    with pytest.raises(NotFound):
        selectors.rfq_for_buyer(another_buyer, rfq.pk)
    with pytest.raises(NotFound):
        selectors.comparison(supplier, rfq)


def test_comparison_in_buyer_currency(rates, rfq_input, supplier):
    jp = MembershipFactory(company=CompanyFactory(kind="buyer", default_currency="JPY"))
    rfq = create_rfq(jp, rfq_input())
    cheap = new_supplier()
    submit_quote(supplier, rfq.pk, quote_input())  # 7.20 USD
    submit_quote(
        cheap, rfq.pk, quote_input(currency="CNY", tiers=[QuoteTierInput(100, "36.00")])
    )  # 36 CNY = 5 USD = 750 JPY
    rows = selectors.comparison(jp, rfq)
    assert [str(r.converted) for r in rows] == ["750 JPY", "1080 JPY"]
    assert str(rows[0].total) == "600000 JPY"
