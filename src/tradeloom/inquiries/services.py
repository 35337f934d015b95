"""Writes of inquiries and conversations: one function per use case, one transaction each.

Rules enforced here, for the web UI and the API alike:

* only members whose role grants ``inquiries.reply`` read or write conversations;
* a buyer (or agent) company starts an inquiry with a supplier company, which opens
  the pair's conversation or continues it;
* nobody messages a company that blocked them or that they blocked, and a company
  whose messaging an operator suspended sends nothing;
* rate limits per user and company (``limits``);
* attachments are sniffed and capped before anything is written (``files``);
* every message is scanned for off-platform payment (``fraud``); a flagged one waits
  in the operators' review queue and the recipient sees a warning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from tradeloom.accounts.access import require, require_operator
from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Company, Membership, User
from tradeloom.analytics.recorder import record
from tradeloom.catalog.models import Product, Variant
from tradeloom.catalog.rules import invalid, price_minor
from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import Conflict, NotFound, PermissionDenied
from tradeloom.core.events import record_event
from tradeloom.core.permissions import has_perm
from tradeloom.inquiries import fraud, limits
from tradeloom.inquiries.files import CheckedFile, check_files
from tradeloom.inquiries.models import (
    Attachment,
    CompanyBlock,
    Conversation,
    Message,
    MessagingSuspension,
    NotificationPreference,
    QuickReply,
)
from tradeloom.inquiries.translation import base_language, detect_language

log = logging.getLogger("tradeloom.inquiries")

MAX_ID = 2**63 - 1
MAX_BODY = 8000
MAX_QUANTITY = 10_000_000
MAX_PRODUCTS = 20
MAX_LEAD_DAYS = 730
MAX_VALID_DAYS = 365
BUYING_KINDS = (Company.Kind.BUYER, Company.Kind.AGENT)


# --- checks shared by every write -----------------------------------------------------------


def _member(membership: Membership | None, request=None) -> Membership:
    return require(membership, "inquiries.reply", request=request)


def _participant(membership: Membership, conversation_id, *, lock: bool = False) -> Conversation:
    """The conversation if the acting company is one of its two parties; else not found."""
    pk = _int_or_404(conversation_id, _("No such conversation."))
    company_id = membership.company_id
    qs = Conversation.objects.select_related("buyer", "supplier")
    if lock:
        qs = qs.select_for_update()
    conversation = qs.filter(pk=pk).first()
    if conversation is None or company_id not in (conversation.buyer_id, conversation.supplier_id):
        raise NotFound(_("No such conversation."))
    return conversation


def blocked_between(a_id: int, b_id: int) -> CompanyBlock | None:
    return (
        CompanyBlock.objects.filter(blocker_id=a_id, blocked_id=b_id).first()
        or CompanyBlock.objects.filter(blocker_id=b_id, blocked_id=a_id).first()
    )


def _may_send(sender: Company, recipient: Company) -> None:
    if MessagingSuspension.objects.filter(company=sender).exists():
        raise PermissionDenied(
            _("The operators suspended messaging for your company. Contact support."),
            code="messaging_suspended",
        )
    block = blocked_between(sender.pk, recipient.pk)
    if block is not None:
        if block.blocker_id == sender.pk:
            message = _("You blocked %(company)s. Unblock it to send messages.")
        else:
            message = _("%(company)s does not accept messages from your company.")
        raise PermissionDenied(message % {"company": recipient.display_name}, code="blocked")


def _clean_body(body: str, *, required: bool = True) -> str:
    text = (body or "").replace("\x00", "").strip()
    if required and not text:
        raise invalid("body", _("Write a message."), "required")
    if len(text) > MAX_BODY:
        raise invalid(
            "body",
            _("Use at most %(n)s characters.") % {"n": MAX_BODY},
            "too_long",
        )
    return text


def _quantity(value, field: str = "quantity") -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise invalid(field, _("Enter a whole number."), "invalid_number")
    if not 1 <= number <= MAX_QUANTITY:
        raise invalid(
            field,
            _("Enter a number from %(min)s to %(max)s.") % {"min": 1, "max": MAX_QUANTITY},
            "out_of_range",
        )
    return number


def _currency(code: str, field: str = "currency") -> str:
    code = (code or "").strip().upper()
    if code not in CURRENCIES:
        raise invalid(field, _("Choose a currency."), "invalid_currency")
    return code


# --- writing a message ----------------------------------------------------------------------------


def _save_files(message: Message, checked: list[CheckedFile]) -> None:
    for item in checked:
        attachment = Attachment(
            message=message,
            original_name=item.name,
            kind=item.kind,
            content_type=item.content_type,
            size=item.size,
        )
        attachment.file.save(item.name, item.upload, save=False)
        attachment.save()


def _post(
    membership: Membership,
    conversation: Conversation,
    *,
    kind: str,
    body: str,
    data: dict | None = None,
    files: list[CheckedFile] | None = None,
    event: str = "message.created",
    request=None,
) -> Message:
    """Write one message in the caller's transaction, with its files, scan and events."""
    files = files or []
    language = detect_language(body, membership.user.language)
    scan = fraud.scan(body, [f.name for f in files])
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        company=membership.company,
        author=membership.user,
        kind=kind,
        body=body,
        language=language,
        data=data or {},
        created_at=now,
        flagged=scan.flagged,
        fraud_reasons=scan.reasons,
        review=Message.Review.PENDING if scan.flagged else Message.Review.NONE,
    )
    _save_files(message, files)
    first_reply = (
        membership.company_id == conversation.supplier_id
        and conversation.first_response_at is None
        and conversation.messages.exclude(company_id=conversation.supplier_id).exists()
    )
    updates = {
        "last_message_at": now,
        "last_message_company_id": membership.company_id,
        # The sender has read everything up to their own message.
        (
            "buyer_read_at"
            if membership.company_id == conversation.buyer_id
            else "supplier_read_at"
        ): now,
    }
    if first_reply:
        updates["first_response_at"] = now
        updates["first_response_seconds"] = max(
            0, int((now - conversation.created_at).total_seconds())
        )
    Conversation.objects.filter(pk=conversation.pk).update(**updates)
    for field, value in updates.items():
        setattr(conversation, field, value)
    payload = {
        "conversation_id": conversation.pk,
        "message_id": message.pk,
        "sender_company_id": membership.company_id,
        "recipient_company_id": conversation.other_party(membership.company_id).pk,
    }
    record_event(event, payload, company=membership.company, actor=membership.user)
    if scan.flagged:
        record_event("message.flagged", {**payload, "reasons": scan.reasons})
        audit(
            "inquiries.message_flagged",
            actor=membership.user,
            company=membership.company,
            obj=message,
            request=request,
            details={"reasons": scan.reasons},
        )
    if first_reply:
        seconds = updates["first_response_seconds"]
        transaction.on_commit(
            lambda: record(
                "inquiry.first_reply",
                company_id=conversation.supplier_id,
                user_id=membership.user_id,
                obj=conversation,
                properties={"seconds": seconds, "buyer_id": conversation.buyer_id},
            )
        )
    _translate_after_commit(message, conversation)
    return message


