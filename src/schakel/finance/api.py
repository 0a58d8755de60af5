"""API v1 routes of the finance app."""


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
