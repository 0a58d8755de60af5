"""Initial functional configuration from YAML (roles, permissions, register of processing activities).

Business configuration never lives in migrations (DESIGN.md §8); it is loaded with
``schakel setup_configuration [file]`` and maintained in the admin afterwards.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from . import processing_log
from .models import ProcessingActivity, Role

DEFAULT_FILE = Path(__file__).parent / "data" / "default_configuration.yaml"


def _permission(dotted: str) -> Permission:
    try:
        app_label, codename = dotted.split(".", 1)
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except (ValueError, Permission.DoesNotExist):
        raise ValidationError(f"Onbekend recht in de configuratie: {dotted}")


@transaction.atomic
def apply(path: Path = DEFAULT_FILE, *, reset_permissions: bool = False) -> dict[str, int]:
    """Create what is missing; with ``reset_permissions`` restore the listed permissions of each role."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    counts = {"activities": 0, "roles": 0}
    for item in data.get("processing_activities", []):
        _, created = ProcessingActivity.objects.get_or_create(
            code=item["code"],
            defaults={
                k: item[k] for k in ("name", "purpose", "legal_basis", "retention_years", "confidentiality")
            },
        )
        counts["activities"] += created
    for item in data.get("roles", []):
        role, created = Role.objects.get_or_create(code=item["code"], defaults={"name": item["name"]})
        counts["roles"] += created
        if created or reset_permissions:
            role.permissions.set([_permission(p) for p in item.get("permissions", [])])
    processing_log.clear_cache()
    return counts
