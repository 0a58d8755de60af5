"""Small template filters of the web shell."""

from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration_minutes(value) -> int:
    """A ``timedelta`` in whole minutes (rounded up), for texts such as 'over 30 minuten'."""
    if not isinstance(value, timedelta):
        return 0
    seconds = int(value.total_seconds())
    return max(0, -(-seconds // 60))


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links), e.g. ``page=2``."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def euro(cents) -> str:
    """An amount in eurocent the Dutch way: ``123456789`` → ``€ 1.234.567,89``; ``-150`` → ``-€ 1,50``.

    Schakel stores money as integer eurocent everywhere (as the iStandaarden do, e.g. IV024); this is the
    one place it is formatted for people."""
    if cents is None or cents == "":
        return "–"
    cents = int(cents)
    whole, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}€ {whole:,}".replace(",", ".") + f",{rest:02d}"
