"""The analytics recorder: cheap spool writes in requests, batched inserts by the worker."""

import json
import threading
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tradeloom.analytics.models import AnalyticsEvent
from tradeloom.analytics.recorder import VISITOR_COOKIE, ingest_spool, record, visitor_id


def spooled_lines(settings):
    return [
        json.loads(line)
        for path in sorted(settings.ANALYTICS_SPOOL_DIR.glob("*.jsonl"))
        for line in path.read_text().splitlines()
    ]


def spool_line(**fields):
    data = {"name": "page.viewed", "at": "2025-01-01T00:00:00+00:00", **fields}
    return json.dumps(data)


def write_spool(settings, *lines, name="events-1-1.jsonl"):
    settings.ANALYTICS_SPOOL_DIR.mkdir(parents=True, exist_ok=True)
    (settings.ANALYTICS_SPOOL_DIR / name).write_text("".join(line + "\n" for line in lines))


# --- recording ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_record_writes_nothing_to_the_database(settings, django_assert_num_queries, supplier):
    with django_assert_num_queries(0):
        record(
            "product.viewed",
            company_id=supplier.company_id,
            user_id=supplier.user_id,
            visitor="v1",
            obj=supplier.company,
            properties={"source": "search"},
        )

    assert AnalyticsEvent.objects.count() == 0
    [line] = spooled_lines(settings)
    assert {k: v for k, v in line.items() if k != "at"} == {
        "name": "product.viewed",
        "company_id": supplier.company_id,
        "user_id": supplier.user_id,
        "visitor_id": "v1",
        "object_type": "accounts.company",
        "object_id": str(supplier.company_id),
        "properties": {"source": "search"},
    }
    assert datetime.fromisoformat(line["at"]).tzinfo is not None


@pytest.mark.django_db
def test_record_reads_user_company_and_visitor_from_the_request_without_queries(
    settings, django_assert_num_queries, supplier
):
    request = RequestFactory().get("/", HTTP_COOKIE=f"{VISITOR_COOKIE}=abc123")
    request.user = supplier.user
    request.membership = supplier

    with django_assert_num_queries(0):
        record("page.viewed", request=request)

    [line] = spooled_lines(settings)
    assert (line["user_id"], line["company_id"], line["visitor_id"]) == (
        supplier.user_id,
        supplier.company_id,
        "abc123",
    )


def test_an_anonymous_visitor_gets_a_fresh_id_kept_on_the_request(settings):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    record("page.viewed", request=request)

    [line] = spooled_lines(settings)
    assert line["user_id"] is None
    assert len(line["visitor_id"]) == 32
    assert request.visitor_id == line["visitor_id"]


def test_an_oversized_visitor_cookie_is_replaced():
    request = RequestFactory().get("/", HTTP_COOKIE=f"{VISITOR_COOKIE}={'x' * 65}")
    assert len(visitor_id(request)) == 32


