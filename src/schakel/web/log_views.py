"""The privacy officer's pages: the processing log (verwerkingenlog), its CSV export and the security log.

Access follows the roles per municipality (:func:`schakel.core.access.policy_for`): an officer sees only the
entries of the municipalities where they hold ``core.view_processinglogentry`` (and entries without a
municipality written by staff of those municipalities). The log is read-only: there is no view that changes
or deletes an entry (the tables are append-only, BIO 8.15.05).

Filtering by person (AVG art. 15 inzage) takes the BSN in a POST form only; the page keeps the keyed hash
(:func:`schakel.core.pseudonym.pseudonymise`) in the session, never the BSN, and never puts either in a URL.
Looking at the log of one person is itself a processing of that person's data and is logged with the
activity ``privacytoezicht-verwerkingenlog`` (AVG art. 38/39), as is every export.
"""

from __future__ import annotations

import csv
from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.core import activities, processing_log, security_log
from schakel.core.access import policy_for
from schakel.core.models import Membership, ProcessingLogEntry, SecurityLogEntry, User
from schakel.core.pseudonym import pseudonymise
from schakel.people.models import BreakGlassGrant

from .forms import BsnLookupForm, ProcessingLogFilterForm, SecurityLogFilterForm

VIEW_LOG = "core.view_processinglogentry"
EXPORT_LOG = "core.export_processinglogentry"
VIEW_SECURITY_LOG = "core.view_securitylogentry"
VIEW_GRANTS = "people.view_breakglassgrant"
PERSON_FILTER_KEY = "schakel_processing_log_subject"
PAGE_SIZE = 50


def _scope(request, perm: str) -> list[int]:
    gemeente_ids = policy_for(request.user).gemeenten_with(perm)
    if not gemeente_ids:
        raise PermissionDenied(_("Alleen de privacy officer kan dit logboek inzien."))
    return sorted(gemeente_ids)


def _staff_of(gemeente_ids):
    return User.objects.filter(memberships__gemeente_id__in=gemeente_ids).distinct().order_by("username")


def scoped_entries(gemeente_ids):
    """Entries of these municipalities, plus entries without one written by their staff."""
    staff = Membership.objects.filter(user_id=OuterRef("user_id"), gemeente_id__in=gemeente_ids)
    return ProcessingLogEntry.objects.filter(
        Q(gemeente_id__in=gemeente_ids) | (Q(gemeente__isnull=True) & Exists(staff))
    ).select_related("processing_activity", "gemeente")


def _period(qs, data, field: str = "timestamp"):
    tz = timezone.get_current_timezone()
    if data.get("date_from"):
        qs = qs.filter(**{f"{field}__gte": datetime.combine(data["date_from"], time.min, tzinfo=tz)})
    if data.get("date_to"):
        qs = qs.filter(
            **{f"{field}__lt": datetime.combine(data["date_to"] + timedelta(days=1), time.min, tzinfo=tz)}
        )
    return qs


def filter_entries(qs, data: dict, subject_hash: str = ""):
    if subject_hash:
        qs = qs.filter(subject_hash=subject_hash)
    if data.get("user"):
        qs = qs.filter(user=data["user"])
    if data.get("action"):
        qs = qs.filter(action=data["action"])
    if data.get("result"):
        qs = qs.filter(result=data["result"])
    if data.get("activity"):
        qs = qs.filter(processing_activity=data["activity"])
    if data.get("break_glass"):
        qs = qs.exclude(break_glass_reason="")
    return _period(qs, data)


def log_supervision(user, gemeente_ids, *, action: str, operation: str, subject_hash: str = "") -> None:
    """Log the officer's own processing (activity ``privacytoezicht-verwerkingenlog``); the person is the
    keyed hash the page holds (the BSN itself is not kept after the lookup)."""
    processing_log.record(
        user=user,
        action=action,
        operation=operation,
        activity_code=activities.PRIVACY_SUPERVISION,
        subjects=[
            processing_log.Subject(
                "verwerkingenlog",
                "-",
                gemeente_id=gemeente_ids[0] if len(gemeente_ids) == 1 else None,
                subject_hash=subject_hash,
            )
        ],
        data_categories=["verwerkingenlog"],
    )


def _filter_form(request, gemeente_ids):
    form = ProcessingLogFilterForm(request.GET or None, users=_staff_of(gemeente_ids))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data


