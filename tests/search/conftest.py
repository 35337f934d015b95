from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tradeloom.catalog import services
from tradeloom.catalog.models import Category
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.catalog.services import CustomizationInput, ProductInput, TranslationInput
from tradeloom.catalog.taxonomy import load_taxonomy
from tradeloom.core.events import deliver_due
from tradeloom.core.models import FxRate
from tradeloom.search import query, vocabulary


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Vocabulary and exchange rates are cached per process; each test starts clean."""
    vocabulary.reset()
    query._rates.clear()
    query._currency_list.update(at=-1e9, codes=[])
    yield
    vocabulary.reset()
    query._rates.clear()
    query._currency_list.update(at=-1e9, codes=[])


@pytest.fixture
def taxonomy(db):
    if not Category.objects.filter(slug="cashmere-sweaters-fine-gauge").exists():
        load_taxonomy()


@pytest.fixture
def operator(db):
    return UserFactory(is_operator=True, full_name="Olga Operator")


@pytest.fixture
def rates(db):
    at = datetime(2026, 1, 1, tzinfo=UTC)
    FxRate.objects.all().delete()
    FxRate.objects.create(base_id="USD", quote_id="JPY", rate=Decimal("150"), as_of=at, source="t")
    FxRate.objects.create(base_id="USD", quote_id="CNY", rate=Decimal("7.2"), as_of=at, source="t")


@pytest.fixture
def other_supplier(db):
    company = CompanyFactory(
        kind="supplier", display_name="Ningbo Knit Co", country="VN", verification_status="none"
    )
    return MembershipFactory(company=company, role="owner")


def product_input(
    slug: str = "cashmere-sweaters-fine-gauge",
    titles: dict | None = None,
    *,
    language: str = "en",
    moq: int = 100,
    tiers: list[tuple[int, int | None, int]] | None = None,
    currency: str = "USD",
    lead_days: int = 30,
    attributes: dict | None = None,
    **extra,
) -> ProductInput:
    titles = titles or {"en": "Cashmere crew-neck sweater"}
    tiers = tiers or [(moq, None, 2000)]
    return ProductInput(
        category_id=Category.objects.get(slug=slug).pk,
        translations=[TranslationInput(lang, title, "") for lang, title in titles.items()],
        default_language=language,
        attributes=attributes or {},
        moq=moq,
        currency=currency,
        tiers=[TierInput(a, b, p) for a, b, p in tiers],
        lead_times=[LeadTimeInput(None, lead_days)],
        **extra,
    )


def live_product(membership, operator, *args, deliver: bool = True, **kwargs):
    """A product saved, submitted and approved through the catalog services."""
    product = services.save_product(membership, product_input(*args, **kwargs))
    services.submit_for_review(membership, product.pk)
    services.moderate(operator, product.pk, "approve")
    if deliver:
        deliver_due()
    return product


__all__ = ["CustomizationInput", "live_product", "product_input"]
