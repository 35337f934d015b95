"""Races between real threads on PostgreSQL: owners and invitations stay consistent."""

import threading

import pytest
from django.db import connection

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import Membership
from tradeloom.core.errors import DomainError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


def race(*calls):
    """Run the calls at the same moment, each on its own connection; return outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except DomainError as exc:
            outcomes[i] = exc
        except Exception as exc:  # an unexpected error must fail the test, not vanish
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def two_owners():
    company = CompanyFactory()
    return (
        MembershipFactory(company=company, role="owner"),
        MembershipFactory(company=company, role="owner"),
    )


def succeeded(outcomes):
    return [o for o in outcomes if not isinstance(o, Exception)]


def refusals(outcomes):
    return sorted(o.code for o in outcomes if isinstance(o, DomainError))


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_owners_demoting_each_other_leave_one_owner(round_):
    a, b = two_owners()

    outcomes = race(
        lambda: services.change_role(a, b.pk, "admin"),
        lambda: services.change_role(b, a.pk, "admin"),
    )

    assert len(succeeded(outcomes)) == 1
    assert refusals(outcomes) in (["last_owner"], ["permission_denied"])
    roles = sorted(Membership.objects.filter(company=a.company).values_list("role", flat=True))
    assert roles == ["admin", "owner"]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_owners_removing_each_other_leave_one_owner(round_):
    a, b = two_owners()

    outcomes = race(
        lambda: services.remove_member(a, b.pk), lambda: services.remove_member(b, a.pk)
    )

    assert len(succeeded(outcomes)) == 1
    assert refusals(outcomes) in (["last_owner"], ["permission_denied"])
    assert list(Membership.objects.filter(company=a.company).values_list("role", flat=True)) == [
        "owner"
    ]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_owners_leaving_at_once_leave_one_owner(round_):
    a, b = two_owners()

    outcomes = race(
        lambda: services.remove_member(a, a.pk), lambda: services.remove_member(b, b.pk)
    )

    assert len(succeeded(outcomes)) == 1
    assert refusals(outcomes) == ["last_owner"]
    assert Membership.objects.filter(company=a.company, role="owner").count() == 1


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_one_invitation_accepted_twice_at_once_makes_one_membership(round_):
    owner = MembershipFactory(role="owner")
    user = UserFactory(email=f"twice{round_}@example.com")
    _invitation, raw = services.invite(owner, user.email, "sales")

    outcomes = race(
        lambda: services.accept_invitation(raw, user), lambda: services.accept_invitation(raw, user)
    )

    assert len(succeeded(outcomes)) == 1
    assert refusals(outcomes) in (["invitation_used"], ["already_member"])
    assert Membership.objects.filter(user=user, company=owner.company).count() == 1
