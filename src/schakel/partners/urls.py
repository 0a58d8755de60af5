"""Web routes of the partners app, mounted at ``/samenwerking/``."""

from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:pk>/", views.partnership, name="partnership"),
    path("<int:pk>/check/", views.collaboration_check, name="check"),
    path("interventies/<int:pk>/", views.intervention, name="intervention"),
    path("verwijzingen/", views.referrals, name="referrals"),
    path("verwijzingen/<int:pk>/", views.referral, name="referral"),
    path("verwijzingen/nieuw/<int:pk>/", views.referral_new, name="referral_new"),
    path("screening/<int:pk>/", views.screening, name="screening"),
]
