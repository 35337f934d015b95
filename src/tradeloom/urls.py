from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("tradeloom.api.urls")),
    path("console/", include("tradeloom.console.urls")),
    path("accounts/", include("tradeloom.accounts.urls")),
    path("supplier/products/import/", include("tradeloom.catalog.imports.urls")),
    path("", include("tradeloom.catalog.urls")),
    path("search/", include("tradeloom.search.urls")),
    path("inbox/", include("tradeloom.inquiries.urls")),
    path("rfqs/", include("tradeloom.rfq.urls")),
    path("orders/", include("tradeloom.orders.urls")),
    path("", include("tradeloom.web.urls")),
]

handler400 = "tradeloom.web.errors.bad_request"
handler403 = "tradeloom.web.errors.permission_denied"
handler404 = "tradeloom.web.errors.page_not_found"
handler500 = "tradeloom.web.errors.server_error"
