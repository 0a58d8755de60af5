"""Access-matrix entries of the outcomes app, merged by ``tests/test_access_matrix.py``.

See that module for the user kinds and the meaning of the entries.
"""

from __future__ import annotations

from datetime import date

CASE_TEAM = {"regisseur", "colleague", "teamleider"}
SEARCHERS = CASE_TEAM | {"other_team_regisseur", "foreign_regisseur"}
#: Roles with outcomes.view_instrument (reference data, no personal data).
INSTRUMENT_READERS = SEARCHERS | {"contractmanager", "beheerder"}

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    "outcomes:measurement_new": ("case", CASE_TEAM),
    "outcomes:household": ("household", CASE_TEAM),
    "outcomes:goal": ("goal", CASE_TEAM),
    "api:meetinstrument-list": (None, INSTRUMENT_READERS),
    "api:meetinstrument-detail": ("instrument", INSTRUMENT_READERS),
    "api:meting-list": (None, SEARCHERS),
    "api:meting-detail": ("measurement", CASE_TEAM),
    "api:doelrealisatie-list": (None, SEARCHERS),
    "api:doelrealisatie-detail": ("goal_outcome", CASE_TEAM),
}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = {"api:meting-list", "api:doelrealisatie-list"}
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {
    "admin:outcomes_instrument_changelist": (None, {"beheerder"}),
    "admin:outcomes_instrumentdomain_changelist": (None, {"beheerder"}),
    "admin:outcomes_outcomesettings_changelist": (None, {"beheerder"}),
}


def add_objects(world, objects: dict) -> None:
    """Add this app's objects (by key) to the matrix's ``objects``."""
    from schakel.outcomes import services
    from schakel.outcomes.models import Instrument
    from schakel.outcomes.reference import install

    if not Instrument.objects.exists():  # a transactional test's flush removed the reference data
        install()
    instrument = Instrument.objects.get(code="zrm", version="2017")
    objects["instrument"] = instrument
    objects["measurement"] = services.record_measurement(
        world.regisseur,
        objects["case"],
        person=objects["person"],
        instrument=instrument,
        moment="intake",
        measured_on=date.today(),
        scores=[services.ScoreInput("huisvesting", relevant=True, score=2)],
    )
    objects["goal_outcome"] = services.set_goal_target(world.regisseur, objects["goal"], target_score=4)
