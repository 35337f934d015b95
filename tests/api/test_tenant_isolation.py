"""Tenant isolation, driven by the OpenAPI document: every operation, every caller.

Company A owns a world of objects (members, an invitation, a token, a notification).
For each operation of the served document this runs it as anonymous and as the owner of
company B (by session and by bearer token) against A's objects, and asserts a refusal
(401/403/404), that no answer carries anything of A, and that A's world is unchanged.

An operation without an ``x-tenancy`` rule fails here, and so does one with a path
parameter the world below cannot fill: extend ``World.a_ids`` when an issue adds one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.api.conftest import API, ApiClient, png_bytes, session_client, token_client
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken, Company, Invitation, Membership
from tradeloom.api.main import api
from tradeloom.api.schemas import TENANCY_KEY, TENANCY_RULES
from tradeloom.core.models import Notification

DENIED = {401, 403, 404}
METHODS = {"get", "post", "put", "patch", "delete"}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    spec: dict[str, Any]

    @property
    def rule(self) -> str | None:
        return self.spec.get(TENANCY_KEY)

    @property
    def path_params(self) -> list[str]:
        return [p["name"] for p in self.spec.get("parameters", []) if p["in"] == "path"]

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations_of(document: dict[str, Any]) -> list[Operation]:
    return [
        Operation(method, path, spec)
        for path, ops in document["paths"].items()
        for method, spec in ops.items()
        if method in METHODS
    ]


# Collected from the same API object that serves /api/v1/openapi.json;
# test_served_document_is_the_one_tested checks the two agree.
OPERATIONS = operations_of(api.get_openapi_schema(path_params={}))


# --- company A's world, and company B -----------------------------------------------------


@dataclass
class World:
    a_company: Company
    a_owner: Membership
    a_member: Membership
    a_invitation: Invitation
    a_token: ApiToken
    a_notification: Notification
    b_owner: Membership

    def a_ids(self) -> dict[str, int]:
        """Path parameter name -> A's object; later issues add theirs here."""
        return {
            "company_id": self.a_company.pk,
            "member_id": self.a_member.pk,
            "invitation_id": self.a_invitation.pk,
            "token_id": self.a_token.pk,
            "notification_id": self.a_notification.pk,
        }

    def a_strings(self) -> list[str]:
        """What identifies A: none of it may reach B or an anonymous caller."""
        return [
            "aardvark",
            self.a_company.slug,
            self.a_member.user.email,
            self.a_invitation.email,
            self.a_token.name,
            f"tl_{self.a_token.prefix}",
        ]

    def a_state(self) -> tuple:
        """Everything of A that any operation could change."""
        return (
            tuple(Company.objects.filter(pk=self.a_company.pk).values_list()),
            tuple(
                Membership.objects.filter(company=self.a_company)
                .order_by("pk")
                .values_list("pk", "user_id", "role")
            ),
            tuple(
                Invitation.objects.filter(company=self.a_company)
                .order_by("pk")
                .values_list("pk", "accepted_at", "revoked_at")
            ),
            tuple(
                ApiToken.objects.filter(company=self.a_company)
                .order_by("pk")
                .values_list("pk", "revoked_at")
            ),
            tuple(
                Notification.objects.filter(user=self.a_owner.user)
                .order_by("pk")
                .values_list("pk", "read_at")
            ),
        )


@pytest.fixture
def world(db) -> World:
    a_company = CompanyFactory(
        display_name="Aardvark Knitting Works",
        slug="aardvark-knitting",
        legal_name="Aardvark Knitting Works Ltd.",
        kind="supplier",
    )
    a_owner = MembershipFactory(
        company=a_company,
        role="owner",
        user__email="alice@aardvark-knit.example",
        user__full_name="Alice Aardvark",
    )
    a_member = MembershipFactory(
        company=a_company,
        role="sales",
        user__email="sam@aardvark-knit.example",
        user__full_name="Sam Aardvark",
    )
    a_invitation, _raw = services.invite(a_owner, "ivy@aardvark-knit.example", "catalog")
    a_token, _secret = services.create_token(a_owner, "aardvark-erp-sync")
    a_notification = Notification.objects.create(
        user=a_owner.user,
        company=a_company,
        kind="member.role_changed",
        params={"company": "Aardvark Knitting Works", "role": "Owner"},
    )
    b_owner = MembershipFactory(
        company=CompanyFactory(display_name="Bluebird Retail", kind="buyer", country="DE"),
        role="owner",
        user__email="bea@bluebird.example",
        user__full_name="Bea Bluebird",
    )
    return World(a_company, a_owner, a_member, a_invitation, a_token, a_notification, b_owner)