def _translate_after_commit(message: Message, conversation: Conversation) -> None:
    """Ask for translations into the readers' languages, never waiting for them."""
    from tradeloom.inquiries.translation import get_provider

    if not message.body or get_provider() is None:
        return
    readers = Membership.objects.filter(
        company_id=conversation.other_party(message.company_id).pk
    ).values_list("user__language", flat=True)
    targets = sorted({base_language(lang) for lang in readers} - {message.language})
    if not targets:
        return

    def enqueue():
        from tradeloom.inquiries.tasks import translate_message

        for target in targets:
            try:
                translate_message.enqueue(message.pk, target)
            except Exception:  # the reader can still ask again from the page
                log.warning("could not enqueue a translation", exc_info=True)

    transaction.on_commit(enqueue)


# --- starting an inquiry --------------------------------------------------------------------------


@dataclass
class InquiryInput:
    supplier_id: int | None = None
    product_ids: list[int] | None = None
    quantity: int | str | None = None
    target_price: str = ""
    currency: str = ""
    destination_country: str = ""
    customization: str = ""
    message: str = ""


def start_inquiry(
    membership: Membership, data: InquiryInput, files=None, *, request=None
) -> Message:
    """Open the buyer–supplier conversation (or continue it) with an inquiry message.

    The supplier comes from ``supplier_id`` or from the products, which must all be live
    listings of that one supplier.
    """
    membership = _member(membership, request)
    if membership.company.kind not in BUYING_KINDS:
        raise PermissionDenied(
            _("Only buyer and agent companies send inquiries to suppliers."),
            code="not_a_buyer",
        )
    missing = _("That product does not exist.")
    product_ids = list(dict.fromkeys(_int_or_404(p, missing) for p in (data.product_ids or [])))
    supplier_id = (
        _int_or_404(data.supplier_id, _("No such supplier."))
        if data.supplier_id not in (None, "")
        else None
    )
    if len(product_ids) > MAX_PRODUCTS:
        raise invalid(
            "product_ids",
            _("Ask about at most %(n)s products at once.") % {"n": MAX_PRODUCTS},
            "too_many",
        )
    products = list(
        Product.objects.filter(pk__in=product_ids, status=Product.Status.LIVE).select_related(
            "supplier"
        )
    )
    if len(products) != len(product_ids):
        raise NotFound(_("That product does not exist."), details={"field": "product_ids"})
    supplier_ids = {p.supplier_id for p in products}
    if supplier_id is not None:
        supplier_ids.add(supplier_id)
    if len(supplier_ids) != 1:
        if not supplier_ids:
            raise invalid("supplier_id", _("Choose a supplier or a product."), "required")
        raise invalid(
            "product_ids", _("Ask one supplier at a time about its own products."), "mixed"
        )
    supplier = Company.objects.filter(pk=supplier_ids.pop(), kind=Company.Kind.SUPPLIER).first()
    if supplier is None:
        raise NotFound(_("No such supplier."), details={"field": "supplier_id"})
    quantity = _quantity(data.quantity) if data.quantity not in (None, "") else None
    terms: dict = {"product_ids": product_ids}
    if quantity is not None:
        terms["quantity"] = quantity
    if str(data.target_price or "").strip():
        currency = _currency(data.currency)
        terms["target_price_minor"] = price_minor(data.target_price, currency, "target_price")
        terms["currency"] = currency
    country = (data.destination_country or "").strip().upper()
    if country:
        if country not in countries:
            raise invalid("destination_country", _("Choose a country."), "invalid_country")
        terms["destination_country"] = country
    customization = (data.customization or "").strip()
    if len(customization) > 1000:
        raise invalid("customization", _("Use at most %(n)s characters.") % {"n": 1000})
    if customization:
        terms["customization"] = customization
    body = _clean_body(data.message)
    checked = check_files(files)
    _may_send(membership.company, supplier)
    limits.check_message(membership)
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update()
            .filter(buyer=membership.company, supplier=supplier, reference="")
            .first()
        )
        created = conversation is None
        if created:
            limits.check_new_conversation(membership)
            subject = products[0].title() if products else ""
            try:
                with transaction.atomic():
                    conversation = Conversation.objects.create(
                        buyer=membership.company,
                        supplier=supplier,
                        subject=subject[:200],
                        started_by=membership.user,
                    )
            except IntegrityError:  # a simultaneous first inquiry opened it: continue that one
                created = False
                conversation = Conversation.objects.select_for_update().get(
                    buyer=membership.company, supplier=supplier, reference=""
                )
        if products:
            conversation.products.add(*products)
        message = _post(
            membership,
            conversation,
            kind=Message.Kind.INQUIRY,
            body=body,
            data=terms,
            files=checked,
            event="inquiry.created" if created else "message.created",
            request=request,
        )
        audit(
            "inquiries.inquiry_sent",
            actor=membership.user,
            company=membership.company,
            obj=conversation,
            request=request,
            details={"supplier_id": supplier.pk, "new": created},
        )
    record(
        "inquiry.created",
        request=request,
        company_id=membership.company_id,
        user_id=membership.user_id,
        obj=conversation,
        properties={
            "supplier_id": supplier.pk,
            "new_conversation": created,
            "product_ids": product_ids,
        },
    )
    return message


