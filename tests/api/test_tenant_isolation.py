"""Tenant isolation, driven by the OpenAPI document: every operation, every caller.

Company A, a supplier, owns a world of objects (members, an invitation, a token, a
notification, a draft product with a variant and an image, a product group, and a live
product). For each operation of the served document this runs it as anonymous and as
the owner of another company, a buyer and a rival supplier (by session and by bearer
token), against A's objects, and asserts a refusal (401/403/404), that no answer carries
anything of A, and that A's world is unchanged.

Public operations may show what A publishes (its storefront name and slug, its live
product) but never its private data or unpublished products; operator operations
refuse everyone who is not an operator with 403.

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
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.api.conftest import API, ApiClient, png_bytes, session_client, token_client
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import ApiToken, Company, Invitation, Membership
from tradeloom.api.main import api
from tradeloom.api.schemas import TENANCY_KEY, TENANCY_RULES
from tradeloom.catalog import services as catalog
from tradeloom.catalog.models import (
    Category,
    Favourite,
    ImportJob,
    PriceTier,
    Product,
    ProductGroup,
    ProductImage,
    StatusChange,
    Variant,
)
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.catalog.services import ProductInput, TranslationInput, VariantInput
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
    a_product: Product  # a draft: private to A
    a_image: ProductImage
    a_group: ProductGroup
    a_live: Product  # published: anyone may see it
    a_import: ImportJob
    b_owner: Membership  # a buyer
    c_owner: Membership  # a rival supplier
    # Inquiries: A's conversation with another buyer, a price offer in it and a file.
    a_conversation: Any = None
    a_message: Any = None
    a_attachment: Any = None
    # RFQs: A's invited-only RFQ, the quote of the one supplier invited, and A's order draft.
    a_rfq: Any = None
    a_quote: Any = None
    a_draft: Any = None

    def a_ids(self) -> dict[str, int]:
        """Path parameter name -> A's object; later issues add theirs here."""
        return {
            "company_id": self.a_company.pk,
            "member_id": self.a_member.pk,
            "invitation_id": self.a_invitation.pk,
            "token_id": self.a_token.pk,
            "notification_id": self.a_notification.pk,
            "product_id": self.a_product.pk,
            "image_id": self.a_image.pk,
            "group_id": self.a_group.pk,
            "import_id": self.a_import.pk,
            "conversation_id": self.a_conversation.pk,
            "message_id": self.a_message.pk,
            "attachment_id": self.a_attachment.pk,
            "rfq_id": self.a_rfq.pk,
            "quote_id": self.a_quote.pk,
            "draft_id": self.a_draft.pk,
        }

    def public_values(self) -> dict[str, str]:
        """Path parameters that name something public, not an object A keeps private."""
        return {"slug": self.a_company.slug, "category_slug": "sweaters"}

    def ids(self) -> dict[str, Any]:
        return {**self.a_ids(), **self.public_values()}

    def a_private_strings(self) -> list[str]:
        """What no one outside A may ever see, public operations included."""
        return [
            self.a_company.legal_name,
            self.a_member.user.email,
            self.a_owner.user.email,
            self.a_invitation.email,
            self.a_token.name,
            f"tl_{self.a_token.prefix}",
            "zebra",  # the draft's title, SKU and image text; the import's file and errors
        ]

    def a_strings(self) -> list[str]:
        """What identifies A: none of it may reach B or an anonymous caller, except
        A's published name and slug through public operations."""
        return ["aardvark", self.a_company.slug, *self.a_private_strings()]

    def a_state(self) -> tuple:
        """Everything of A that any operation could change."""
        products = Product.objects.filter(supplier=self.a_company)
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
            tuple(products.order_by("pk").values_list()),
            tuple(
                PriceTier.objects.filter(product__in=products)
                .order_by("pk")
                .values_list("pk", "min_quantity", "max_quantity", "unit_price_minor")
            ),
            tuple(
                Variant.objects.filter(product__in=products)
                .order_by("pk")
                .values_list("pk", "sku", "options", "price_override_minor")
            ),
            tuple(
                ProductImage.objects.filter(product__in=products)
                .order_by("pk")
                .values_list("pk", "image", "alt", "position")
            ),
            tuple(
                ProductGroup.objects.filter(supplier=self.a_company)
                .order_by("pk")
                .values_list("pk", "name")
            ),
            StatusChange.objects.filter(product__in=products).count(),
            tuple(Favourite.objects.order_by("pk").values_list("pk", "user_id", "product_id")),
            tuple(
                ImportJob.objects.filter(supplier=self.a_company)
                .order_by("pk")
                .values_list("pk", "status", "attempts", "processed_rows", "created_at")
            ),
            *_inquiries_state(self.a_company),
            *_rfq_state(self.a_company),
        )


