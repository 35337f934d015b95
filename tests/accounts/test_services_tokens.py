"""Personal API tokens: shown once, stored hashed, touched on use, revocable."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken, AuditEntry, Membership, User
from tradeloom.core.errors import DomainError, NotFound

pytestmark = pytest.mark.django_db


def test_a_token_is_returned_once_and_only_its_hash_is_stored(supplier):
    token, raw = services.create_token(supplier, "  ERP sync  ")

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw.startswith(f"tl_{token.prefix}_")
    assert stored["token_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    assert not any(raw in str(value) for value in stored.values())
    assert (stored["name"], stored["user_id"], stored["company_id"]) == (
        "ERP sync",
        supplier.user_id,
        supplier.company_id,
    )


def test_creating_a_token_is_audited_without_the_secret(supplier):
    token, raw = services.create_token(supplier, "ERP sync")

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.company_id, entry.details) == (
        "token.created",
        supplier.user,
        supplier.company_id,
        {"name": "ERP sync", "prefix": token.prefix},
    )
    assert raw not in str(entry.details)


def test_a_token_needs_a_name(supplier):
    with pytest.raises(DomainError) as info:
        services.create_token(supplier, "  ")
    assert (info.value.code, info.value.details) == ("required", {"field": "name"})
    assert ApiToken.objects.count() == 0


def test_a_token_authenticates_as_its_membership_and_is_touched(supplier):
    token, raw = services.create_token(supplier, "ERP sync")

    membership = services.authenticate_token(raw)

    assert membership == supplier
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_last_used_is_touched_at_most_once_a_minute(supplier):
    token, raw = services.create_token(supplier, "ERP sync")
    services.authenticate_token(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at

    services.authenticate_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    services.authenticate_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_a_revoked_token_authenticates_nobody(supplier):
    token, raw = services.create_token(supplier, "ERP sync")
    services.revoke_token(supplier.user, token.pk)
    assert services.authenticate_token(raw) is None


def test_a_removed_members_token_authenticates_nobody(supplier):
    member = MembershipFactory(company=supplier.company, role="sales")
    _token, raw = services.create_token(member, "laptop")
    services.remove_member(supplier, member.pk)
    assert services.authenticate_token(raw) is None


def test_a_token_without_its_membership_authenticates_nobody(supplier):
    member = MembershipFactory(company=supplier.company, role="sales")
    _token, raw = services.create_token(member, "laptop")
    Membership.objects.filter(pk=member.pk).delete()  # the membership vanished, token unrevoked

    assert services.authenticate_token(raw) is None


def test_an_inactive_users_token_authenticates_nobody(supplier):
    _token, raw = services.create_token(supplier, "laptop")
    User.objects.filter(pk=supplier.user_id).update(is_active=False)
    assert services.authenticate_token(raw) is None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw[:-1] + ("A" if raw[-1] != "A" else "B"),
        lambda raw: raw.replace("tl_", "xx_", 1),
        lambda raw: raw.rsplit("_", 1)[0],
        lambda raw: "",
        lambda raw: "tl__",
        lambda raw: "Bearer " + raw,
    ],
)
def test_a_mangled_token_authenticates_nobody(supplier, mangle):
    _token, raw = services.create_token(supplier, "laptop")
    assert services.authenticate_token(mangle(raw)) is None


def test_revoking_is_audited_once(supplier):
    token, _ = services.create_token(supplier, "laptop")

    services.revoke_token(supplier.user, token.pk)
    services.revoke_token(supplier.user, token.pk)

    assert ApiToken.objects.get(pk=token.pk).revoked_at <= timezone.now()
    assert AuditEntry.objects.filter(action="token.revoked").count() == 1


def test_another_users_token_is_not_found(supplier):
    colleague = MembershipFactory(company=supplier.company, role="admin")
    token, raw = services.create_token(colleague, "theirs")

    with pytest.raises(NotFound):
        services.revoke_token(supplier.user, token.pk)

    assert services.authenticate_token(raw) == colleague


def test_tokens_of_one_user_in_two_companies_act_in_their_own_company(supplier, buyer):
    user = UserFactory()
    here = MembershipFactory(user=user, company=supplier.company, role="sales")
    there = MembershipFactory(user=user, company=buyer.company, role="purchaser")
    _, raw_here = services.create_token(here, "here")
    _, raw_there = services.create_token(there, "there")

    assert services.authenticate_token(raw_here) == here
    assert services.authenticate_token(raw_there) == there
