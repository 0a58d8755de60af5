"""``/api/``: the versioned REST API (Django REST framework) and its OpenAPI description (drf-spectacular).

``URLPathVersioning`` (settings ``REST_FRAMEWORK``) reads the version from the ``version`` URL kwarg,
so every route of a version, including its schema, sits under ``(?P<version>v1)/``.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

app_name = "api"

version_patterns = [
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
    path("", include("schakel.api.v1")),
]

urlpatterns = [re_path(r"^(?P<version>v1)/", include(version_patterns))]
