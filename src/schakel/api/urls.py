from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

app_name = "api"

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("v1/docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
    # URLPathVersioning (settings REST_FRAMEWORK) reads the version from this ``version`` kwarg.
    re_path(r"^(?P<version>v1)/", include("schakel.api.v1")),
]
