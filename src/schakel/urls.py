from django.contrib import admin
from django.urls import include, path

from schakel.web.health import health

admin.site.site_header = "Schakel — functioneel beheer"
admin.site.site_title = "Schakel beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("api/", include("schakel.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("gezond/", health, name="health"),
    path("casussen/", include("schakel.cases.urls")),
    path("personen/", include("schakel.people.urls")),
    path("uitkomsten/", include("schakel.outcomes.urls")),
    path("contracten/", include("schakel.contracts.urls")),
    path("berichten/", include("schakel.exchange.urls")),
    path("adviesraden/", include("schakel.participation.urls")),
    path("financien/", include("schakel.finance.urls")),
    path("samenwerking/", include("schakel.partners.urls")),
    path("monitor/", include("schakel.monitoring.urls")),
    path("", include("schakel.web.urls")),
]

handler403 = "schakel.web.errors.forbidden"
handler404 = "schakel.web.errors.not_found"
handler500 = "schakel.web.errors.server_error"
