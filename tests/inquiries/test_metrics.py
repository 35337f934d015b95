"""Response metrics: share of new conversations answered within 24 hours and median
first-response time over the last 30 days."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.factories import CompanyFactory
from tradeloom.inquiries.models import Conversation
from tradeloom.inquiries.selectors import response_metrics, response_metrics_many
from tradeloom.inquiries.templatetags.inquiries_tags import response_time


def _conv(supplier, buyer_company, created_ago: timedelta, answered_after: timedelta | None):
    now = timezone.now()
    created = now - created_ago
    return Conversation.objects.create(
        buyer=buyer_company,
        supplier=supplier,
        created_at=created,
        first_response_at=created + answered_after if answered_after is not None else None,
        first_response_seconds=(
            int(answered_after.total_seconds()) if answered_after is not None else None
        ),
    )


def test_metrics_over_the_last_30_days(supplier):
    company = supplier.company
    buyers = [CompanyFactory(kind="buyer") for _ in range(6)]
    _conv(company, buyers[0], timedelta(days=1), timedelta(hours=2))
    _conv(company, buyers[1], timedelta(days=3), timedelta(hours=10))
    _conv(company, buyers[2], timedelta(days=5), timedelta(hours=30))  # answered, but late
    _conv(company, buyers[3], timedelta(days=6), None)  # never answered
    _conv(company, buyers[4], timedelta(days=45), timedelta(minutes=5))  # too old
    linked = _conv(company, buyers[5], timedelta(days=2), timedelta(hours=1))
    Conversation.objects.filter(pk=linked.pk).update(reference="rfq:1")  # not a new inquiry
    metrics = response_metrics(company)
    assert metrics.conversations == 4
    assert metrics.answered_within_24h == 2
    assert metrics.response_rate_percent == 50
    assert metrics.median_first_response_seconds == 10 * 3600
    assert response_metrics_many([company.pk])[company.pk] == metrics


def test_no_data(supplier):
    metrics = response_metrics(supplier.company)
    assert metrics.response_rate is None
    assert not metrics.enough_data
    assert metrics.median_first_response is None


def test_first_response_comes_from_the_service(buyer, supplier, conversation):
    from tradeloom.inquiries import services

    services.send_message(supplier, conversation.pk, "Hi!")
    metrics = response_metrics(supplier.company)
    assert (metrics.conversations, metrics.answered_within_24h) == (1, 1)
    assert metrics.median_first_response_seconds is not None


def test_response_time_words():
    assert response_time(timedelta(minutes=20)) == "under an hour"
    assert response_time(timedelta(hours=5)) == "5 hours"
    assert response_time(timedelta(days=3)) == "3 days"


def test_storefront_and_product_page_load_the_metrics(client, supplier, conversation, product):
    from django.core.cache import cache
    from django.urls import reverse

    from tradeloom.inquiries import services

    cache.clear()
    url = reverse("inquiries:metrics", args=[supplier.company_id])
    store = client.get(reverse("catalog:storefront", args=[supplier.company.slug]))
    assert f'hx-get="{url}"' in store.content.decode()
    page = client.get(reverse("catalog:product", args=[product.pk]))
    assert f'hx-get="{url}?style=compact"' in page.content.decode()
    assert "not enough data yet" in client.get(url).content.decode()
    services.send_message(supplier, conversation.pk, "Hi!")
    cache.clear()
    assert "100% within 24 h" in client.get(url).content.decode()
    assert "Replies to 100% within 24 h" in client.get(url + "?style=compact").content.decode()
    assert client.get(reverse("inquiries:metrics", args=[conversation.buyer_id])).status_code == 404
