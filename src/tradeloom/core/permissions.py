"""The one permissions vocabulary: what each membership role may do.

Every view and API handler asks ``require(membership, perm)``; nothing else
decides who may do what. The table below is the documentation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    OWNER = "owner", pgettext_lazy("role", "Owner")
    ADMIN = "admin", pgettext_lazy("role", "Admin")
    SALES = "sales", pgettext_lazy("role", "Sales")
    PURCHASER = "purchaser", pgettext_lazy("role", "Purchaser")
    CATALOG = "catalog", pgettext_lazy("role", "Catalog")
    FINANCE = "finance", pgettext_lazy("role", "Finance")
    WAREHOUSE = "warehouse", pgettext_lazy("role", "Warehouse")


PERMISSIONS: dict[str, str] = {
    "company.view": _("See the company's private settings"),
    "company.manage": _("Edit the company profile and logo"),
    "members.view": _("See colleagues and their roles"),
    "members.manage": _("Invite, change roles of and remove members"),
    "catalog.manage": _("Create and edit products"),
    "inquiries.reply": _("Answer inquiries and conversations"),
    "rfq.manage": _("Post RFQs and quote on them"),
    "orders.view": _("See orders"),
    "orders.manage": _("Create and change orders"),
    "orders.approve": _("Approve orders and awards"),
    "payments.view": _("See payments and the ledger"),
    "payments.manage": _("Pay, refund and reconcile"),
    "logistics.manage": _("Book and update shipments"),
    "warehouse.manage": _("Receive, inspect and pack goods"),
    "analytics.view": _("See analytics and the profit planner"),
}

_EVERYTHING = frozenset(PERMISSIONS)

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OWNER: _EVERYTHING,
    Role.ADMIN: _EVERYTHING,
    Role.SALES: frozenset(
        {
            "company.view",
            "members.view",
            "inquiries.reply",
            "rfq.manage",
            "orders.view",
            "orders.manage",
            "analytics.view",
        }
    ),
    Role.PURCHASER: frozenset(
        {
            "company.view",
            "members.view",
            "inquiries.reply",
            "rfq.manage",
            "orders.view",
            "orders.manage",
            "payments.view",
        }
    ),
    Role.CATALOG: frozenset({"company.view", "members.view", "catalog.manage", "analytics.view"}),
    Role.FINANCE: frozenset(
        {
            "company.view",
            "members.view",
            "orders.view",
            "orders.approve",
            "payments.view",
            "payments.manage",
            "analytics.view",
        }
    ),
    Role.WAREHOUSE: frozenset(
        {
            "company.view",
            "members.view",
            "orders.view",
            "logistics.manage",
            "warehouse.manage",
        }
    ),
}

# Roles that may hand out a role: only owners create owners.
ASSIGNABLE_BY: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset(Role.values),
    Role.ADMIN: frozenset(Role.values) - {Role.OWNER},
}


def has_perm(role: str | None, perm: str) -> bool:
    if perm not in PERMISSIONS:
        raise KeyError(f"unknown permission {perm!r}")
    return role is not None and perm in ROLE_PERMISSIONS.get(role, frozenset())
