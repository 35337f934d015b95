"""The RFQ pages: buyer form, list, comparison and award; supplier board, quote, revise,
withdraw; attachments downloaded only by those who may see them."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.factories import CompanyFactory, MembershipFactory
from tests.rfq.conftest import new_supplier, quote_input
from tradeloom.core.events import deliver_due
from tradeloom.core.models import Notification
from tradeloom.orders.models import OrderDraft
from tradeloom.rfq.models import Attachment, Quote, Rfq
from tradeloom.rfq.services import submit_quote

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


def _form(category, **overrides):
    data = {
        "product_name": "Merino beanie",
        "category_id": str(category.pk),
        "quantity": "1200",
        "unit": "piece",
        "target_price": "3.50",
        "currency": "USD",
        "destination_country": "JP",
        "destination_port": "Yokohama",
        "incoterm": "FOB",
        "expires_on": (timezone.now().date() + timedelta(days=10)).isoformat(),
        "visibility": "open",
        "max_quotes": "10",
    }
    data.update(overrides)
    return data


def test_buyer_posts_rfq_with_attachment(client, buyer, category):
    client.force_login(buyer.user)
    assert client.get("/rfqs/new/").status_code == 200
    upload = SimpleUploadedFile("spec sheet.png", png(), content_type="image/png")
    response = client.post("/rfqs/new/", {**_form(category), "attachments": [upload]})
    rfq = Rfq.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rfqs/{rfq.pk}/"
    assert rfq.status == "open"
    assert Attachment.objects.get().content_type == "image/png"
    page = client.get(f"/rfqs/{rfq.pk}/").content.decode()
    assert "Merino beanie" in page
    assert "/rfqs/" in client.get("/rfqs/").content.decode()


def test_bad_rfq_form_shows_error_and_writes_nothing(client, buyer, category):
    client.force_login(buyer.user)
    response = client.post("/rfqs/new/", _form(category, target_price="1.234"))
    assert response.status_code == 200
    assert "at most 2 decimals" in response.content.decode()
    assert Rfq.objects.count() == 0


def test_disguised_attachment_refused(client, buyer, category):
    client.force_login(buyer.user)
    fake = SimpleUploadedFile("photo.png", b"<html><script>x</script>", content_type="image/png")
    response = client.post("/rfqs/new/", {**_form(category), "attachments": [fake]})
    assert response.status_code == 200
    assert "PDF or XLSX files only" in response.content.decode()
    assert Rfq.objects.count() == 0


def test_oversized_attachment_refused(client, buyer, category, settings):
    settings.RFQ_ATTACHMENT_MAX_BYTES = 100
    client.force_login(buyer.user)
    big = SimpleUploadedFile("big.png", png() + b"0" * 200, content_type="image/png")
    response = client.post("/rfqs/new/", {**_form(category), "attachments": [big]})
    assert response.status_code == 200
    assert Rfq.objects.count() == 0


def test_attachment_download_is_nosniff_and_scoped(client, buyer, rfq, category):
    client.force_login(buyer.user)
    client.post(
        "/rfqs/new/",
        {**_form(category), "attachments": [SimpleUploadedFile("a.png", png())]},
    )
    attachment = Attachment.objects.get()
    response = client.get(f"/rfqs/files/{attachment.pk}/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    other_buyer = MembershipFactory(company=CompanyFactory(kind="buyer"))
    client.force_login(other_buyer.user)
    assert client.get(f"/rfqs/files/{attachment.pk}/").status_code == 404


def test_supplier_board_quote_revise_withdraw(client, rfq, supplier):
    client.force_login(supplier.user)
    board = client.get("/rfqs/board/").content.decode()
    assert f"/rfqs/board/{rfq.pk}/" in board
    assert client.get(f"/rfqs/board/{rfq.pk}/").status_code == 200
    valid = (timezone.now().date() + timedelta(days=20)).isoformat()
    data = {
        "tier1_qty": "500",
        "tier1_price": "7.10",
        "currency": "USD",
        "moq": "500",
        "lead_time_days": "25",
        "incoterm": "FOB",
        "valid_until": valid,
    }
    response = client.post(f"/rfqs/board/{rfq.pk}/", data)
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.unit_price_minor == 710
    assert client.get(f"/rfqs/quotes/{quote.pk}/revise/").status_code == 200
    response = client.post(f"/rfqs/quotes/{quote.pk}/revise/", {**data, "tier1_price": "6.90"})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.unit_price_minor) == ("revised", 690)
    # A second revision is refused with a clear page, nothing changed.
    response = client.post(f"/rfqs/quotes/{quote.pk}/revise/", {**data, "tier1_price": "5.00"})
    assert response.status_code == 200
    assert "only once" in response.content.decode()
    quote.refresh_from_db()
    assert quote.unit_price_minor == 690
    client.post(f"/rfqs/quotes/{quote.pk}/withdraw/")
    quote.refresh_from_db()
    assert quote.status == "withdrawn"


def test_supplier_cannot_open_buyer_view_or_competitor_quote(client, rfq, supplier):
    other = new_supplier()
    mine = submit_quote(supplier, rfq.pk, quote_input(notes="SECRET-A"))
    submit_quote(other, rfq.pk, quote_input(notes="SECRET-B"))
    client.force_login(other.user)
    # The buyer's page redirects a supplier to the board page, which shows only its own quote.
    page = client.get(f"/rfqs/{rfq.pk}/", follow=True).content.decode()
    assert "SECRET-A" not in page
    assert client.post(f"/rfqs/quotes/{mine.pk}/withdraw/").status_code == 404
    assert client.get(f"/rfqs/quotes/{mine.pk}/revise/").status_code == 404


def test_buyer_compares_and_awards(client, rfq, buyer, supplier):
    other = new_supplier()
    q1 = submit_quote(supplier, rfq.pk, quote_input(notes="from A"))
    submit_quote(other, rfq.pk, quote_input(notes="from B"))
    client.force_login(buyer.user)
    page = client.get(f"/rfqs/{rfq.pk}/").content.decode()
    assert "from A" in page and "from B" in page
    response = client.post(f"/rfqs/quotes/{q1.pk}/award/")
    draft = OrderDraft.objects.get()
    assert response["Location"] == f"/orders/drafts/{draft.pk}/"
    deliver_due()
    kinds = set(Notification.objects.filter(user=other.user).values_list("kind", flat=True))
    assert "rfq.awarded_elsewhere" in kinds
    assert Notification.objects.filter(user=supplier.user, kind="quote.accepted").exists()


def test_stranger_sees_nothing(client, rfq):
    stranger = MembershipFactory(company=CompanyFactory(kind="buyer"))
    client.force_login(stranger.user)
    assert client.get(f"/rfqs/{rfq.pk}/").status_code == 404
    assert client.get(f"/rfqs/board/{rfq.pk}/").status_code == 404


def test_the_buyer_messages_a_quoting_supplier_about_the_rfq(client, buyer, quoted):
    from tradeloom.inquiries.models import Conversation

    rfq, q1, _q2, _other = quoted
    client.force_login(buyer.user)

    response = client.post(reverse("rfq:message", args=[q1.pk]))
    again = client.post(reverse("rfq:message", args=[q1.pk]))

    conversation = Conversation.objects.get()
    assert (conversation.buyer_id, conversation.supplier_id) == (buyer.company_id, q1.supplier_id)
    assert conversation.reference == f"rfq:{rfq.pk}"
    assert response.url == again.url == reverse("inquiries:conversation", args=[conversation.pk])


def test_a_rival_supplier_cannot_open_a_conversation_about_a_quote(client, quoted):
    from tradeloom.inquiries.models import Conversation

    _rfq, q1, _q2, other = quoted
    client.force_login(other.user)

    assert client.post(reverse("rfq:message", args=[q1.pk])).status_code == 404
    assert not Conversation.objects.exists()


def test_the_buyer_shortlists_quotes_and_compares_only_those(client, buyer, quoted):
    rfq, _q1, q2, _other = quoted
    client.force_login(buyer.user)

    client.post(reverse("rfq:shortlist", args=[q2.pk]), {"on": "1"})
    page = client.get(reverse("rfq:detail", args=[rfq.pk]), {"shortlist": "1"})

    assert [row.quote.pk for row in page.context["rows"]] == [q2.pk]
    client.post(reverse("rfq:shortlist", args=[q2.pk]), {"on": "0"})
    assert not Quote.objects.filter(shortlisted=True).exists()


def test_a_supplier_cannot_shortlist_on_someone_elses_rfq(client, quoted):
    _rfq, q1, _q2, other = quoted
    client.force_login(other.user)

    assert client.post(reverse("rfq:shortlist", args=[q1.pk]), {"on": "1"}).status_code == 404
    assert not Quote.objects.filter(shortlisted=True).exists()
