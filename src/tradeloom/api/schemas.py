"""Pieces every router shares: the error schema, the documented error statuses and the
tenancy declarations each operation must carry."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field

# Database ids: positive and within a 64-bit integer, so a huge number in a URL or body
# is a validation error rather than a database overflow.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class ErrorOut(Schema):
    code: str = Field(description="Machine-readable error code, such as `not_found`.")
    message: str = Field(description="A sentence for people, in the request's language.")
    details: dict[str, Any] = Field(description="More about the error, such as field errors.")


class InputSchema(Schema):
    """Request bodies refuse unknown fields, so a misspelt field is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid")


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
TENANCY_RULES = frozenset({"public", "self", "company"})
