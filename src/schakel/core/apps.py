from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "schakel.core"
    label = "core"
    verbose_name = "Kern: gemeenten, gebruikers, toegang en verwerkingenlog"

    def ready(self):
        from . import signals, sqlite  # noqa: F401

        sqlite.connect()
