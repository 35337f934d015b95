"""How inquiry notifications read; ``core.notifications`` finds these texts."""

from __future__ import annotations

from django.utils.translation import gettext as _


def texts() -> dict[str, str]:
    return {
        "inquiry.received": _("New inquiry from %(company)s."),
        "message.received": _("New message from %(company)s."),
        "conversation.assigned": _("A conversation with %(company)s is assigned to you."),
    }
