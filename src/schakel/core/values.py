"""Value types of the shared kernel: BSN, AGB code, CBS gemeentecode, Dutch postcode.

Each ``parse_*`` function normalises its input and raises :class:`~django.core.exceptions.ValidationError`
with a Dutch message a user understands; the matching ``validate_*`` is a Django field validator.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

_DIGITS = re.compile(r"^\d+$")


def bsn_checksum_ok(digits: str) -> bool:
    """The BSN 11-proef (RvIG Logisch Ontwerp BSN 1.6), via ``python-stdnum``.

    ``9·d1 + 8·d2 + … + 2·d8 − 1·d9`` must be divisible by 11 and greater than zero (so ``000000000`` fails).
    """
    return len(digits) == 9 and digits.isdigit() and int(digits) > 0 and stdnum_bsn.is_valid(digits)


def parse_bsn(value: str | int) -> str:
    """Normalise a BSN to 9 digits (8-digit numbers get a leading 0) and check the 11-proef."""
    text = re.sub(r"[\s.\-]", "", str(value))
    if not _DIGITS.match(text) or len(text) not in (8, 9):
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_format")
    text = text.zfill(9)
    if not bsn_checksum_ok(text):
        raise ValidationError(
            _("Dit BSN is ongeldig: het voldoet niet aan de elfproef."), code="bsn_checksum"
        )
    return text


def validate_bsn(value: str) -> None:
    if parse_bsn(value) != value:
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_format")


def parse_agb(value: str | int) -> str:
    """An AGB code (Vektis): exactly 8 digits; the first two give the type of care provider."""
    text = str(value).strip()
    if not (_DIGITS.match(text) and len(text) == 8):
        raise ValidationError(_("Een AGB-code bestaat uit 8 cijfers."), code="agb_format")
    return text


def validate_agb(value: str) -> None:
    parse_agb(value)


def parse_gemeentecode(value: str | int) -> str:
    """A CBS gemeentecode: 4 digits, e.g. ``0363`` for Amsterdam (the ``GM`` prefix is accepted)."""
    text = str(value).strip().upper().removeprefix("GM")
    if not _DIGITS.match(text) or len(text) > 4:
        raise ValidationError(_("Een CBS-gemeentecode bestaat uit 4 cijfers."), code="gemeentecode_format")
    text = text.zfill(4)
    if text == "0000":
        raise ValidationError(_("Een CBS-gemeentecode bestaat uit 4 cijfers."), code="gemeentecode_format")
    return text


def validate_gemeentecode(value: str) -> None:
    if parse_gemeentecode(value) != value:
        raise ValidationError(_("Een CBS-gemeentecode bestaat uit 4 cijfers."), code="gemeentecode_format")


def parse_postcode(value: str) -> str:
    """A Dutch postcode, normalised to ``1234AB`` (no space, capitals); SA, SD and SS do not exist."""
    text = re.sub(r"\s", "", str(value)).upper()
    if not stdnum_postcode.is_valid(text):
        raise ValidationError(_("Vul een geldige postcode in, bijvoorbeeld 1234 AB."), code="postcode")
    return stdnum_postcode.compact(text)


def validate_postcode(value: str) -> None:
    if parse_postcode(value) != value:
        raise ValidationError(_("Vul een geldige postcode in, bijvoorbeeld 1234 AB."), code="postcode")


def format_postcode(value: str) -> str:
    return f"{value[:4]} {value[4:]}" if len(value) == 6 else value


def mask_bsn(value: str) -> str:
    """Show only the last three digits (``******123``) wherever a BSN must be recognisable on screen."""
    return "******" + value[-3:] if value else ""
