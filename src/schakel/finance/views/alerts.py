"""Alerts: the controller's work queue of budgets and earmarks whose forecast exceeds the limit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import AlertHandleForm, apply_service_error
from ..models import Budget, BudgetAlert
from ..services._base import HANDLE_ALERT, VIEW_ALERT
from .common import can, require_any


def _visible_alerts(user):
    return BudgetAlert.objects.filter(budget__in=Budget.objects.visible_to(user, VIEW_ALERT))


@login_required
def alerts(request):
    require_any(request.user, VIEW_ALERT)
    status = request.GET.get("status", "open")
    qs = _visible_alerts(request.user).select_related(
        "budget__gemeente", "budget__regio", "earmark", "handled_by"
    )
    qs = qs.filter(status="open") if status == "open" else qs.exclude(status="open")
    return render(
        request,
        "finance/alerts.html",
        {"alerts": list(qs[:200]), "status": status, "can_handle": can(request.user, HANDLE_ALERT)},
    )


@login_required
def alert_handle(request, pk: int):
    require_any(request.user, VIEW_ALERT)
    alert = _visible_alerts(request.user).select_related("budget", "earmark").filter(pk=pk).first()
    if alert is None:
        from django.http import Http404

        raise Http404
    require_any(request.user, HANDLE_ALERT)
    form = AlertHandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.handle_alert(request.user, alert, note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het signaal is afgehandeld."))
            return redirect("finance:alerts")
    return render(request, "finance/alert_handle.html", {"alert": alert, "form": form})
