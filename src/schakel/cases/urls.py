from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("werkvoorraad/", views.workqueue, name="workqueue"),
    path("huishouden/<int:pk>/", views.household, name="household"),
    path("melding/nieuw/", views.melding_new, name="melding_new"),
    path("<int:pk>/onderzoek/starten/", views.start_onderzoek, name="start_onderzoek"),
    path("<int:pk>/onderzoek/", views.onderzoek, name="onderzoek"),
    path("<int:pk>/aanvraag/", views.aanvraag, name="aanvraag"),
    path("<int:pk>/beschikking/", views.decision, name="decision"),
    path("<int:pk>/evaluatie/", views.evaluation, name="evaluation"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/doel/", views.goal_add, name="goal_add"),
    path("<int:pk>/plan/akkoord/", views.plan_agree, name="plan_agree"),
    path("doel/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("doel/<int:pk>/actie/", views.action_add, name="action_add"),
    path("actie/<int:pk>/", views.action_edit, name="action_edit"),
]
