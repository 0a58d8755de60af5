from django.apps import AppConfig
from django.db.models.signals import post_save


class ExchangeConfig(AppConfig):
    name = "schakel.exchange"
    label = "exchange"
    verbose_name = "Berichtenverkeer iWmo/iJw"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers every rule)
        from .services import on_allocation_change

        post_save.connect(
            on_allocation_change, sender="contracts.AllocationChange", dispatch_uid="exchange_allocation_301"
        )
