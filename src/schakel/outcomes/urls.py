"""Web routes of the outcomes app, mounted at ``/uitkomsten/``."""

from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("casus/<int:pk>/meting/", views.measurement_new, name="measurement_new"),
    path("huishouden/<int:pk>/", views.household_outcomes, name="household"),
    path("doel/<int:pk>/", views.goal_outcome, name="goal"),
]
