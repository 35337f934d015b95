"""Inquiries: the fraud detector's throughput, and the inbox and response-metrics reads
of a supplier with n conversations (two messages each)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

LABELLED = (
    Path(__file__).resolve().parent.parent / "tests" / "inquiries" / "data" / "fraud_labelled.jsonl"
)
READS = 20


def _timed(fn, repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return time.perf_counter() - started


def bench_fraud(n: int) -> Iterator[tuple[str, int, float]]:
    from tradeloom.inquiries.fraud import scan

    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    texts = [(rows[i % len(rows)]["text"], rows[i % len(rows)]["attachments"]) for i in range(n)]
    yield (
        "fraud: scan a message and its file names",
        n,
        _timed(lambda: [scan(text, names) for text, names in texts]),
    )


def _world(n: int):
    from tradeloom.accounts.models import Company, Membership, User
    from tradeloom.inquiries.models import Conversation, Message

    supplier = Company.objects.create(
        kind="supplier",
        slug="bench-supplier",
        legal_name="Bench",
        display_name="Bench",
        country="CN",
    )
    user = User.objects.create_user("bench@example.com", "x", full_name="Bench Owner")
    membership = Membership.objects.create(user=user, company=supplier, role="owner")
    buyers = Company.objects.bulk_create(
        Company(
            kind="buyer", slug=f"bench-buyer-{i}", legal_name=f"Buyer {i}",
            display_name=f"Buyer {i}", country="US",
        )
        for i in range(n)
    )  # fmt: skip
    now = timezone.now()
    conversations = Conversation.objects.bulk_create(
        Conversation(
            buyer=b,
            supplier=supplier,
            subject=f"Sweaters {i}",
            created_at=now - timedelta(hours=i % (24 * 45)),
            last_message_at=now - timedelta(minutes=i),
            last_message_company=b if i % 3 else supplier,
            first_response_at=(now - timedelta(hours=i % (24 * 45)) + timedelta(hours=i % 40))
            if i % 4
            else None,
            first_response_seconds=(i % 40) * 3600 if i % 4 else None,
        )
        for i, b in enumerate(buyers)
    )
    Message.objects.bulk_create(
        Message(conversation=c, company_id=c.buyer_id, body=f"Hello, 800 pcs in navy ({c.pk})?")
        for c in conversations
        for _ in range(2)
    )
    return membership


def bench_reads(n: int) -> Iterator[tuple[str, int, float]]:
    from django.db import connection

    from tradeloom.inquiries import selectors

    membership = _world(n)
    with connection.cursor() as cursor:  # as autovacuum (PostgreSQL) or a DBA (SQLite) would
        cursor.execute("ANALYZE")
    yield (
        "inbox: first page of 25 and the count",
        READS,
        _timed(
            lambda: (list(selectors.inbox(membership)[:25]), selectors.inbox(membership).count()),
            READS,
        ),
    )
    yield (
        "inbox: unread filter, first page",
        READS,
        _timed(lambda: list(selectors.inbox(membership, filter="unread")[:25]), READS),
    )
    yield (
        "inbox: search in messages, first page",
        READS,
        _timed(lambda: list(selectors.inbox(membership, q="navy (12")[:25]), READS),
    )
    yield (
        "response_metrics(supplier), 30 days",
        READS,
        _timed(lambda: selectors.response_metrics(membership.company), READS),
    )


def run(n: int) -> Iterator[tuple[str, int, float]]:
    yield from bench_fraud(n)
    yield from bench_reads(n)
