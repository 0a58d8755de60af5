"""The work queue of requests (VOT 315, VOW 317) with the OP090/OP274 deadlines, and answering one (319)."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel.core.access import policy_for
from schakel.core.deadlines import flag
from schakel.web.form_styles import AccessibleFormMixin

from .. import services
from ..models import Request
from .common import PAGE_SIZE, log_message_read
from .detail import request_facts

VIEW_REQUEST = "exchange.view_request"
REASONS = [
    ("", gettext_lazy("— kies —")),
    ("1", gettext_lazy("1 Geen wijziging maar nieuwe aanvraag")),
    ("2", gettext_lazy("2 Past niet binnen budget")),
    ("3", gettext_lazy("3 Geen contract")),
    ("4", gettext_lazy("4 Past niet binnen contract")),
    ("5", gettext_lazy("5 Andere gemeente")),
    ("6", gettext_lazy("6 Stapeling")),
    ("7", gettext_lazy("7 Zorginhoudelijke afkeur")),
    ("8", gettext_lazy("8 Woonplaatsbeginsel (Jeugdwet)")),
    ("9", gettext_lazy("9 Leeftijdsgrens is bereikt")),
]
FLAGS = {
    "verlopen": gettext_lazy("Verlopen"),
    "binnenkort": gettext_lazy("Binnenkort"),
    "op_tijd": gettext_lazy("Op tijd"),
}


class AnswerForm(AccessibleFormMixin, forms.Form):
    antwoord = forms.ChoiceField(
        label=gettext_lazy("Antwoord"),
        choices=[("1", gettext_lazy("Verzoek afwijzen")), ("2", gettext_lazy("Aanvraag in onderzoek"))],
        widget=forms.RadioSelect,
    )
    reden = forms.ChoiceField(label=gettext_lazy("Reden afwijzing"), choices=REASONS, required=False)
    woonplaats_gemeente = forms.CharField(
        label=gettext_lazy("Verantwoordelijke gemeente (CBS-code)"),
        required=False,
        max_length=4,
        help_text=gettext_lazy("Alleen bij afwijzing wegens het woonplaatsbeginsel."),
    )


def _require(user) -> None:
    if not policy_for(user).has_perm(VIEW_REQUEST):
        raise PermissionDenied(_("U heeft geen toegang tot verzoeken van aanbieders."))


@login_required
def request_list(request):
    _require(request.user)
    today = timezone.localdate()
    show = request.GET.get("toon", "open")
    qs = (
        Request.objects.visible_to(request.user)
        .select_related("provider", "message")
        .order_by("answer_due", "id")
    )
    if show == "open":
        qs = qs.filter(status__in=[Request.Status.OPEN, Request.Status.IN_ONDERZOEK])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = []
    for item in page.object_list:
        is_open = item.status in (Request.Status.OPEN, Request.Status.IN_ONDERZOEK)
        code = flag(item.answer_due, today, met=not is_open)
        rows.append({"request": item, "flag": code.value, "flag_label": FLAGS.get(code.value, "")})
    return render(
        request, "exchange/requests.html", {"rows": rows, "page": page, "show": show, "today": today}
    )


@login_required
def request_detail(request, pk: int):
    _require(request.user)
    item = get_object_or_404(
        Request.objects.visible_to(request.user).select_related(
            "provider", "message", "gemeente", "answered_by"
        ),
        pk=pk,
    )
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_request(request.user, item, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in (
                exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            ).items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            flash.success(request, _("Het antwoordbericht staat klaar om te verzenden."))
            return redirect("exchange:request", pk=item.pk)
    log_message_read(request.user, item.message, "verzoeken.inzien")
    can_answer = policy_for(request.user).has_perm(
        services.CHANGE_REQUEST, item.gemeente_id
    ) and item.status in (
        Request.Status.OPEN,
        Request.Status.IN_ONDERZOEK,
    )
    context = {"item": item, "form": form, "can_answer": can_answer, "requested": request_facts(item.detail)}
    return render(request, "exchange/request.html", context)
