"""Users: registration, email verification, login with its rate limit, sessions, deactivation."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django.core import signing
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import PASSWORD, CompanyFactory, MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken, AuditEntry, User
from tradeloom.core.errors import Conflict, DomainError, RateLimited
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "knit one purl two"


def request_from(ip="203.0.113.7"):
    return RequestFactory().post("/accounts/login/", REMOTE_ADDR=ip)


# --- registration ---------------------------------------------------------------------


def test_register_creates_an_unverified_user_with_an_argon2_hash():
    user = services.register_user(
        email=" Mei.Lin@Example.COM ", password=GOOD_PASSWORD, full_name=" Mei Lin ", language="ja"
    )

    assert (user.email, user.full_name, user.language) == ("mei.lin@example.com", "Mei Lin", "ja")
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(GOOD_PASSWORD)
    assert not user.email_verified


def test_register_records_the_registration_event():
    user = services.register_user(email="mei@example.com", password=GOOD_PASSWORD, full_name="Mei")

    event = OutboxEvent.objects.get()
    assert (event.name, event.payload, event.actor) == (
        "user.registered",
        {"user_id": user.id},
        user,
    )


def test_register_pre_verified_records_no_event():
    user = services.register_user(
        email="mei@example.com", password=GOOD_PASSWORD, full_name="Mei", verified=True
    )

    assert user.email_verified
    assert OutboxEvent.objects.count() == 0


def test_an_unknown_language_falls_back_to_english():
    user = services.register_user(
        email="mei@example.com", password=GOOD_PASSWORD, full_name="Mei", language="xx"
    )
    assert user.language == "en"


def test_duplicate_email_in_other_case_is_taken_and_nothing_is_created():
    UserFactory(email="mei@example.com")

    with pytest.raises(Conflict) as info:
        services.register_user(email="MEI@example.com", password=GOOD_PASSWORD, full_name="Mei")

    assert (info.value.code, info.value.status, info.value.details) == (
        "email_taken",
        409,
        {"field": "email"},
    )
    assert User.objects.count() == 1
    assert OutboxEvent.objects.count() == 0


@pytest.mark.parametrize(
    "password",
    [
        "short1!",  # under eight characters
        "password",  # common
        "iloveyou123",  # common
        "8675309123",  # numeric
        "mei.lin.example",  # too close to the email address
        "",
    ],
)
def test_a_weak_password_is_refused_and_nothing_is_created(password):
    with pytest.raises(DomainError) as info:
        services.register_user(email="mei.lin@example.com", password=password, full_name="Mei Lin")

    assert info.value.code == "weak_password"
    assert info.value.details["field"] == "password"
    assert info.value.details["problems"]
    assert User.objects.count() == 0


def test_a_long_passphrase_of_64_and_more_characters_is_accepted():
    passphrase = "the quick brown fox knits a warm sweater for the winter market!!" * 2
    assert len(passphrase) == 128

    user = services.register_user(email="mei@example.com", password=passphrase, full_name="Mei")

    assert user.check_password(passphrase)


def test_a_password_over_128_characters_is_refused():
    with pytest.raises(DomainError) as info:
        services.register_user(
            email="mei@example.com", password="k" * 60 + "x" * 69, full_name="Mei"
        )
    assert info.value.code == "weak_password"
    assert "at most 128 characters" in info.value.message


def test_an_invalid_email_is_refused():
    with pytest.raises(DomainError) as info:
        services.register_user(email="not-an-email", password=GOOD_PASSWORD, full_name="Mei")
    assert (info.value.code, info.value.details) == ("invalid_email", {"field": "email"})


def test_a_blank_name_is_refused():
    with pytest.raises(DomainError) as info:
        services.register_user(email="mei@example.com", password=GOOD_PASSWORD, full_name="  ")
    assert (info.value.code, info.value.details) == ("required", {"field": "full_name"})


# --- email verification ------------------------------------------------------------------


def test_a_valid_verification_token_verifies_and_audits():
    user = UserFactory(email_verified_at=None)

    assert services.verify_email(services.email_verification_token(user)) == user

    user.refresh_from_db()
    assert user.email_verified
    assert AuditEntry.objects.filter(action="user.email_verified", actor=user).count() == 1


def test_verifying_twice_keeps_the_first_time():
    user = UserFactory(email_verified_at=None)
    token = services.email_verification_token(user)
    services.verify_email(token)
    first = User.objects.get(pk=user.pk).email_verified_at

    services.verify_email(token)

    assert User.objects.get(pk=user.pk).email_verified_at == first


def test_an_expired_verification_token_is_refused(monkeypatch, settings):
    user = UserFactory(email_verified_at=None)
    four_days_ago = time.time() - settings.EMAIL_VERIFICATION_MAX_AGE - 60
    monkeypatch.setattr(signing.time, "time", lambda: four_days_ago)
    token = services.email_verification_token(user)
    monkeypatch.undo()

    with pytest.raises(DomainError) as info:
        services.verify_email(token)

    assert info.value.code == "token_expired"
    assert not User.objects.get(pk=user.pk).email_verified


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "garbage",
        lambda token: "",
        lambda token: signing.dumps({"u": 1, "e": "x@example.com"}, salt="another.purpose"),
    ],
)
def test_a_forged_verification_token_is_refused(forge):
    user = UserFactory(email_verified_at=None)

    with pytest.raises(DomainError) as info:
        services.verify_email(forge(services.email_verification_token(user)))

    assert info.value.code == "token_invalid"
    assert not User.objects.get(pk=user.pk).email_verified


def test_a_token_for_a_changed_address_is_refused():
    user = UserFactory(email_verified_at=None, email="old@example.com")
    token = services.email_verification_token(user)
    User.objects.filter(pk=user.pk).update(email="new@example.com")

    with pytest.raises(DomainError) as info:
        services.verify_email(token)
    assert info.value.code == "token_invalid"


# --- login -----------------------------------------------------------------------------------


def test_login_succeeds_and_audits_it():
    user = UserFactory(email="mei@example.com")

    assert services.authenticate_login(request_from(), "MEI@example.com ", PASSWORD) == user

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip) == ("login.succeeded", user, "203.0.113.7")


def test_a_wrong_password_fails_and_audits_the_attempt():
    UserFactory(email="mei@example.com")

    with pytest.raises(DomainError) as info:
        services.authenticate_login(request_from(), "mei@example.com", "wrong password")

    assert (info.value.code, info.value.status) == ("invalid_credentials", 401)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip, entry.details) == (
        "login.failed",
        None,
        "203.0.113.7",
        {"email": "mei@example.com"},
    )


def test_an_unknown_email_fails_the_same_way():
    with pytest.raises(DomainError) as info:
        services.authenticate_login(request_from(), "nobody@example.com", PASSWORD)
    assert info.value.code == "invalid_credentials"
    assert AuditEntry.objects.get().action == "login.failed"


def test_an_inactive_user_cannot_log_in():
    UserFactory(email="mei@example.com", is_active=False)
    with pytest.raises(DomainError) as info:
        services.authenticate_login(request_from(), "mei@example.com", PASSWORD)
    assert info.value.code == "invalid_credentials"


def fail_logins(email, times, ip="203.0.113.7"):
    for _ in range(times):
        with pytest.raises(DomainError):
            services.authenticate_login(request_from(ip), email, "wrong password")


def test_after_the_failure_limit_even_the_right_password_is_rate_limited(settings):
    UserFactory(email="mei@example.com")
    fail_logins("mei@example.com", settings.LOGIN_FAILURE_LIMIT)

    with pytest.raises(RateLimited) as info:
        services.authenticate_login(request_from("198.51.100.1"), "mei@example.com", PASSWORD)

    assert (info.value.code, info.value.status) == ("rate_limited", 429)
    assert info.value.details == {"retry_after": settings.LOGIN_FAILURE_WINDOW}
    assert not AuditEntry.objects.filter(action="login.succeeded").exists()


def test_one_failure_below_the_limit_still_logs_in(settings):
    user = UserFactory(email="mei@example.com")
    fail_logins("mei@example.com", settings.LOGIN_FAILURE_LIMIT - 1)

    assert services.authenticate_login(request_from(), "mei@example.com", PASSWORD) == user


def test_failures_older_than_the_window_do_not_count(settings):
    user = UserFactory(email="mei@example.com")
    long_ago = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW + 1)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        AuditEntry.objects.create(
            action="login.failed",
            at=long_ago,
            ip="203.0.113.7",
            details={"email": "mei@example.com"},
        )

    assert services.authenticate_login(request_from(), "mei@example.com", PASSWORD) == user


def test_failures_for_other_emails_from_one_address_hit_the_address_limit(settings):
    settings.LOGIN_FAILURE_IP_LIMIT = 3
    UserFactory(email="mei@example.com")
    for n in range(3):
        fail_logins(f"guess{n}@example.com", 1, ip="192.0.2.9")

    with pytest.raises(RateLimited):
        services.authenticate_login(request_from("192.0.2.9"), "mei@example.com", PASSWORD)


def test_the_address_limit_does_not_block_other_addresses(settings):
    settings.LOGIN_FAILURE_IP_LIMIT = 3
    user = UserFactory(email="mei@example.com")
    for n in range(3):
        fail_logins(f"guess{n}@example.com", 1, ip="192.0.2.9")

    assert (
        services.authenticate_login(request_from("192.0.2.10"), "mei@example.com", PASSWORD) == user
    )


# --- sessions and deactivation -----------------------------------------------------------


def logged_in_request(client, user):
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def test_end_all_sessions_changes_the_session_hash():
    user = UserFactory()
    before = user.get_session_auth_hash()

    services.end_all_sessions(user)

    assert user.get_session_auth_hash() != before
    assert User.objects.get(pk=user.pk).get_session_auth_hash() == user.get_session_auth_hash()


def test_end_all_sessions_logs_out_an_existing_session(client):
    user = UserFactory()
    request = logged_in_request(client, user)
    assert get_user(request) == user

    services.end_all_sessions(user)

    assert not get_user(request).is_authenticated


def test_deactivation_ends_sessions_revokes_tokens_and_audits(client):
    member = MembershipFactory(role="sales")
    request = logged_in_request(client, member.user)
    token, _raw = services.create_token(member, "laptop")

    services.deactivate_user(member.user)

    member.user.refresh_from_db()
    assert not member.user.is_active
    assert not get_user(request).is_authenticated
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert AuditEntry.objects.filter(action="user.deactivated", actor=member.user).count() == 1


def test_the_last_owner_of_a_company_with_colleagues_cannot_deactivate():
    owner = MembershipFactory(role="owner")
    MembershipFactory(company=owner.company, role="sales")

    with pytest.raises(DomainError) as info:
        services.deactivate_user(owner.user)

    assert info.value.code == "last_owner"
    assert User.objects.get(pk=owner.user_id).is_active


def test_a_sole_trader_can_deactivate():
    owner = MembershipFactory(role="owner", company=CompanyFactory())

    services.deactivate_user(owner.user)

    assert not User.objects.get(pk=owner.user_id).is_active


def test_one_of_two_owners_can_deactivate():
    owner = MembershipFactory(role="owner")
    MembershipFactory(company=owner.company, role="owner")

    services.deactivate_user(owner.user)

    assert not User.objects.get(pk=owner.user_id).is_active


def test_a_deactivated_user_cannot_log_in():
    user = UserFactory(email="mei@example.com")
    services.deactivate_user(user)

    with pytest.raises(DomainError) as info:
        services.authenticate_login(request_from(), "mei@example.com", PASSWORD)
    assert info.value.code == "invalid_credentials"