def _a_product(owner: Membership, title: str, sku: str, group=None) -> Product:
    return catalog.save_product(
        owner,
        ProductInput(
            category_id=Category.objects.get(slug="cashmere-sweaters-fine-gauge").pk,
            translations=[TranslationInput("en", title, "<p>Knitted in Aardvark's mill.</p>")],
            moq=500,
            order_increment=50,
            tiers=[TierInput(500, 999, 720), TierInput(1000, None, 680)],
            lead_times=[LeadTimeInput(None, 30)],
            variants=[VariantInput(sku, {"colour": "navy"})],
            group_id=group.pk if group else None,
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
    a_group = catalog.create_group(a_owner, "Winter knits")
    a_product = _a_product(a_owner, "Zebra prototype cardigan", "ZEBRA-7")
    a_image = catalog.add_image(
        a_owner,
        a_product.pk,
        SimpleUploadedFile("zebra.png", png_bytes(), content_type="image/png"),
        alt="zebra swatch",
    )
    a_live = _a_product(a_owner, "Navy cable crew-neck", "NAVY-1", group=a_group)
    catalog.submit_for_review(a_owner, a_live.pk)
    operator = MembershipFactory(user__is_operator=True).user
    catalog.moderate(operator, a_live.pk, "approve")
    Favourite.objects.create(user=a_owner.user, product=a_live)
    a_import = ImportJob(
        supplier=a_company,
        user=a_owner.user,
        original_name="zebra-catalogue.csv",
        format="csv",
        encoding="utf-8",
        status="done",
        total_rows=1,
        processed_rows=1,
        error_count=1,
        error_sample=[[2, "sku", "ZEBRA-9 is also in row 3."]],
    )
    a_import.file.save("zebra-catalogue.csv", ContentFile(b"sku\nZEBRA-9\n"), save=False)
    a_import.error_report.save(
        "errors.csv",
        ContentFile(b"row,column,message\n2,sku,ZEBRA-9 is also in row 3.\n"),
        save=False,
    )
    a_import.save()
    b_owner = MembershipFactory(
        company=CompanyFactory(display_name="Bluebird Retail", kind="buyer", country="DE"),
        role="owner",
        user__email="bea@bluebird.example",
        user__full_name="Bea Bluebird",
    )
    c_owner = MembershipFactory(
        company=CompanyFactory(display_name="Cobalt Knits", kind="supplier", country="CN"),
        role="owner",
        user__email="chen@cobalt.example",
        user__full_name="Chen Cobalt",
    )
    world = World(
        a_company,
        a_owner,
        a_member,
        a_invitation,
        a_token,
        a_notification,
        a_product,
        a_image,
        a_group,
        a_live,
        a_import,
        b_owner,
        c_owner,
    )
    _add_inquiries(world)
    _add_rfqs(world)
    return world


def _add_inquiries(world: World) -> None:
    """A's conversation with Dormouse Trading (a buyer that never calls): an inquiry
    about the live product with a file, and A's price offer."""
    from datetime import timedelta

    from django.utils import timezone

    from tradeloom.inquiries import services as inquiries

    d_owner = MembershipFactory(
        company=CompanyFactory(display_name="Dormouse Trading", kind="buyer", country="GB"),
        role="owner",
    )
    inquiry = inquiries.start_inquiry(
        d_owner,
        inquiries.InquiryInput(
            product_ids=[world.a_live.pk], quantity=800, message="Zebra-stripe version too?"
        ),
        [SimpleUploadedFile("zebra-sketch.png", png_bytes(), content_type="image/png")],
    )
    world.a_conversation = inquiry.conversation
    world.a_attachment = inquiry.attachments.get()
    world.a_message = inquiries.offer_price(
        world.a_owner,
        inquiry.conversation_id,
        product_id=world.a_live.pk,
        quantity=800,
        unit_price="7.00",
        currency="USD",
        lead_time_days=30,
        valid_until=timezone.localdate() + timedelta(days=7),
        note="Zebra stripes at the same price.",
    )


def _add_rfqs(world: World) -> None:
    """A asks Echidna Yarns (and only Echidna) for a quote on zebra-stripe sweaters,
    Echidna quotes, and A keeps an order draft with Echidna. An invited-only RFQ: an open
    one may rightly be read by any supplier, the rival C included."""
    from datetime import timedelta

    from django.utils import timezone

    from tradeloom.orders.services import DraftLine, create_order_draft
    from tradeloom.rfq import services as rfqs

    d_owner = MembershipFactory(
        company=CompanyFactory(display_name="Echidna Yarns", kind="supplier", country="VN"),
        role="owner",
    )
    today = timezone.localdate()
    world.a_rfq = rfqs.create_rfq(
        world.a_owner,
        rfqs.RfqInput(
            product_name="Zebra-stripe sweater",
            category_id=Category.objects.get(slug="cashmere-sweaters-fine-gauge").pk,
            quantity=800,
            currency="USD",
            destination_country="JP",
            incoterm="FOB",
            expires_on=today + timedelta(days=14),
            target_price="7.00",
            visibility="invited",
            invited_supplier_ids=[d_owner.company_id],
        ),
    )
    world.a_quote = rfqs.submit_quote(
        d_owner,
        world.a_rfq.pk,
        rfqs.QuoteInput(
            tiers=[rfqs.QuoteTierInput(500, "7.20")],
            currency="USD",
            lead_time_days=30,
            incoterm="FOB",
            valid_until=today + timedelta(days=30),
            moq=500,
            notes="Zebra stripes knitted in.",
        ),
    )
    world.a_draft = create_order_draft(
        world.a_owner,
        supplier=d_owner.company,
        lines=[DraftLine("Zebra-stripe sweater", 800, 720, "USD")],
        source=("manual", None),
        currency="USD",
    )


def _rfq_state(company: Company) -> tuple:
    from django.db.models import Q

    from tradeloom.orders.models import OrderDraft, OrderDraftLine
    from tradeloom.rfq.models import Quote, Rfq

    rfqs = Rfq.objects.filter(buyer=company)
    quotes = Quote.objects.filter(Q(rfq__in=rfqs) | Q(supplier=company))
    drafts = OrderDraft.objects.filter(Q(buyer=company) | Q(supplier=company))
    return (
        tuple(rfqs.order_by("pk").values_list()),
        tuple(quotes.order_by("pk").values_list()),
        tuple(drafts.order_by("pk").values_list()),
        tuple(OrderDraftLine.objects.filter(draft__in=drafts).order_by("pk").values_list()),
    )


def _inquiries_state(company: Company) -> tuple:
    from django.db.models import Q

    from tradeloom.inquiries.models import Attachment, Conversation, Message

    conversations = Conversation.objects.filter(Q(supplier=company) | Q(buyer=company))
    messages = Message.objects.filter(conversation__in=conversations)
    return (
        tuple(conversations.order_by("pk").values_list()),
        tuple(messages.order_by("pk").values_list()),
        tuple(Attachment.objects.filter(message__in=messages).order_by("pk").values_list()),
    )


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


def sample(document: dict, schema: dict, name: str, ids: dict[str, Any]) -> Any:
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
            return sorted(v for v in ids.values() if isinstance(v, int))
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


def request_body(document: dict, op: Operation, ids: dict[str, Any]) -> tuple[str, Any] | None:
    content = op.spec.get("requestBody", {}).get("content", {})
    for media_type in ("application/json", "multipart/form-data"):
        if media_type in content:
            return media_type, sample(document, content[media_type]["schema"], "", ids)
    assert not content, f"{op}: teach this test the body type {sorted(content)}"
    return None


def call(client: ApiClient, document: dict, op: Operation, ids: dict[str, Any]):
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
    secrets = world.a_private_strings() if op.rule == "public" else world.a_strings()
    for secret in secrets:
        leaked = [text for text in texts if secret.lower() in text]
        assert not leaked, f"{op} leaked {secret!r} of company A: {leaked}"


def refers_to_a(document: dict, op: Operation, world: World) -> bool:
    """Does the request built for ``op`` name one of A's objects in its path or a body id?"""
    if set(op.path_params) & set(world.a_ids()):
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


_SERVED: list[dict] = []


@pytest.fixture
def document(anon) -> dict:
    """The served document, fetched once: ninja builds it anew on every request (about
    a second with all the operations), and nothing in a test run changes it."""
    if not _SERVED:
        _SERVED.append(anon.get(f"{API}/openapi.json").json())
    return _SERVED[0]


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
    response = call(ApiClient(Client()), document, op, world.ids())
    if op.rule != "public":
        assert response.status_code == 401, f"{op}: {response.status_code} {response.content!r}"
        assert response.json()["code"] == "not_authenticated"
    assert response.status_code < 500
    assert_nothing_of_a(response, world, op)
    assert world.a_state() == before, f"{op} changed company A's data"


@dataclass
class Other:
    """The owner of another company, calling by session or by token."""

    client: ApiClient
    membership: Membership


@pytest.fixture(params=["buyer-session", "buyer-token", "supplier-token"])
def other_company(request, world) -> Other:
    kind, via = request.param.split("-")
    membership = world.b_owner if kind == "buyer" else world.c_owner
    if via == "session":
        return Other(session_client(membership.user), membership)
    return Other(token_client(membership, "other"), membership)


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_member_of_another_company_gets_nothing_of_a(op, world, document, other_company):
    assert op.rule in TENANCY_RULES, f"{op} declares no {TENANCY_KEY} rule"
    before = world.a_state()
    response = call(other_company.client, document, op, world.ids())
    if refers_to_a(document, op, world):
        assert response.status_code in DENIED, (
            f"{op} as another company on A's objects: {response.status_code} {response.content!r}"
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
    """The caller's own company in the path, A's object ids after it."""
    ids = {**world.ids(), "company_id": other_company.membership.company_id}
    before = world.a_state()
    response = call(other_company.client, document, op, ids)
    assert response.status_code in DENIED, f"{op}: {response.status_code} {response.content!r}"
    assert_nothing_of_a(response, world, op)
    assert world.a_state() == before, f"{op} changed company A's data"


@pytest.mark.parametrize(
    "op",
    [
        op
        for op in OPERATIONS
        if op.method == "get" and set(op.path_params) <= {"company_id"} and op.rule != "operator"
    ],
    ids=str,
)
def test_my_lists_hold_nothing_of_a(op, world, document, other_company):
    ids = {"company_id": other_company.membership.company_id}
    response = call(other_company.client, document, op, ids)
    if other_company.membership.company.kind == "buyer" and response.status_code == 403:
        # Supplier-only lists (such as imports) refuse a buyer company outright.
        assert response.json()["code"] == "not_a_supplier", f"{op}: {response.content!r}"
    else:
        assert response.status_code == 200, f"{op}: {response.status_code} {response.content!r}"
    assert_nothing_of_a(response, world, op)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.rule == "operator"], ids=str)
@pytest.mark.parametrize("who", ["a_owner", "b_owner", "c_owner"])
def test_operator_operations_refuse_everyone_else(op, who, world, document):
    """Not even A's own owner moderates A's listings: only platform operators do."""
    client = token_client(getattr(world, who), "probe")
    before = world.a_state()
    response = call(client, document, op, world.ids())
    assert response.status_code == 403, f"{op}: {response.status_code} {response.content!r}"
    assert response.json()["code"] == "permission_denied"
    assert world.a_state() == before, f"{op} changed company A's data"


def test_the_public_catalogue_shows_only_what_a_published(world):
    """The draft exists for A and is invisible to everyone else; the live product is not."""
    anon = ApiClient(Client())
    listed = [p["id"] for p in anon.get(f"{API}/products").json()["items"]]
    storefront = anon.get(f"{API}/storefronts/{world.a_company.slug}").json()
    assert listed == [world.a_live.pk]
    assert [p["id"] for p in storefront["products"]["items"]] == [world.a_live.pk]
    assert anon.get(f"{API}/products/{world.a_product.pk}").status_code == 404


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


@pytest.mark.parametrize("who", ["b_owner", "c_owner"])
def test_sample_bodies_are_valid_for_my_own_company(who, world, document):
    """The generated bodies pass validation, so refusals above are about tenancy, not input."""
    membership = getattr(world, who)
    client = session_client(membership.user)
    ids = {**world.ids(), "company_id": membership.company_id}
    for op in OPERATIONS:
        if op.method in {"post", "patch", "put"} and op.path_params == ["company_id"]:
            response = call(client, document, op, ids)
            assert response.status_code != 422, f"{op}: {response.content!r}"
