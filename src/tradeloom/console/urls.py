from django.urls import path

from tradeloom.console import views

app_name = "console"
urlpatterns = [
    path("", views.companies, name="companies"),
    path("companies/<int:pk>/verification/", views.set_verification, name="set_verification"),
]
