"""The audit log: who did what, for which company, from where. Append-only."""

from __future__ import annotations

import ipaddress
from typing import Any

from tradeloom.accounts.models import AuditEntry


def client_ip(request) -> str | None:
    """The peer address, or None when there is no usable one (a Unix socket, say),
    because PostgreSQL's inet column refuses anything that is not an address."""
    if request is None:
        return None
    raw = (request.META.get("REMOTE_ADDR") or "").strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def audit(
    action: str,
    *,
    actor=None,
    company=None,
    obj: Any = None,
    request=None,
    details: dict | None = None,
) -> AuditEntry:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        company=company,
        object_type=obj._meta.label_lower if obj is not None and hasattr(obj, "_meta") else "",
        object_id=str(obj.pk) if obj is not None and hasattr(obj, "pk") else "",
        ip=client_ip(request),
        details=details or {},
    )
