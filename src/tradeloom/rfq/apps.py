from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RfqConfig(AppConfig):
    name = "tradeloom.rfq"
    label = "rfq"
    verbose_name = _("Requests for quotation")

    def ready(self) -> None:
        from tradeloom.rfq import handlers  # noqa: F401  registers outbox handlers
