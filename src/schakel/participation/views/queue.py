"""Work queue of the secretary and the policy officer: advice and responses due soon or overdue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import services
from ..models import Advice, AdviceRequest, Reminder
from ..query import VIEW_REQUEST
from .common import flag_badge, gate


@login_required
def queue(request):
    user = request.user
    gate(user, VIEW_REQUEST)
    today = timezone.localdate()
    items = services.due_items(AdviceRequest.objects.visible_to(user), Advice.objects.visible_to(user), today)
    keys = {(i.kind, i.object_id) for i in items}
    sent = {}
    if keys:
        for kind, object_id, sent_on in Reminder.objects.filter(
            object_id__in=[k[1] for k in keys]
        ).values_list("kind", "object_id", "sent_on"):
            if (kind, object_id) in keys:
                sent[(kind, object_id)] = max(sent_on, sent.get((kind, object_id), sent_on))
    rows = [
        {"item": i, "flag": flag_badge(i.flag), "reminded": sent.get((i.kind, i.object_id))} for i in items
    ]
    return render(request, "participation/queue.html", {"rows": rows, "today": today})
