"""The demo RFQ: one open RFQ from the Japanese buyer with two quotes, added once."""

from __future__ import annotations

import pytest

from tradeloom.core.demo import seed
from tradeloom.rfq.demo import PRODUCT_NAME, seed_rfqs
from tradeloom.rfq.models import Quote, Rfq
from tradeloom.rfq.selectors import comparison

pytestmark = pytest.mark.django_db


def test_seed_rfqs_adds_one_rfq_with_two_quotes_once():
    seed()
    seed_rfqs()  # core.demo has already called it; calling again adds nothing
    assert seed_rfqs() == 0
    rfq = Rfq.objects.get(product_name=PRODUCT_NAME)
    assert (rfq.status, rfq.buyer.default_currency) == ("open", "JPY")
    assert Quote.objects.filter(rfq=rfq).count() == 2
    from tradeloom.accounts.models import Membership

    aoi = Membership.objects.get(user__email="aoi.sato@komorebi-knit.example")
    rows = comparison(aoi, rfq)
    assert all(r.converted is not None and r.converted.currency == "JPY" for r in rows)
