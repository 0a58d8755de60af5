"""Template filters of the finance screens: eurocent shown as Dutch euro amounts."""

from django import template

register = template.Library()


@register.filter
def euro(cents) -> str:
    """``123456789`` → ``€ 1.234.567,89`` (negative with a minus sign)."""
    if cents is None or cents == "":
        return ""
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"


@register.filter
def percent_bp(bp) -> str:
    """Basis points as a Dutch percentage: ``250`` → ``2,5%``."""
    value = int(bp or 0) / 100
    text = f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}%"