# --- requests built from the document ----------------------------------------------------------

# Values the services accept, for body fields whose name says what they are.
FIELD_HINTS = {
    "country": "DE",
    "default_currency": "EUR",
    "website": "https://probe.example",
    "email": "probe@bluebird.example",
    "kind": "buyer",
}


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return _resolve(document, options[0])
    return schema


def sample(document: dict, schema: dict, name: str, ids: dict[str, int]) -> Any:
    """A valid value for ``schema``; ids point at A's objects wherever an id is asked for."""
    schema = _resolve(document, schema)
    if "enum" in schema:
        return FIELD_HINTS[name] if FIELD_HINTS.get(name) in schema["enum"] else schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {
            prop: sample(document, sub, prop, ids)
            for prop, sub in schema.get("properties", {}).items()
        }
    if kind == "array":
        items = _resolve(document, schema.get("items", {}))
        if items.get("type") == "integer":
            return sorted(ids.values())
        return [sample(document, items, name, ids)]
    if kind == "integer":
        if name in ids:
            return ids[name]
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return False
    if kind == "string":
        if schema.get("format") == "binary":
            return SimpleUploadedFile("probe.png", png_bytes(), content_type="image/png")
        if name in FIELD_HINTS:
            return FIELD_HINTS[name]
        return "probe".ljust(schema.get("minLength", 1), "x")[: schema.get("maxLength", 40)]
    return None


def request_body(document: dict, op: Operation, ids: dict[str, int]) -> tuple[str, Any] | None:
    content = op.spec.get("requestBody", {}).get("content", {})
    for media_type in ("application/json", "multipart/form-data"):
        if media_type in content:
            return media_type, sample(document, content[media_type]["schema"], "", ids)
    assert not content, f"{op}: teach this test the body type {sorted(content)}"
    return None


def call(client: ApiClient, document: dict, op: Operation, ids: dict[str, int]):
    missing = [p for p in op.path_params if p not in ids]
    if missing:
        pytest.fail(f"{op}: the fixture world has no object for {missing}; add it to World.a_ids")
    url = op.path
    for param in op.path_params:
        url = url.replace("{" + param + "}", str(ids[param]))
    query = {
        p["name"]: sample(document, p["schema"], p["name"], ids)
        for p in op.spec.get("parameters", [])
        if p["in"] == "query" and p.get("required")
    }
    if query:
        url = f"{url}?{urlencode(query, doseq=True)}"
    send = getattr(client.client, op.method)
    body = request_body(document, op, ids)
    if body is None:
        return send(url, headers=client.headers)
    media_type, data = body
    if media_type == "multipart/form-data":
        return send(url, data, headers=client.headers)
    return send(url, json.dumps(data), content_type=media_type, headers=client.headers)


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif value is not None:
        yield str(value)


def assert_nothing_of_a(response, world: World, op: Operation) -> None:
    if not response.content:
        return
    assert response["Content-Type"].startswith("application/json"), f"{op}: not JSON"
    texts = [text.lower() for text in strings_in(response.json())]
    for secret in world.a_strings():
        leaked = [text for text in texts if secret.lower() in text]
        assert not leaked, f"{op} leaked {secret!r} of company A: {leaked}"


def refers_to_a(document: dict, op: Operation, world: World) -> bool:
    """Does the request built for ``op`` name one of A's objects in its path or a body id?"""
    if op.path_params:
        return True
    body = request_body(document, op, world.a_ids())
    return (
        body is not None
        and isinstance(body[1], dict)
        and any(
            name.endswith("_id") and value in world.a_ids().values()
            for name, value in body[1].items()
        )
    )


@pytest.fixture
def document(anon) -> dict:
    return anon.get(f"{API}/openapi.json").json()


# --- the tests -----------------------------------------------------------------------------------


def undeclared(document: dict) -> list[str]:
    return [str(op) for op in operations_of(document) if op.rule not in TENANCY_RULES]