def open_linked_conversation(
    membership: Membership, *, other: Company, reference: str, subject: str = "", request=None
) -> Conversation:
    """The conversation of the acting company with ``other`` about ``reference`` (such as
    ``"rfq:12"``), created when missing. For other apps (an RFQ's buyer messaging a
    quoting supplier); the caller checks that the two may talk about that reference."""
    membership = _member(membership, request)
    if not reference:
        raise invalid("reference", _("A linked conversation needs a reference."))
    company = membership.company
    if company.kind == Company.Kind.SUPPLIER:
        buyer, supplier = other, company
    else:
        buyer, supplier = company, other
    if supplier.kind != Company.Kind.SUPPLIER or buyer.pk == supplier.pk:
        raise invalid("company", _("Conversations are between a buyer and a supplier."))
    _may_send(company, other)
    with transaction.atomic():
        conversation, _created = Conversation.objects.get_or_create(
            buyer=buyer,
            supplier=supplier,
            reference=reference[:64],
            defaults={"subject": subject[:200], "started_by": membership.user},
        )
    return conversation


# --- replies and structured messages --------------------------------------------------------------


def send_message(
    membership: Membership, conversation_id, body: str, files=None, *, request=None
) -> Message:
    membership = _member(membership, request)
    conversation = _participant(membership, conversation_id)
    text = _clean_body(body, required=not files)
    checked = check_files(files)
    _may_send(membership.company, conversation.other_party(membership.company_id))
    limits.check_message(membership)
    with transaction.atomic():
        conversation = _participant(membership, conversation_id, lock=True)
        return _post(
            membership, conversation, kind=Message.Kind.TEXT, body=text, files=checked,
            request=request,
        )  # fmt: skip


