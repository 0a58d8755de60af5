from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "schakel.participation"
    label = "participation"
    verbose_name = "Adviesraden"
