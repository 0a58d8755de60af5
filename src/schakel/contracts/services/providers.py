"""Providers (aanbieders) and their staff: AGB and IBAN checked at the edge; an IBAN change is a security
event, because payment runs of every municipality pay to it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from schakel.core import security_log
from schakel.core.models import SecurityLogEntry
from schakel.core.values import parse_agb

from ..models import (
    Provider,
    ProviderUser,
)
from ..query import provider_ids_of
from ._base import require

# --------------------------------------------------------------------------- providers


def parse_iban(value: str) -> str:
    """An IBAN (ISO 13616) with a valid check number, normalised without spaces (via ``schwifty``)."""
    text = (value or "").strip()
    if not text:
        return ""
    try:
        return IBAN(text).compact
    except SchwiftyException:
        raise ValidationError(
            {"iban": _("Dit IBAN is ongeldig. Controleer het rekeningnummer.")}, code="iban"
        )


def _provider_fields(fields: dict) -> dict:
    errors: dict[str, list[str]] = {}
    clean = dict(fields)
    if "agb_code" in clean:
        try:
            clean["agb_code"] = parse_agb(clean["agb_code"])
        except ValidationError as exc:
            errors["agb_code"] = exc.messages
    if "iban" in clean:
        try:
            clean["iban"] = parse_iban(clean["iban"])
        except ValidationError as exc:
            errors["iban"] = exc.messages
    if "name" in clean and not str(clean["name"]).strip():
        errors["name"] = [_("Vul de naam van de aanbieder in.")]
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def create_provider(
    user,
    *,
    agb_code: str,
    name: str,
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    iban: str = "",
) -> Provider:
    """Register a provider (AGB code: 8 digits, RS036; unique). Needs ``contracts.add_provider``."""
    require(user, "contracts.add_provider")
    clean = _provider_fields(
        {
            "agb_code": agb_code,
            "name": name,
            "contact_name": contact_name,
            "email": email,
            "phone": phone,
            "iban": iban,
        }
    )
    if Provider.objects.filter(agb_code=clean["agb_code"]).exists():
        raise ValidationError({"agb_code": _("Er is al een aanbieder met deze AGB-code.")}, code="unique")
    provider = Provider(**clean)
    provider.full_clean()
    provider.save()
    return provider


@transaction.atomic
def update_provider(user, provider: Provider, **fields) -> Provider:
    """Change a provider's name, contact details, IBAN or AGB code. Needs ``contracts.change_provider``."""
    require(user, "contracts.change_provider")
    clean = _provider_fields(fields)
    if (
        "agb_code" in clean
        and Provider.objects.filter(agb_code=clean["agb_code"]).exclude(pk=provider.pk).exists()
    ):
        raise ValidationError({"agb_code": _("Er is al een aanbieder met deze AGB-code.")}, code="unique")
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    old_iban = provider.iban
    for key, value in clean.items():
        setattr(provider, key, value)
    provider.full_clean()
    provider.save()
    if provider.iban != old_iban:
        # Payment runs of every municipality pay to this account: a change is a security event (BIO 8.15).
        security_log.record(
            SecurityLogEntry.Event.IBAN_CHANGE,
            user=user,
            object_description=f"aanbieder {provider.pk} ({provider.agb_code})",
            result="gewijzigd",
            detail={"oud": _mask_iban(old_iban), "nieuw": _mask_iban(provider.iban)},
        )
    return provider


def _mask_iban(iban: str) -> str:
    """An IBAN for the log: country, check digits and the last four characters only."""
    return f"{iban[:4]}…{iban[-4:]}" if iban else ""


@transaction.atomic
def link_provider_user(user, provider: Provider, staff) -> ProviderUser:
    """Make ``staff`` (a user with role ``aanbieder``) a user of ``provider``."""
    require(user, "contracts.change_provider")
    link, _created = ProviderUser.objects.get_or_create(user=staff, provider=provider)
    return link


def providers_of(user):
    """The providers ``user`` works for (``ProviderUser``); the exchange uses it to authenticate providers."""
    return Provider.objects.filter(pk__in=provider_ids_of(user))
