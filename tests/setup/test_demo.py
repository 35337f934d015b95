"""`tradeloom demo`: the demo marketplace every fresh install starts with."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from tradeloom.accounts import services
from tradeloom.accounts.models import Company, Invitation, Membership, User
from tradeloom.core import demo
from tradeloom.core.fx import convert
from tradeloom.core.models import FxRate
from tradeloom.core.money import Money

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"\S+@\S+\.example")
ARGON2 = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Eleven Argon2 hashes per seeding dominate these tests; only sign-in needs the real one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_creates_the_six_companies():
    run_demo()

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


def test_only_the_shanghai_factory_is_verified():
    run_demo()

    verified = list(
        Company.objects.filter(verification_status="verified").values_list(
            "display_name", flat=True
        )
    )

    assert verified == ["Huamei Knitwear"]


def test_each_company_has_its_members_in_their_roles():
    run_demo()

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


def test_colleagues_joined_through_accepted_invitations():
    run_demo()

    statuses = [i.status for i in Invitation.objects.all()]

    assert statuses == ["accepted"] * 4


def test_the_one_person_shop_has_a_single_member():
    run_demo()

    shop = Company.objects.get(display_name="Komorebi Knit")

    assert shop.memberships.count() == 1


def test_every_demo_user_has_a_verified_email():
    run_demo()

    assert User.objects.count() == 11
    assert not User.objects.filter(email_verified_at__isnull=True).exists()


def test_users_work_in_their_own_language():
    run_demo()

    languages = dict(User.objects.values_list("email", "language"))

    assert languages["chen.jing@huamei-knit.example"] == "zh-hans"
    assert languages["katrin.vogel@strickwerk.example"] == "en"
    assert languages["aoi.sato@komorebi-knit.example"] == "ja"
    assert languages["emily.carter@harborandpine.example"] == "en"


def test_only_the_operator_login_is_an_operator():
    run_demo()

    operators = list(User.objects.filter(is_operator=True).values_list("email", flat=True))

    assert operators == ["operator@tradeloom.example"]


def test_demo_loads_exchange_rates_that_convert():
    run_demo()

    conversion = convert(Money("100.00", "USD"), "CNY")

    assert FxRate.objects.filter(source="demo").count() == 7
    assert conversion.result == Money("711.80", "CNY")
    assert conversion.source == "demo"


def test_running_demo_twice_adds_nothing():
    run_demo()
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


def test_demo_completes_a_partly_seeded_marketplace():
    run_demo()
    Membership.objects.filter(user__email="wendy.li@huamei-knit.example").delete()

    report = demo.seed()

    assert report.members_added == 1
    assert Membership.objects.get(user__email="wendy.li@huamei-knit.example").role == "sales"


def test_demo_prints_every_login_and_the_password():
    output = run_demo()

    printed = EMAIL.findall(output)

    assert sorted(printed) == sorted(User.objects.values_list("email", flat=True))
    assert f"Password for every demo login: {demo.DEMO_PASSWORD}" in output


def test_every_printed_login_can_sign_in(settings):
    settings.PASSWORD_HASHERS = ARGON2
    printed = EMAIL.findall(run_demo())
    request = RequestFactory().post("/accounts/login/")

    signed_in = [
        services.authenticate_login(request, email, demo.DEMO_PASSWORD).email for email in printed
    ]

    assert signed_in == printed
