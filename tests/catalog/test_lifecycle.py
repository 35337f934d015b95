"""The listing lifecycle: the transition table decides every move; each move leaves a
StatusChange row and an outbox event; the services use it for the supplier and the
operator."""

from __future__ import annotations

import itertools

import pytest

from tests.factories import UserFactory
from tradeloom.catalog import services
from tradeloom.catalog.lifecycle import TRANSITIONS, can_transition, transition
from tradeloom.catalog.models import Product, StatusChange
from tradeloom.catalog.services import save_product
from tradeloom.core.errors import Conflict, DomainError, PermissionDenied
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db

STATUSES = list(Product.Status.values)
PARTIES = ["supplier", "operator", "system"]
ALL_MOVES = [(a, b, party) for a, b in itertools.permutations(STATUSES, 2) for party in PARTIES]
ALLOWED = [m for m in ALL_MOVES if m[2] in TRANSITIONS.get((m[0], m[1]), ())]
REFUSED = [m for m in ALL_MOVES if m not in ALLOWED]


@pytest.fixture
def operator(db):
    return UserFactory(is_operator=True)


@pytest.fixture
def product(supplier, sweater_input):
    return save_product(supplier, sweater_input())


def put(product: Product, status: str) -> Product:
    Product.objects.filter(pk=product.pk).update(status=status)
    product.status = status
    return product


def test_the_table_is_the_documented_lifecycle():
    assert {(a, b): sorted(p) for (a, b), p in TRANSITIONS.items()} == {
        ("draft", "pending"): ["supplier"],
        ("pending", "live"): ["operator"],
        ("pending", "rejected"): ["operator"],
        ("pending", "draft"): ["supplier"],
        ("rejected", "pending"): ["supplier"],
        ("rejected", "draft"): ["supplier"],
        ("live", "hidden"): ["operator", "supplier"],
        ("live", "pending"): ["supplier", "system"],
        ("hidden", "live"): ["supplier"],
        ("hidden", "pending"): ["supplier", "system"],
        ("live", "rejected"): ["operator"],
    }


@pytest.mark.parametrize(("current", "target", "party"), ALLOWED)
def test_an_allowed_move_changes_the_status_and_records_who_and_why(
    product, supplier, current, target, party
):
    put(product, current)

    moved = transition(product, target, party=party, actor=supplier.user, reason="because")

    change = StatusChange.objects.get(product=product)
    event = OutboxEvent.objects.filter(name="product.status_changed").get()
    assert (moved.status, Product.objects.get(pk=product.pk).status) == (target, target)
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        current,
        target,
        supplier.user,
        "because",
    )
    assert event.payload == {"product_id": product.pk, "from": current, "to": target}
    assert (event.company_id, event.actor_id) == (supplier.company_id, supplier.user_id)


@pytest.mark.parametrize(("current", "target", "party"), REFUSED)
def test_a_refused_move_changes_nothing(product, supplier, current, target, party):
    put(product, current)

    with pytest.raises(Conflict) as refused:
        transition(product, target, party=party, actor=supplier.user)

    assert (refused.value.code, refused.value.status) == ("invalid_transition", 409)
    assert refused.value.details == {"from": current, "to": target}
    assert Product.objects.get(pk=product.pk).status == current
    assert not StatusChange.objects.exists()
    assert not OutboxEvent.objects.filter(name="product.status_changed").exists()


def test_there_are_moves_on_both_sides_of_the_table():
    assert len(ALLOWED) == 14
    assert len(REFUSED) == 5 * 4 * 3 - 14
    assert not can_transition("draft", "live", "operator")


def test_the_status_is_read_again_under_lock(product, supplier):
    stale = Product.objects.get(pk=product.pk)  # still "draft" in memory
    put(product, "pending")

    with pytest.raises(Conflict):
        transition(stale, "pending", party="supplier", actor=supplier.user)


