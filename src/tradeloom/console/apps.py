from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "tradeloom.console"
    label = "console"
