from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("werkvoorraad/", views.workqueue, name="workqueue"),
    path("melding/nieuw/", views.melding_new, name="melding_new"),
]