def request_sample(
    membership: Membership,
    conversation_id,
    *,
    product_id,
    quantity,
    address: str,
    variant_id=None,
    note: str = "",
    request=None,
) -> Message:
    """A buyer asks for a sample of one of the supplier's products (optionally a variant)."""
    membership = _member(membership, request)
    conversation = _participant(membership, conversation_id)
    if membership.company_id != conversation.buyer_id:
        raise PermissionDenied(_("Only the buyer requests samples."), code="not_the_buyer")
    product = Product.objects.filter(
        pk=_int_or_404(product_id, _("That product does not exist.")),
        supplier_id=conversation.supplier_id,
    ).first()
    if product is None:
        raise NotFound(_("That product does not exist."), details={"field": "product_id"})
    variant = None
    if variant_id not in (None, ""):
        variant = Variant.objects.filter(
            pk=_int_or_404(variant_id, _("That variant does not exist.")), product=product
        ).first()
        if variant is None:
            raise NotFound(_("That variant does not exist."), details={"field": "variant_id"})
    qty = _quantity(quantity)
    if qty > 1000:
        raise invalid("quantity", _("Ask for at most 1,000 samples."), "out_of_range")
    address = (address or "").strip()
    if not address:
        raise invalid("address", _("Give the address the sample goes to."), "required")
    if len(address) > 500:
        raise invalid("address", _("Use at most %(n)s characters.") % {"n": 500}, "too_long")
    body = _clean_body(note, required=False)
    data = {
        "product_id": product.pk,
        "product_title": product.title(),
        "variant_id": variant.pk if variant else None,
        "variant_label": variant.label() if variant else "",
        "quantity": qty,
        "address": address,
    }
    _may_send(membership.company, conversation.supplier)
    limits.check_message(membership)
    with transaction.atomic():
        conversation = _participant(membership, conversation_id, lock=True)
        conversation.products.add(product)
        return _post(
            membership,
            conversation,
            kind=Message.Kind.SAMPLE_REQUEST,
            body=body or address,
            data=data,
            request=request,
        )


