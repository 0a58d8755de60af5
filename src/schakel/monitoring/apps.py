from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "schakel.monitoring"
    label = "monitoring"
    verbose_name = "Monitor sociaal domein"
