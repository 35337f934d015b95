import pytest

from tradeloom.catalog.models import Category
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.catalog.services import ProductInput, TranslationInput, VariantInput
from tradeloom.catalog.taxonomy import load_taxonomy


@pytest.fixture
def sweater_category(db):
    """A leaf category of the bundled taxonomy (loaded by migration)."""
    if not Category.objects.filter(slug="cashmere-sweaters-fine-gauge").exists():
        load_taxonomy()  # a transactional test before this one flushed the migration's rows
    return Category.objects.get(slug="cashmere-sweaters-fine-gauge")


@pytest.fixture
def sweater_input(sweater_category):
    """The issue's example: 500–999 at USD 7.20, 1,000–4,999 at 6.80, ≥5,000 at 6.50."""

    def make(**overrides) -> ProductInput:
        data = ProductInput(
            category_id=sweater_category.pk,
            translations=[
                TranslationInput(
                    "en", "Cashmere crew-neck sweater", "<p>Soft <b>12gg</b> cashmere.</p>"
                )
            ],
            moq=500,
            order_increment=50,
            currency="USD",
            tiers=[
                TierInput(500, 999, 720),
                TierInput(1000, 4999, 680),
                TierInput(5000, None, 650),
            ],
            lead_times=[LeadTimeInput(1000, 30), LeadTimeInput(5000, 45), LeadTimeInput(None, 60)],
            variants=[VariantInput("CS-NAVY-M", {"colour": "navy", "size": "M"})],
        )
        for key, value in overrides.items():
            setattr(data, key, value)
        return data

    return make
