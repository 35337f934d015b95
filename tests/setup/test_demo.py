"""`tradeloom demo`: the demo marketplace every fresh install starts with."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings

from tradeloom.accounts import services
from tradeloom.accounts.models import Company, Invitation, Membership, User
from tradeloom.core import demo
from tradeloom.core.fx import convert
from tradeloom.core.models import FxRate
from tradeloom.core.money import Money

EMAIL = re.compile(r"\S+@\S+\.example")
ARGON2 = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
FAST_ARGON2 = ["tests.hashers.FastArgon2PasswordHasher"]


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed the demo once for the module (it builds 64 products) and roll it back afterwards.

    Each test then runs in its own savepoint inside this transaction, so what a test
    changes is undone before the next one. Hashing uses the test-sized Argon2id, which
    the real Argon2 hasher still verifies.
    """
    files = tmp_path_factory.mktemp("demo")
    isolated = override_settings(
        PASSWORD_HASHERS=FAST_ARGON2,
        MEDIA_ROOT=files / "media",
        EMAIL_FILE_PATH=str(files / "mail"),
        ANALYTICS_SPOOL_DIR=files / "spool",
    )
    with django_db_blocker.unblock(), isolated:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield run_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def output(seeded, db):
    return seeded


def test_demo_creates_the_six_companies(output):
    companies = set(
        Company.objects.values_list("display_name", "kind", "country", "default_currency")
    )

    assert companies == {
        ("Huamei Knitwear", "supplier", "CN", "CNY"),
        ("Yarnwell Accessories", "supplier", "CN", "CNY"),
        ("Harbor & Pine", "buyer", "US", "USD"),
        ("Strickwerk", "buyer", "DE", "EUR"),
        ("Komorebi Knit", "buyer", "JP", "JPY"),
        ("Sakura Bridge Sourcing", "agent", "JP", "JPY"),
    }


def test_only_the_shanghai_factory_is_verified(output):
    verified = list(
        Company.objects.filter(verification_status="verified").values_list(
            "display_name", flat=True
        )
    )

    assert verified == ["Huamei Knitwear"]


def test_each_company_has_its_members_in_their_roles(output):
    members = {
        (m.company.display_name, m.user.email, m.role)
        for m in Membership.objects.select_related("company", "user")
    }

    assert members == {
        ("Huamei Knitwear", "chen.jing@huamei-knit.example", "owner"),
        ("Huamei Knitwear", "wendy.li@huamei-knit.example", "sales"),
        ("Yarnwell Accessories", "zhou.min@yarnwell.example", "owner"),
        ("Harbor & Pine", "emily.carter@harborandpine.example", "owner"),
        ("Harbor & Pine", "marcus.reed@harborandpine.example", "purchaser"),
        ("Strickwerk", "katrin.vogel@strickwerk.example", "owner"),
        ("Strickwerk", "jonas.becker@strickwerk.example", "finance"),
        ("Komorebi Knit", "aoi.sato@komorebi-knit.example", "owner"),
        ("Sakura Bridge Sourcing", "kenji.watanabe@sakurabridge.example", "owner"),
        ("Sakura Bridge Sourcing", "wang.fang@sakurabridge.example", "warehouse"),
    }


def test_colleagues_joined_through_accepted_invitations(output):
    statuses = [i.status for i in Invitation.objects.all()]

    assert statuses == ["accepted"] * 4


def test_the_one_person_shop_has_a_single_member(output):
    shop = Company.objects.get(display_name="Komorebi Knit")

    assert shop.memberships.count() == 1


def test_every_demo_user_has_a_verified_email(output):
    assert User.objects.count() == 11
    assert not User.objects.filter(email_verified_at__isnull=True).exists()


def test_users_work_in_their_own_language(output):
    languages = dict(User.objects.values_list("email", "language"))

    assert languages["chen.jing@huamei-knit.example"] == "zh-hans"
    assert languages["katrin.vogel@strickwerk.example"] == "en"
    assert languages["aoi.sato@komorebi-knit.example"] == "ja"
    assert languages["emily.carter@harborandpine.example"] == "en"


def test_only_the_operator_login_is_an_operator(output):
    operators = list(User.objects.filter(is_operator=True).values_list("email", flat=True))

    assert operators == ["operator@tradeloom.example"]


def test_demo_loads_exchange_rates_that_convert(output):
    conversion = convert(Money("100.00", "USD"), "CNY")

    assert FxRate.objects.filter(source="demo").count() == 7
    assert conversion.result == Money("711.80", "CNY")
    assert conversion.source == "demo"


def test_running_demo_twice_adds_nothing(output):
    before = (
        User.objects.count(),
        Company.objects.count(),
        Membership.objects.count(),
        Invitation.objects.count(),
        FxRate.objects.count(),
    )

    report = demo.seed()

    after = (
        User.objects.count(),
        Company.objects.count(),
        Membership.objects.count(),
        Invitation.objects.count(),
        FxRate.objects.count(),
    )
    assert after == before
    assert (
        report.users_created,
        report.companies_created,
        report.members_added,
        report.rates_loaded,
    ) == (0, 0, 0, 0)


def test_demo_completes_a_partly_seeded_marketplace(output):
    Membership.objects.filter(user__email="wendy.li@huamei-knit.example").delete()

    report = demo.seed()

    assert report.members_added == 1
    assert Membership.objects.get(user__email="wendy.li@huamei-knit.example").role == "sales"


def test_demo_prints_every_login_and_the_password(output):

    printed = EMAIL.findall(output)

    assert sorted(printed) == sorted(User.objects.values_list("email", flat=True))
    assert f"Password for every demo login: {demo.DEMO_PASSWORD}" in output


def test_every_printed_login_can_sign_in(output, settings):
    settings.PASSWORD_HASHERS = ARGON2
    printed = EMAIL.findall(output)
    request = RequestFactory().post("/accounts/login/")

    signed_in = [
        services.authenticate_login(request, email, demo.DEMO_PASSWORD).email for email in printed
    ]

    assert signed_in == printed


def test_the_demo_has_a_negotiation_and_an_unanswered_inquiry(output):
    from tradeloom.inquiries.models import Conversation, Message

    answered = Conversation.objects.get(buyer__display_name="Komorebi Knit")
    waiting = Conversation.objects.get(buyer__display_name="Strickwerk")

    assert answered.supplier.display_name == "Huamei Knitwear"
    assert list(answered.messages.order_by("pk").values_list("kind", flat=True)) == [
        Message.Kind.INQUIRY,
        Message.Kind.TEXT,
        Message.Kind.PRICE_OFFER,
    ]
    assert waiting.messages.count() == 1


def test_the_demo_has_an_open_rfq_with_two_quotes(output):
    from tradeloom.rfq.models import Rfq

    rfq = Rfq.objects.get(buyer__display_name="Komorebi Knit")

    assert rfq.status == Rfq.Status.OPEN
    assert sorted(rfq.quotes.values_list("supplier__display_name", flat=True)) == [
        "Huamei Knitwear",
        "Yarnwell Accessories",
    ]
