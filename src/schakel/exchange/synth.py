"""Synthetic data of the exchange app, called by ``synth.services.generate_municipality`` (after contracts).

A small, deterministic message history for the demo: for up to :data:`CLIENTS` allocations of the
municipality, a start, a stop, a verzoek om toewijzing (for a new client), a verzoek om wijziging and a claim
for last month, about 10 % with a rule violation — received and processed through the real pipeline, so the
inbox, outbox, requests work queue and allocation histories are filled with consistent data.
"""

from __future__ import annotations

CLIENTS = 60


def generate(gemeente, *, seed: int, today, bar=None) -> dict[str, int]:
    """Generate this app's synthetic rows for ``gemeente``; return counts for the summary."""
    from schakel.contracts.models import Allocation

    from . import pipeline, synthetic
    from .models import Message

    allocations = list(
        Allocation.objects.filter(gemeente=gemeente, status="actief", contract_product__isnull=False)
        .exclude(product_code="")
        .exclude(unit="")
        .select_related("gemeente", "provider", "person", "contract_product")
        .order_by("pk")[:CLIENTS]
    )
    if not allocations:
        return {}
    targets = synthetic.targets_for(allocations)
    batch = synthetic.batch(targets, len(targets) * 5, today=today, violation_share=0.1, seed=seed)
    pipeline.receive_many([(raw, f"synth-{i}.xml") for i, (raw, _code) in enumerate(batch)])
    pipeline.process_pending()
    return {"berichten": Message.objects.filter(gemeente=gemeente).count()}


def delete(gemeente) -> None:
    """Remove this app's synthetic rows of ``gemeente`` (called before contracts, people and cases go)."""
    from .models import Declaration, DeclarationLine, DeliveryRecord, Message, MessageAllocation, Request

    messages = Message.objects.filter(gemeente=gemeente)
    DeclarationLine.objects.filter(declaration__gemeente=gemeente).delete()
    Declaration.objects.filter(gemeente=gemeente).delete()
    DeliveryRecord.objects.filter(message__in=messages).delete()
    Request.objects.filter(gemeente=gemeente).delete()
    MessageAllocation.objects.filter(message__in=messages).delete()
    Message.objects.filter(gemeente=gemeente, retour_of__isnull=False).delete()
    messages.filter(answers__isnull=False).delete()
    messages.delete()
