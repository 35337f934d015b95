"""Clients for the API: anonymous, signed-in session, and bearer token."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from PIL import Image

from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.accounts import services

API = "/api/v1"


class ApiClient:
    """A Django test client that speaks JSON and optionally carries a bearer token."""

    def __init__(
        self, client: Client | None = None, token: str | None = None, language: str | None = None
    ):
        self.client = client or Client()
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if language:
            self.headers["Accept-Language"] = language

    def _send(
        self,
        method: str,
        path: str,
        body=None,
        *,
        raw: bytes | str | None = None,
        content_type: str = "application/json",
        **kwargs,
    ):
        send = getattr(self.client, method)
        url = path if path.startswith("/") else f"{API}/{path}"
        headers = {**self.headers, **kwargs.pop("headers", {})}
        if raw is not None:
            return send(url, data=raw, content_type=content_type, headers=headers, **kwargs)
        if body is None:
            return send(url, headers=headers, **kwargs)
        return send(
            url, data=json.dumps(body), content_type=content_type, headers=headers, **kwargs
        )

    def get(self, path, **kwargs):
        return self._send("get", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self._send("post", path, body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self._send("patch", path, body, **kwargs)

    def delete(self, path, **kwargs):
        return self._send("delete", path, **kwargs)

    def upload(self, path, field: str, content: bytes, name: str = "logo.png"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return self.client.post(
            f"{API}/{path}", {field: SimpleUploadedFile(name, content)}, headers=self.headers
        )


def session_client(user, **kwargs) -> ApiClient:
    client = Client(**kwargs)
    client.force_login(user)
    return ApiClient(client)


def token_client(membership, name: str = "test token") -> ApiClient:
    _token, secret = services.create_token(membership, name)
    return ApiClient(token=secret)


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def assert_error(response, status: int, code: str) -> dict:
    """The one error shape: exactly code, message and details."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], dict)
    return body


@pytest.fixture
def anon():
    return ApiClient()


@pytest.fixture
def owner(supplier):
    """The supplier's owner, signed in."""
    return session_client(supplier.user)


@pytest.fixture
def colleague(supplier):
    """A sales member of the supplier."""
    return MembershipFactory(company=supplier.company, role="sales")


@pytest.fixture
def foreign(db):
    """An owner membership of a company the supplier has nothing to do with."""
    return MembershipFactory(
        company=CompanyFactory(display_name="Faraway Traders", kind="buyer"), role="owner"
    )