@require_http_methods(["GET", "POST"])
def processing_log_view(request):
    """List, filter and page through the processing log; POST sets or clears the person filter."""
    gemeente_ids = _scope(request, VIEW_LOG)
    back = f"{reverse('web:processing_log')}?{request.GET.urlencode()}".rstrip("?")
    bsn_form = BsnLookupForm()
    if request.method == "POST":
        if "clear_person" in request.POST:
            request.session.pop(PERSON_FILTER_KEY, None)
            return redirect(back)
        bsn_form = BsnLookupForm(request.POST)
        if bsn_form.is_valid():
            request.session[PERSON_FILTER_KEY] = pseudonymise(bsn_form.cleaned_data["bsn"])
            return redirect(back)
    subject_hash = request.session.get(PERSON_FILTER_KEY, "")
    form, data = _filter_form(request, gemeente_ids)
    entries = filter_entries(scoped_entries(gemeente_ids), data, subject_hash)
    if form.is_bound and not form.is_valid():
        entries = entries.none()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)  # read before this view's own log entry is written
    if subject_hash:
        log_supervision(
            request.user,
            gemeente_ids,
            action=ProcessingLogEntry.Action.SEARCH,
            operation="verwerkingenlog.inzien-per-persoon",
            subject_hash=subject_hash,
        )
    policy = policy_for(request.user)
    grant_gemeenten = [g for g in gemeente_ids if policy.has_perm(VIEW_GRANTS, g)]
    grants = _period(
        BreakGlassGrant.objects.filter(household__gemeente_id__in=grant_gemeenten).select_related(
            "user", "household__gemeente"
        ),
        data,
        "granted_at",
    )
    if data.get("user"):
        grants = grants.filter(user=data["user"])
    context = {
        "form": form,
        "bsn_form": bsn_form,
        "person_filter": bool(subject_hash),
        "page": page,
        "grants": list(grants[:25]),
        "show_grants": bool(grant_gemeenten),
        "now": timezone.now(),
        "can_export": any(policy.has_perm(EXPORT_LOG, g) for g in gemeente_ids),
        "query": request.GET.urlencode(),
    }
    return render(request, "web/privacy/processing_log.html", context)


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    """Neutralise spreadsheet formulas in free text (CSV injection, OWASP)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_HEADER = [
    "tijdstip",
    "actie_id",
    "trace_id",
    "gebruiker",
    "rollen",
    "actie",
    "handeling",
    "verwerkingsactiviteit",
    "vertrouwelijkheid",
    "bewaartermijn_jaren",
    "gemeente",
    "objecttype",
    "object_id",
    "betrokkene_hash",
    "soorten_gegevens",
    "resultaat",
    "kanaal",
    "oorsprong",
    "reden_doorbreking",
]


def _csv_row(entry: ProcessingLogEntry) -> list[str]:
    return [
        _cell(v)
        for v in (
            timezone.localtime(entry.timestamp).isoformat(),
            entry.action_id,
            entry.trace_id,
            entry.username,
            entry.roles,
            entry.action,
            entry.operation,
            entry.processing_activity.code,
            entry.confidentiality,
            entry.retention_years,
            entry.gemeente.code if entry.gemeente_id else "",
            entry.object_type,
            entry.object_id,
            entry.subject_hash,
            ",".join(entry.data_categories or []),
            entry.result,
            entry.channel,
            entry.origin,
            entry.break_glass_reason,
        )
    ]


@require_GET
def processing_log_export(request):
    """The filtered processing log as CSV (semicolon-separated, UTF-8 with BOM); the export is logged twice:
    a security-log ``export`` event (BIO 8.15.01) and a processing-log entry of the officer's own processing."""
    gemeente_ids = _scope(request, EXPORT_LOG)
    subject_hash = request.session.get(PERSON_FILTER_KEY, "")
    form, data = _filter_form(request, gemeente_ids)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('web:processing_log')}?{request.GET.urlencode()}")
    entries = filter_entries(scoped_entries(gemeente_ids), data, subject_hash).order_by("timestamp", "id")
    # The export covers the log as it was before this export's own entry.
    last_pk = ProcessingLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    entries = entries.filter(pk__lte=last_pk)
    count = entries.count()
    filters = {
        key: str(getattr(value, "pk", value)) for key, value in data.items() if value not in (None, "", False)
    }
    security_log.record(
        SecurityLogEntry.Event.EXPORT,
        user=request.user,
        object_description="verwerkingenlog (CSV)",
        result="gelukt",
        detail={
            "rows": count,
            "filters": filters,
            "person_filter": bool(subject_hash),
            "gemeente_ids": gemeente_ids,
        },
    )
    log_supervision(
        request.user,
        gemeente_ids,
        action=ProcessingLogEntry.Action.EXPORT,
        operation="verwerkingenlog.exporteren",
        subject_hash=subject_hash,
    )
    writer = csv.writer(_Echo(), delimiter=";")

    def rows():
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for entry in entries.iterator(chunk_size=2000):
            yield writer.writerow(_csv_row(entry))

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verwerkingenlog-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def scoped_security_entries(gemeente_ids):
    """Security events of staff of these municipalities (also failed logins under their usernames) and
    events about these municipalities (role changes, break the glass)."""
    staff = _staff_of(gemeente_ids)
    return SecurityLogEntry.objects.filter(
        Q(user__in=staff.values("pk"))
        | Q(user__isnull=True, username__in=staff.values("username"))
        | Q(detail__gemeente_id__in=gemeente_ids)
    )


@require_GET
def security_log_view(request):
    """The security log (BIO 8.15.01): logins, failures, lock-outs, role changes, exports, break the glass."""
    gemeente_ids = _scope(request, VIEW_SECURITY_LOG)
    form = SecurityLogFilterForm(request.GET or None)
    entries = scoped_security_entries(gemeente_ids)
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            if data.get("event"):
                entries = entries.filter(event=data["event"])
            if data.get("username"):
                entries = entries.filter(username__iexact=data["username"].strip())
            entries = _period(entries, data)
        else:
            entries = entries.none()
    page = Paginator(entries.order_by("-timestamp", "-id"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "web/privacy/security_log.html",
        {"form": form, "page": page, "query": request.GET.urlencode()},
    )