def test_every_operation_declares_its_tenancy_rule(document):
    missing = undeclared(document)
    assert missing == [], f"declare openapi_extra={{'{TENANCY_KEY}': ...}} on {missing}"


def test_served_document_is_the_one_tested(document):
    assert {str(op) for op in operations_of(document)} == {str(op) for op in OPERATIONS}
    assert len(OPERATIONS) >= 18


def test_an_operation_without_or_with_an_unknown_rule_is_caught():
    document = {
        "paths": {
            f"{API}/new": {"get": {"responses": {}}},
            f"{API}/odd": {"post": {TENANCY_KEY: "everyone", "responses": {}}},
            f"{API}/fine": {"get": {TENANCY_KEY: "self", "responses": {}}},
        }
    }
    assert undeclared(document) == [f"GET {API}/new", f"POST {API}/odd"]


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_anonymous_is_refused(op, world, document):
    assert op.rule in TENANCY_RULES, f"{op} declares no {TENANCY_KEY} rule"
    before = world.a_state()
    response = call(ApiClient(Client()), document, op, world.a_ids())
    if op.rule != "public":
        assert response.status_code == 401, f"{op}: {response.status_code} {response.content!r}"
        assert response.json()["code"] == "not_authenticated"
    assert response.status_code < 500
    assert_nothing_of_a(response, world, op)
    assert world.a_state() == before, f"{op} changed company A's data"


@pytest.fixture(params=["session", "token"])
def other_company(request, world) -> ApiClient:
    if request.param == "session":
        return session_client(world.b_owner.user)
    return token_client(world.b_owner, "bluebird")


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_member_of_another_company_gets_nothing_of_a(op, world, document, other_company):
    assert op.rule in TENANCY_RULES, f"{op} declares no {TENANCY_KEY} rule"
    before = world.a_state()
    response = call(other_company, document, op, world.a_ids())
    if refers_to_a(document, op, world):
        assert response.status_code in DENIED, (
            f"{op} as company B on A's objects: {response.status_code} {response.content!r}"
        )
    assert response.status_code < 500, f"{op}: {response.content!r}"
    assert_nothing_of_a(response, world, op)
    assert world.a_state() == before, f"{op} changed company A's data"


@pytest.mark.parametrize(
    "op",
    [op for op in OPERATIONS if "company_id" in op.path_params and len(op.path_params) > 1],
    ids=str,
)
def test_a_objects_are_not_found_through_my_own_company(op, world, document, other_company):
    """B's own company in the path, A's object ids after it."""
    ids = {**world.a_ids(), "company_id": world.b_owner.company_id}
    before = world.a_state()
    response = call(other_company, document, op, ids)
    assert response.status_code in DENIED, f"{op}: {response.status_code} {response.content!r}"
    assert_nothing_of_a(response, world, op)
    assert world.a_state() == before, f"{op} changed company A's data"


@pytest.mark.parametrize(
    "op",
    [op for op in OPERATIONS if op.method == "get" and set(op.path_params) <= {"company_id"}],
    ids=str,
)
def test_my_lists_hold_nothing_of_a(op, world, document, other_company):
    ids = {"company_id": world.b_owner.company_id}
    response = call(other_company, document, op, ids)
    assert response.status_code == 200, f"{op}: {response.status_code} {response.content!r}"
    assert_nothing_of_a(response, world, op)


def test_the_leak_check_can_fail(world):
    """The checker itself: a body naming A's member must be caught."""

    class Leaky:
        content = b"x"

        def __getitem__(self, header):
            return "application/json"

        def json(self):
            return {"items": [{"email": "SAM@aardvark-knit.example"}]}

    with pytest.raises(AssertionError, match="leaked"):
        assert_nothing_of_a(Leaky(), world, OPERATIONS[0])


def test_sample_bodies_are_valid_for_my_own_company(world, document):
    """The generated bodies pass validation, so refusals above are about tenancy, not input."""
    client = session_client(world.b_owner.user)
    ids = {**world.a_ids(), "company_id": world.b_owner.company_id}
    for op in OPERATIONS:
        if op.method in {"post", "patch", "put"} and op.path_params == ["company_id"]:
            response = call(client, document, op, ids)
            assert response.status_code != 422, f"{op}: {response.content!r}"
