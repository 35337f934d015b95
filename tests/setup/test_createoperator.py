"""`tradeloom createoperator`: create a platform operator or promote a user."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import PASSWORD, UserFactory
from tradeloom.accounts.models import AuditEntry, User

pytestmark = pytest.mark.django_db


def create_operator(*args: str) -> str:
    out = io.StringIO()
    call_command("createoperator", *args, stdout=out)
    return out.getvalue()


def test_creates_a_verified_operator_who_can_sign_in():
    create_operator(
        "--email", "Ops@Example.com", "--name", "Olga Ops", "--password", "loom-keeper-2026"
    )

    user = User.objects.get(email="ops@example.com")
    assert (user.is_operator, user.email_verified, user.full_name) == (True, True, "Olga Ops")
    assert user.check_password("loom-keeper-2026")


def test_promotes_an_existing_user_and_keeps_their_password():
    user = UserFactory(email="lin@example.com", full_name="Lin")

    output = create_operator("--email", "lin@example.com", "--password", "ignored-pass-2026")

    user.refresh_from_db()
    assert user.is_operator is True
    assert user.check_password(PASSWORD)
    assert output == "lin@example.com is an operator (password unchanged).\n"


def test_promotion_is_audited_once():
    UserFactory(email="lin@example.com")

    create_operator("--email", "lin@example.com")
    create_operator("--email", "lin@example.com")

    assert AuditEntry.objects.filter(action="user.operator_granted").count() == 1


def test_a_common_password_is_refused_and_nothing_is_created():
    with pytest.raises(CommandError, match="too common"):
        create_operator("--email", "ops@example.com", "--name", "Olga", "--password", "password123")

    assert not User.objects.filter(email="ops@example.com").exists()


def test_a_new_account_needs_a_name():
    with pytest.raises(CommandError, match="--name is required"):
        create_operator("--email", "ops@example.com", "--password", "loom-keeper-2026")


def test_without_a_terminal_a_new_account_needs_a_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    with pytest.raises(CommandError, match="Give --password"):
        create_operator("--email", "ops@example.com", "--name", "Olga")


def test_an_invalid_email_is_refused():
    with pytest.raises(CommandError, match="valid email"):
        create_operator("--email", "not-an-email", "--name", "Olga", "--password", "x-y-z-2026-q")
