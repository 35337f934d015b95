"""Demo RFQ: Komorebi Knit (Tokyo) asks for knitted beanies; both demo suppliers quote.

``seed_rfqs`` is idempotent: it adds the RFQ and its quotes only when they are missing.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tradeloom.accounts.models import Membership
from tradeloom.catalog.models import Category, Product
from tradeloom.rfq.models import Quote, Rfq
from tradeloom.rfq.services import (
    QuoteInput,
    QuoteTierInput,
    RfqInput,
    create_rfq,
    submit_quote,
)

BUYER_EMAIL = "aoi.sato@komorebi-knit.example"
PRODUCT_NAME = "Merino rib beanie with woven Komorebi label"
QUOTERS = (
    (
        "chen.jing@huamei-knit.example",
        QuoteInput(
            tiers=[QuoteTierInput(300, "21.50"), QuoteTierInput(1000, "19.80")],
            currency="CNY",
            moq=300,
            lead_time_days=28,
            sample_price="80",
            sample_days=7,
            incoterm="FOB",
            port="Shanghai",
            valid_until=None,
            notes="Woven label included. Navy, oat and charcoal from stock yarn.",
        ),
    ),
    (
        "zhou.min@yarnwell.example",
        QuoteInput(
            tiers=[QuoteTierInput(500, "2.95"), QuoteTierInput(2000, "2.70")],
            currency="USD",
            moq=500,
            lead_time_days=21,
            sample_price="15",
            sample_days=5,
            incoterm="FOB",
            port="Ningbo",
            valid_until=None,
            notes="Extra-fine merino, 2x2 rib. Label sewn at the cuff.",
        ),
    ),
)


def _owner(email: str) -> Membership | None:
    return (
        Membership.objects.select_related("company", "user")
        .filter(user__email__iexact=email)
        .order_by("joined_at")
        .first()
    )


def _category() -> Category:
    """The category of a live demo beanie if there is one, else any leaf under hats."""
    product = (
        Product.objects.filter(status=Product.Status.LIVE, translations__title__icontains="beanie")
        .select_related("category")
        .first()
    )
    if product is not None:
        return product.category
    return (
        Category.objects.filter(is_leaf=True, slug__icontains="beanie").first()
        or Category.objects.filter(is_leaf=True).order_by("path").first()
    )


def seed_rfqs() -> int:
    """Create the demo RFQ and its quotes if missing; returns how many rows were added."""
    buyer = _owner(BUYER_EMAIL)
    if buyer is None:
        return 0
    added = 0
    rfq = Rfq.objects.filter(buyer=buyer.company, product_name=PRODUCT_NAME).first()
    today = timezone.now().date()
    if rfq is None:
        rfq = create_rfq(
            buyer,
            RfqInput(
                product_name=PRODUCT_NAME,
                category_id=_category().pk,
                description="Unisex rib beanie in three colours, our woven label at the cuff. "
                "Retail packaging not needed.",
                quantity=600,
                currency="JPY",
                target_price="450",
                destination_country="JP",
                destination_port="Tokyo",
                incoterm="FOB",
                needed_by=today + timedelta(days=75),
                expires_on=today + timedelta(days=21),
            ),
        )
        added += 1
    for email, data in QUOTERS:
        supplier = _owner(email)
        if supplier is None or Quote.objects.filter(rfq=rfq, supplier=supplier.company).exists():
            continue
        if rfq.status != Rfq.Status.OPEN:
            break
        data.valid_until = today + timedelta(days=30)
        submit_quote(supplier, rfq.pk, data)
        added += 1
    return added
