"""Web routes of the participation app, mounted at ``/adviesraden/``."""

from django.urls import path  # noqa: F401

app_name = "participation"

urlpatterns: list = []
