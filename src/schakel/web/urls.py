"""URL map of the web interface shell: login, second factor, the privacy officer's pages, break the glass.

The second-factor middleware (``core.middleware``) lets ``/inloggen`` and ``/uitloggen`` through before the
TOTP code is verified; every other page needs a fully verified login.
"""

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import auth_views, log_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="workqueue"),
    path("inloggen/", auth_views.login, name="login"),
    path("inloggen/verificatie/", auth_views.verify, name="verify"),
    path("inloggen/authenticator/", auth_views.otp_setup, name="otp_setup"),
    path("uitloggen/", auth_views.logout, name="logout"),
    path("privacy/verwerkingenlog/", login_required(log_views.processing_log_view), name="processing_log"),
    path(
        "privacy/verwerkingenlog/export.csv",
        login_required(log_views.processing_log_export),
        name="processing_log_export",
    ),
    path("privacy/beveiligingslog/", login_required(log_views.security_log_view), name="security_log"),
    path("toegang/doorbreken/<int:household_id>/", views.break_glass, name="break_glass"),
]
