from django.urls import path

from tradeloom.orders import views

app_name = "orders"
urlpatterns = [
    path("drafts/", views.drafts, name="drafts"),
    path("drafts/<int:pk>/", views.draft, name="draft"),
    path("drafts/<int:pk>/cancel/", views.cancel, name="draft_cancel"),
]
