"""Initial functional configuration from YAML (roles, permissions, register of processing activities).

Business configuration never lives in migrations (DESIGN.md §8); it is loaded with
``schakel setup_configuration [file]`` and maintained in the admin afterwards.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import yaml
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from . import processing_log
from .models import ProcessingActivity, Role

DEFAULT_FILE = Path(__file__).parent / "data" / "default_configuration.yaml"
#: Every Schakel app may ship ``data/configuration.yaml`` with its processing activities and the permissions
#: its models need per role; they are merged into the main file (see :func:`load`).
APP_FILE = Path("data") / "configuration.yaml"


def _permission(dotted: str) -> Permission:
    try:
        app_label, codename = dotted.split(".", 1)
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except (ValueError, Permission.DoesNotExist):
        raise ValidationError(f"Onbekend recht in de configuratie: {dotted}")


def _read(path: Path) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def load(path: Path = DEFAULT_FILE) -> dict:
    """The configuration in ``path`` plus the fragments of the installed Schakel apps.

    A fragment's roles extend the role with the same code (or define a new one); its processing
    activities are appended; other keys are the app's own, applied by its ``configuration.apply_fragment``.
    """
    data = _read(path)
    activities = list(data.get("processing_activities", []))
    roles = {
        item["code"]: {**item, "permissions": list(item.get("permissions", []))}
        for item in data.get("roles", [])
    }
    if Path(path) == DEFAULT_FILE:
        for _name, extra in _app_fragments():
            activities += extra.get("processing_activities", [])
            for item in extra.get("roles", []):
                role = roles.setdefault(
                    item["code"], {"code": item["code"], "name": item["name"], "permissions": []}
                )
                role["permissions"] += item.get("permissions", [])
    return {"processing_activities": activities, "roles": list(roles.values())}


@transaction.atomic
def apply(path: Path = DEFAULT_FILE, *, reset_permissions: bool = False) -> dict[str, int]:
    """Create what is missing; with ``reset_permissions`` restore the listed permissions of each role.

    An existing role receives the listed permissions of an app only once (an app added by an upgrade):
    ``Role.configured_apps`` remembers which apps' defaults were granted, so permissions a beheerder removed
    stay removed, even all of an app's.
    """
    data = load(path)
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
        listed = [_permission(p) for p in item.get("permissions", [])]
        listed_apps = {p.content_type.app_label for p in listed}
        if created or reset_permissions:
            role.permissions.set(listed)
        else:
            new_apps = listed_apps - set(role.configured_apps)
            role.permissions.add(*[p for p in listed if p.content_type.app_label in new_apps])
        role.configured_apps = sorted(set(role.configured_apps) | listed_apps)
        role.save(update_fields=["configured_apps"])
    if Path(path) == DEFAULT_FILE:
        for name, fragment in _app_fragments():
            hook = _app_hook(name)
            if hook is not None:
                counts.update(hook(fragment))
    processing_log.clear_cache()
    return counts


def _app_fragments():
    for app in apps.get_app_configs():
        fragment = Path(app.path) / APP_FILE
        if app.name.startswith("schakel.") and fragment.exists():
            yield app.name, _read(fragment)


def _app_hook(app_name: str):
    """An app's ``configuration.apply_fragment(fragment) -> counts`` for its own keys (reference data a
    beheerder maintains afterwards, e.g. screening areas), if it has one."""
    try:
        module = import_module(f"{app_name}.configuration")
    except ModuleNotFoundError:
        return None
    return getattr(module, "apply_fragment", None)
