"""Web routes of the monitoring app, mounted at ``/monitor/``."""

from django.urls import path  # noqa: F401

app_name = "monitoring"

urlpatterns: list = []