def offer_price(
    membership: Membership,
    conversation_id,
    *,
    product_id,
    quantity,
    unit_price,
    currency: str,
    lead_time_days,
    valid_until: date | str,
    note: str = "",
    request=None,
) -> Message:
    """A supplier offers a price for a quantity of one of its products, valid until a date."""
    membership = _member(membership, request)
    conversation = _participant(membership, conversation_id)
    if membership.company_id != conversation.supplier_id:
        raise PermissionDenied(_("Only the supplier makes price offers."), code="not_the_supplier")
    product = Product.objects.filter(
        pk=_int_or_404(product_id, _("That product does not exist.")),
        supplier_id=conversation.supplier_id,
    ).first()
    if product is None:
        raise NotFound(_("That product does not exist."), details={"field": "product_id"})
    qty = _quantity(quantity)
    code = _currency(currency)
    unit_minor = price_minor(unit_price, code, "unit_price")
    try:
        lead = int(str(lead_time_days).strip())
    except (TypeError, ValueError):
        raise invalid("lead_time_days", _("Enter a whole number."), "invalid_number")
    if not 1 <= lead <= MAX_LEAD_DAYS:
        raise invalid(
            "lead_time_days",
            _("Enter a number from %(min)s to %(max)s.") % {"min": 1, "max": MAX_LEAD_DAYS},
            "out_of_range",
        )
    if isinstance(valid_until, str):
        try:
            valid_until = date.fromisoformat(valid_until.strip())
        except ValueError:
            raise invalid("valid_until", _("Enter a date such as 2026-05-31."), "invalid_date")
    today = timezone.localdate()
    if not today <= valid_until <= today + timedelta(days=MAX_VALID_DAYS):
        raise invalid(
            "valid_until",
            _("The offer must be valid from today for at most a year."),
            "out_of_range",
        )
    body = _clean_body(note, required=False)
    data = {
        "product_id": product.pk,
        "product_title": product.title(),
        "unit": product.unit,
        "quantity": qty,
        "unit_price_minor": unit_minor,
        "currency": code,
        "lead_time_days": lead,
        "valid_until": valid_until.isoformat(),
    }
    _may_send(membership.company, conversation.buyer)
    limits.check_message(membership)
    with transaction.atomic():
        conversation = _participant(membership, conversation_id, lock=True)
        conversation.products.add(product)
        return _post(
            membership,
            conversation,
            kind=Message.Kind.PRICE_OFFER,
            body=body,
            data=data,
            request=request,
        )


def offer_to_order_draft(membership: Membership, message_id, *, request=None):
    """The buyer turns a valid price offer into an order draft (once)."""
    from tradeloom.orders.services import DraftLine, create_order_draft

    membership = _member(membership, request)
    pk = _int_or_404(message_id, _("No such offer."))
    with transaction.atomic():
        message = (
            Message.objects.select_for_update()
            .select_related("conversation__supplier")
            .filter(pk=pk, kind=Message.Kind.PRICE_OFFER)
            .first()
        )
        if message is None or membership.company_id not in (
            message.conversation.buyer_id,
            message.conversation.supplier_id,
        ):
            raise NotFound(_("No such offer."))
        conversation = message.conversation
        if membership.company_id != conversation.buyer_id:
            raise PermissionDenied(
                _("Only the buyer turns an offer into an order."), code="not_the_buyer"
            )
        if message.order_draft_ref:
            raise Conflict(_("This offer is already an order draft."), code="offer_already_ordered")
        offer = message.data
        if date.fromisoformat(offer["valid_until"]) < timezone.localdate():
            raise Conflict(_("This offer has expired. Ask for a new one."), code="offer_expired")
        line = DraftLine(
            description=offer.get("product_title") or _("Product"),
            quantity=offer["quantity"],
            unit_price_minor=offer["unit_price_minor"],
            currency=offer["currency"],
            unit=offer.get("unit", "piece"),
            lead_time_days=offer["lead_time_days"],
            product_id=offer["product_id"],
        )
        draft = create_order_draft(
            membership,
            supplier=conversation.supplier,
            lines=[line],
            source=("offer", message.pk),
            currency=offer["currency"],
            snapshot={"offer": offer, "message_id": message.pk, "conversation_id": conversation.pk},
            request=request,
        )
        message.order_draft_ref = f"draft:{draft.pk}"
        message.save(update_fields=["order_draft_ref"])
    return draft


