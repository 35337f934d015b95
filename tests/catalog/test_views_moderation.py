"""The operator's moderation queue in the console."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.helpers import signed_in
from tradeloom.accounts.models import AuditEntry
from tradeloom.catalog.models import StatusChange
from tradeloom.catalog.services import save_product, submit_for_review

pytestmark = pytest.mark.django_db

QUEUE = reverse("console:moderation")


@pytest.fixture
def operator(client):
    user = UserFactory(is_operator=True)
    signed_in(client, user)
    return user


@pytest.fixture
def pending(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    submit_for_review(supplier, product.pk)
    return product


def decide(client, product, decision, reason=""):
    return client.post(
        reverse("console:moderation_decide", args=[product.pk]),
        {"decision": decision, f"p{product.pk}-reason": reason},
    )


def test_the_queue_lists_pending_products_with_their_facts(
    client, operator, pending, supplier, sweater_input
):
    save_product(supplier, sweater_input(variants=[]))  # a draft: not in the queue
    response = client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200
    assert [row["product"].pk for row in response.context["rows"]] == [pending.pk]
    assert "Shanghai Knit" in html
    assert "Cashmere crew-neck sweater" in html
    assert "US$7.20" in html
    assert "Apparel › " in response.context["rows"][0]["category"]


def test_the_console_links_to_the_queue(client, operator):
    html = client.get(reverse("console:companies")).content.decode()
    assert f'href="{QUEUE}"' in html


def test_company_members_are_refused(client, supplier, pending):
    signed_in(client, supplier.user)
    assert client.get(QUEUE).status_code == 403
    assert decide(client, pending, "approve").status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_anonymous_visitors_are_sent_to_sign_in(client, pending):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={QUEUE}"


def test_approving_makes_the_listing_live(client, operator, pending):
    response = decide(client, pending, "approve")
    pending.refresh_from_db()
    assert response.status_code == 302
    assert pending.status == "live"
    assert StatusChange.objects.filter(product=pending).last().actor == operator
    assert AuditEntry.objects.filter(action="product.approved").count() == 1
    assert client.get(reverse("catalog:product", args=[pending.pk])).status_code == 200


def test_rejecting_records_the_reason(client, operator, pending):
    response = decide(client, pending, "reject", "The photos show another product.")
    pending.refresh_from_db()
    assert response.status_code == 302
    assert (pending.status, pending.rejection_reason) == (
        "rejected",
        "The photos show another product.",
    )


def test_rejecting_without_a_reason_is_refused(client, operator, pending):
    response = decide(client, pending, "reject", "")
    pending.refresh_from_db()
    assert response.status_code == 400
    assert pending.status == "pending"
    form = next(row["form"] for row in response.context["rows"] if row["product"] == pending)
    assert form.errors == {"reason": ["This field is required."]}


def test_a_listing_already_approved_cannot_be_approved_again(client, operator, pending):
    decide(client, pending, "approve")
    response = decide(client, pending, "approve")
    assert response.status_code == 409
    assert "A listing cannot go from “Live” to “Live”." in response.content.decode()
    assert StatusChange.objects.filter(product=pending, to_status="live").count() == 1


def test_a_live_listing_can_be_taken_down_with_a_reason(client, operator, pending):
    decide(client, pending, "approve")
    decide(client, pending, "reject", "Reported as counterfeit.")
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "Reported as counterfeit.")


def test_an_unknown_product_is_not_found(client, operator):
    response = client.post(
        reverse("console:moderation_decide", args=[999999]), {"decision": "approve"}
    )
    assert response.status_code == 404
