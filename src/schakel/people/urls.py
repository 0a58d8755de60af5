from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
]
