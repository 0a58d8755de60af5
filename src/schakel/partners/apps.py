from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "schakel.partners"
    label = "partners"
    verbose_name = "Samenwerking met zorgverzekeraars"
