from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tradeloom.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from tradeloom.core import handlers  # noqa: F401  registers outbox handlers