def test_going_live_stamps_the_time_and_clears_an_old_reason(product, operator):
    Product.objects.filter(pk=product.pk).update(status="pending", rejection_reason="Blurry")

    moved = transition(product, "live", party="operator", actor=operator)

    stored = Product.objects.get(pk=product.pk)
    assert stored.live_at is not None and stored.live_at == moved.live_at
    assert stored.rejection_reason == ""


def test_an_anonymous_actor_is_recorded_as_nobody(product):
    from django.contrib.auth.models import AnonymousUser

    put(product, "live")

    transition(product, "pending", party="system", actor=AnonymousUser())

    assert StatusChange.objects.get().actor is None


# --- through the services ---------------------------------------------------------------------


def test_submit_approve_hide_unhide(product, supplier, operator):
    services.submit_for_review(supplier, product.pk)
    services.moderate(operator, product.pk, "approve")
    services.hide(supplier, product.pk)
    services.unhide(supplier, product.pk)

    assert list(StatusChange.objects.values_list("from_status", "to_status", "actor")) == [
        ("draft", "pending", supplier.user_id),
        ("pending", "live", operator.pk),
        ("live", "hidden", supplier.user_id),
        ("hidden", "live", supplier.user_id),
    ]


def test_a_rejection_carries_its_reason_to_the_supplier(product, supplier, operator):
    services.submit_for_review(supplier, product.pk)

    rejected = services.moderate(operator, product.pk, "reject", "  Photos show another item. ")

    assert rejected.status == "rejected"
    assert Product.objects.get(pk=product.pk).rejection_reason == "Photos show another item."
    assert StatusChange.objects.last().reason == "Photos show another item."


def test_a_rejection_needs_a_reason(product, supplier, operator):
    services.submit_for_review(supplier, product.pk)

    with pytest.raises(DomainError) as refused:
        services.moderate(operator, product.pk, "reject", "   ")

    assert (refused.value.code, refused.value.details["field"]) == ("reason_required", "reason")
    assert Product.objects.get(pk=product.pk).status == "pending"


def test_an_unknown_decision_is_refused(product, supplier, operator):
    services.submit_for_review(supplier, product.pk)

    with pytest.raises(DomainError) as refused:
        services.moderate(operator, product.pk, "maybe")

    assert refused.value.code == "invalid_decision"


def test_only_operators_moderate(product, supplier):
    services.submit_for_review(supplier, product.pk)

    with pytest.raises(PermissionDenied):
        services.moderate(supplier.user, product.pk, "approve")

    assert Product.objects.get(pk=product.pk).status == "pending"


def test_a_draft_cannot_be_approved(product, operator):
    with pytest.raises(Conflict) as refused:
        services.moderate(operator, product.pk, "approve")

    assert refused.value.code == "invalid_transition"


def test_a_rejected_listing_can_be_resubmitted(product, supplier, operator):
    services.submit_for_review(supplier, product.pk)
    services.moderate(operator, product.pk, "reject", "Missing size chart.")

    services.submit_for_review(supplier, product.pk)

    assert Product.objects.get(pk=product.pk).status == "pending"


def test_a_supplier_cannot_unhide_a_listing_the_operator_took_down(product, supplier, operator):
    services.submit_for_review(supplier, product.pk)
    services.moderate(operator, product.pk, "approve")
    transition(product, "rejected", party="operator", actor=operator, reason="Counterfeit")

    with pytest.raises(Conflict):
        services.unhide(supplier, product.pk)


def test_withdrawing_from_review_returns_to_draft(product, supplier):
    services.submit_for_review(supplier, product.pk)

    services.withdraw(supplier, product.pk)

    assert Product.objects.get(pk=product.pk).status == "draft"


def test_a_price_on_request_listing_needs_no_tiers_to_submit(supplier, sweater_input):
    product = save_product(supplier, sweater_input(price_mode="on_request", tiers=[], variants=[]))

    assert services.submit_for_review(supplier, product.pk).status == "pending"


def test_a_tier_priced_listing_without_tiers_cannot_be_submitted(product, supplier):
    product.tiers.all().delete()

    with pytest.raises(DomainError) as refused:
        services.submit_for_review(supplier, product.pk)

    assert refused.value.code == "tiers_required"
