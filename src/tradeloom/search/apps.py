from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "tradeloom.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from tradeloom.search import handlers  # noqa: F401  registers the outbox handler
