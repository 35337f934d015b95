"""Security headers and cookie flags on real responses of public pages.

Plain HTTP here (the test settings, like local use). The HTTPS case reads settings as
``HTTPS=1`` makes them (tests/setup/test_settings.py checks that mapping). Django's
SecurityMiddleware reads its settings when the middleware chain is built, and each new
test ``Client`` builds its own chain on its first request, so a client made inside
``override_settings`` answers as a production server would.
"""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/"]

# What settings.py sets when HTTPS=1 (with the default HSTS age).
HTTPS_SETTINGS = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],
}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = sources
    return directives


def sign_in(client):
    user = UserFactory()
    return client.post(reverse("accounts:login"), {"email": user.email, "password": PASSWORD})


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_the_content_security_policy_locks_down_objects_base_and_framing(client, path):
    response = client.get(path)

    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_scripts_come_only_from_our_own_files(client, path):
    csp = csp_directives(client.get(path)["Content-Security-Policy"])

    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert not {"script-src-elem", "script-src-attr"} & csp.keys()


def test_no_directive_allows_inline_code_or_eval(client):
    csp = csp_directives(client.get("/")["Content-Security-Policy"])

    unsafe = {name for name, sources in csp.items() for s in sources if s.startswith("'unsafe-")}
    assert unsafe == set()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_content_types_are_not_sniffed_and_pages_are_not_framed(client, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_an_api_answer_carries_the_same_policy(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert csp_directives(response["Content-Security-Policy"])["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_plain_http_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/")


def test_the_csrf_cookie_is_http_only_same_site_lax_and_not_secure_over_plain_http(client):
    cookie = client.get("/accounts/login/").cookies[settings.CSRF_COOKIE_NAME]

    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == ""
    # htmx sends the token from the page (hx-headers): no script needs the cookie.
    assert cookie["httponly"] is True


def test_the_session_cookie_after_sign_in_is_http_only_and_same_site_lax(client):
    response = sign_in(client)

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == ""


@override_settings(**HTTPS_SETTINGS)
def test_over_https_the_answer_carries_hsts():
    response = Client().get("/", headers={"x-forwarded-proto": "https"})

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(**HTTPS_SETTINGS)
def test_over_https_plain_http_is_redirected_except_the_health_check():
    client = Client()

    redirect = client.get("/accounts/login/")
    health = client.get("/healthz")

    assert (redirect.status_code, redirect["Location"]) == (
        301,
        "https://testserver/accounts/login/",
    )
    assert health.status_code == 200


@override_settings(**HTTPS_SETTINGS)
def test_over_https_session_and_csrf_cookies_are_secure():
    client = Client(headers={"x-forwarded-proto": "https"})

    csrf = client.get("/accounts/login/").cookies[settings.CSRF_COOKIE_NAME]
    session = sign_in(client).cookies[settings.SESSION_COOKIE_NAME]

    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
