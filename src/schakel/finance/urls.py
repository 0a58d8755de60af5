"""Web routes of the finance app, mounted at ``/financien/``."""

from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("begroting/nieuw/", views.budget_new, name="budget_new"),
    path("begroting/<int:pk>/", views.budget, name="budget"),
    path("begroting/<int:pk>/wijziging/", views.budget_amend, name="budget_amend"),
    path("begroting/<int:pk>/onderbouwing/", views.drilldown, name="drilldown"),
    path("signalen/", views.alerts, name="alerts"),
    path("signalen/<int:pk>/afhandelen/", views.alert_handle, name="alert_handle"),
    path("betaalrondes/", views.runs, name="runs"),
    path("betaalrondes/<int:pk>/", views.run, name="run"),
    path("betaalrondes/<int:pk>/actie/", views.run_action, name="run_action"),
    path("betaalrondes/<int:pk>/sepa.xml", views.run_sepa, name="run_sepa"),
    path("betaalrondes/<int:pk>/regels.csv", views.run_csv, name="run_csv"),
    path("kostenverdeling/", views.costsplit, name="costsplit"),
]
