from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog.models import Category
from tradeloom.catalog.taxonomy import load_taxonomy
from tradeloom.core.models import FxRate
from tradeloom.rfq.services import QuoteInput, QuoteTierInput, RfqInput, create_rfq, submit_quote


@pytest.fixture
def category(db):
    if not Category.objects.filter(slug="cashmere-sweaters-fine-gauge").exists():
        load_taxonomy()
    return Category.objects.get(slug="cashmere-sweaters-fine-gauge")


@pytest.fixture
def rfq_input(category):
    def make(**overrides) -> RfqInput:
        data = RfqInput(
            product_name="Cashmere crew-neck sweater",
            category_id=category.pk,
            quantity=800,
            currency="USD",
            destination_country="JP",
            incoterm="FOB",
            expires_on=timezone.now().date() + timedelta(days=14),
            target_price="7.00",
            destination_port="Tokyo",
        )
        for key, value in overrides.items():
            setattr(data, key, value)
        return data

    return make


def quote_input(**overrides) -> QuoteInput:
    data = QuoteInput(
        tiers=[QuoteTierInput(500, "7.20"), QuoteTierInput(1000, "6.80")],
        currency="USD",
        lead_time_days=30,
        incoterm="FOB",
        valid_until=timezone.now().date() + timedelta(days=30),
        moq=500,
        sample_price="25",
        sample_days=7,
        port="Shanghai",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def new_supplier(**fields):
    return MembershipFactory(company=CompanyFactory(kind="supplier", **fields), role="owner")


@pytest.fixture
def rfq(buyer, rfq_input):
    return create_rfq(buyer, rfq_input())


@pytest.fixture
def quoted(rfq, supplier):
    """The RFQ with one quote from ``supplier`` and one from a second supplier."""
    other = new_supplier()
    q1 = submit_quote(supplier, rfq.pk, quote_input())
    q2 = submit_quote(other, rfq.pk, quote_input(tiers=[QuoteTierInput(100, "6.90")]))
    return rfq, q1, q2, other


@pytest.fixture
def rates(db):
    now = timezone.now() - timedelta(hours=1)
    FxRate.objects.create(base_id="USD", quote_id="JPY", rate="150", as_of=now, source="test")
    FxRate.objects.create(base_id="USD", quote_id="CNY", rate="7.2", as_of=now, source="test")
