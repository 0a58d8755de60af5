"""Access-matrix entries of the monitoring app, merged by ``tests/test_access_matrix.py``.

See that module for the user kinds and the meaning of the entries. The dashboards are for teamleider,
beleidsmedewerker and controller (the latter two are not user kinds of the matrix); drill-through only for the
teamleider; the council report for beleidsmedewerker and controller; the extract refresh for the functioneel
beheerder. The API (indicator list and disclosure-controlled results) follows the dashboard permission.
"""

from __future__ import annotations

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    "monitoring:dashboard": (None, {"teamleider"}),
    "monitoring:drill": (None, {"teamleider"}),
    "monitoring:report": (None, set()),
    "monitoring:export": (None, set()),
    "monitoring:refresh": (None, {"beheerder"}),
    # API: aggregates only (disclosure-controlled), for users with monitoring.view_dashboard
    "api:monitor-indicator-list": (None, {"teamleider"}),
    "api:monitor-indicator-detail": ("monitor_indicator", {"teamleider"}),
}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = set()
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {
    "admin:monitoring_extractrun_changelist": (None, {"beheerder"}),
}


def add_objects(world, objects: dict) -> None:
    """Add this app's objects (by key) to the matrix's ``objects``: an indicator is addressed by its name."""
    from types import SimpleNamespace

    objects["monitor_indicator"] = SimpleNamespace(pk="clients_per_law")
