"""Small helpers shared by the web, console and accounts view tests."""

from __future__ import annotations

import io
import re

from django.core import mail
from PIL import Image

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tradeloom.core.events import deliver_due


def signed_in(client, user):
    client.force_login(user)
    return client


def member_of(company, role: str, **user_fields):
    return MembershipFactory(company=company, role=role, user=UserFactory(**user_fields))


def company_with_owner(kind: str = "supplier", **fields):
    return MembershipFactory(company=CompanyFactory(kind=kind, **fields), role="owner")


def png(size: tuple[int, int] = (16, 16), color=(14, 95, 92)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def sent_mail(to: str) -> list:
    """Deliver the outbox, then the mails sent to ``to``."""
    deliver_due()
    return [m for m in mail.outbox if to in m.to]


def link_path(body: str, marker: str) -> str:
    """The path of the first link in a mail whose path contains ``marker``."""
    match = re.search(r"https?://[^/\s]+(\S*" + re.escape(marker) + r"\S*)", body)
    assert match, f"no link with {marker!r} in:\n{body}"
    return match.group(1)
