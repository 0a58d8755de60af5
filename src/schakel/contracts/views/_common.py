"""Helpers shared by the contracts screens: access checks, running a service on a form, paging."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render

from schakel.core.access import policy_for

from ..forms import apply_service_error
from ..query import VIEW_OWN_PROVIDER, provider_ids_of

PAGE_SIZE = 50


def require_any_perm(user, *perms: str, provider_user_ok: bool = False) -> None:
    """Refuse (403) unless the user holds one of ``perms`` somewhere, or works for a provider."""
    policy = policy_for(user)
    if any(policy.has_perm(p) for p in perms):
        return
    if provider_user_ok and provider_ids_of(user) and policy.has_perm(VIEW_OWN_PROVIDER):
        return
    raise PermissionDenied


def run(request, form, action, *, success: str):
    """Call a service; put its validation errors on the form. Returns the result, or ``None`` on errors."""
    try:
        result = action()
    except ValidationError as exc:
        apply_service_error(form, exc)
        return None
    messages.success(request, success)
    return result if result is not None else True


def page_of(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))


def form_page(request, form, *, title: str, back_url: str, intro: str = "", submit: str = "", **extra):
    return render(
        request,
        "contracts/form.html",
        {"form": form, "title": title, "back_url": back_url, "intro": intro, "submit": submit, **extra},
    )
