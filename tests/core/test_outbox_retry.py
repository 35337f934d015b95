"""Deliveries the worker gave up on are put back by `tradeloom outbox_retry`, so an event
whose handler was down for longer than the back-off still reaches it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.core.test_outbox import probe, time_travel_past_backoff  # noqa: F401  (the fixture)
from tradeloom.core.events import deliver_due, record_event, retry_failed
from tradeloom.core.models import OutboxDelivery

pytestmark = pytest.mark.django_db


def given_up(probe, payload=None):  # noqa: F811
    """An event whose only delivery failed OUTBOX_MAX_ATTEMPTS times and was given up."""
    probe.failures_left = settings.OUTBOX_MAX_ATTEMPTS
    event = record_event("test.happened", payload)
    delivery = event.deliveries.get()
    for _ in range(settings.OUTBOX_MAX_ATTEMPTS):
        deliver_due()
        time_travel_past_backoff(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", settings.OUTBOX_MAX_ATTEMPTS)
    return event


def outbox_retry(*args) -> str:
    out = StringIO()
    call_command("outbox_retry", *args, stdout=out)
    return out.getvalue()


def snapshot(delivery_id):
    return OutboxDelivery.objects.filter(pk=delivery_id).values().get()


def test_a_given_up_delivery_is_delivered_once_the_handler_recovers_and_it_is_retried(
    probe,  # noqa: F811
):
    event = given_up(probe)
    assert deliver_due() == 0  # the worker alone never tries again

    output = outbox_retry("--all")
    delivered = deliver_due()

    delivery = event.deliveries.get()
    assert output == "1 failed delivery put back to pending.\n"
    assert delivered == 1
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("delivered", 1, "")
    assert probe.calls == [event.id] * (settings.OUTBOX_MAX_ATTEMPTS + 1)


def test_a_put_back_delivery_is_pending_due_now_with_no_attempts_and_its_last_error(
    probe,  # noqa: F811
):
    event = given_up(probe)
    before = timezone.now()

    assert retry_failed() == 1

    delivery = event.deliveries.get()
    assert (delivery.status, delivery.attempts, delivery.leased_until) == ("pending", 0, None)
    assert before <= delivery.next_attempt_at <= timezone.now()
    assert delivery.last_error == "RuntimeError: mail server down"


def test_a_handler_still_failing_after_the_retry_gets_the_full_back_off_again(
    probe,  # noqa: F811
):
    event = given_up(probe)
    outbox_retry(str(event.id))
    probe.failures_left = 1

    assert deliver_due() == 0

    delivery = event.deliveries.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)


def test_event_ids_choose_which_failed_deliveries_are_put_back(probe):  # noqa: F811
    chosen = given_up(probe, {"n": 1})
    other = given_up(probe, {"n": 2})

    output = outbox_retry(str(chosen.id))

    assert output == "1 failed delivery put back to pending.\n"
    assert chosen.deliveries.get().status == "pending"
    assert other.deliveries.get().status == "failed"


def test_the_command_touches_nothing_pending_or_delivered(probe):  # noqa: F811
    failed = given_up(probe).deliveries.get()
    delivered = record_event("test.happened").deliveries.get()
    deliver_due()
    probe.failures_left = 1
    backing_off = record_event("test.happened").deliveries.get()
    deliver_due()
    leased = record_event("test.happened").deliveries.get()
    OutboxDelivery.objects.filter(pk=leased.pk).update(
        leased_until=timezone.now() + timedelta(minutes=1)
    )
    untouched = [snapshot(d.pk) for d in (delivered, backing_off, leased)]
    assert [row["status"] for row in untouched] == ["delivered", "pending", "pending"]
    assert untouched[1]["attempts"] == 1

    output = outbox_retry("--all")

    assert output == "1 failed delivery put back to pending.\n"
    assert [snapshot(d.pk) for d in (delivered, backing_off, leased)] == untouched
    assert snapshot(failed.pk)["status"] == "pending"


def test_naming_an_event_without_failed_deliveries_puts_back_nothing(probe):  # noqa: F811
    event = record_event("test.happened")
    deliver_due()
    before = snapshot(event.deliveries.get().pk)

    assert outbox_retry(str(event.id)) == "0 failed deliveries put back to pending.\n"
    assert snapshot(before["id"]) == before


@pytest.mark.parametrize("args", [(), ("--all", "7")])
def test_the_command_needs_either_all_or_event_ids(args):
    with pytest.raises(CommandError, match="Give --all or one or more event ids"):
        outbox_retry(*args)


@pytest.mark.django_db(transaction=True)
def test_putting_deliveries_back_nudges_the_worker_once_committed(probe):  # noqa: F811
    given_up(probe)
    DBTaskResult.objects.all().delete()

    outbox_retry("--all")

    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("tradeloom.core.tasks.deliver_outbox", "READY")
    ]
