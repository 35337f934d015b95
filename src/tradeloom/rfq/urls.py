from django.urls import path

from tradeloom.rfq import views

app_name = "rfq"
urlpatterns = [
    path("", views.rfq_list, name="list"),
    path("new/", views.rfq_new, name="new"),
    path("<int:pk>/", views.rfq_detail, name="detail"),
    path("<int:pk>/close/", views.rfq_close, name="close"),
    path("<int:pk>/cancel/", views.rfq_cancel, name="cancel"),
    path("board/", views.board, name="board"),
    path("board/<int:pk>/", views.board_detail, name="board_detail"),
    path("quotes/<int:pk>/award/", views.award, name="award"),
    path("quotes/<int:pk>/decline/", views.decline, name="decline"),
    path("quotes/<int:pk>/message/", views.message, name="message"),
    path("quotes/<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path("quotes/<int:pk>/revise/", views.quote_revise, name="quote_revise"),
    path("quotes/<int:pk>/withdraw/", views.quote_withdraw, name="quote_withdraw"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
]
