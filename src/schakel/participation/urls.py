"""Web routes of the participation app, mounted at ``/adviesraden/``.

``register/…`` is public (no login; the second-factor middleware only acts on logged-in users); every other
page requires a verified login and the permissions checked in the views.
"""

from django.urls import path

from .views import advice, consultation, council_edit, councils, queue, register, requests

app_name = "participation"

urlpatterns = [
    path("", councils.home, name="home"),
    path("raden/", councils.council_list, name="councils"),
    path("raden/nieuw/", council_edit.council_new, name="council_new"),
    path("raden/<int:pk>/", councils.council_detail, name="council"),
    path("raden/<int:pk>/wijzigen/", council_edit.council_edit, name="council_edit"),
    path("leden/<int:pk>/wijzigen/", council_edit.member_edit, name="member_edit"),
    path("organisatie/", councils.setup, name="setup"),
    path("aanvragen/nieuw/", requests.request_new, name="request_new"),
    path("aanvragen/<int:pk>/", requests.request_detail, name="request"),
    path("stukken/<int:pk>/", requests.document, name="document"),
    path("adviezen/nieuw/", advice.advice_new, name="advice_new"),
    path("adviezen/<int:pk>/", advice.advice_detail, name="advice"),
    path("adviezen/<int:pk>/reactie/", advice.respond, name="respond"),
    path("overleg/", consultation.meetings, name="meetings"),
    path("overleg/<int:pk>/", consultation.meeting_detail, name="meeting"),
    path("overleg/<int:pk>/verslag/", consultation.meeting_minutes, name="meeting_minutes"),
    path("informatie/", consultation.information, name="information"),
    path("signalen/", consultation.signals, name="signals"),
    path("termijnen/", queue.queue, name="queue"),
    path("register/", register.register, name="register"),
    path("register/adviezen/<int:pk>/", register.register_advice, name="register_advice"),
    path("register/export/", register.register_export, name="register_export"),
]
