"""Demo conversations: a Japanese shop negotiating with the Shanghai factory, and a German
buyer still waiting for an answer from the accessories workshop."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tradeloom.accounts.models import Membership
from tradeloom.catalog.models import Product
from tradeloom.inquiries.models import Conversation
from tradeloom.inquiries.services import InquiryInput, offer_price, send_message, start_inquiry


def _member(email: str) -> Membership | None:
    return (
        Membership.objects.select_related("company", "user")
        .filter(user__email__iexact=email)
        .order_by("joined_at")
        .first()
    )


def _live_product(supplier_id: int, word: str) -> Product | None:
    return (
        Product.objects.filter(
            supplier_id=supplier_id,
            status=Product.Status.LIVE,
            translations__title__icontains=word,
        )
        .order_by("pk")
        .first()
    )


def seed_conversations() -> int:
    """Create the demo conversations that are missing; returns how many were started."""
    started = 0
    aoi = _member("aoi.sato@komorebi-knit.example")
    wendy = _member("wendy.li@huamei-knit.example")
    if aoi and wendy and not _talking(aoi, wendy):
        sweater = _live_product(wendy.company_id, "cashmere") or _live_product(
            wendy.company_id, "sweater"
        )
        if sweater is not None:
            inquiry = start_inquiry(
                aoi,
                InquiryInput(
                    product_ids=[sweater.pk],
                    quantity=max(sweater.moq, 300),
                    target_price="1100",
                    currency="JPY",
                    destination_country="JP",
                    customization="織りネーム（Komorebi）を首元に",
                    message="こんにちは。ネイビーとオートミールで各150枚、"
                    "当店の織りネーム付きで検討しています。サンプルは可能でしょうか？",
                ),
            )
            send_message(
                wendy,
                inquiry.conversation_id,
                "Thank you, Aoi-san. Both colours are in stock yarn and we can sew your woven "
                "label. A sample takes 7 days; our offer for the order is below.",
            )
            offer_price(
                wendy,
                inquiry.conversation_id,
                product_id=sweater.pk,
                quantity=max(sweater.moq, 300),
                unit_price="7.40",
                currency=sweater.currency,
                lead_time_days=30,
                valid_until=timezone.localdate() + timedelta(days=14),
                note="Woven label included; FOB Shanghai.",
            )
            started += 1
    katrin = _member("katrin.vogel@strickwerk.example")
    zhou = _member("zhou.min@yarnwell.example")
    if katrin and zhou and not _talking(katrin, zhou):
        beanie = _live_product(zhou.company_id, "beanie") or _live_product(zhou.company_id, "scarf")
        if beanie is not None:
            start_inquiry(
                katrin,
                InquiryInput(
                    product_ids=[beanie.pk],
                    quantity=max(beanie.moq, 500),
                    destination_country="DE",
                    message="Hello, could you do these in recycled wool with a hang tag? "
                    "We would need them in Hamburg by September.",
                ),
            )
            started += 1
    return started


def _talking(buyer: Membership, supplier: Membership) -> bool:
    return Conversation.objects.filter(
        buyer_id=buyer.company_id, supplier_id=supplier.company_id
    ).exists()
