"""The main navigation for each kind of company.

Sections that later work fills in point at the dashboard's matching card for
now; replace the URL name when the section gets its own page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    anchor: str = ""

    def url(self) -> str:
        return reverse(self.url_name) + (f"#{self.anchor}" if self.anchor else "")


DASHBOARD = NavItem("dashboard", _("Dashboard"), "web:dashboard")

BY_KIND: dict[str, list[NavItem]] = {
    "supplier": [
        NavItem("storefront", _("Storefront"), "web:dashboard", "storefront"),
        NavItem("catalog", _("Catalog"), "web:dashboard", "catalog"),
        NavItem("inquiries", _("Inquiries"), "web:dashboard", "inquiries"),
        NavItem("orders", _("Orders"), "web:dashboard", "orders"),
        NavItem("analytics", _("Analytics"), "web:dashboard", "analytics"),
    ],
    "buyer": [
        NavItem("sourcing", _("Sourcing"), "web:dashboard", "sourcing"),
        NavItem("rfqs", _("RFQs"), "web:dashboard", "rfqs"),
        NavItem("orders", _("Orders"), "web:dashboard", "orders"),
    ],
    "agent": [
        NavItem("purchase-requests", _("Purchase requests"), "web:dashboard", "purchase-requests"),
        NavItem("warehouse", _("Warehouse"), "web:dashboard", "warehouse"),
    ],
}

CONSOLE = NavItem("console", _("Console"), "console:companies")


def nav_items(user, membership, current_view: str) -> list[dict]:
    """Items for the header: the dashboard, the company kind's sections, the console."""
    if user is None or not user.is_authenticated:
        return []
    items = [DASHBOARD]
    if membership is not None:
        items += BY_KIND.get(membership.company.kind, [])
    if user.is_operator:
        items.append(CONSOLE)
    result = []
    for item in items:
        exact = item.url_name == current_view and not item.anchor
        result.append({"key": item.key, "label": item.label, "url": item.url(), "current": exact})
    return result
