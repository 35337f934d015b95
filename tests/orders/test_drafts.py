"""Order drafts: created only by ``create_order_draft``, read only by the two parties."""

from __future__ import annotations

import pytest

from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.accounts.models import AuditEntry
from tradeloom.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from tradeloom.core.models import OutboxEvent
from tradeloom.orders import selectors
from tradeloom.orders.models import OrderDraft, OrderDraftLine
from tradeloom.orders.services import DraftLine, cancel_order_draft, create_order_draft

pytestmark = pytest.mark.django_db


def _line(**overrides) -> DraftLine:
    data = {
        "description": "Cashmere crew-neck sweater, navy",
        "quantity": 800,
        "unit_price_minor": 680,
        "currency": "USD",
        "lead_time_days": 30,
    }
    data.update(overrides)
    return DraftLine(**data)


def _draft(buyer, supplier, source=("quote", 1), lines=None) -> OrderDraft:
    return create_order_draft(
        buyer,
        supplier=supplier.company,
        lines=[_line()] if lines is None else lines,
        source=source,
        currency="USD",
    )


def test_creates_draft_with_lines_event_and_audit(buyer, supplier):
    draft = _draft(buyer, supplier, lines=[_line(), _line(quantity=200, unit_price_minor=720)])

    assert (draft.buyer_id, draft.supplier_id) == (buyer.company_id, supplier.company_id)
    assert (draft.source_kind, draft.source_id, draft.status) == ("quote", 1, "draft")
    assert draft.created_by == buyer.user
    assert [(li.quantity, li.unit_price_minor) for li in draft.lines.all()] == [
        (800, 680),
        (200, 720),
    ]
    assert str(draft.total) == "6880.00 USD"
    assert OutboxEvent.objects.filter(name="order_draft.created").count() == 1
    assert AuditEntry.objects.filter(action="order_draft.created").count() == 1


def test_second_draft_from_same_source_conflicts_and_adds_nothing(buyer, supplier):
    _draft(buyer, supplier, source=("offer", 7))
    with pytest.raises(Conflict) as err:
        _draft(buyer, supplier, source=("offer", 7))
    assert err.value.code == "draft_exists"
    assert OrderDraft.objects.count() == 1
    assert OrderDraftLine.objects.count() == 1


def test_manual_drafts_may_repeat(buyer, supplier):
    _draft(buyer, supplier, source=("manual", None))
    _draft(buyer, supplier, source=("manual", None))
    assert OrderDraft.objects.count() == 2


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([], "draft_no_lines"),
        ([_line(currency="EUR")], "currency_mismatch"),
        ([_line(quantity=0)], "invalid_quantity"),
        ([_line(unit_price_minor=-1)], "invalid_amount"),
        ([_line(description="  ")], "required"),
        ([_line(product_id=999_999)], "not_found"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_written(buyer, supplier, lines, code):
    with pytest.raises(DomainError) as err:
        _draft(buyer, supplier, lines=lines)
    assert err.value.code == code
    assert OrderDraft.objects.count() == 0


def test_unknown_source_kind_and_currency_refused(buyer, supplier):
    with pytest.raises(DomainError) as err:
        _draft(buyer, supplier, source=("gift", 1))
    assert err.value.code == "invalid_source"
    with pytest.raises(DomainError) as err:
        create_order_draft(
            buyer, supplier=supplier.company, lines=[_line()], source=("quote", 2), currency="XXX"
        )
    assert err.value.code == "invalid_currency"


def test_supplier_must_be_a_supplier_company(buyer):
    other_buyer = MembershipFactory(company=CompanyFactory(kind="buyer"))
    with pytest.raises(DomainError) as err:
        _draft(buyer, other_buyer)
    assert err.value.code == "not_a_supplier"


def test_role_without_orders_manage_is_refused(supplier):
    catalog_member = MembershipFactory(company=CompanyFactory(kind="buyer"), role="catalog")
    with pytest.raises(PermissionDenied):
        _draft(catalog_member, supplier)
    assert OrderDraft.objects.count() == 0


def test_drafts_are_seen_by_buyer_and_supplier_only(buyer, supplier):
    draft = _draft(buyer, supplier)
    stranger = MembershipFactory(company=CompanyFactory(kind="buyer"))

    assert list(selectors.drafts_of(buyer)) == [draft]
    assert list(selectors.drafts_of(supplier)) == [draft]
    assert list(selectors.drafts_of(stranger)) == []
    with pytest.raises(NotFound):
        selectors.draft_of(stranger, draft.pk)
    with pytest.raises(NotFound):
        selectors.draft_of(buyer, "not-a-number")


def test_buyer_cancels_once_supplier_cannot(buyer, supplier):
    draft = _draft(buyer, supplier)
    with pytest.raises(NotFound):
        cancel_order_draft(supplier, draft.pk)
    assert cancel_order_draft(buyer, draft.pk).status == "cancelled"
    with pytest.raises(Conflict):
        cancel_order_draft(buyer, draft.pk)


def test_drafts_page_lists_for_both_parties(client, buyer, supplier):
    draft = _draft(buyer, supplier)
    for member in (buyer, supplier):
        client.force_login(member.user)
        page = client.get("/orders/drafts/")
        assert page.status_code == 200
        assert f'href="/orders/drafts/{draft.pk}/"' in page.content.decode()
        assert client.get(f"/orders/drafts/{draft.pk}/").status_code == 200


def test_stranger_gets_404_for_a_draft_page(client, buyer, supplier):
    draft = _draft(buyer, supplier)
    stranger = MembershipFactory(company=CompanyFactory(kind="buyer"))
    client.force_login(stranger.user)
    assert client.get(f"/orders/drafts/{draft.pk}/").status_code == 404
    assert f"/orders/drafts/{draft.pk}/" not in client.get("/orders/drafts/").content.decode()


def test_cancel_through_the_page(client, buyer, supplier):
    draft = _draft(buyer, supplier)
    client.force_login(buyer.user)
    response = client.post(f"/orders/drafts/{draft.pk}/cancel/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "cancelled"
