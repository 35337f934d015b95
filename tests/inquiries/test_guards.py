"""Blocks, suspension, rate limits and attachment checks: each refuses clearly and
writes nothing."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from tests.inquiries.conftest import inquiry, pdf_bytes, png_bytes, upload, xlsx_bytes
from tradeloom.core.errors import DomainError, NotFound, PermissionDenied, RateLimited
from tradeloom.core.models import OutboxEvent
from tradeloom.inquiries import services
from tradeloom.inquiries.models import Attachment, Conversation, Message


def _counts():
    return (
        Conversation.objects.count(),
        Message.objects.count(),
        Attachment.objects.count(),
        OutboxEvent.objects.filter(name__in=["inquiry.created", "message.created"]).count(),
    )


def test_blocked_supplier_refuses_new_inquiries(buyer, supplier, conversation, product):
    services.block_company(supplier, buyer.company_id)
    before = _counts()
    with pytest.raises(PermissionDenied) as exc:
        inquiry(buyer, product, message="Anyone there?")
    assert exc.value.code == "blocked"
    assert "does not accept messages" in exc.value.message
    with pytest.raises(PermissionDenied):
        services.send_message(buyer, conversation.pk, "Hello?")
    assert _counts() == before


def test_the_blocker_cannot_write_either_until_unblocking(buyer, supplier, conversation):
    services.block_company(buyer, supplier.company_id)
    with pytest.raises(PermissionDenied) as exc:
        services.send_message(buyer, conversation.pk, "Hi")
    assert "You blocked" in exc.value.message
    with pytest.raises(PermissionDenied):
        services.send_message(supplier, conversation.pk, "Hi")
    services.unblock_company(buyer, supplier.company_id)
    assert services.send_message(buyer, conversation.pk, "Hi again").pk


def test_blocking_needs_a_conversation_and_never_oneself(buyer, supplier, third):
    with pytest.raises(NotFound):
        services.block_company(buyer, third.company_id)
    with pytest.raises(DomainError) as exc:
        services.block_company(buyer, buyer.company_id)
    assert exc.value.code == "own_company"


def test_operator_suspension_stops_messaging(buyer, supplier, conversation, operator):
    services.suspend_messaging(operator, buyer.company_id, "Repeated spam")
    before = _counts()
    with pytest.raises(PermissionDenied) as exc:
        services.send_message(buyer, conversation.pk, "Hi")
    assert exc.value.code == "messaging_suspended"
    assert _counts() == before
    # The supplier can still answer: only the suspended company is silenced.
    services.send_message(supplier, conversation.pk, "We saw your message.")
    services.lift_suspension(operator, buyer.company_id)
    services.send_message(buyer, conversation.pk, "Thanks")


def test_only_operators_suspend(buyer, supplier):
    with pytest.raises(PermissionDenied):
        services.suspend_messaging(supplier.user, buyer.company_id)


def test_message_rate_limit_per_user(settings, buyer, supplier, conversation):
    settings.INQUIRY_LIMIT_MESSAGES_PER_USER = (3, 600)
    services.send_message(buyer, conversation.pk, "two")
    services.send_message(buyer, conversation.pk, "three")
    before = _counts()
    with pytest.raises(RateLimited) as exc:
        services.send_message(buyer, conversation.pk, "four")
    assert exc.value.status == 429
    assert exc.value.details["retry_after"] == 600
    assert "too many messages" in exc.value.message
    assert _counts() == before
    # The other side is not limited by the buyer's sending.
    services.send_message(supplier, conversation.pk, "reply")


def test_new_conversation_rate_limit_per_company(settings, buyer, product, db):
    from tests.factories import CompanyFactory, MembershipFactory
    from tests.inquiries.conftest import make_product

    settings.INQUIRY_LIMIT_CONVERSATIONS_PER_COMPANY = (2, 3600)
    colleague = MembershipFactory(company=buyer.company, role="purchaser")
    inquiry(buyer, product)
    second = make_product(
        MembershipFactory(company=CompanyFactory(kind="supplier"), role="owner"), "B", "B-1"
    )
    inquiry(colleague, second)
    third = make_product(
        MembershipFactory(company=CompanyFactory(kind="supplier"), role="owner"), "C", "C-1"
    )
    with pytest.raises(RateLimited) as exc:
        inquiry(buyer, third)
    assert "too many new inquiries" in exc.value.message
    assert Conversation.objects.count() == 2
    # Continuing an existing conversation is not a new one.
    inquiry(buyer, product, message="One more question")


def test_attachment_over_the_cap(settings, buyer, product):
    settings.INQUIRY_ATTACHMENT_MAX_BYTES = 1000
    before = _counts()
    with pytest.raises(DomainError) as exc:
        inquiry(buyer, product, files=[upload(png_bytes((300, 300)) + b"\0" * 1000, "big.png")])
    assert exc.value.code == "file_too_large"
    assert _counts() == before


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "label.png"),
        (b"MZ\x90\x00\x03" + b"\0" * 100, "invoice.pdf"),
        (b"GIF89a-not-really", "x.gif"),
        (b"plain text", "notes.txt"),
    ],
)
def test_forbidden_types_are_refused_whatever_the_name(buyer, product, content, name):
    before = _counts()
    with pytest.raises(DomainError) as exc:
        inquiry(buyer, product, files=[upload(content, name, "image/png")])
    assert exc.value.code == "file_type_not_allowed"
    assert _counts() == before


def test_macro_workbooks_and_plain_zips_are_refused(buyer, product):
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/workbook.xml", "<x/>")
        z.writestr("xl/vbaProject.bin", b"\0")
    for content in (out.getvalue(), b"PK\x03\x04garbage"):
        with pytest.raises(DomainError):
            inquiry(buyer, product, files=[upload(content, "prices.xlsx")])
    assert not Attachment.objects.exists()


def test_real_xlsx_is_accepted_even_with_a_wrong_name(buyer, product):
    message = inquiry(buyer, product, files=[upload(xlsx_bytes(), "sizes.bin")])
    assert message.attachments.get().kind == "xlsx"


def test_too_many_files(settings, buyer, product):
    settings.INQUIRY_ATTACHMENT_MAX_FILES = 2
    with pytest.raises(DomainError) as exc:
        inquiry(buyer, product, files=[upload(pdf_bytes(), f"{i}.pdf") for i in range(3)])
    assert exc.value.code == "too_many_files"
    assert not Conversation.objects.exists()


@pytest.fixture
def operator(db):
    from tests.factories import MembershipFactory

    return MembershipFactory(user__is_operator=True).user
