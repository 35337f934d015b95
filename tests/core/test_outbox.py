from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory
from tradeloom.core.events import backoff, deliver_due, handler, record_event, unregister
from tradeloom.core.models import Notification, OutboxDelivery, OutboxEvent

pytestmark = pytest.mark.django_db


class Probe:
    """A test handler that records calls and fails while told to."""

    def __init__(self):
        self.calls: list[int] = []
        self.failures_left = 0
        self.effect_user = None

    def __call__(self, event):
        self.calls.append(event.id)
        if self.effect_user is not None:
            Notification.objects.create(user=self.effect_user, event=event, kind="test.effect")
        if self.failures_left:
            self.failures_left -= 1
            raise RuntimeError("mail server down")


@pytest.fixture
def probe():
    fn = Probe()
    handler("test.probe", "test.happened")(fn)
    yield fn
    unregister("test.probe")


def time_travel_past_backoff(delivery_id):
    OutboxDelivery.objects.filter(pk=delivery_id).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_event_and_deliveries_are_written_with_the_change(probe):
    event = record_event("test.happened", {"order": 7})

    assert OutboxEvent.objects.get().payload == {"order": 7}
    assert list(event.deliveries.values_list("handler", "status")) == [("test.probe", "pending")]


def test_a_rolled_back_transaction_leaves_no_event(probe):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event("test.happened", {"order": 7})
        raise RuntimeError("the change failed")

    assert OutboxEvent.objects.count() == 0
    assert OutboxDelivery.objects.count() == 0


def test_one_delivery_per_subscribed_handler(probe):
    handler("test.second", "test.happened")(lambda event: None)
    handler("test.everything", "*")(lambda event: None)
    handler("test.other", "test.other_event")(lambda event: None)
    try:
        event = record_event("test.happened")
    finally:
        for name in ("test.second", "test.everything", "test.other"):
            unregister(name)

    assert sorted(event.deliveries.values_list("handler", flat=True)) == [
        "test.everything",
        "test.probe",
        "test.second",
    ]


def test_an_event_nobody_subscribes_to_has_no_deliveries():
    event = record_event("test.unheard")
    assert event.deliveries.count() == 0


def test_unregister_stops_new_deliveries(probe):
    unregister("test.probe")
    assert record_event("test.happened").deliveries.count() == 0


def test_an_anonymous_actor_is_stored_as_none():
    assert record_event("test.unheard", actor=AnonymousUser()).actor is None


def test_commit_nudges_the_worker_with_a_task(probe, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record_event("test.happened")

    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("tradeloom.core.tasks.deliver_outbox", "READY")
    ]


def test_a_due_delivery_is_delivered_and_marked(probe):
    event = record_event("test.happened")

    assert deliver_due() == 1

    delivery = event.deliveries.get()
    assert probe.calls == [event.id]
    assert (delivery.status, delivery.attempts, delivery.leased_until, delivery.last_error) == (
        "delivered",
        1,
        None,
        "",
    )
    assert delivery.delivered_at is not None


def test_a_delivered_event_is_not_delivered_again(probe):
    event = record_event("test.happened")
    deliver_due()

    assert deliver_due() == 0
    assert probe.calls == [event.id]


def test_a_failing_handler_is_retried_after_a_back_off(probe):
    probe.failures_left = 1
    event = record_event("test.happened")
    before = timezone.now()

    assert deliver_due() == 0

    delivery = event.deliveries.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "RuntimeError: mail server down"
    assert delivery.leased_until is None
    assert before + backoff(1) <= delivery.next_attempt_at <= timezone.now() + backoff(1)


def test_a_failed_delivery_waits_for_its_back_off(probe):
    probe.failures_left = 1
    record_event("test.happened")
    deliver_due()

    assert deliver_due() == 0
    assert len(probe.calls) == 1


def test_a_retried_delivery_succeeds_once_the_handler_recovers(probe):
    probe.failures_left = 2
    event = record_event("test.happened")
    delivery = event.deliveries.get()
    for _ in range(2):
        deliver_due()
        time_travel_past_backoff(delivery.pk)

    assert deliver_due() == 1

    delivery.refresh_from_db()
    assert probe.calls == [event.id] * 3
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("delivered", 3, "")


def test_back_off_grows_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 12, 30)] == [2, 4, 8, 3600, 3600]


def test_handler_effects_roll_back_with_its_failure(probe):
    probe.effect_user = UserFactory()
    probe.failures_left = 1
    record_event("test.happened")

    deliver_due()

    assert Notification.objects.count() == 0


def test_handler_effects_commit_with_the_delivered_mark(probe):
    probe.effect_user = UserFactory()
    event = record_event("test.happened")

    deliver_due()

    assert list(Notification.objects.values_list("event_id", "kind")) == [(event.id, "test.effect")]
    assert event.deliveries.get().status == "delivered"


def test_gives_up_after_the_maximum_attempts_and_keeps_the_row(probe, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    probe.failures_left = 99
    event = record_event("test.happened")
    delivery = event.deliveries.get()
    for _ in range(3):
        deliver_due()
        time_travel_past_backoff(delivery.pk)

    assert deliver_due() == 0

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert delivery.last_error == "RuntimeError: mail server down"
    assert len(probe.calls) == 3
    assert OutboxEvent.objects.filter(pk=event.pk).exists()


def test_a_delivery_whose_handler_is_gone_is_retried_not_dropped(probe):
    event = record_event("test.happened")
    unregister("test.probe")

    deliver_due()

    delivery = event.deliveries.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "LookupError: no handler registered as 'test.probe'"


def test_a_leased_delivery_is_left_to_its_worker(probe):
    event = record_event("test.happened")
    event.deliveries.update(leased_until=timezone.now() + timedelta(minutes=1))

    assert deliver_due() == 0
    assert probe.calls == []


def test_an_expired_lease_is_taken_over(probe):
    event = record_event("test.happened")
    event.deliveries.update(leased_until=timezone.now() - timedelta(seconds=1))

    assert deliver_due() == 1
    assert probe.calls == [event.id]


def test_delivers_more_than_one_batch(probe):
    events = [record_event("test.happened") for _ in range(5)]

    assert deliver_due(batch=2) == 5
    assert probe.calls == [e.id for e in events]


@pytest.mark.django_db(transaction=True)
def test_a_non_atomic_handler_runs_outside_any_transaction():
    from django.db import connection

    seen = []
    handler("test.outside", "test.mailed", atomic=False)(
        lambda event: seen.append(connection.in_atomic_block)
    )
    try:
        record_event("test.mailed")
        deliver_due()
    finally:
        unregister("test.outside")

    assert seen == [False]
    assert OutboxDelivery.objects.get(handler="test.outside").status == "delivered"


@pytest.mark.django_db(transaction=True)
def test_a_failing_non_atomic_handler_is_retried():
    calls = []

    def flaky(event):
        calls.append(event.id)
        if len(calls) == 1:
            raise ConnectionError("smtp down")

    handler("test.outside", "test.mailed", atomic=False)(flaky)
    try:
        record_event("test.mailed")
        deliver_due()
        delivery = OutboxDelivery.objects.get(handler="test.outside")
        assert delivery.status == "pending"
        time_travel_past_backoff(delivery.pk)
        deliver_due()
    finally:
        unregister("test.outside")

    assert len(calls) == 2
    assert OutboxDelivery.objects.get(handler="test.outside").status == "delivered"
