"""Routes of API version 1. Each app contributes its viewsets from its own ``api`` module.

The apps added after the foundation register theirs through ``register(router)`` in their ``api`` module
(:data:`APPS`). Resource names are Dutch (``personen``, ``huishoudens``, ``casussen``, ``plannen``, ``doelen``, ``acties``,
``beschikkingen``); objects are addressed by their id, never by BSN.
"""

from importlib import import_module

from rest_framework.routers import DefaultRouter

from schakel.cases.api.plans import ActionViewSet, GoalViewSet, PlanViewSet
from schakel.cases.api.views import CaseViewSet, DecisionViewSet
from schakel.people.api import HouseholdViewSet, PersonViewSet

router = DefaultRouter()
router.register("personen", PersonViewSet, basename="persoon")
router.register("huishoudens", HouseholdViewSet, basename="huishouden")
router.register("casussen", CaseViewSet, basename="casus")
router.register("plannen", PlanViewSet, basename="plan")
router.register("doelen", GoalViewSet, basename="doel")
router.register("acties", ActionViewSet, basename="actie")
router.register("beschikkingen", DecisionViewSet, basename="beschikking")

#: Apps whose ``api.register(router)`` adds their routes, in this order.
APPS = ("outcomes", "contracts", "exchange", "participation", "finance", "partners", "monitoring")
for app in APPS:
    import_module(f"schakel.{app}.api").register(router)

urlpatterns = router.urls
