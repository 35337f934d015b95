"""The one NinjaAPI of Tradeloom, mounted at /api/v1/. Each app contributes a router."""

from __future__ import annotations

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
    def get_openapi_operation_id(self, operation) -> str:
        # "accounts_list_members" rather than "tradeloom_accounts_api_list_members"
        app = operation.view_func.__module__.split(".")[1]
        return f"{app}_{operation.view_func.__name__}"


def build_api() -> NinjaAPI:
    from tradeloom.accounts.api import router as accounts_router
    from tradeloom.core.api import router as notifications_router

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
    return api


api = build_api()
