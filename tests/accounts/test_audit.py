"""The audit log is append-only in the database itself, on SQLite and PostgreSQL."""

import sqlite3
from datetime import UTC, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import UserFactory
from tradeloom.accounts.audit import audit, client_ip
from tradeloom.accounts.models import AuditEntry


@pytest.fixture
def entry(supplier):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    return audit(
        "member.role_changed",
        actor=supplier.user,
        company=supplier.company,
        obj=supplier,
        request=request,
        details={"from": "sales", "to": "admin"},
    )


def refused(action):
    """Run ``action`` in its own savepoint and return the database's refusal."""
    with pytest.raises(DatabaseError) as info, transaction.atomic():
        action()
    return str(info.value)


# --- what a row carries ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_row_carries_actor_company_action_object_time_and_address(entry, supplier):
    row = AuditEntry.objects.get(pk=entry.pk)

    assert (row.actor, row.company, row.action) == (
        supplier.user,
        supplier.company,
        "member.role_changed",
    )
    assert (row.object_type, row.object_id) == ("accounts.membership", str(supplier.pk))
    assert (row.ip, row.details) == ("203.0.113.9", {"from": "sales", "to": "admin"})
    assert row.at.utcoffset() == timedelta(0)
    assert timezone.now() - row.at < timedelta(minutes=1)


@pytest.mark.django_db
def test_time_is_stored_in_utc():
    row = AuditEntry.objects.get(pk=audit("login.failed").pk)
    assert row.at.tzinfo is not None
    assert row.at.astimezone(UTC) == row.at


@pytest.mark.django_db
def test_an_anonymous_actor_is_recorded_as_nobody():
    from django.contrib.auth.models import AnonymousUser

    assert audit("login.failed", actor=AnonymousUser()).actor is None


@pytest.mark.parametrize(
    ("remote_addr", "stored"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8::1", "2001:db8::1"),
        ("", None),
        ("unix:/run/gunicorn.sock", None),
    ],
)
@pytest.mark.django_db
def test_the_client_address_is_stored_only_when_it_is_an_address(remote_addr, stored):
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr)

    row = audit("login.failed", request=request)

    assert client_ip(request) == stored
    assert AuditEntry.objects.get(pk=row.pk).ip == stored


@pytest.mark.django_db
def test_insert_works():
    before = AuditEntry.objects.count()
    AuditEntry.objects.create(action="test.insert", actor=UserFactory())
    assert AuditEntry.objects.count() == before + 1


# --- what the database refuses ------------------------------------------------------------


@pytest.mark.django_db
def test_a_queryset_update_is_refused(entry):
    message = refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(action="forged"))

    assert "append-only" in message
    assert AuditEntry.objects.get(pk=entry.pk).action == "member.role_changed"


@pytest.mark.django_db
def test_saving_a_changed_row_is_refused(entry):
    entry.details = {"from": "sales", "to": "owner"}

    assert "append-only" in refused(entry.save)
    assert AuditEntry.objects.get(pk=entry.pk).details == {"from": "sales", "to": "admin"}


@pytest.mark.django_db
def test_a_queryset_delete_is_refused(entry):
    assert "append-only" in refused(AuditEntry.objects.all().delete)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_deleting_a_row_is_refused(entry):
    assert "append-only" in refused(entry.delete)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_a_raw_sql_update_is_refused(entry):
    def raw_update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE accounts_auditentry SET ip = NULL WHERE id = %s", [entry.pk])

    assert "append-only" in refused(raw_update)
    assert AuditEntry.objects.get(pk=entry.pk).ip == "203.0.113.9"


@pytest.mark.django_db
def test_a_raw_sql_delete_is_refused(entry):
    def raw_delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounts_auditentry")

    assert "append-only" in refused(raw_delete)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_connection_without_the_guard_function_fails_closed(entry):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL's trigger needs no per-connection function")
    raw = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        with pytest.raises(sqlite3.OperationalError, match="tradeloom_purge_allowed"):
            raw.execute("DELETE FROM accounts_auditentry")
    finally:
        raw.close()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
