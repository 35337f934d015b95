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
    also: tuple[str, ...] = ()  # other views of the same section, marked current too

    def url(self) -> str:
        return reverse(self.url_name) + (f"#{self.anchor}" if self.anchor else "")


DASHBOARD = NavItem("dashboard", _("Dashboard"), "web:dashboard")

BY_KIND: dict[str, list[NavItem]] = {
    "supplier": [
        NavItem("storefront", _("Storefront"), "catalog:storefront_edit"),
        NavItem(
            "catalog",
            _("Catalog"),
            "catalog:products",
            also=("catalog:product_new", "catalog:product_edit"),
        ),
        NavItem(
            "inquiries",
            _("Inquiries"),
            "inquiries:inbox",
            also=("inquiries:conversation", "inquiries:quick_replies"),
        ),
        NavItem("rfq-board", _("RFQ board"), "rfq:board", also=("rfq:board_detail",)),
        NavItem("orders", _("Orders"), "web:dashboard", "orders"),
        NavItem("analytics", _("Analytics"), "web:dashboard", "analytics"),
    ],
    "buyer": [
        NavItem("sourcing", _("Sourcing"), "search:products", also=("search:suppliers",)),
        NavItem("inbox", _("Inbox"), "inquiries:inbox", also=("inquiries:conversation",)),
        NavItem("rfqs", _("RFQs"), "rfq:list", also=("rfq:new", "rfq:detail")),
        NavItem("orders", _("Orders"), "web:dashboard", "orders"),
        NavItem("favourites", _("Favourites"), "catalog:favourites"),
    ],
    "agent": [
        NavItem("purchase-requests", _("Purchase requests"), "web:dashboard", "purchase-requests"),
        NavItem("inbox", _("Inbox"), "inquiries:inbox", also=("inquiries:conversation",)),
        NavItem("warehouse", _("Warehouse"), "web:dashboard", "warehouse"),
        NavItem("favourites", _("Favourites"), "catalog:favourites"),
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
        exact = (item.url_name == current_view or current_view in item.also) and not item.anchor
        result.append({"key": item.key, "label": item.label, "url": item.url(), "current": exact})
    return result
