"""Access-matrix entries of the exchange app, merged by ``tests/test_access_matrix.py``.

See that module for the user kinds and the meaning of the entries. The inbox/outbox need
``exchange.view_message`` (contractmanager, controller, functioneel beheerder), the requests work queue
``exchange.view_request`` (contractmanager). The provider REST endpoints are for provider users only
(role ``aanbieder``), who are not among the matrix's users: nobody there may use them.
"""

from __future__ import annotations

MESSAGE_VIEWERS = {"contractmanager", "beheerder"}
LOGGED_IN = {
    "regisseur", "colleague", "teamleider", "other_team_regisseur", "foreign_regisseur", "contractmanager",
    "privacy_officer", "beheerder",
}  # fmt: skip

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    "exchange:inbox": (None, MESSAGE_VIEWERS),
    "exchange:outbox": (None, MESSAGE_VIEWERS),
    "exchange:message": ("exchange_message", MESSAGE_VIEWERS),
    "exchange:requests": (None, {"contractmanager"}),
    "exchange:request": ("exchange_request", {"contractmanager"}),
    "exchange:rules": (None, LOGGED_IN),
    "api:aanbieder-bericht-list": (None, set()),
    "api:aanbieder-bericht-detail": ("exchange_message", set()),
    "api:aanbieder-bericht-fetched": ("exchange_message", set()),
    "api:aanbieder-toewijzing-list": (None, set()),
}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = {
    "exchange:inbox",
    "exchange:outbox",
    "exchange:requests",
    "api:aanbieder-bericht-list",
}
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {}


def add_objects(world, objects: dict) -> None:
    """An incoming message and an open request of a provider in ``world.gemeente``."""
    from datetime import date

    from django.utils import timezone

    from schakel.contracts.models import Provider
    from schakel.exchange.models import Message, Request

    provider, _ = Provider.objects.get_or_create(agb_code="98009999", defaults={"name": "Matrix Zorg"})
    message = Message.objects.create(
        direction="in", law="wmo", message_type="315", bericht_code=444, gemeente=world.gemeente, provider=provider,
        sender=provider.agb_code, receiver=world.gemeente.code, identificatie="MATRIX1", status="goedgekeurd",
        raw=b"<Bericht/>", codes=["0200"], received_at=timezone.now(),
    )  # fmt: skip
    objects["exchange_message"] = message
    objects["exchange_request"] = Request.objects.create(
        message=message, gemeente=world.gemeente, provider=provider, law="wmo", kind="vot", referentie="MATRIX-1",
        bsn="999990019", retour_due=date.today(), answer_due=date.today(),
    )  # fmt: skip
