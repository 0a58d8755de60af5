"""Template filters of the contracts screens: euro amounts from eurocent, code-list labels."""

from django import template

from ..vocab import Eenheid, Frequentie, RedenWijziging

register = template.Library()


@register.filter
def euro(cents) -> str:
    """``123456`` → ``€ 1.234,56`` (amounts are stored in eurocent, IV024)."""
    if cents is None or cents == "":
        return "–"
    cents = int(cents)
    whole = f"{abs(cents) // 100:,}".replace(",", ".")
    return f"{'-' if cents < 0 else ''}€ {whole},{abs(cents) % 100:02d}"


@register.filter
def frequentie(code: str) -> str:
    return str(Frequentie(code).label) if code in Frequentie.values else code


@register.filter
def eenheid(code: str) -> str:
    return str(Eenheid(code).label) if code in Eenheid.values else code


@register.filter
def reden(code: str) -> str:
    return f"{code} {RedenWijziging(code).label}" if code in RedenWijziging.values else code
