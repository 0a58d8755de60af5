"""Access-matrix entries of the partners app, merged by ``tests/test_access_matrix.py``.

Partnerships and interventions: staff of the municipality with ``partners.view_partnership``; referrals:
the case team (need-to-know through the case); creating a referral or a screening: regisseurs of the case
team. External partner users are not among the matrix's user kinds; ``test_access.py`` covers them.
"""

from __future__ import annotations

from datetime import date, timedelta

REGISSEURS = {"regisseur", "colleague"}
CASE_TEAM = REGISSEURS | {"teamleider"}
MUNICIPALITY_STAFF = CASE_TEAM | {"other_team_regisseur", "beheerder"}

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    "partners:overview": (None, MUNICIPALITY_STAFF | {"foreign_regisseur"}),
    "partners:partnership": ("partnership", MUNICIPALITY_STAFF),
    "partners:check": ("partnership", set()),  # beleidsmedewerker only
    "partners:intervention": ("intervention", MUNICIPALITY_STAFF),
    "partners:referrals": (None, CASE_TEAM | {"other_team_regisseur", "foreign_regisseur"}),
    "partners:referral": ("referral", CASE_TEAM),
    "partners:referral_new": ("action", REGISSEURS),
    "partners:screening": ("case", REGISSEURS),
    "api:interventie-list": (None, MUNICIPALITY_STAFF | {"foreign_regisseur"}),
    "api:interventie-detail": ("intervention", MUNICIPALITY_STAFF),
    "api:verwijzing-list": (None, CASE_TEAM | {"other_team_regisseur", "foreign_regisseur"}),
    "api:verwijzing-detail": ("referral", CASE_TEAM),
    "api:verwijzing-change-status": ("referral", CASE_TEAM),
    "api:verwijzing-feedback": ("referral", CASE_TEAM),
}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = {"partners:referrals", "api:verwijzing-list"}
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {
    "admin:partners_partnership_changelist": (None, {"beheerder"}),
}


def add_objects(world, objects: dict) -> None:
    """A partnership with an intervention, and a referral from the matrix's plan action."""
    from schakel.partners import services

    from . import factories

    partnership = factories.partnership(world)
    intervention = factories.intervention(world, partnership)
    objects["partnership"] = partnership
    objects["intervention"] = intervention
    objects["referral"] = services.create_referral(
        world.regisseur,
        objects["action"],
        intervention,
        basis="vrijwillig",
        basis_note="Vrijwillig.",
        consent=services.ConsentInput(
            categories=("naam",), given_on=date.today(), valid_until=date.today() + timedelta(days=90)
        ),
    )
