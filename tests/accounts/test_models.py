"""Invariants the account models hold by themselves."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tradeloom.accounts.models import ApiToken, Invitation, User

pytestmark = pytest.mark.django_db


def invitation(**fields):
    owner = MembershipFactory(role="owner")
    defaults = {
        "company": owner.company,
        "email": "new@example.com",
        "role": "sales",
        "token_hash": "h" * 64,
        "invited_by": owner.user,
        "expires_at": timezone.now() + timedelta(days=1),
    }
    return Invitation.objects.create(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, "pending"),
        ({"accepted_at": timezone.now()}, "accepted"),
        ({"revoked_at": timezone.now()}, "revoked"),
        ({"expires_at": timezone.now() - timedelta(seconds=1)}, "expired"),
        (
            {"expires_at": timezone.now() - timedelta(days=1), "accepted_at": timezone.now()},
            "accepted",
        ),
    ],
)
def test_invitation_status(fields, status):
    assert invitation(**fields).status == status


def test_the_manager_stores_emails_in_lower_case():
    assert (
        User.objects.create_user("Mei@Example.COM", "knit one purl two", full_name="Mei").email
        == "mei@example.com"
    )


def test_an_email_is_unique():
    UserFactory(email="mei@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="mei@example.com")


def test_login_lookup_ignores_case():
    user = UserFactory(email="mei@example.com")
    assert User.objects.get_by_natural_key("MEI@example.com") == user


def test_a_user_is_in_a_company_once():
    member = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(user=member.user, company=member.company, role="sales")


def test_changing_the_password_changes_the_session_hash():
    user = UserFactory()
    before = user.get_session_auth_hash()
    user.set_password("a different passphrase")
    assert user.get_session_auth_hash() != before


def test_a_token_secret_carries_its_prefix():
    prefix, raw = ApiToken.new_secret()
    assert len(prefix) == 8
    assert raw.startswith(f"tl_{prefix}_")
    assert len(raw) > 40


def test_a_membership_answers_permission_questions():
    member = MembershipFactory(role="catalog")
    assert member.can("catalog.manage")
    assert not member.can("members.manage")


def test_verified_means_verified_status_only():
    assert CompanyFactory(verification_status="verified").is_verified
    assert not CompanyFactory(verification_status="pending").is_verified
