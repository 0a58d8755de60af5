"""The partners app's own part of the default configuration: the screening areas (``screening_areas`` in
``data/configuration.yaml``), created when missing and maintained in the admin afterwards."""

from __future__ import annotations

from .models import ScreeningArea


def apply_fragment(fragment: dict) -> dict[str, int]:
    created = 0
    for order, item in enumerate(fragment.get("screening_areas", []), start=1):
        _area, new = ScreeningArea.objects.get_or_create(
            code=item["code"], defaults={"name": item["name"], "order": order}
        )
        created += new
    return {"screening_areas": created}
