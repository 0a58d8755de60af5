"""Codes of the processing activities Schakel's own screens and endpoints use.

The activities themselves (purpose, legal basis, retention) live in the register
(:class:`~schakel.core.models.ProcessingActivity`), loaded from ``core/data/default_configuration.yaml``
by ``schakel setup_configuration`` and maintained in the admin.
"""

CASE_MANAGEMENT = "casusregie-sociaal-domein"
INTAKE_PERSON_SEARCH = "melding-persoon-zoeken"
PRIVACY_SUPERVISION = "privacytoezicht-verwerkingenlog"
