from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "schakel.contracts"
    label = "contracts"
    verbose_name = "Aanbieders en contracten"
