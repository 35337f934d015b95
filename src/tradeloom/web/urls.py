from django.urls import path

from tradeloom.web.views import company, members, notifications, pages, tokens

app_name = "web"
urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("dashboard/", pages.dashboard, name="dashboard"),
    path("switch-company/", pages.switch_company, name="switch_company"),
    path("company/new/", company.company_create, name="company_create"),
    path("company/settings/", company.company_settings, name="company_settings"),
    path("company/logo/", company.company_logo, name="company_logo"),
    path("members/", members.members, name="members"),
    path("members/invite/", members.invite, name="invite"),
    path(
        "members/invitations/<int:pk>/revoke/", members.revoke_invitation, name="revoke_invitation"
    ),
    path("members/<int:pk>/role/", members.change_role, name="change_role"),
    path("members/<int:pk>/remove/", members.remove_member, name="remove_member"),
    path("members/leave/", members.leave_company, name="leave_company"),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/new/", tokens.create_token, name="create_token"),
    path("tokens/<int:pk>/revoke/", tokens.revoke_token, name="revoke_token"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.mark_read, name="mark_read"),
    path("notifications/bell/", pages.bell, name="bell"),
    # Uploaded files from the local media folder (the default storage; see pages.media).
    path("media/<path:path>", pages.media, name="media"),
]
