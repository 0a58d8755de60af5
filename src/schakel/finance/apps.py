from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "schakel.finance"
    label = "finance"
    verbose_name = "Financiën sociaal domein"
