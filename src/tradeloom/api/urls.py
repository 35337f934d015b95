from functools import wraps

from django.http import JsonResponse
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _

from tradeloom.api.errors import error_response
from tradeloom.api.main import api


def index(request):
    return JsonResponse(
        {"openapi": reverse("api:openapi-json"), "docs": reverse("api:openapi-view")}
    )


def not_found(request, rest=""):
    return error_response(404, "not_found", _("There is no API operation at this address."))


def json_method_not_allowed(view):
    """ninja answers an unsupported method with a bare 405; give it the one error shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        allowed = response.get("Allow", "")
        answer = error_response(
            405,
            "method_not_allowed",
            _("This address does not accept the %(method)s method.") % {"method": request.method},
            {"allowed": [m.strip() for m in allowed.split(",") if m.strip()]},
        )
        answer["Allow"] = allowed
        return answer

    return wrapper


# (Not named app_name: Django would take that as this module's own namespace.)
api_patterns, ninja_app_name, ninja_namespace = api.urls
for pattern in api_patterns:
    pattern.callback = json_method_not_allowed(pattern.callback)

urlpatterns = [
    path("", index, name="api-index"),
    path("", (api_patterns, ninja_app_name, ninja_namespace)),
    re_path(r"^(?P<rest>.*)$", not_found),
]
