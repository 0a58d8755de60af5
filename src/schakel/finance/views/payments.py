"""Payment runs (prepare, submit, approve by a second person, export SEPA/CSV) and cost-split rules."""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from schakel.core import security_log
from schakel.core.access import policy_for
from schakel.core.models import Gemeente, SecurityLogEntry

from .. import services, workflow
from ..forms import CostSplitForm, PrepareRunForm, RunActionForm, apply_service_error
from ..models import CostSplitRule, PayableLine, PaymentRun
from ..services._base import ADD_RULE, APPROVE_RUN, PREPARE_RUN, VIEW_RUN, log_persons
from .common import can, require_any, visible_or_404

ACTION_LABELS = {
    "indienen": gettext_lazy("Indienen ter goedkeuring"),
    "annuleren": gettext_lazy("Annuleren"),
    "goedkeuren": gettext_lazy("Goedkeuren"),
    "afkeuren": gettext_lazy("Afkeuren"),
    "terugtrekken": gettext_lazy("Terugtrekken"),
    "betaald": gettext_lazy("Markeren als betaald"),
}


def _open_totals(user):
    """Per provider the open payable total of the municipalities where the user may prepare runs."""
    gemeenten = policy_for(user).gemeenten_with(PREPARE_RUN)
    rows = (
        PayableLine.objects.filter(
            gemeente_id__in=gemeenten, status=PayableLine.Status.PAYABLE, provider__isnull=False
        )  # lines without a provider (interventions paid outside Schakel) never enter a run
        .exclude(run_lines__active=True)
        .values("gemeente_id", "provider_id", "provider__name")
        .annotate(total=Sum("amount_cents"), n=Count("id"))
        .order_by("provider__name")
    )
    return list(rows)


@login_required
def runs(request):
    require_any(request.user, VIEW_RUN)
    may_prepare = can(request.user, PREPARE_RUN)
    totals = _open_totals(request.user) if may_prepare else []
    providers = [(f"{r['gemeente_id']}:{r['provider_id']}", f"{r['provider__name']}") for r in totals]
    form = PrepareRunForm(request.POST or None, providers=providers) if may_prepare else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            gid, pid = (int(v) for v in form.cleaned_data["provider"].split(":"))
            provider = apps.get_model("contracts", "Provider").objects.get(pk=pid)
            try:
                run = services.prepare_run(
                    request.user,
                    gemeente=Gemeente.objects.get(pk=gid),
                    provider=provider,
                    execution_date=form.cleaned_data["execution_date"],
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("De betaalronde is voorbereid."))
                return redirect("finance:run", pk=run.pk)
    listing = PaymentRun.objects.visible_to(request.user, VIEW_RUN).select_related(
        "provider", "prepared_by", "approved_by", "gemeente", "regio"
    )[:200]
    return render(request, "finance/runs.html", {"runs": listing, "form": form, "totals": totals})


@login_required
def run(request, pk: int):
    obj = visible_or_404(
        PaymentRun, request.user, pk, VIEW_RUN, related=("provider", "prepared_by", "approved_by")
    )
    lines = list(
        PayableLine.objects.filter(run_lines__run=obj)
        .select_related("allocation__person")
        .order_by("period_start", "id")[:500]
    )
    # The allocation numbers on the page point to clients: logged like the drill-down.
    log_persons(
        request.user,
        {line.allocation.person_id: line.allocation.person for line in lines if line.allocation}.values(),
        operation="financien.betaalronde.inzien",
    )
    actions = []
    for action in workflow.allowed_actions(obj.status):
        _status, perm, who = workflow.USER_TRANSITIONS[obj.status][action]
        if not can(request.user, perm, obj.gemeente_id, obj.regio_id):
            continue
        if who == "other" and obj.prepared_by_id == request.user.pk:
            continue
        if who == "preparer" and obj.prepared_by_id != request.user.pk:
            continue
        actions.append((action, ACTION_LABELS[action]))
    four_eyes_note = obj.status == "ingediend" and obj.prepared_by_id == request.user.pk
    return render(
        request,
        "finance/run.html",
        {
            "run": obj,
            "lines": lines,
            "actions": actions,
            "form": RunActionForm(),
            "exportable": obj.status in workflow.EXPORTABLE,
            "four_eyes_note": four_eyes_note,
        },
    )


@login_required
@require_POST
def run_action(request, pk: int):
    obj = visible_or_404(PaymentRun, request.user, pk, VIEW_RUN)
    if not (can(request.user, PREPARE_RUN) or can(request.user, APPROVE_RUN)):
        raise PermissionDenied
    form = RunActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een handeling."))
        return redirect("finance:run", pk=obj.pk)
    try:
        services.transition(request.user, obj, form.cleaned_data["action"], note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("U mag deze handeling niet uitvoeren."))
    else:
        messages.success(request, _("De betaalronde is bijgewerkt."))
    return redirect("finance:run", pk=obj.pk)


def _export(request, pk: int, kind: str):
    obj = visible_or_404(PaymentRun, request.user, pk, VIEW_RUN, related=("provider",))
    try:
        if kind == "xml":
            body, ctype, name = (
                services.sepa_xml(request.user, obj),
                "application/xml",
                f"{obj.reference}.xml",
            )
        else:
            body, ctype, name = (
                services.run_csv(request.user, obj),
                "text/csv; charset=utf-8",
                f"{obj.reference}.csv",
            )
    except ValidationError as exc:
        return render(
            request, "finance/export_refused.html", {"run": obj, "messages_": exc.messages}, status=409
        )
    security_log.record(
        SecurityLogEntry.Event.EXPORT,
        user=request.user,
        object_description=f"betaalronde {obj.reference} ({kind})",
        result="gedownload",
    )
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def run_sepa(request, pk: int):
    return _export(request, pk, "xml")


@login_required
def run_csv(request, pk: int):
    return _export(request, pk, "csv")


@login_required
def costsplit(request):
    require_any(request.user, "finance.view_costsplitrule")
    policy = policy_for(request.user)
    may_add = policy.has_perm(ADD_RULE)
    form = (
        CostSplitForm(request.POST or None, initial={"valid_from": timezone.localdate()}) if may_add else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            gemeente = Gemeente.objects.get(pk=policy.gemeenten_with(ADD_RULE)[0])
            try:
                services.add_cost_split_rule(
                    request.user,
                    gemeente=gemeente,
                    name=data["name"],
                    law=data["law"],
                    product_category=data["product_category"].strip(),
                    product_code=data["product_code"].strip(),
                    intervention=data["intervention"].strip(),
                    partner=data["partner"],
                    partner_share_bp=int(Decimal(data["partner_share"]) * 100),
                    earmark_kind=data["earmark_kind"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("De verdeelregel is vastgelegd."))
                return redirect("finance:costsplit")
    rules = CostSplitRule.objects.filter(
        gemeente_id__in=policy.gemeenten_with("finance.view_costsplitrule")
    ).select_related("gemeente")
    return render(request, "finance/costsplit.html", {"rules": rules, "form": form})
