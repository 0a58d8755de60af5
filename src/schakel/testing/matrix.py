"""The apps that keep their access-matrix entries in ``schakel.<app>.tests.access_matrix``.

``tests/test_access_matrix.py`` merges their routes; the ``objects`` fixture lets them add the objects
their routes refer to.
"""

from importlib import import_module

APPS = ("outcomes", "contracts", "exchange", "participation", "finance", "partners", "monitoring")
APP_MATRICES = [import_module(f"schakel.{app}.tests.access_matrix") for app in APPS]
