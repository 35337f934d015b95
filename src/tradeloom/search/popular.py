"""Popular searches: what buyers searched for most, offered first in autocomplete.

Each product search is recorded with what was typed in the form autocomplete compares
(``search.query`` events carry ``key``, ``analyzer.prefix_key`` of the query). About once
an hour the worker counts, per language, the different visitors who made each search
with results in the last ``WINDOW_DAYS`` days, and keeps those made by at least
``MIN_SEARCHERS`` in ``PopularQuery``: one buyer repeating a query, or something typed
once, is never shown to others, and a search that found nothing is never offered. The
text offered is the key itself, so what one buyer typed verbatim is never shown."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count
from django.db.models.fields.json import KT
from django.utils import timezone

from tradeloom.analytics.models import AnalyticsEvent
from tradeloom.search.analyzer import AFTER_EVERY_KEY, PREFIX_KEY_CHARS, prefix_key
from tradeloom.search.models import PopularQuery

WINDOW_DAYS = 30
MIN_SEARCHERS = 3
MAX_KEPT = 20_000  # the most searched, over every language

COMPLETING_SQL = """
SELECT key FROM search_popularquery WHERE language = %s AND key >= %s AND key < %s
ORDER BY searchers DESC, key LIMIT %s
"""


def key_of(query: str) -> str:
    """What a search records for counting: the query as autocomplete compares it, or
    nothing for a query longer than a key (no buyer types one to be completed)."""
    return prefix_key(query) if len(query) <= PREFIX_KEY_CHARS else ""


def refresh() -> int:
    """Count the searches of the window again and replace the kept ones; returns how
    many are kept. The worker's sweep runs it once an hour (``worker.SWEEPS``)."""
    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    counted = (
        AnalyticsEvent.objects.filter(
            name="search.query", at__gte=since, properties__kind="products"
        )
        .filter(properties__results__gt=0)
        .exclude(visitor_id="")
        .annotate(language=KT("properties__language"), key=KT("properties__key"))
        .exclude(key__isnull=True)
        .values("language", "key")
        .annotate(searchers=Count("visitor_id", distinct=True))
        .filter(searchers__gte=MIN_SEARCHERS)
        .order_by("-searchers", "language", "key")[:MAX_KEPT]
    )
    kept = [
        PopularQuery(language=row["language"], key=row["key"], searchers=row["searchers"])
        for row in counted
        if row["language"] and row["key"]
    ]
    with transaction.atomic():
        PopularQuery.objects.all().delete()
        PopularQuery.objects.bulk_create(kept, batch_size=1000)
    return len(kept)


def completing(typed: str, language: str, limit: int) -> list[str]:
    """The most made searches in ``language`` that continue ``typed`` (a ``prefix_key``),
    most searchers first: a range of the index ``(language, key)``. In SQL, as it runs
    on every keystroke and the query builder took longer than the query."""
    if not typed or limit <= 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(COMPLETING_SQL, [language, typed, typed + AFTER_EVERY_KEY, limit])
        return [key for (key,) in cursor.fetchall()]