def test_an_unwritable_spool_never_raises(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the spool folder should be")
    settings.ANALYTICS_SPOOL_DIR = blocker / "spool"

    record("page.viewed", visitor="v1")  # must not raise


def test_an_unserialisable_object_is_dropped_quietly(settings):
    record("page.viewed", obj=object())
    assert spooled_lines(settings) == []


def test_an_oversized_event_is_dropped(settings):
    record("search.made", properties={"q": "x" * 5000})
    assert spooled_lines(settings) == []


def test_threads_write_whole_lines(settings):
    def burst(n):
        for i in range(200):
            record("page.viewed", visitor=f"t{n}", properties={"i": i})

    threads = [threading.Thread(target=burst, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(spooled_lines(settings)) == 800


# --- ingesting ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ingest_inserts_spooled_events_in_one_batch(settings):
    for i in range(3):
        record("page.viewed", visitor=f"v{i}", properties={"path": f"/p/{i}"})

    with CaptureQueriesContext(connection) as queries:
        assert ingest_spool() == 3

    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1

    rows = AnalyticsEvent.objects.order_by("visitor_id")
    assert [(r.name, r.visitor_id, r.properties) for r in rows] == [
        ("page.viewed", "v0", {"path": "/p/0"}),
        ("page.viewed", "v1", {"path": "/p/1"}),
        ("page.viewed", "v2", {"path": "/p/2"}),
    ]


@pytest.mark.django_db
def test_ingest_empties_the_spool(settings):
    record("page.viewed", visitor="v1")
    ingest_spool()

    assert list(settings.ANALYTICS_SPOOL_DIR.iterdir()) == [
        settings.ANALYTICS_SPOOL_DIR / ".ingest.lock"
    ]
    assert ingest_spool() == 0
    assert AnalyticsEvent.objects.count() == 1


@pytest.mark.django_db
def test_ingest_keeps_times_and_ids(settings):
    user = UserFactory()
    write_spool(
        settings,
        spool_line(
            user_id=user.id,
            company_id=7,
            object_type="catalog.product",
            object_id="42",
            at="2025-03-04T05:06:07+00:00",
        ),
    )

    ingest_spool()

    row = AnalyticsEvent.objects.get()
    assert (row.at, row.user_id, row.company_id, row.object_type, row.object_id) == (
        datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
        user.id,
        7,
        "catalog.product",
        "42",
    )


@pytest.mark.parametrize(
    "bad",
    [
        "{not json",
        '{"name": "page.viewed"}',
        json.dumps({"name": "page.viewed", "at": "yesterday"}),
        json.dumps({"name": None, "at": "2025-01-01T00:00:00+00:00"}),
        json.dumps({"name": "page.viewed", "at": "2025-01-01T00:00:00"}),
        json.dumps({"name": "page.viewed", "at": "2025-01-01T00:00:00+00:00", "user_id": "7"}),
        json.dumps({"name": "page.viewed", "at": "2025-01-01T00:00:00+00:00", "properties": [1]}),
        json.dumps(["page.viewed"]),
    ],
)
@pytest.mark.django_db
def test_a_malformed_line_is_skipped_and_the_rest_ingested(settings, bad):
    write_spool(settings, spool_line(visitor_id="before"), bad, spool_line(visitor_id="after"))

    assert ingest_spool() == 2

    assert sorted(AnalyticsEvent.objects.values_list("visitor_id", flat=True)) == [
        "after",
        "before",
    ]
    assert not list(settings.ANALYTICS_SPOOL_DIR.glob("*.ingesting"))


@pytest.mark.django_db
def test_a_nul_character_does_not_block_ingestion(settings):
    write_spool(settings, spool_line(visitor_id="v\u00001", properties={"q": "wool\u0000"}))

    assert ingest_spool() == 1

    row = AnalyticsEvent.objects.get()
    assert (row.visitor_id, row.properties) == ("v1", {"q": "wool"})


@pytest.mark.django_db
def test_a_file_left_by_a_crashed_ingester_is_ingested(settings):
    write_spool(settings, spool_line(visitor_id="left"), name="events-1-1.abcd1234.ingesting")

    assert ingest_spool() == 1
    assert AnalyticsEvent.objects.get().visitor_id == "left"


@pytest.mark.django_db
def test_a_second_ingester_waits_its_turn(settings):
    import fcntl

    record("page.viewed", visitor="v1")
    with open(settings.ANALYTICS_SPOOL_DIR / ".ingest.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert ingest_spool() == 0

    assert ingest_spool() == 1


@pytest.mark.django_db(transaction=True)  # the sweep closes connections, as a worker must
def test_the_worker_sweep_ingests_the_spool(settings):
    from tradeloom.core.management.commands.worker import sweep_once

    record("page.viewed", visitor="v1")

    sweep_once()

    assert AnalyticsEvent.objects.get().visitor_id == "v1"
