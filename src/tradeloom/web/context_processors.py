from django.conf import settings

from tradeloom.core.models import Notification
from tradeloom.web.navigation import nav_items


def layout(request):
    """What the base layout needs: the acting membership, the user's other companies, the bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"site_name": settings.SITE_NAME}
    from tradeloom.accounts.selectors import memberships_of

    membership = getattr(request, "membership", None)
    match = getattr(request, "resolver_match", None)
    return {
        "site_name": settings.SITE_NAME,
        "membership": membership,
        "my_memberships": list(memberships_of(user)),
        "unread_count": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        "nav_items": nav_items(user, membership, match.view_name if match else ""),
    }
