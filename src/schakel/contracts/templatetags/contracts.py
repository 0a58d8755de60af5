"""Template filters of the contracts screens: euro amounts from eurocent, code-list labels."""

from django import template

from schakel.web.templatetags.schakel_web import euro

from ..vocab import Eenheid, Frequentie, RedenWijziging

register = template.Library()


#: The one euro formatting of Schakel (``web``), available here too for this app's templates.
register.filter("euro", euro)


@register.filter
def frequentie(code: str) -> str:
    return str(Frequentie(code).label) if code in Frequentie.values else code


@register.filter
def eenheid(code: str) -> str:
    return str(Eenheid(code).label) if code in Eenheid.values else code


@register.filter
def reden(code: str) -> str:
    return f"{code} {RedenWijziging(code).label}" if code in RedenWijziging.values else code
