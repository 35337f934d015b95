"""Popular searches: made by several visitors, with results, offered first in their
language, and counted from the analytics events the search page writes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.search.conftest import live_product
from tradeloom.analytics.models import AnalyticsEvent
from tradeloom.analytics.recorder import VISITOR_COOKIE, ingest_spool
from tradeloom.core.management.commands.worker import SWEEPS
from tradeloom.search import popular
from tradeloom.search.models import PopularQuery
from tradeloom.search.suggest import suggest

pytestmark = pytest.mark.django_db


def searched(key: str, *, visitors: int, language: str = "en", results: int = 12, **extra):
    """``visitors`` different visitors made the product search ``key``."""
    for n in range(visitors):
        AnalyticsEvent.objects.create(
            name="search.query",
            visitor_id=extra.get("visitor", f"visitor-{key}-{n}"),
            at=extra.get("at", timezone.now()),
            properties={
                "kind": extra.get("kind", "products"),
                "q": key,
                "key": key,
                "language": language,
                "results": results,
            },
        )


def offered(typed: str, language: str = "en") -> list[str]:
    return [s.text for s in suggest(typed, language=language) if s.kind == "query"]


def test_a_search_made_by_enough_visitors_is_offered_first():
    searched("cashmere sweater", visitors=popular.MIN_SEARCHERS)
    searched("cashmere scarf", visitors=popular.MIN_SEARCHERS + 2)

    assert popular.refresh() == 2

    assert offered("cash") == ["cashmere scarf", "cashmere sweater"]
    assert offered("cashmere sw") == ["cashmere sweater"]
    assert suggest("cash", language="en")[0].kind == "query"


def test_searches_that_are_not_popular_are_never_offered():
    searched("too few", visitors=popular.MIN_SEARCHERS - 1)
    searched("one buyer again", visitors=popular.MIN_SEARCHERS + 3, visitor="the-same-one")
    searched("nothing found", visitors=popular.MIN_SEARCHERS, results=0)
    searched("long ago", visitors=popular.MIN_SEARCHERS,
             at=timezone.now() - timedelta(days=popular.WINDOW_DAYS + 1))  # fmt: skip
    searched("suppliers only", visitors=popular.MIN_SEARCHERS, kind="suppliers")
    searched("", visitors=popular.MIN_SEARCHERS)

    assert popular.refresh() == 0
    assert not PopularQuery.objects.exists()


def test_searches_are_offered_in_the_language_they_were_made_in():
    searched("カシミヤ", visitors=popular.MIN_SEARCHERS, language="ja")

    popular.refresh()

    assert offered("カシ", "ja") == ["カシミヤ"]
    assert offered("カシ", "zh-hans") == []


def test_a_refresh_replaces_what_was_kept():
    searched("wool socks", visitors=popular.MIN_SEARCHERS)
    popular.refresh()
    AnalyticsEvent.objects.update(at=timezone.now() - timedelta(days=popular.WINDOW_DAYS + 1))
    searched("wool scarf", visitors=popular.MIN_SEARCHERS)

    popular.refresh()

    assert offered("wool") == ["wool scarf"]


def test_only_the_limit_of_suggestions_is_popular_searches():
    for word in ("alpha", "alpine", "alps", "altitude"):
        searched(word, visitors=popular.MIN_SEARCHERS)
    popular.refresh()

    assert len(offered("al")) == 8 // 4
    assert len(suggest("al", language="en", limit=4)) <= 4


def test_only_the_most_made_searches_are_kept(monkeypatch):
    monkeypatch.setattr(popular, "MAX_KEPT", 1)
    searched("silk scarf", visitors=popular.MIN_SEARCHERS)
    searched("silk shirt", visitors=popular.MIN_SEARCHERS + 1)

    assert popular.refresh() == 1

    assert offered("silk") == ["silk shirt"]


def test_the_worker_counts_them_every_hour():
    assert ("tradeloom.search.popular", "refresh", 3600) in SWEEPS


def test_the_search_page_records_what_was_typed_as_autocomplete_compares_it(
    taxonomy, supplier, operator
):
    live_product(supplier, operator, titles={"en": "Cashmere crew-neck sweater"})
    typed = ["Cashmere  Sweater", "cashmere sweater!", "ＣＡＳＨＭＥＲＥ SWEATER"]
    for n in range(popular.MIN_SEARCHERS):
        buyer = Client()
        buyer.cookies[VISITOR_COOKIE] = f"buyer-{n}"
        buyer.get("/search/", {"q": typed[n % len(typed)]})
    Client().get("/search/", {"q": "cashmere " + "x" * 80})  # too long to be offered
    ingest_spool()

    keys = [e.properties["key"] for e in AnalyticsEvent.objects.filter(name="search.query")]
    popular.refresh()

    assert keys == ["cashmere sweater"] * popular.MIN_SEARCHERS + [""]
    assert offered("cashm") == ["cashmere sweater"]


def test_the_suggestions_fragment_and_the_api_offer_them(client):
    searched("merino wool", visitors=popular.MIN_SEARCHERS)
    popular.refresh()

    html = client.get("/search/suggest/", {"q": "meri"}).content.decode()
    found = client.get("/api/v1/search/suggestions", {"q": "meri"}).json()

    assert 'href="/search/?q=merino%20wool"' in html
    assert "Popular search" in html
    assert found[0] == {"kind": "query", "text": "merino wool", "category": None,
                        "product_id": None}  # fmt: skip
