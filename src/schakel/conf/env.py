"""The one place where Schakel reads environment variables.

Every variable is declared with :func:`config`, which records it in :data:`DOCUMENTED` so that
``schakel envvars`` (and ``docs/configuration.md``) list each one with its default and meaning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: Any
    help: str


DOCUMENTED: dict[str, EnvVar] = {}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def config(name: str, default: Any = None, *, help: str, cast: type = str, required: bool = False) -> Any:
    """Read ``name`` from the environment, cast it, and document it.

    ``cast`` may be ``str``, ``int``, ``bool`` or ``list`` (comma separated).
    """
    DOCUMENTED[name] = EnvVar(name, default, help)
    raw = os.environ.get(name)
    if raw is None:
        if required:
            raise ImproperlyConfigured(f"Environment variable {name} is required: {help}")
        return default
    if cast is bool:
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")
    if cast is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    try:
        return cast(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} has an invalid value {raw!r}: {exc}")
