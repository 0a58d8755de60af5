"""A URLconf with only the API, for API tests that must not depend on the web app's routes."""

from django.urls import include, path

urlpatterns = [path("api/", include("schakel.api.urls"))]
