"""The demo marketplace: a handful of companies that show every party at work.

Everything goes through the services, exactly as sign-up, company set-up and
invitations do in the product, so the demo also exercises the write layer.
Seeding is idempotent: a person, company or membership that exists is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from tradeloom.accounts import services
from tradeloom.accounts.models import Company, Membership, User
from tradeloom.core.fx import load_rates_csv

DEMO_PASSWORD = "tradeloom-demo-2026"  # noqa: S105 -- public, printed and in the README
RATES_SOURCE = "demo"
RATES_AS_OF = "2026-11-20T00:00:00+00:00"
# Mid-market rates of the day, rounded; crosses agree with the USD legs.
RATES = (
    ("USD", "CNY", "7.1180"),
    ("USD", "JPY", "154.60"),
    ("USD", "EUR", "0.8620"),
    ("USD", "GBP", "0.7590"),
    ("EUR", "CNY", "8.2575"),
    ("EUR", "JPY", "179.35"),
    ("CNY", "JPY", "21.720"),
)


@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    language: str
    role: str


@dataclass(frozen=True)
class DemoCompany:
    kind: str
    legal_name: str
    display_name: str
    country: str
    address: str
    website: str
    languages: tuple[str, ...]
    default_currency: str
    people: tuple[Person, ...]  # the first is the founding owner
    verified: bool = False

    def data(self) -> dict:
        return {
            "kind": self.kind,
            "legal_name": self.legal_name,
            "display_name": self.display_name,
            "country": self.country,
            "address": self.address,
            "website": self.website,
            "languages": list(self.languages),
            "default_currency": self.default_currency,
        }


OPERATOR = Person("operator@tradeloom.example", "Nadia Okafor", "en", "operator")

COMPANIES: tuple[DemoCompany, ...] = (
    DemoCompany(
        kind="supplier",
        legal_name="Shanghai Huamei Knitwear Co., Ltd.",
        display_name="Huamei Knitwear",
        country="CN",
        address="No. 88 Xinjun Ring Road, Minhang District, Shanghai 201114, China",
        website="https://huamei-knit.example",
        languages=("zh", "en"),
        default_currency="CNY",
        verified=True,
        people=(
            Person("chen.jing@huamei-knit.example", "陈静", "zh-hans", "owner"),
            Person("wendy.li@huamei-knit.example", "Wendy Li", "en", "sales"),
        ),
    ),
    DemoCompany(
        kind="supplier",
        legal_name="Ningbo Yarnwell Knit Accessories Workshop",
        display_name="Yarnwell Accessories",
        country="CN",
        address="Building 3, 516 Qiming Road, Yinzhou District, Ningbo, Zhejiang 315100, China",
        website="",
        languages=("zh",),
        default_currency="CNY",
        people=(Person("zhou.min@yarnwell.example", "周敏", "zh-hans", "owner"),),
    ),
    DemoCompany(
        kind="buyer",
        legal_name="Harbor & Pine Apparel, Inc.",
        display_name="Harbor & Pine",
        country="US",
        address="455 Bryant Street, Suite 300, San Francisco, CA 94107, USA",
        website="https://harborandpine.example",
        languages=("en",),
        default_currency="USD",
        people=(
            Person("emily.carter@harborandpine.example", "Emily Carter", "en", "owner"),
            Person("marcus.reed@harborandpine.example", "Marcus Reed", "en", "purchaser"),
        ),
    ),
    DemoCompany(
        kind="buyer",
        legal_name="Strickwerk Handels GmbH",
        display_name="Strickwerk",
        country="DE",
        address="Schanzenstraße 22, 20357 Hamburg, Germany",
        website="https://strickwerk.example",
        languages=("de", "en"),
        default_currency="EUR",
        # No German UI yet: German staff read the English one.
        people=(
            Person("katrin.vogel@strickwerk.example", "Katrin Vogel", "en", "owner"),
            Person("jonas.becker@strickwerk.example", "Jonas Becker", "en", "finance"),
        ),
    ),
    DemoCompany(
        kind="buyer",
        legal_name="こもれびニット 佐藤葵",
        display_name="Komorebi Knit",
        country="JP",
        address="東京都世田谷区三軒茶屋2-14-5 〒154-0024",
        website="https://komorebi-knit.example",
        languages=("ja",),
        default_currency="JPY",
        people=(Person("aoi.sato@komorebi-knit.example", "佐藤 葵", "ja", "owner"),),
    ),
    DemoCompany(
        kind="agent",
        legal_name="株式会社さくらブリッジ",
        display_name="Sakura Bridge Sourcing",
        country="JP",
        address="大阪府大阪市中央区南船場4-3-11 〒542-0081",
        website="https://sakurabridge.example",
        languages=("ja", "zh", "en"),
        default_currency="JPY",
        people=(
            Person("kenji.watanabe@sakurabridge.example", "渡辺 健二", "ja", "owner"),
            Person("wang.fang@sakurabridge.example", "王芳", "zh-hans", "warehouse"),
        ),
    ),
)


@dataclass
class Login:
    company: str
    kind: str
    email: str
    role: str


@dataclass
class SeedReport:
    users_created: int = 0
    companies_created: int = 0
    members_added: int = 0
    rates_loaded: int = 0
    products_created: int = 0
    logins: list[Login] = field(default_factory=list)


def demo_logins() -> list[Login]:
    """Every demo login, operator last, in the order the README lists them."""
    logins = [Login(c.display_name, c.kind, p.email, p.role) for c in COMPANIES for p in c.people]
    logins.append(Login("—", "operator", OPERATOR.email, "operator"))
    return logins


def existing_demo_logins() -> list[Login]:
    """The demo logins whose accounts exist in this database."""
    present = set(
        User.objects.filter(email__in=[x.email for x in demo_logins()]).values_list(
            "email", flat=True
        )
    )
    return [x for x in demo_logins() if x.email in present]


def _user(person: Person, report: SeedReport) -> User:
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        user = services.register_user(
            email=person.email,
            password=DEMO_PASSWORD,
            full_name=person.full_name,
            language=person.language,
            verified=True,
        )
        report.users_created += 1
    return user


def _company(spec: DemoCompany, operator: User, report: SeedReport) -> None:
    owner = _user(spec.people[0], report)
    company = Company.objects.filter(legal_name=spec.legal_name).first()
    if company is None:
        company = services.create_company(owner, spec.data()).company
        report.companies_created += 1
    owner_membership = (
        Membership.objects.select_related("company", "user")
        .filter(user=owner, company=company)
        .first()
    )
    for person in spec.people[1:]:
        colleague = _user(person, report)
        if owner_membership is None or company.memberships.filter(user=colleague).exists():
            continue
        _invitation, token = services.invite(owner_membership, colleague.email, person.role)
        services.accept_invitation(token, colleague)
        report.members_added += 1
    if spec.verified and company.verification_status != Company.Verification.VERIFIED:
        services.set_verification(
            operator,
            company,
            Company.Verification.VERIFIED,
            "Business licence and factory audit checked (demo).",
        )


def _rates_csv() -> str:
    lines = ["base,quote,rate,as_of,source"]
    lines += [f"{base},{quote},{rate},{RATES_AS_OF},{RATES_SOURCE}" for base, quote, rate in RATES]
    return "\n".join(lines) + "\n"


def seed() -> SeedReport:
    """Create whatever part of the demo marketplace is missing."""
    report = SeedReport()
    with transaction.atomic():
        operator, created = services.make_operator(
            email=OPERATOR.email, full_name=OPERATOR.full_name, password=DEMO_PASSWORD
        )
        report.users_created += int(created)
        for spec in COMPANIES:
            _company(spec, operator, report)
        report.rates_loaded = load_rates_csv(_rates_csv(), default_source=RATES_SOURCE)
    # The storefronts and live products of the two suppliers (catalog builds on accounts).
    from tradeloom.catalog.demo import seed_catalogue

    report.products_created = seed_catalogue(operator).products_created
    # An open request for quotation with two quotes (RFQs build on the catalog).
    from tradeloom.rfq.demo import seed_rfqs

    seed_rfqs()
    from tradeloom.inquiries.demo import seed_conversations

    seed_conversations()
    report.logins = demo_logins()
    return report


def logins_table(logins: list[Login]) -> str:
    """A plain-text table of logins, for the terminal."""
    header = Login("Company", "Kind", "Email", "Role")
    rows = [header, *logins]
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("company", "kind", "email", "role")]

    def line(r: Login) -> str:
        cells = (r.company, r.kind, r.email, r.role)
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in logins)])
