"""Inbox and outbox with the status per message and every retour code explained in plain Dutch."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from schakel.web.form_styles import AccessibleFormMixin

from ..models import Message, MessageStatus, MessageType
from .common import PAGE_SIZE, explained, log_message_read, require_view


class MessageFilterForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + MessageStatus.choices
    )
    bericht = forms.ChoiceField(
        label=_("Bericht"), required=False, choices=[("", _("Alle"))] + MessageType.choices
    )

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


def _listing(request, direction: str, title, template_name: str):
    require_view(request.user)
    form = MessageFilterForm(request.GET or None)
    qs = Message.objects.visible_to(request.user).filter(direction=direction)
    if form.value("status"):
        qs = qs.filter(status=form.value("status"))
    if form.value("bericht"):
        qs = qs.filter(message_type=form.value("bericht"))
    qs = qs.select_related("provider", "gemeente").defer("raw").order_by("-received_at", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [{"message": m, "codes": explained(m.codes)} for m in page.object_list]
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        template_name,
        {
            "title": title,
            "form": form,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "direction": direction,
        },
    )


@login_required
def inbox(request):
    return _listing(request, "in", _("Ontvangen berichten"), "exchange/messages.html")


@login_required
def outbox(request):
    return _listing(request, "uit", _("Verzonden berichten"), "exchange/messages.html")


@login_required
def message_detail(request, pk: int):
    require_view(request.user)
    message = get_object_or_404(
        Message.objects.visible_to(request.user).select_related(
            "provider", "gemeente", "retour_of", "answers"
        ),
        pk=pk,
    )
    log_message_read(request.user, message, "berichten.inzien")
    retours = list(message.retours.all().defer("raw"))
    context = {
        "message": message,
        "codes": explained(message.codes),
        "retours": [{"message": r, "codes": explained(r.codes)} for r in retours],
        "allocations": list(message.allocations.all()),
        "xml": bytes(message.raw or b"").decode("utf-8", errors="replace"),
    }
    return render(request, "exchange/message.html", context)
