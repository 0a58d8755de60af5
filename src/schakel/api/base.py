"""Shared building blocks of the API viewsets: authentication, the access policy and the processing log.

Every viewset of ``/api/v1/`` derives from :class:`SchakelViewSet`, so that

* authentication is a DRF token (issued in the admin) or a session with a verified second factor
  (BIO 5.17.01, :class:`schakel.api.permissions.IsVerifiedStaff`);
* a user needs one of ``required_perms`` in some municipality to use the resource at all; which
  objects they see is decided by the ``visible_to(user)`` querysets (need-to-know, BIO 8.03.02), the
  same querysets the web UI uses;
* every response that shows personal data writes one processing-log entry per person shown, in one
  bulk insert (VNG Verwerkingenlogging; Logius Logboek Dataverwerkingen: no sampling);
* a request for an object outside the user's scope answers 404 (no leak of its existence) and writes a
  processing-log entry with result ``geweigerd`` for the privacy officer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission

from schakel.core import activities, processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry
from schakel.people.services import log_read

from .permissions import IsVerifiedStaff

PEOPLE_READ = ("people.view_household", "people.view_all_households")
CASES_READ = ("cases.view_case",)


class HasResourcePermission(BasePermission):
    """The user holds at least one of the view's ``required_perms`` in one of their municipalities."""

    message = "U heeft geen toegang tot deze gegevens."

    def has_permission(self, request, view):
        required = getattr(view, "required_perms", ())
        if not required:
            return True
        policy = policy_for(request.user)
        return any(policy.has_perm(perm) for perm in required)


def unique_persons(persons: Iterable) -> list:
    """Deduplicate persons by primary key, keeping the first occurrence (one log entry per person)."""
    seen: dict[int, Any] = {}
    for person in persons:
        if person is not None and person.pk not in seen:
            seen[person.pk] = person
    return list(seen.values())


def household_members(household) -> list:
    """The persons of a household whose memberships were prefetched (``memberships__person``)."""
    return [membership.person for membership in household.memberships.all()]


class Pagination(PageNumberPagination):
    """Pages of 50 (``?pagina=2``)."""

    page_query_param = "pagina"
    page_query_description = "Paginanummer (vanaf 1)."


class SchakelViewSet(viewsets.GenericViewSet):
    """Base viewset: auth, access policy, processing log of reads, Dutch service-error field names."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsVerifiedStaff, HasResourcePermission]
    pagination_class = Pagination
    lookup_value_regex = "[0-9]+"
    required_perms: tuple[str, ...] = CASES_READ

    #: Processing log: the object type, the operation prefix and the data categories shown.
    log_object_type = ""
    log_operation = ""
    list_categories: tuple[str, ...] = ()
    detail_categories: tuple[str, ...] = ()
    #: Field path from the model to its municipality (for the log entry of a denied request).
    gemeente_path = "gemeente_id"
    #: Service (model) field names → API field names, for Django ValidationErrors raised by services.
    service_fields: dict[str, str] = {}

    # ------------------------------------------------------------------ processing log

    def persons_of(self, obj) -> Iterable:
        """The persons whose data ``obj`` shows. Must use prefetched relations only."""
        raise NotImplementedError

    def log_read(self, objects: Iterable, *, detail: bool) -> None:
        self.log_persons(unique_persons(p for obj in objects for p in self.persons_of(obj)), detail=detail)

    def log_persons(self, persons: list, *, detail: bool) -> None:
        """One processing-log entry per person shown (objects with ``pk``, ``bsn`` and ``gemeente_id``)."""
        categories = self.detail_categories if detail else self.list_categories
        suffix = "inzien" if detail else "lijst"
        log_read(
            self.request.user,
            persons,
            operation=f"api.{self.log_operation}.{suffix}",
            data_categories=list(categories),
        )

    def list_logged(self, queryset):
        """A paginated list response that logs every person on the returned page."""
        page = self.paginate_queryset(self.filter_queryset(queryset))
        self.log_read(page, detail=False)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            self._log_denied()
            raise

    def _log_denied(self) -> None:
        """A request for an object that exists but is outside the user's scope: logged, answered 404.

        Resources without personal data (no ``log_object_type``, e.g. reference data) log nothing."""
        if not self.log_object_type:
            return
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        model = self.get_queryset().model
        found = model.objects.filter(pk=value).values_list(self.gemeente_path, flat=True)[:1]
        if not found:
            return
        processing_log.record(
            user=self.request.user,
            action=ProcessingLogEntry.Action.READ,
            operation=f"api.{self.log_operation}.inzien",
            activity_code=activities.CASE_MANAGEMENT,
            subjects=[processing_log.Subject(self.log_object_type, value, "", found[0])],
            result=ProcessingLogEntry.Result.DENIED,
        )

    # ------------------------------------------------------------------ services

    def call_service(self, function: Callable, *args, **kwargs):
        """Call a ``services`` function; its Django ValidationErrors get the API's field names."""
        try:
            return function(*args, **kwargs)
        except DjangoValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise exceptions.ValidationError({"non_field_errors": exc.messages})
            detail = {
                self.service_fields.get(field, field): messages
                for field, messages in exc.message_dict.items()
            }
            raise exceptions.ValidationError(detail)
