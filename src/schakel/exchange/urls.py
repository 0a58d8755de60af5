"""Web routes of the exchange app, mounted at ``/berichten/``."""

from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("uit/", views.outbox, name="outbox"),
    path("<int:pk>/", views.message_detail, name="message"),
    path("verzoeken/", views.request_list, name="requests"),
    path("verzoeken/<int:pk>/", views.request_detail, name="request"),
    path("regels/", views.rules_page, name="rules"),
]
