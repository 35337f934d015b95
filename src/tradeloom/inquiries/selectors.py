"""Reads of conversations, always scoped to the acting company, and response metrics."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.models import Company, Membership
from tradeloom.core.errors import NotFound
from tradeloom.inquiries.models import (
    Attachment,
    CompanyBlock,
    Conversation,
    Message,
    MessagingSuspension,
    QuickReply,
)

MAX_ID = 2**63 - 1
FILTERS = ("all", "unread", "awaiting")
DAY_SECONDS = 24 * 3600


def _id(value, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NotFound(message)
    if not 1 <= number <= MAX_ID:
        raise NotFound(message)
    return number


def _mine(membership: Membership) -> Q:
    """A supplier company is always the supplier side of its conversations and a buyer
    or agent company always the buyer side (services enforce it, and a company's kind
    never changes), so one indexed column decides."""
    if membership.company.kind == Company.Kind.SUPPLIER:
        return Q(supplier_id=membership.company_id)
    return Q(buyer_id=membership.company_id)


def inbox(
    membership: Membership,
    *,
    filter: str = "all",
    product_id=None,
    assignee_id=None,
    q: str = "",
    request=None,
) -> QuerySet[Conversation]:
    """The acting company's conversations, newest activity first, with the inbox filters:
    ``unread`` (new messages from the other party), ``awaiting`` (the other party spoke
    last: our reply is due), a product discussed, a colleague assigned, and search in
    the subject, the other company's name and the messages."""
    require(membership, "inquiries.reply", request=request)
    company_id = membership.company_id
    qs = (
        Conversation.objects.filter(_mine(membership))
        .select_related("buyer", "supplier", "assigned_to", "last_message_company")
        .order_by("-last_message_at", "-id")
    )
    is_buyer = Q(buyer_id=company_id)
    if filter == "unread":
        unread_buyer = is_buyer & (
            Q(buyer_read_at__isnull=True) | Q(buyer_read_at__lt=F("last_message_at"))
        )
        unread_supplier = Q(supplier_id=company_id) & (
            Q(supplier_read_at__isnull=True) | Q(supplier_read_at__lt=F("last_message_at"))
        )
        qs = qs.filter(unread_buyer | unread_supplier).exclude(last_message_company_id=company_id)
    elif filter == "awaiting":
        qs = qs.exclude(last_message_company_id=company_id).exclude(
            last_message_company__isnull=True
        )
    if product_id not in (None, ""):
        try:
            qs = qs.filter(products__id=_id(product_id, "")).distinct()
        except NotFound:
            qs = qs.none()
    if assignee_id not in (None, ""):
        if str(assignee_id) == "none":
            qs = qs.filter(assigned_to__isnull=True)
        else:
            try:
                qs = qs.filter(assigned_to_id=_id(assignee_id, ""))
            except NotFound:
                qs = qs.none()
    q = (q or "").strip()[:100]
    if q:
        in_messages = Message.objects.filter(conversation=OuterRef("pk"), body__icontains=q)
        qs = qs.filter(
            Q(subject__icontains=q)
            | Q(buyer__display_name__icontains=q) & ~is_buyer
            | Q(supplier__display_name__icontains=q) & is_buyer
            | Exists(in_messages)
        )
    return qs


def conversation(membership: Membership, conversation_id, *, request=None) -> Conversation:
    require(membership, "inquiries.reply", request=request)
    pk = _id(conversation_id, _("No such conversation."))
    found = (
        Conversation.objects.filter(_mine(membership), pk=pk)
        .select_related("buyer", "supplier", "assigned_to")
        .first()
    )
    if found is None:
        raise NotFound(_("No such conversation."))
    return found


def messages(conversation: Conversation, *, after_id=None) -> QuerySet[Message]:
    """Messages of a conversation the caller already got through ``conversation()``."""
    qs = (
        Message.objects.filter(conversation=conversation)
        .select_related("author", "company")
        .prefetch_related("attachments", "translations")
        .order_by("created_at", "id")
    )
    if after_id not in (None, ""):
        with suppress(TypeError, ValueError):
            qs = qs.filter(pk__gt=min(int(after_id), MAX_ID))
    return qs


