"""Web routes of the contracts app, mounted at ``/contracten/``."""

from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("aanbieders/", views.provider_list, name="provider_list"),
    path("aanbieders/nieuw/", views.provider_new, name="provider_new"),
    path("aanbieders/<int:pk>/", views.provider_detail, name="provider_detail"),
    path("aanbieders/<int:pk>/wijzigen/", views.provider_edit, name="provider_edit"),
    path("", views.contract_list, name="contract_list"),
    path("nieuw/", views.contract_new, name="contract_new"),
    path("<int:pk>/", views.contract_detail, name="contract_detail"),
    path("<int:pk>/wijzigen/", views.contract_edit, name="contract_edit"),
    path("<int:pk>/product/", views.product_new, name="product_new"),
    path("product/<int:pk>/", views.product_edit, name="product_edit"),
    path("product/<int:pk>/tarief/", views.tariff_new, name="tariff_new"),
    path("product/<int:pk>/resultaatgebied/", views.result_area_new, name="result_area_new"),
    path("resultaatgebied/<int:pk>/afspraak/", views.agreement_new, name="agreement_new"),
    path("toewijzingen/", views.allocation_list, name="allocation_list"),
    path("casus/<int:pk>/toewijzingen/", views.case_allocations, name="case_allocations"),
    path("toegekend-product/<int:pk>/toewijzen/", views.allocate, name="allocate"),
    path("toewijzingen/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("toewijzingen/<int:pk>/wijzigen/", views.allocation_change, name="allocation_change"),
    path("toewijzingen/<int:pk>/intrekken/", views.allocation_withdraw, name="allocation_withdraw"),
    path("toewijzingen/<int:pk>/verwijderen/", views.allocation_delete, name="allocation_delete"),
]
