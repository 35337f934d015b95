"""The one NinjaAPI of Tradeloom, mounted at /api/v1/. Each app contributes a router."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja import NinjaAPI, Swagger

from tradeloom.api import errors
from tradeloom.api.auth import BearerTokenAuth, SessionCsrfAuth

DESCRIPTION = """\
The Tradeloom marketplace API.

**Authentication.** Send a personal API token as `Authorization: Bearer <token>`
(create one under *tokens*; a token acts in the one company it was made for), or use
the signed-in browser session (unsafe methods then need the `X-CSRFToken` header).

**Errors.** Every error answers `{"code", "message", "details"}`: `code` is stable and
machine-readable, `message` is translated by `Accept-Language`.

**Tenancy.** Each operation declares `x-tenancy`: `self` (your own data), `company`
(one of your companies, from the path or the token) or `public`.
"""

# The docs page needs no relaxed Content-Security-Policy: with "ninja" installed, Swagger
# UI comes from our static files and starts from an external script (the settings travel
# in a JSON data block), so the site-wide policy holds; tests/api/test_docs.py proves it
# in Chromium.


class TradeloomAPI(NinjaAPI):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._schemas: dict = {}

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        # Building the document walks every operation (about a second); it only changes
        # with the code, so each process builds it once per prefix and language.
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, get_language())
        cached = self._schemas.get(key)
        if cached is None:
            cached = self._schemas[key] = super().get_openapi_schema(path_prefix=path_prefix)
        return cached

    def get_openapi_operation_id(self, operation) -> str:
        # "accounts_list_members" rather than "tradeloom_accounts_api_list_members"
        app = operation.view_func.__module__.split(".")[1]
        return f"{app}_{operation.view_func.__name__}"


def build_api() -> NinjaAPI:
    from tradeloom.accounts.api import router as accounts_router
    from tradeloom.catalog.api import router as catalog_router
    from tradeloom.core.api import router as notifications_router
    from tradeloom.inquiries.api import router as inquiries_router
    from tradeloom.orders.api import router as orders_router
    from tradeloom.rfq.api import router as rfq_router
    from tradeloom.search.api import router as search_router

    api = TradeloomAPI(
        title="Tradeloom API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=[BearerTokenAuth(), SessionCsrfAuth()],
        docs=Swagger(settings={"persistAuthorization": False}),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    errors.install(api)
    api.add_router("", accounts_router)
    api.add_router("", notifications_router)
    api.add_router("", catalog_router)
    api.add_router("", search_router)
    api.add_router("", inquiries_router)
    api.add_router("", rfq_router)
    api.add_router("", orders_router)
    return api


api = build_api()
