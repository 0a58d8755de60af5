"""Control levels 2–4 of iWmo/iJw 3.2 as small registered rules (see :mod:`.base`).

Importing this package registers every rule module.
"""

from . import declaration, delivery, header, outgoing, requests  # noqa: F401
from .base import REGISTRY, Rule, implemented, rule, rules_for

__all__ = ["REGISTRY", "Rule", "implemented", "rule", "rules_for"]
