from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "schakel.outcomes"
    label = "outcomes"
    verbose_name = "Uitkomsten"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import OutcomeSettings
        from .services.evaluation import clear_cache

        post_save.connect(clear_cache, sender=OutcomeSettings, dispatch_uid="outcomes-interval-cache")
        post_delete.connect(clear_cache, sender=OutcomeSettings, dispatch_uid="outcomes-interval-cache-del")
