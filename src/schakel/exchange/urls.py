"""Web routes of the exchange app, mounted at ``/berichten/``."""

from django.urls import path  # noqa: F401

app_name = "exchange"

urlpatterns: list = []
