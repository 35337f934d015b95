from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tradeloom.api"
    label = "api"
