"""API v1 routes of the partners app."""


def register(router) -> None:
    """Register this app's viewsets on the v1 router."""
