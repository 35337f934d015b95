"""The foundation's outbox handlers: emails and in-app notifications."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.core.events import deliver_due
from tradeloom.core.models import Notification, OutboxDelivery
from tradeloom.core.notifications import render

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"


def deliveries_of(event_name):
    return OutboxDelivery.objects.filter(event__name=event_name)


def redeliver(event_name, handler_name):
    """Make a delivered event due again, as if the worker died before marking it."""
    deliveries_of(event_name).filter(handler=handler_name).update(status="pending")
    return deliver_due()


# --- invitation.created -------------------------------------------------------------------


def test_an_invitation_sends_one_email_carrying_the_token_link(supplier):
    _invitation, token = services.invite(supplier, "new.colleague@example.com", "sales")

    deliver_due()

    link = settings.SITE_URL + reverse("accounts:invitation", args=[token])
    assert [m.to for m in mail.outbox] == [["new.colleague@example.com"]]
    assert link in mail.outbox[0].body
    assert deliveries_of("invitation.created").get(handler="email").status == "delivered"


def test_an_invitation_notifies_an_existing_invitee_in_app(supplier):
    invitee = UserFactory(email="known@example.com")
    _invitation, token = services.invite(supplier, "Known@Example.com", "catalog")

    deliver_due()

    note = Notification.objects.get(user=invitee)
    assert (note.kind, note.url) == (
        "invitation.received",
        reverse("accounts:invitation", args=[token]),
    )
    assert note.params == {
        "inviter": str(supplier.user),
        "company": "Shanghai Knit",
        "role": "catalog",
    }
    assert render(note) == f"{supplier.user} invited you to join Shanghai Knit as Catalog."


def test_an_invitation_to_an_unknown_address_notifies_nobody_in_app(supplier):
    services.invite(supplier, "stranger@example.com", "sales")

    deliver_due()

    assert Notification.objects.count() == 0
    assert deliveries_of("invitation.created").get(handler="notifications").status == "delivered"


def test_redelivering_an_invitation_does_not_notify_twice(supplier):
    invitee = UserFactory(email="known@example.com")
    services.invite(supplier, invitee.email, "sales")
    deliver_due()

    assert redeliver("invitation.created", "notifications") == 1

    assert Notification.objects.filter(user=invitee).count() == 1


def test_a_withdrawn_invitation_sends_no_email(supplier):
    invitation, _token = services.invite(supplier, "late@example.com", "sales")
    services.revoke_invitation(supplier, invitation.pk)

    deliver_due()

    assert mail.outbox == []
    assert deliveries_of("invitation.created").get(handler="email").status == "delivered"


# --- user.registered ----------------------------------------------------------------------


def test_registration_sends_a_verification_email_with_a_working_link():
    user = services.register_user(
        email="maker@example.com", password="knit purl knit purl", full_name="Mei Lin"
    )

    deliver_due()

    assert [m.to for m in mail.outbox] == [["maker@example.com"]]
    prefix = settings.SITE_URL + reverse("accounts:verify_email", args=["TOKEN"])[: -len("TOKEN/")]
    token = mail.outbox[0].body.split(prefix, 1)[1].split("/", 1)[0]
    assert services.verify_email(token) == user
    user.refresh_from_db()
    assert user.email_verified


def test_a_user_verified_before_delivery_gets_no_verification_email():
    user = services.register_user(
        email="maker@example.com", password="knit purl knit purl", full_name="Mei Lin"
    )
    services.verify_email(services.email_verification_token(user))

    deliver_due()

    assert mail.outbox == []


# --- member and company events ---------------------------------------------------------------


def test_an_accepted_invitation_notifies_the_managers_but_not_others(supplier):
    admin = MembershipFactory(company=supplier.company, role="admin")
    sales = MembershipFactory(company=supplier.company, role="sales")
    joiner = UserFactory(email="joiner@example.com")
    _invitation, token = services.invite(supplier, joiner.email, "finance")
    services.accept_invitation(token, joiner)

    deliver_due()

    accepted = Notification.objects.filter(kind="invitation.accepted")
    assert sorted(accepted.values_list("user_id", flat=True)) == sorted(
        [supplier.user_id, admin.user_id]
    )
    assert not Notification.objects.filter(user=sales.user).exists()
    assert render(accepted.first()) == f"{joiner} joined Shanghai Knit."


def test_a_role_change_notifies_the_member(supplier):
    member = MembershipFactory(company=supplier.company, role="sales")
    services.change_role(supplier, member.pk, "finance")

    deliver_due()

    note = Notification.objects.get(user=member.user)
    assert (note.kind, note.company_id) == ("member.role_changed", supplier.company_id)
    assert render(note) == "Your role in Shanghai Knit is now Finance."


def test_a_removal_notifies_the_removed_person(supplier):
    member = MembershipFactory(company=supplier.company, role="sales")
    services.remove_member(supplier, member.pk)

    deliver_due()

    note = Notification.objects.get(user=member.user)
    assert render(note) == "You were removed from Shanghai Knit."


def test_a_verification_decision_notifies_owners_and_admins(supplier):
    operator = UserFactory(is_operator=True)
    company = CompanyFactory(display_name="Ningbo Hats")
    owner = MembershipFactory(company=company, role="owner")
    MembershipFactory(company=company, role="warehouse")
    services.set_verification(operator, company, "verified")

    deliver_due()

    note = Notification.objects.get()
    assert note.user == owner.user
    assert render(note) == "Ningbo Hats verification: verified."


# --- rendering --------------------------------------------------------------------------------


def test_render_reads_the_text_in_the_active_language(supplier):
    note = Notification.objects.create(
        user=supplier.user,
        kind="member.role_changed",
        params={"company": "Shanghai Knit", "role": "admin"},
    )

    with translation.override("ja"):
        expected = translation.gettext("Your role in %(company)s is now %(role)s.") % {
            "company": "Shanghai Knit",
            "role": translation.pgettext("role", "Admin"),
        }
        assert render(note) == expected


@pytest.mark.skipif(
    not (LOCALE / "ja" / "LC_MESSAGES" / "django.mo").exists(),
    reason="the Japanese catalogue is not compiled yet",
)
def test_render_in_japanese_differs_from_english(supplier):
    note = Notification.objects.create(
        user=supplier.user, kind="member.removed", params={"company": "Shanghai Knit"}
    )
    with translation.override("ja"):
        japanese = render(note)
    assert "Shanghai Knit" in japanese
    assert japanese != "You were removed from Shanghai Knit."


def test_render_of_an_unknown_kind_shows_the_kind(supplier):
    note = Notification.objects.create(user=supplier.user, kind="something.new", params={})
    assert render(note) == "something.new"


def test_an_invitation_whose_company_is_gone_is_delivered_as_nothing_to_do(supplier):
    UserFactory(email="known@example.com")
    services.invite(supplier, "known@example.com", "sales")
    supplier.company.delete()

    deliver_due()

    assert mail.outbox == []
    assert Notification.objects.count() == 0
    assert sorted(deliveries_of("invitation.created").values_list("handler", "status")) == [
        ("email", "delivered"),
        ("notifications", "delivered"),
    ]


def test_a_deactivated_user_gets_no_verification_email():
    user = services.register_user(
        email="maker@example.com", password="knit purl knit purl", full_name="Mei Lin"
    )
    services.deactivate_user(user)

    deliver_due()

    assert mail.outbox == []


@pytest.mark.parametrize(
    ("kind", "params", "english", "japanese"),
    [
        ("rfq.matched", {"rfq": "Beanie", "buyer": "Komorebi"}, "Komorebi", "Komorebi"),
        ("quote.received", {"rfq": "Beanie", "supplier": "Huamei"}, "Huamei", "Huamei"),
        ("inquiry.received", {"company": "Strickwerk"}, "Strickwerk", "Strickwerk"),
    ],
)
def test_other_apps_notifications_read_as_sentences(kind, params, english, japanese):
    from django.utils import translation

    notification = Notification(kind=kind, params=params)

    text = render(notification)
    with translation.override("ja"):
        translated = render(notification)

    assert english in text and text != kind
    assert japanese in translated and translated != text
