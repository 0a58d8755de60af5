"""Template filters of the finance screens: eurocent shown as Dutch euro amounts."""

from django import template

from schakel.web.templatetags.schakel_web import euro

register = template.Library()


#: The one euro formatting of Schakel (``web``), available here too for this app's templates.
register.filter("euro", euro)


@register.filter
def percent_bp(bp) -> str:
    """Basis points as a Dutch percentage: ``250`` → ``2,5%``."""
    value = int(bp or 0) / 100
    text = f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}%"
