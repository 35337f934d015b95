"""Outbox handlers of the foundation: emails and in-app notifications.

Each is idempotent on the event: a notification is unique per (user, event); an
email may be sent twice only if a worker dies between sending and committing.
Notifications keep codes (a role, a status), not labels: the reader's language is
only known when the notification is shown.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tradeloom.core.events import handler
from tradeloom.core.models import Notification, OutboxEvent


def send_templated_mail(to, template: str, context: dict, language: str = "en") -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, "site_name": str(settings.SITE_NAME), **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip().splitlines()[0]
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def notify(user, event: OutboxEvent, kind: str, params: dict, url: str = "", company=None) -> None:
    Notification.objects.get_or_create(
        user=user,
        event=event,
        defaults={"kind": kind, "params": params, "url": url, "company": company},
    )


@handler("email", "user.registered", "invitation.created", atomic=False)
def email_handler(event: OutboxEvent) -> None:
    from tradeloom.accounts.models import Invitation, User
    from tradeloom.accounts.services import email_verification_token

    if event.name == "user.registered":
        user = User.objects.filter(pk=event.payload["user_id"]).first()
        if user is None or user.email_verified or not user.is_active:
            return
        link = settings.SITE_URL + reverse(
            "accounts:verify_email", args=[email_verification_token(user)]
        )
        send_templated_mail(
            user.email, "accounts/email/verify", {"user": user, "link": link}, user.language
        )
    elif event.name == "invitation.created":
        invitation = (
            Invitation.objects.select_related("company", "invited_by")
            .filter(pk=event.payload["invitation_id"])
            .first()
        )
        if invitation is None or invitation.status != "pending":
            return
        link = settings.SITE_URL + reverse("accounts:invitation", args=[event.payload["token"]])
        existing = User.objects.filter(email__iexact=invitation.email).first()
        send_templated_mail(
            invitation.email,
            "accounts/email/invitation",
            {"invitation": invitation, "link": link},
            existing.language if existing else invitation.invited_by.language,
        )


@handler(
    "notifications",
    "invitation.created",
    "invitation.accepted",
    "member.role_changed",
    "member.removed",
    "company.verification_changed",
)
def notification_handler(event: OutboxEvent) -> None:
    from tradeloom.accounts.models import Company, Invitation, Membership, User
    from tradeloom.core.permissions import Role

    p = event.payload
    if event.name == "invitation.created":
        invitation = (
            Invitation.objects.select_related("company", "invited_by")
            .filter(pk=p["invitation_id"])
            .first()
        )
        if invitation is None:  # the company is gone, and its invitations with it
            return
        invitee = User.objects.filter(email__iexact=invitation.email).first()
        if invitee is not None and invitation.status == "pending":
            notify(
                invitee,
                event,
                "invitation.received",
                {
                    "inviter": str(invitation.invited_by),
                    "company": invitation.company.display_name,
                    "role": invitation.role,
                },
                url=reverse("accounts:invitation", args=[p["token"]]),
            )
    elif event.name == "invitation.accepted":
        joined = (
            Membership.objects.select_related("user", "company")
            .filter(pk=p["membership_id"])
            .first()
        )
        if joined is None:
            return
        managers = (
            Membership.objects.select_related("user")
            .filter(company=joined.company, role__in=[Role.OWNER, Role.ADMIN])
            .exclude(pk=joined.pk)
        )
        for manager in managers:
            notify(
                manager.user,
                event,
                event.name,
                {"member": str(joined.user), "company": joined.company.display_name},
                url=reverse("web:members"),
                company=joined.company,
            )
    elif event.name == "member.role_changed":
        target = (
            Membership.objects.select_related("user", "company")
            .filter(pk=p["membership_id"])
            .first()
        )
        if target is not None:
            notify(
                target.user,
                event,
                event.name,
                {"company": target.company.display_name, "role": p["role"]},
                company=target.company,
            )
    elif event.name == "member.removed":
        user = User.objects.filter(pk=p["user_id"]).first()
        company = Company.objects.filter(pk=p["company_id"]).first()
        if user is not None and company is not None:
            notify(user, event, event.name, {"company": company.display_name})
    elif event.name == "company.verification_changed":
        company = Company.objects.filter(pk=p["company_id"]).first()
        if company is None:
            return
        for m in company.memberships.select_related("user").filter(
            role__in=[Role.OWNER, Role.ADMIN]
        ):
            notify(
                m.user,
                event,
                event.name,
                {"company": company.display_name, "status": p["status"]},
                company=company,
            )
