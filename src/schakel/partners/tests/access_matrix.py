"""Access-matrix entries of the partners app, merged by ``tests/test_access_matrix.py``.

See that module for the user kinds and the meaning of the entries.
"""

from __future__ import annotations

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = set()
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {}


def add_objects(world, objects: dict) -> None:
    """Add this app's objects (by key) to the matrix's ``objects``."""
