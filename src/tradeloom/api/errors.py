"""One error shape for every API answer that is not a success.

``{"code": "<machine-readable>", "message": "<translated sentence>", "details": {...}}``
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from tradeloom.core.errors import DomainError

log = logging.getLogger("tradeloom.api")


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": str(message), "details": details or {}}


def error_response(
    status: int, code: str, message: str, details: dict[str, Any] | None = None
) -> HttpResponse:
    return JsonResponse(error_body(code, message, details), status=status)


def _field_message(error: dict[str, Any]) -> str:
    """A translated sentence for the common pydantic error types; pydantic's own otherwise."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "string_too_long":
        return _("Use at most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Use at least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind == "too_long":
        return _("Give at most %(n)s items.") % {"n": ctx.get("max_length")}
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        return _("The number is out of range.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Enter true or false.")
    if kind in {"string_type", "list_type", "dict_type", "model_type", "model_attributes_type"}:
        return _("This value has the wrong type.")
    if kind in {"enum", "literal_error"}:
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "extra_forbidden":
        return _("This field is not allowed here.")
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return str(error.get("msg", _("This value is not valid.")))


def _field_name(loc: tuple | list) -> str:
    source, *parts = [str(p) for p in loc] or ["body"]
    if source == "body" and parts:
        parts = parts[1:]  # drop the handler's parameter name: clients never see it
    return ".".join(parts) or source


def validation_details(errors: list[dict[str, Any]]) -> dict[str, Any]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(_field_message(error))
    return {"fields": fields}


def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = error_response(exc.status, exc.code, exc.message, exc.details)
    if exc.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return error_response(
        422, "validation_error", _("Some fields are not valid."), validation_details(exc.errors)
    )


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc, Throttled):
        return error_response(
            429,
            "rate_limited",
            _("Too many requests. Wait a moment and try again."),
            {"retry_after": exc.wait} if exc.wait else {},
        )
    if isinstance(exc, AuthenticationError):
        return _not_authenticated(request, exc)
    if isinstance(exc, AuthorizationError):
        return error_response(403, "permission_denied", _("You may not do this."))
    if exc.status_code == 400:
        # ninja raises a bare 400 only when the body parser fails: not JSON, or a
        # content type the operation does not read.
        return error_response(400, "malformed_json", _("The request body is not valid JSON."))
    if exc.status_code == 404:
        return _not_found(request, exc)
    return error_response(exc.status_code, "http_error", _("The request could not be handled."))


def _not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = error_response(
        401,
        "not_authenticated",
        _("Sign in, or send a valid API token as “Authorization: Bearer <token>”."),
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(404, "not_found", _("Not found."))


def _permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(403, "permission_denied", _("You may not do this."))


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("Unhandled API error on %s %s", request.method, request.path, exc_info=exc)
    return error_response(
        500, "server_error", _("Something went wrong on our side. Please try again later.")
    )


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers; the most specific class wins (MRO lookup)."""
    api.add_exception_handler(DomainError, _domain_error)
    api.add_exception_handler(NinjaValidationError, _validation_error)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(DjangoPermissionDenied, _permission_denied)
    api.add_exception_handler(Exception, _server_error)
