"""Bodies and shortcuts shared by the catalog API tests."""

from __future__ import annotations

import copy
from typing import Any

from tests.factories import UserFactory
from tradeloom.catalog import services
from tradeloom.catalog.models import Category, Product

SWEATERS = "cashmere-sweaters-fine-gauge"

# The example: 500–999 pcs at USD 7.20, 1,000–4,999 at 6.80, ≥5,000 at 6.50.
TIERS = [
    {"min_quantity": 500, "max_quantity": 999, "unit_price": "7.20"},
    {"min_quantity": 1000, "max_quantity": 4999, "unit_price": "6.80"},
    {"min_quantity": 5000, "max_quantity": None, "unit_price": "6.50"},
]
LEAD_TIMES = [
    {"max_quantity": 1000, "days": 30},
    {"max_quantity": 5000, "days": 45},
    {"max_quantity": None, "days": 60},
]


def product_body(**overrides: Any) -> dict[str, Any]:
    """A complete, valid product as a supplier sends it."""
    body = {
        "category_id": Category.objects.get(slug=SWEATERS).pk,
        "default_language": "en",
        "translations": [
            {
                "language": "en",
                "title": "Cashmere crew-neck sweater",
                "description": "<p>Soft <b>12gg</b> cashmere.</p><script>alert(1)</script>",
                "keywords": "cashmere, crew neck",
            },
            {"language": "ja", "title": "カシミヤ クルーネック セーター"},
        ],
        "attributes": {"fibre_content": ["cashmere"], "gauge": 12, "neckline": "crew"},
        "unit": "piece",
        "moq": 500,
        "order_increment": 50,
        "price_mode": "tiers",
        "currency": "USD",
        "tiers": copy.deepcopy(TIERS),
        "lead_times": copy.deepcopy(LEAD_TIMES),
        "variants": [
            {"sku": "CS-NAVY-M", "options": {"colour": "navy", "size": "M"}},
            {
                "sku": "CS-CAMEL-L",
                "options": {"colour": "camel", "size": "L"},
                "price_override": "7.40",
            },
        ],
        "customizations": [
            {"kind": "logo", "moq": 1000, "surcharge": "0.30", "note": "Embroidered"},
            {"kind": "label", "moq": 500, "surcharge": "0.05"},
        ],
        "supply_capacity_month": 60000,
        "port_of_loading": "Shanghai",
        "hs_code": "6110.12",
        "packing": {
            "units_per_carton": 50,
            "carton_length_cm": "60.0",
            "carton_width_cm": "40.0",
            "carton_height_cm": "35.5",
            "carton_gross_weight_kg": "18.25",
        },
        "samples": {"available": True, "price": "25.00", "lead_days": 7},
        "ready_to_ship": False,
        "stock_quantity": 0,
    }
    body.update(overrides)
    return body


def operator():
    return UserFactory(is_operator=True, full_name="Olga Operator")


def make_live(membership, product_id: int, moderator=None) -> Product:
    """Submit and approve a product through the services, as in real life."""
    services.submit_for_review(membership, product_id)
    return services.moderate(moderator or operator(), product_id, "approve")


def products_url(membership) -> str:
    return f"companies/{membership.company_id}/products"


def product_url(membership, product_id: int, tail: str = "") -> str:
    return f"companies/{membership.company_id}/products/{product_id}{tail}"