def mark_read(membership: Membership, conversation_id, *, request=None) -> Conversation:
    membership = _member(membership, request)
    conversation = _participant(membership, conversation_id)
    field = (
        "buyer_read_at" if membership.company_id == conversation.buyer_id else "supplier_read_at"
    )
    now = timezone.now()
    Conversation.objects.filter(pk=conversation.pk).update(**{field: now})
    setattr(conversation, field, now)
    return conversation


def assign(membership: Membership, conversation_id, user_id, *, request=None) -> Conversation:
    """The supplier hands the conversation to one of its members who may answer (or nobody)."""
    membership = _member(membership, request)
    conversation = _participant(membership, conversation_id)
    if membership.company_id != conversation.supplier_id:
        raise PermissionDenied(
            _("Only the supplier assigns its conversations."), code="not_the_supplier"
        )
    assignee = None
    if user_id not in (None, ""):
        colleague = (
            Membership.objects.select_related("user")
            .filter(
                company_id=conversation.supplier_id,
                user_id=_int_or_404(user_id, _("No such colleague.")),
                user__is_active=True,
            )
            .first()
        )
        if colleague is None:
            raise NotFound(_("No such colleague."), details={"field": "user_id"})
        if not has_perm(colleague.role, "inquiries.reply"):
            raise invalid(
                "user_id", _("This colleague's role does not answer inquiries."), "cannot_reply"
            )
        assignee = colleague.user
    with transaction.atomic():
        Conversation.objects.filter(pk=conversation.pk).update(assigned_to=assignee)
        conversation.assigned_to = assignee
        audit(
            "inquiries.assigned",
            actor=membership.user,
            company=membership.company,
            obj=conversation,
            request=request,
            details={"user_id": assignee.pk if assignee else None},
        )
        if assignee is not None and assignee.pk != membership.user_id:
            record_event(
                "conversation.assigned",
                {"conversation_id": conversation.pk, "user_id": assignee.pk},
                company=membership.company,
                actor=membership.user,
            )
    return conversation


# --- quick replies, blocks, preferences -----------------------------------------------------------


MAX_QUICK_REPLIES = 50


def create_quick_reply(membership: Membership, title: str, body: str, *, request=None):
    membership = _member(membership, request)
    if membership.company.kind != Company.Kind.SUPPLIER:
        raise PermissionDenied(
            _("Quick replies are for supplier companies."), code="not_a_supplier"
        )
    title = (title or "").strip()
    if not title:
        raise invalid("title", _("Give the reply a title."), "required")
    if len(title) > 80:
        raise invalid("title", _("Use at most %(n)s characters.") % {"n": 80}, "too_long")
    body = (body or "").strip()
    if not body:
        raise invalid("body", _("Write the reply."), "required")
    if len(body) > 4000:
        raise invalid("body", _("Use at most %(n)s characters.") % {"n": 4000}, "too_long")
    with transaction.atomic():
        if QuickReply.objects.filter(company=membership.company).count() >= MAX_QUICK_REPLIES:
            raise invalid(
                "title",
                _("Keep at most %(n)s quick replies.") % {"n": MAX_QUICK_REPLIES},
                "too_many",
            )
        return QuickReply.objects.create(company=membership.company, title=title, body=body)


def delete_quick_reply(membership: Membership, reply_id, *, request=None) -> None:
    membership = _member(membership, request)
    deleted, _rows = QuickReply.objects.filter(
        company=membership.company, pk=_int_or_404(reply_id, _("No such quick reply."))
    ).delete()
    if not deleted:
        raise NotFound(_("No such quick reply."))


