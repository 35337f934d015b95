"""How each notification kind reads, in the reader's language, at display time."""

from __future__ import annotations

import functools
from importlib import import_module

from django.apps import apps
from django.utils.translation import gettext as _

from tradeloom.core.models import Notification


def _text(kind: str) -> str:
    texts = {
        "invitation.received": _("%(inviter)s invited you to join %(company)s as %(role)s."),
        "invitation.accepted": _("%(member)s joined %(company)s."),
        "member.role_changed": _("Your role in %(company)s is now %(role)s."),
        "member.removed": _("You were removed from %(company)s."),
        "company.verification_changed": _("%(company)s verification: %(status)s."),
        "token.created": _("A new API token “%(token)s” was created for %(company)s."),
    }
    for module in _text_modules():
        texts.update(module.texts())
    return texts.get(kind, kind)


@functools.cache
def _text_modules() -> tuple:
    """Apps that send notifications describe them in ``<app>.notifications.texts()``."""
    found = []
    for config in apps.get_app_configs():
        if config.name.startswith("tradeloom.") and config.label != "core":
            try:
                found.append(import_module(f"{config.name}.notifications"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.notifications":
                    raise
    return tuple(m for m in found if hasattr(m, "texts"))


def _label(key: str, value):
    """The translated label of a stored role or verification-status code."""
    from tradeloom.accounts.models import Company
    from tradeloom.core.permissions import Role

    choices = {"role": Role, "status": Company.Verification}.get(key)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def render(notification: Notification) -> str:
    params = {k: _label(k, v) for k, v in (notification.params or {}).items()}
    try:
        return _text(notification.kind) % params
    except (KeyError, TypeError, ValueError):
        return _text(notification.kind)
