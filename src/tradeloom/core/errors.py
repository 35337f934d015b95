"""Domain errors: raised by services, translated to a form error or an API 4xx."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule was broken. ``code`` is machine-readable, ``message`` is for people."""

    code = "invalid"
    status = 400

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        status: int | None = None,
    ):
        super().__init__(message)
        self.message = str(message)
        if code:
            self.code = code
        if status:
            self.status = status
        self.details = details or {}


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
