"""Access-matrix entries of the participation app, merged by ``tests/test_access_matrix.py``.

See that module for the user kinds and the meaning of the entries. None of the matrix's user kinds holds a
council role except the functioneel beheerder (councils and setup for functional configuration); the council
members, secretaries and policy officers have their own access tests in ``test_access.py``. The public
register is open to everyone, without login.
"""

from __future__ import annotations

from datetime import date, timedelta

EVERYONE = {
    "anonymous",
    "regisseur",
    "colleague",
    "teamleider",
    "other_team_regisseur",
    "foreign_regisseur",
    "contractmanager",
    "privacy_officer",
    "beheerder",
}
NOBODY: set[str] = set()
BEHEER = {"beheerder"}

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    "participation:home": (None, BEHEER),
    "participation:councils": (None, BEHEER),
    "participation:council": ("council", NOBODY),  # not a member, not municipal staff: 404
    "participation:setup": (None, BEHEER),
    "participation:council_new": (None, BEHEER),
    "participation:council_edit": ("council", NOBODY),  # the beheerder does not see the council: 404
    "participation:member_edit": ("council_member", NOBODY),
    "participation:request_new": (None, NOBODY),
    "participation:request": ("advice_request", NOBODY),
    "participation:document": ("request_document", NOBODY),
    "participation:advice_new": (None, NOBODY),
    "participation:advice": ("advice", NOBODY),
    "participation:respond": ("advice", NOBODY),
    "participation:meetings": (None, NOBODY),
    "participation:meeting": ("meeting", NOBODY),
    "participation:meeting_minutes": ("meeting", NOBODY),
    "participation:information": (None, NOBODY),
    "participation:signals": (None, NOBODY),
    "participation:queue": (None, NOBODY),
    "participation:register": (None, EVERYONE),
    "participation:register_advice": ("advice", EVERYONE),
    "participation:register_export": (None, EVERYONE),
    "api:adviesraad-list": (None, BEHEER),
    "api:adviesraad-detail": ("council", NOBODY),
    "api:adviesaanvraag-list": (None, NOBODY),
    "api:adviesaanvraag-detail": ("advice_request", NOBODY),
    "api:adviesaanvraag-versturen": ("advice_request", NOBODY),
    "api:advies-list": (None, NOBODY),
    "api:advies-detail": ("advice", NOBODY),
    "api:advies-uitbrengen": ("advice", NOBODY),
    "api:advies-reactie": ("advice", NOBODY),
    "api:overleg-list": (None, NOBODY),
    "api:overleg-detail": ("meeting", NOBODY),
    "api:informatie-list": (None, NOBODY),
    "api:informatie-detail": ("information_item", NOBODY),
}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = {"participation:register", "api:adviesraad-list"}
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {
    "admin:participation_council_changelist": (None, BEHEER),
    "admin:participation_setup_changelist": (None, BEHEER),
}


def add_objects(world, objects: dict) -> None:
    """Add this app's objects (by key) to the matrix's ``objects``: a council with a member, a sent request,
    a submitted advice, a meeting and a request document."""
    from schakel.participation import services
    from schakel.participation.models import RequestDocument
    from schakel.testing.factories import make_user

    secretaris = make_user("secretaris_adviesraad", world.gemeente, username="matrix-secretaris")
    beleid = make_user("beleidsmedewerker", world.gemeente, username="matrix-beleid")
    member = make_user("adviesraadlid", world.gemeente, username="matrix-lid")
    council = services.create_council(
        secretaris, world.gemeente, name="Wmo-raad matrix", kind="wmo_raad", policy_fields=["wmo_6"]
    )
    objects["council_member"] = services.add_member(
        secretaris, council, name="Lid", term_start=date.today(), account=member
    )
    request = services.create_request(
        beleid,
        world.gemeente,
        subject="Verordening",
        policy_field="wmo_6",
        stage="verkenning",
        advice_deadline=date.today() + timedelta(days=20),
    )
    request = services.send_request(beleid, request)
    advice = services.create_advice(member, council, title="Advies", request=request, points=["Een punt"])
    services.submit_advice(member, advice)
    objects["council"] = council
    objects["advice_request"] = request
    objects["advice"] = advice
    objects["meeting"] = services.create_meeting(secretaris, council, date=date.today() + timedelta(days=7))
    objects["information_item"] = services.log_information(
        secretaris, council, title="Jaarplan", request=request
    )
    objects["request_document"] = RequestDocument.objects.create(
        request=request, title="Nota", file="stukken/ontbreekt.pdf", content_type="application/pdf", size=1
    )
