"""Web routes of the outcomes app, mounted at ``/uitkomsten/``."""

from django.urls import path  # noqa: F401

app_name = "outcomes"

urlpatterns: list = []
