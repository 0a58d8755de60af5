"""URL map of the web interface shell: login, second factor, the privacy officer's pages."""

from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="workqueue"),
]
