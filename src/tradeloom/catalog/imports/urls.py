"""Spreadsheet import and export pages; included by the site under the supplier's catalog."""

from django.urls import path

from tradeloom.catalog.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.imports, name="index"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/errors.csv", views.error_report, name="errors"),
    path("<int:pk>/restart/", views.restart, name="restart"),
    path("template.<str:fmt>", views.template, name="template"),
    path("export.<str:fmt>", views.export, name="export"),
]
