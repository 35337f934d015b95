"""How RFQ notifications read; ``core.notifications`` merges these texts."""

from __future__ import annotations

from django.utils.translation import gettext as _


def texts() -> dict[str, str]:
    return {
        "rfq.matched": _("New RFQ matching your products: %(rfq)s from %(buyer)s."),
        "quote.received": _("%(supplier)s sent a quote for your RFQ “%(rfq)s”."),
        "quote.revised": _("%(supplier)s revised its quote for your RFQ “%(rfq)s”."),
        "quote.accepted": _(
            "%(buyer)s accepted your quote for “%(rfq)s”. An order draft is ready."
        ),
        "rfq.awarded_elsewhere": _(
            "%(buyer)s awarded the RFQ “%(rfq)s” to another supplier. Thank you for quoting."
        ),
        "rfq.cancelled": _("%(buyer)s cancelled the RFQ “%(rfq)s”."),
        "quote.declined": _("%(buyer)s declined your quote for “%(rfq)s”."),
    }
