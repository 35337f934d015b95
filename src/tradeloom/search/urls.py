from django.urls import path

from tradeloom.search import views

app_name = "search"
urlpatterns = [
    path("", views.products, name="products"),
    path("suppliers/", views.suppliers, name="suppliers"),
    path("suggest/", views.suggestions, name="suggest"),
    path("click/<int:pk>/", views.click, name="click"),
    path("exposure/", views.exposure_page, name="exposure"),
]
