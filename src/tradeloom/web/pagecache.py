"""Whole pages for visitors without an account, answered from the page cache.

A public page looks the same to every signed-out visitor who reads it in the same
language and currency, except for the CSRF token in its forms. Such a page is
rendered once with a placeholder where the token goes and kept; each visitor gets
the kept page with their own token put in, so one visitor's token never reaches
another. Anything that makes the page the visitor's own — an account, a flash
message, a query string, something in the session the caller did not declare
harmless — bypasses the cache.

The caller's key must change whenever the page would (for the product page: the
listing's version, the language, the currency and the exchange-rate set).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

PAGE_CACHE = "pages"
PAGE_SECONDS = 300
# Stands in for the CSRF token in a kept page; a real token is 64 letters and digits.
CSRF_SLOT = "__tradeloom_csrf_slot__"


def _same_for_every_visitor(request: HttpRequest, harmless_session_keys: Iterable[str]) -> bool:
    if request.method != "GET" or request.GET or request.user.is_authenticated:
        return False
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    return set(request.session.keys()) <= set(harmless_session_keys)


def anonymous_page(
    request: HttpRequest,
    key: str,
    render: Callable[[dict], HttpResponse],
    *,
    harmless_session_keys: Iterable[str] = (),
) -> HttpResponse:
    """Answer with ``render(extra_context)``, reusing a kept answer for visitors who
    would all see the same page. ``render`` must put ``extra_context`` into its
    template context (it carries the token placeholder)."""
    if not _same_for_every_visitor(request, harmless_session_keys):
        return render({})
    cache = caches[PAGE_CACHE]
    cache_key = f"anonymous:{key}"
    kept = cache.get(cache_key)
    if kept is None:
        response = render({"csrf_token": CSRF_SLOT})
        kept = (response.content.decode(response.charset), response["Content-Type"])
        if response.status_code != 200:
            response.content = kept[0].replace(CSRF_SLOT, get_token(request))
            return response
        cache.set(cache_key, kept, PAGE_SECONDS)
    content, content_type = kept
    return HttpResponse(content.replace(CSRF_SLOT, get_token(request)), content_type=content_type)