def _int_or_404(value, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NotFound(message)
    if not 1 <= number <= MAX_ID:
        raise NotFound(message)
    return number


def _company_or_404(company_id) -> Company:
    company = Company.objects.filter(pk=_int_or_404(company_id, _("No such company."))).first()
    if company is None:
        raise NotFound(_("No such company."))
    return company


def block_company(membership: Membership, company_id, *, request=None) -> CompanyBlock:
    """Stop all messages between the two companies, both ways, until unblocked."""
    membership = _member(membership, request)
    other = _company_or_404(company_id)
    if other.pk == membership.company_id:
        raise invalid("company_id", _("A company cannot block itself."), "own_company")
    talked = Conversation.objects.filter(
        buyer_id__in=[membership.company_id, other.pk],
        supplier_id__in=[membership.company_id, other.pk],
    ).exists()
    if not talked:  # blocking is about conversations: other ids stay invisible
        raise NotFound(_("No such company."))
    with transaction.atomic():
        block, _created = CompanyBlock.objects.get_or_create(
            blocker=membership.company, blocked=other, defaults={"created_by": membership.user}
        )
        audit(
            "inquiries.blocked",
            actor=membership.user,
            company=membership.company,
            obj=other,
            request=request,
        )
    return block


def unblock_company(membership: Membership, company_id, *, request=None) -> None:
    membership = _member(membership, request)
    with transaction.atomic():
        deleted, _rows = CompanyBlock.objects.filter(
            blocker=membership.company, blocked_id=_int_or_404(company_id, _("No such company."))
        ).delete()
        if not deleted:
            raise NotFound(_("You have not blocked this company."))
        audit(
            "inquiries.unblocked",
            actor=membership.user,
            company=membership.company,
            details={"company_id": int(company_id)},
            request=request,
        )


def save_preferences(
    user: User, *, in_app: bool, email: str, only_assigned: bool
) -> NotificationPreference:
    if email not in NotificationPreference.Email.values:
        raise invalid("email", _("Choose how you want email."), "invalid_choice")
    prefs, _created = NotificationPreference.objects.update_or_create(
        user=user,
        defaults={"in_app": bool(in_app), "email": email, "only_assigned": bool(only_assigned)},
    )
    return prefs


# --- operators ----------------------------------------------------------------------------------


def suspend_messaging(operator: User, company_id, reason: str = "", *, request=None):
    require_operator(operator, request=request)
    company = _company_or_404(company_id)
    with transaction.atomic():
        suspension, _created = MessagingSuspension.objects.update_or_create(
            company=company,
            defaults={"reason": (reason or "").strip()[:2000], "suspended_by": operator},
        )
        audit(
            "inquiries.messaging_suspended",
            actor=operator,
            company=company,
            request=request,
            details={"reason": suspension.reason},
        )
    return suspension


def lift_suspension(operator: User, company_id, *, request=None) -> None:
    require_operator(operator, request=request)
    company = _company_or_404(company_id)
    with transaction.atomic():
        deleted, _rows = MessagingSuspension.objects.filter(company=company).delete()
        if not deleted:
            raise NotFound(_("Messaging of this company is not suspended."))
        audit("inquiries.messaging_restored", actor=operator, company=company, request=request)


def review_message(operator: User, message_id, decision: str, *, request=None) -> Message:
    """An operator clears a flagged message or confirms it as fraud."""
    require_operator(operator, request=request)
    if decision not in ("clear", "confirm"):
        raise invalid("decision", _("Choose clear or confirm."), "invalid_choice")
    with transaction.atomic():
        message = (
            Message.objects.select_for_update()
            .filter(pk=_int_or_404(message_id, _("No such message.")), flagged=True)
            .first()
        )
        if message is None:
            raise NotFound(_("No such message."))
        if message.review != Message.Review.PENDING:
            raise Conflict(_("This message was already reviewed."), code="already_reviewed")
        message.review = Message.Review.CLEARED if decision == "clear" else Message.Review.CONFIRMED
        message.reviewed_by = operator
        message.reviewed_at = timezone.now()
        message.save(update_fields=["review", "reviewed_by", "reviewed_at"])
        audit(
            f"inquiries.review_{decision}",
            actor=operator,
            company=message.company,
            obj=message,
            request=request,
        )
    return message
