from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tradeloom.web"
    label = "web"
