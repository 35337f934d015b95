"""Pieces every router shares: the error schema, the documented error statuses and the
tenancy declarations each operation must carry."""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, model_validator

# Database ids: positive and within a 64-bit integer, so a huge number in a URL or body
# is a validation error rather than a database overflow.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class ErrorOut(Schema):
    code: str = Field(description="Machine-readable error code, such as `not_found`.")
    message: str = Field(description="A sentence for people, in the request's language.")
    details: dict[str, Any] = Field(description="More about the error, such as field errors.")


def _unstorable(value: Any) -> str:
    """Why a value's text cannot be stored ("" when it can): PostgreSQL refuses NUL in
    text and JSON, and a lone surrogate (possible in JSON's \\u escapes) is no UTF-8."""
    if isinstance(value, str):
        if "\x00" in value:
            return _("Text may not contain the NUL character.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _("Text holds characters that are not valid Unicode.")
        return ""
    if isinstance(value, dict):
        return next((r for k, v in value.items() if (r := _unstorable(k) or _unstorable(v))), "")
    if isinstance(value, list | tuple | set):
        return next((r for v in value if (r := _unstorable(v))), "")
    return ""  # nested bodies check their own fields, so the error names the innermost one


class InputSchema(Schema):
    """Request bodies refuse unknown fields, so a misspelt field is an error, not a no-op,
    and refuse text the database could not store."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _refuse_unstorable_text(self):
        for name in type(self).model_fields:
            if reason := _unstorable(getattr(self, name)):
                raise ValueError(reason)
        return self


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Documented error answers: always 401 and 422 (every operation needs auth and
    validates), plus the ones given."""
    return {status: ErrorOut for status in sorted({401, 422, *statuses})}


# Every operation declares its isolation rule; tests/api/test_tenant_isolation.py
# fails for an operation that does not.
TENANCY_KEY = "x-tenancy"
PUBLIC = {TENANCY_KEY: "public"}  # no authentication needed, no private data
SELF = {TENANCY_KEY: "self"}  # acts only on the caller's own user data
COMPANY = {TENANCY_KEY: "company"}  # scoped to {company_id} in the path, or the token's company
OPERATOR = {TENANCY_KEY: "operator"}  # platform operators only; everyone else gets 403
TENANCY_RULES = frozenset({"public", "self", "company", "operator"})
