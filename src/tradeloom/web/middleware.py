"""Security headers on every response, and the first-party visitor cookie."""

from __future__ import annotations

from django.conf import settings

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        vid = getattr(request, "visitor_id", None)
        if vid and request.COOKIES.get("tl_vid") != vid:
            response.set_cookie(
                "tl_vid",
                vid,
                max_age=60 * 60 * 24 * 365,
                httponly=True,
                samesite="Lax",
                secure=settings.HTTPS,
            )
        return response
