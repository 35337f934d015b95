"""A supplier's search exposure: how often its listings were shown and opened.

Reads the analytics events written by the search pages (``search.impression``,
``search.click``), which carry the listing's ``supplier_id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from tradeloom.analytics.models import AnalyticsEvent


@dataclass
class Exposure:
    impressions: int = 0
    clicks: int = 0
    products: list[dict] = field(default_factory=list)  # {product_id, impressions, clicks}

    @property
    def click_through(self) -> float:
        return self.clicks / self.impressions if self.impressions else 0.0


def for_supplier(company_id: int) -> Exposure:
    rows = (
        AnalyticsEvent.objects.filter(
            name__in=("search.impression", "search.click"),
            properties__supplier_id=company_id,
        )
        .values("name", "object_id")
        .annotate(n=Count("id"))
    )
    figures = Exposure()
    per_product: dict[str, dict] = {}
    for row in rows:
        entry = per_product.setdefault(
            row["object_id"], {"product_id": row["object_id"], "impressions": 0, "clicks": 0}
        )
        key = "impressions" if row["name"] == "search.impression" else "clicks"
        entry[key] += row["n"]
        setattr(figures, key, getattr(figures, key) + row["n"])
    figures.products = sorted(
        per_product.values(), key=lambda e: (-e["impressions"], e["product_id"])
    )
    return figures
