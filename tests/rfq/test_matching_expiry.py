"""Matching suppliers are told; the expiry sweep closes, expires and cleans up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.rfq.conftest import new_supplier, quote_input
from tradeloom.catalog.models import Product, ProductTranslation
from tradeloom.core.events import deliver_due
from tradeloom.core.models import Notification
from tradeloom.rfq.expiry import expire_due
from tradeloom.rfq.matching import keywords
from tradeloom.rfq.models import Quote, Rfq, RfqMatch
from tradeloom.rfq.services import create_rfq, submit_quote

pytestmark = pytest.mark.django_db


def _live_product(membership, category, title="Lambswool scarf"):
    product = Product.objects.create(
        supplier=membership.company, category=category, status=Product.Status.LIVE
    )
    ProductTranslation.objects.create(product=product, language="en", title=title)
    return product


def test_keywords():
    assert keywords("Cashmere crew-neck sweater for the shop") == [
        "cashmere",
        "crew",
        "neck",
        "sweater",
        "shop",
    ]
    assert keywords("カシミヤ セーター") == ["カシミヤ", "セーター"]


def test_matching_by_category_and_keywords_notifies(buyer, rfq_input, category):
    from tradeloom.catalog.models import Category

    by_category, by_word, unrelated = new_supplier(), new_supplier(), new_supplier()
    elsewhere = (
        Category.objects.exclude(path__startswith=category.path).filter(is_leaf=True).first()
    )
    _live_product(by_category, category)
    _live_product(by_word, elsewhere, title="Cashmere scarf")
    _live_product(unrelated, elsewhere, title="Leather belt")
    rfq = create_rfq(buyer, rfq_input())
    deliver_due()
    matches = dict(RfqMatch.objects.filter(rfq=rfq).values_list("supplier_id", "reason"))
    assert matches == {by_category.company_id: "category", by_word.company_id: "keywords"}
    assert Notification.objects.filter(user=by_category.user, kind="rfq.matched").count() == 1
    assert not Notification.objects.filter(user=unrelated.user).exists()
    deliver_due()  # idempotent
    assert Notification.objects.filter(kind="rfq.matched").count() == 2


def test_buyer_told_about_quote(buyer, rfq, supplier):
    submit_quote(supplier, rfq.pk, quote_input())
    deliver_due()
    assert Notification.objects.filter(user=buyer.user, kind="quote.received").count() == 1


@pytest.fixture
def outbox(settings):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


def test_matching_suppliers_and_the_buyer_are_emailed(buyer, rfq_input, category, outbox):
    from tradeloom.inquiries.models import NotificationPreference

    matched, quiet = new_supplier(), new_supplier()
    _live_product(matched, category)
    _live_product(quiet, category)
    NotificationPreference.objects.create(user=quiet.user, email="none")
    rfq = create_rfq(buyer, rfq_input())
    deliver_due()

    assert [m.to for m in outbox] == [[matched.user.email]]
    assert "Cashmere crew-neck sweater" in outbox[0].subject
    assert f"/rfqs/board/{rfq.pk}/" in outbox[0].body

    outbox.clear()
    submit_quote(matched, rfq.pk, quote_input())
    deliver_due()

    assert [m.to for m in outbox] == [[buyer.user.email]]
    assert f"/rfqs/{rfq.pk}/" in outbox[0].body


def test_expiry_closes_with_quotes_and_expires_without(buyer, rfq_input, supplier):
    with_quotes = create_rfq(buyer, rfq_input())
    without = create_rfq(buyer, rfq_input())
    submit_quote(supplier, with_quotes.pk, quote_input())
    past = timezone.now() - timedelta(minutes=1)
    Rfq.objects.update(expires_at=past)
    assert expire_due() == 2
    assert Rfq.objects.get(pk=with_quotes.pk).status == "closed"
    assert Rfq.objects.get(pk=without.pk).status == "expired"
    assert expire_due() == 0


def test_expiry_after_award_window(buyer, rfq, supplier, settings):
    submit_quote(supplier, rfq.pk, quote_input())
    Rfq.objects.update(expires_at=timezone.now() - timedelta(days=31))
    expire_due()  # open -> closed
    expire_due()  # closed past the window -> expired, quotes with it
    assert Rfq.objects.get().status == "expired"
    assert Quote.objects.get().status == "expired"


def test_quote_past_validity_expires(rfq, supplier):
    quote = submit_quote(supplier, rfq.pk, quote_input())
    Quote.objects.update(valid_until=timezone.now().date() - timedelta(days=1))
    expire_due()
    quote.refresh_from_db()
    assert quote.status == "expired"
    assert quote.transitions.get().role == "system"
