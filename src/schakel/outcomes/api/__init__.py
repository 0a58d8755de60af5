"""API v1 routes of the outcomes app: instruments (read), measurements (list/create/detail), goal attainment."""

from .views import GoalOutcomeViewSet, InstrumentViewSet, MeasurementViewSet


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
    router.register("meetinstrumenten", InstrumentViewSet, basename="meetinstrument")
    router.register("metingen", MeasurementViewSet, basename="meting")
    router.register("doelrealisaties", GoalOutcomeViewSet, basename="doelrealisatie")