def attachment(membership: Membership, attachment_id, *, request=None) -> Attachment:
    """An attachment of a conversation the acting company takes part in; else not found."""
    require(membership, "inquiries.reply", request=request)
    pk = _id(attachment_id, _("No such file."))
    found = (
        Attachment.objects.select_related("message__conversation")
        .filter(pk=pk)
        .filter(
            Q(message__conversation__buyer_id=membership.company_id)
            | Q(message__conversation__supplier_id=membership.company_id)
        )
        .first()
    )
    if found is None:
        raise NotFound(_("No such file."))
    return found


def quick_replies(membership: Membership) -> QuerySet[QuickReply]:
    return QuickReply.objects.filter(company_id=membership.company_id)


def blocks_of(membership: Membership) -> QuerySet[CompanyBlock]:
    return CompanyBlock.objects.filter(blocker_id=membership.company_id).select_related("blocked")


def is_blocked(a_id: int, b_id: int) -> bool:
    return CompanyBlock.objects.filter(
        Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)
    ).exists()


def is_suspended(company_id: int) -> bool:
    return MessagingSuspension.objects.filter(company_id=company_id).exists()


def unread_count(membership: Membership) -> int:
    if not membership.can("inquiries.reply"):
        return 0
    return inbox(membership, filter="unread").count()


def review_queue(*, status: str = "pending") -> QuerySet[Message]:
    """Flagged messages for operators (callers check ``require_operator``)."""
    qs = (
        Message.objects.filter(flagged=True)
        .select_related("company", "author", "conversation__buyer", "conversation__supplier")
        .prefetch_related("attachments")
    )
    if status in Message.Review.values and status:
        qs = qs.filter(review=status)
    return qs.order_by("-created_at", "-id")


# --- response metrics ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseMetrics:
    """A supplier's answers to new conversations over the last ``days`` days."""

    conversations: int
    answered_within_24h: int
    median_first_response_seconds: int | None
    days: int = 30

    @property
    def response_rate(self) -> float | None:
        """Share answered within 24 hours (0–1), or None without conversations."""
        if not self.conversations:
            return None
        return self.answered_within_24h / self.conversations

    @property
    def response_rate_percent(self) -> int | None:
        rate = self.response_rate
        return None if rate is None else round(rate * 100)

    @property
    def enough_data(self) -> bool:
        return self.conversations >= 1

    @property
    def median_first_response(self) -> timedelta | None:
        if self.median_first_response_seconds is None:
            return None
        return timedelta(seconds=self.median_first_response_seconds)


def response_metrics(company: Company | int, *, days: int = 30, now=None) -> ResponseMetrics:
    """Conversations buyers opened with ``company`` in the last ``days`` days: how many
    the supplier answered within 24 hours, and the median time to its first answer (of
    those answered). Counted and ranked in the database on integer seconds."""
    company_id = company if isinstance(company, int) else company.pk
    now = now or timezone.now()
    recent = Conversation.objects.filter(
        supplier_id=company_id, reference="", created_at__gte=now - timedelta(days=days)
    )
    total = recent.count()
    if not total:
        return ResponseMetrics(0, 0, None, days)
    answered = recent.filter(first_response_seconds__isnull=False)
    within = answered.filter(first_response_seconds__lte=DAY_SECONDS).count()
    count = answered.count()
    median_seconds = None
    if count:
        ranked = answered.order_by("first_response_seconds").values_list(
            "first_response_seconds", flat=True
        )
        middle = list(ranked[(count - 1) // 2 : count // 2 + 1])
        median_seconds = int(sum(middle) / len(middle))
    return ResponseMetrics(total, within, median_seconds, days)


def response_metrics_many(company_ids: list[int], *, days: int = 30) -> dict[int, ResponseMetrics]:
    """``response_metrics`` for several suppliers in one query (search results)."""
    now = timezone.now()
    rows = Conversation.objects.filter(
        supplier_id__in=company_ids, reference="", created_at__gte=now - timedelta(days=days)
    ).values_list("supplier_id", "first_response_seconds")
    grouped: dict[int, list] = {cid: [] for cid in company_ids}
    for supplier_id, seconds in rows:
        grouped[supplier_id].append(seconds)
    result = {}
    for cid, values in grouped.items():
        delays = [s for s in values if s is not None]
        result[cid] = ResponseMetrics(
            conversations=len(values),
            answered_within_24h=sum(1 for d in delays if d <= DAY_SECONDS),
            median_first_response_seconds=int(median(delays)) if delays else None,
            days=days,
        )
    return result
