from django.db import models
from django.utils import timezone


class AnalyticsEvent(models.Model):
    """A raw analytics event (page view, impression, inquiry, order...).

    Written in batches by the worker from spool files, never in a request.
    """

    name = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)
    company_id = models.BigIntegerField(null=True, blank=True)  # the acting company, if any
    user_id = models.BigIntegerField(null=True, blank=True)
    visitor_id = models.CharField(max_length=64, blank=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    properties = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["name", "at"]),
            models.Index(fields=["object_type", "object_id", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name}@{self.at:%Y-%m-%d %H:%M:%S}"
