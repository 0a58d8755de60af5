"""``{% allocation_messages allocation as rows %}``: the message history of one allocation (one query)."""

from django import template

from ..codes import explained_codes

register = template.Library()


@register.simple_tag
def allocation_messages(allocation):
    from ..models import Message

    messages = list(
        Message.objects.filter(allocation_links__allocation_id=allocation.pk)
        .defer("raw")
        .order_by("received_at", "id")
    )
    return [{"message": m, "codes": explained_codes(m.codes)} for m in messages]
