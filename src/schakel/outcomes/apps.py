from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "schakel.outcomes"
    label = "outcomes"
    verbose_name = "Uitkomsten"
