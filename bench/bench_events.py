"""Bookkeeping throughput: the analytics recorder, the outbox, and the worker's hourly
count of popular searches.

``record()`` runs on page views, ``record_event`` in every write. The figures say how
much headroom they leave on the configured database.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.db import transaction

BATCH = 100
SEARCHES_PER_N = 40  # search events per ``n`` for the popular searches' count


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def bench_analytics(n: int) -> Iterator[tuple[str, int, float]]:
    from tradeloom.analytics.models import AnalyticsEvent
    from tradeloom.analytics.recorder import ingest_spool, record

    def record_all():
        for i in range(n):
            record(
                "product.viewed",
                company_id=None,
                user_id=None,
                visitor=f"v{i % 97}",
                properties={"product": i, "lang": "ja"},
            )

    yield "analytics: record() to the spool file", n, _timed(record_all)
    ingested = []
    yield (
        "analytics: ingest the spool into the database",
        n,
        _timed(lambda: ingested.append(ingest_spool())),
    )
    assert ingested == [n] and AnalyticsEvent.objects.count() == n, "events were lost"


def bench_outbox(n: int) -> Iterator[tuple[str, int, float]]:
    from tradeloom.core import events
    from tradeloom.core.models import OutboxDelivery

    delivered: list[int] = []
    events.handler("bench.noop", "bench.happened")(lambda event: delivered.append(event.pk))
    try:

        def one_per_transaction():
            for i in range(n):
                with transaction.atomic():
                    events.record_event("bench.happened", {"i": i})

        yield "outbox: record_event, one per transaction", n, _timed(one_per_transaction)

        def batched():
            for start in range(0, n, BATCH):
                with transaction.atomic():
                    for i in range(start, min(start + BATCH, n)):
                        events.record_event("bench.happened", {"i": i})

        yield f"outbox: record_event, {BATCH} per transaction", n, _timed(batched)
        yield "outbox: deliver_due to a no-op handler", 2 * n, _timed(events.deliver_due)
    finally:
        events.unregister("bench.noop")
    pending = OutboxDelivery.objects.exclude(status=OutboxDelivery.Status.DELIVERED).count()
    assert len(delivered) == 2 * n and pending == 0, "deliveries were lost"


def bench_popular_searches(n: int) -> Iterator[tuple[str, int, float]]:
    """``popular.refresh`` over ``SEARCHES_PER_N * n`` product searches of the last 30
    days: 5,000 different searches in three languages, a few made by many visitors and
    most by few (as in a search log), from 20,000 visitors."""
    import random

    from django.utils import timezone

    from tradeloom.analytics.models import AnalyticsEvent
    from tradeloom.search import popular
    from tradeloom.search.models import PopularQuery

    rng = random.Random(7)
    languages = ["en", "ja", "zh-hans"]
    now = timezone.now()
    total = SEARCHES_PER_N * n
    for start in range(0, total, 5000):
        batch = []
        for _ in range(start, min(start + 5000, total)):
            query = int(rng.paretovariate(1.1)) % 5000
            batch.append(
                AnalyticsEvent(
                    name="search.query",
                    at=now,
                    visitor_id=f"visitor-{rng.randrange(20_000)}",
                    properties={
                        "kind": "products",
                        "q": f"search {query}",
                        "key": f"search {query}",
                        "language": languages[query % 3],
                        "results": 0 if query % 10 == 9 else 24,
                    },
                )
            )
        AnalyticsEvent.objects.bulk_create(batch)
    kept: list[int] = []
    yield (
        f"popular searches: refresh over {total:,} search events",
        total,
        _timed(lambda: kept.append(popular.refresh())),
    )
    assert kept[0] == PopularQuery.objects.count() > 0, "nothing was kept"


def run(n: int) -> Iterator[tuple[str, int, float]]:
    yield from bench_analytics(n)
    yield from bench_outbox(n)
    yield from bench_popular_searches(n)
