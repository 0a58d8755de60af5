"""Web routes of the monitoring app, mounted at ``/monitor/``."""

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("doorklikken/", views.drill, name="drill"),
    path("rapportage/", views.report, name="report"),
    path("rapportage/download/", views.export, name="export"),
    path("extract/verversen/", views.refresh, name="refresh"),
]
