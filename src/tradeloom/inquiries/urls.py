from django.urls import path

from tradeloom.inquiries import views, views_manage

app_name = "inquiries"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new_inquiry, name="new"),
    path("c/<int:pk>/", views.conversation, name="conversation"),
    path("c/<int:pk>/messages/", views.messages_since, name="messages_since"),
    path("c/<int:pk>/reply/", views.reply, name="reply"),
    path("c/<int:pk>/offer/", views.offer, name="offer"),
    path("c/<int:pk>/sample/", views.sample, name="sample"),
    path("c/<int:pk>/offers/<int:message_id>/order/", views.order_offer, name="order_offer"),
    path("c/<int:pk>/assign/", views.assign, name="assign"),
    path("c/<int:pk>/block/", views.block, name="block"),
    path("files/<int:pk>/", views.download, name="download"),
    path("metrics/<int:company_id>/", views.metrics, name="metrics"),
    path("quick-replies/", views_manage.quick_replies, name="quick_replies"),
    path(
        "quick-replies/<int:pk>/delete/",
        views_manage.delete_quick_reply,
        name="delete_quick_reply",
    ),
    path("settings/", views_manage.preferences, name="preferences"),
    path("blocked/", views_manage.blocks, name="blocks"),
    path("blocked/<int:company_id>/unblock/", views_manage.unblock, name="unblock"),
    path("review/", views_manage.review_queue, name="review"),
    path("review/<int:pk>/", views_manage.review_decide, name="review_decide"),
    path("review/suspend/", views_manage.suspend, name="suspend"),
]
