"""Template helpers of the inbox: durations and the response-metrics block."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from tradeloom.inquiries.selectors import response_metrics

register = template.Library()


@register.filter
def response_time(value: timedelta | int | None) -> str:
    """A short, rounded duration: "under an hour", "5 hours", "2 days"."""
    if value is None:
        return ""
    seconds = value.total_seconds() if isinstance(value, timedelta) else int(value)
    hours = seconds / 3600
    if hours < 1:
        return _("under an hour")
    if hours < 48:
        n = round(hours)
        return ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n}
    n = round(hours / 24)
    return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}


@register.filter
def country_name(code: str) -> str:
    return countries.name(code) or code


@register.filter
def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


@register.inclusion_tag("inquiries/_response_metrics.html")
def response_metrics_of(company, compact: bool = False) -> dict:
    return {"metrics": response_metrics(company), "compact": compact}
