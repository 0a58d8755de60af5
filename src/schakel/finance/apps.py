import logging

from django.apps import AppConfig
from django.db import transaction

logger = logging.getLogger(__name__)


def _allocation_saved(sender, instance, raw=False, **kwargs):
    """Recompute the commitment of a changed allocation after the change is committed (incremental obligo).

    Bulk writes (synth, imports) bypass this; they call ``services.recompute_commitments``.
    """
    if raw:
        return
    fields = kwargs.get("update_fields")
    if fields and all(name.startswith("delivery_") for name in fields):
        return  # a start or stop message (305/307) changes no amount: nothing to recompute

    def refresh():
        from .services import refresh_commitment

        try:
            refresh_commitment(instance)
        except Exception:  # the allocation change itself must not fail on the obligo; the nightly run repairs
            logger.exception("finance: verplichting van toewijzing %s niet bijgewerkt", instance.pk)

    transaction.on_commit(refresh)


class FinanceConfig(AppConfig):
    name = "schakel.finance"
    label = "finance"
    verbose_name = "Financiën sociaal domein"

    def ready(self):
        from django.db.models.signals import post_save

        post_save.connect(
            _allocation_saved, sender="contracts.Allocation", dispatch_uid="finance-allocation-obligo"
        )
