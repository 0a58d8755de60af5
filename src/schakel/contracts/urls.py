"""Web routes of the contracts app, mounted at ``/contracten/``."""

from django.urls import path  # noqa: F401

app_name = "contracts"

urlpatterns: list = []
