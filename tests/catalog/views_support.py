"""Helpers shared by the catalog view tests (tests/catalog/test_views_*.py)."""

from __future__ import annotations

import io

from PIL import Image

from tests.factories import UserFactory
from tradeloom.catalog import services
from tradeloom.catalog.models import Product

# The tier example, as the editor posts it.
TIERS = [("500", "999", "7.20"), ("1000", "4999", "6.80"), ("5000", "", "6.50")]
LEADS = [("1000", "30"), ("5000", "45"), ("", "60")]


def editor_data(category_id: int, **overrides) -> dict:
    """A complete, valid editor form: the cashmere sweater in English and Japanese."""
    data = {
        "category": str(category_id),
        "default_language": "en",
        "title_en": "Cashmere crew-neck sweater",
        "description_en": "<p>Soft <b>12gg</b> cashmere.</p><script>alert(1)</script>",
        "keywords_en": "cashmere, sweater",
        "title_ja": "カシミヤ クルーネック セーター",
        "description_ja": "",
        "keywords_ja": "",
        "title_zh_hans": "",
        "description_zh_hans": "",
        "keywords_zh_hans": "",
        "unit": "piece",
        "moq": "500",
        "order_increment": "50",
        "price_mode": "tiers",
        "currency": "USD",
        "fob_min": "",
        "fob_max": "",
        "supply_capacity_month": "20000",
        "port_of_loading": "Shanghai",
        "hs_code": "611012",
        "units_per_carton": "50",
        "carton_length_cm": "60",
        "carton_width_cm": "40",
        "carton_height_cm": "35",
        "carton_gross_weight_kg": "14.5",
        "samples_available": "on",
        "sample_price": "25.00",
        "sample_lead_days": "7",
        "stock_quantity": "",
        "group": "",
        "tier-count": str(len(TIERS)),
        "lead-count": str(len(LEADS)),
        "variant-count": "2",
        "variant-0-sku": "CS-NAVY-M",
        "variant-0-options": "colour=navy; size=M",
        "variant-0-price": "",
        "variant-1-sku": "CS-GREY-L",
        "variant-1-options": "colour=grey; size=L",
        "variant-1-price": "7.50",
        "custom-logo-offered": "on",
        "custom-logo-moq": "1000",
        "custom-logo-surcharge": "0.30",
        "custom-logo-note": "Embroidered",
        "attr_gauge_class": "fine",
        "attr_machine_washable": "false",
        "attr_fibre_content": ["cashmere"],
    }
    for i, (low, high, price) in enumerate(TIERS):
        data.update(
            {
                f"tier-{i}-min_quantity": low,
                f"tier-{i}-max_quantity": high,
                f"tier-{i}-price": price,
            }
        )
    for i, (up_to, days) in enumerate(LEADS):
        data.update({f"lead-{i}-max_quantity": up_to, f"lead-{i}-days": days})
    data.update(overrides)
    return data


def png(size=(32, 32), color=(14, 95, 92)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def make_live(membership, data) -> Product:
    """Save, submit and approve a product: a live listing."""
    product = services.save_product(membership, data)
    services.submit_for_review(membership, product.pk)
    return services.moderate(UserFactory(is_operator=True), product.pk, "approve")
