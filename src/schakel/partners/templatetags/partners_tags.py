"""Template filters of the partners screens."""

from django import template

from .. import leidraad

register = template.Library()


@register.filter
def averages(check) -> list[tuple[str, float]]:
    """(part name, average score) of one collaboration check, in the leidraad's order."""
    names = {part.code: str(part.name) for part in leidraad.PARTS}
    return [(names[code], avg) for code, avg in leidraad.part_averages(check.scores).items()]
