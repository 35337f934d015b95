from django.urls import path

from tradeloom.console import moderation, views

app_name = "console"
urlpatterns = [
    path("", views.companies, name="companies"),
    path("companies/<int:pk>/verification/", views.set_verification, name="set_verification"),
    path("moderation/", moderation.moderation, name="moderation"),
    path("moderation/<int:pk>/", moderation.decide, name="moderation_decide"),
]
