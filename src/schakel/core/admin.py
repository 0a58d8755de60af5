"""Admin for functional configuration: municipalities, regions, teams, roles, register, logs (read-only)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import (
    DeadlineRule,
    Gemeente,
    Membership,
    ProcessingActivity,
    ProcessingLogEntry,
    Regio,
    Role,
    SecurityLogEntry,
    Team,
    User,
)


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "inhabitants")
    search_fields = ("name", "code")


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    filter_horizontal = ("gemeenten",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "gemeente")
    list_filter = ("gemeente",)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    filter_horizontal = ("permissions",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ()


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "is_active", "is_staff")


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "legal_basis", "retention_years", "confidentiality", "active")
    search_fields = ("name", "code", "legal_basis")

    def has_delete_permission(self, request, obj=None):
        return False  # log entries refer to it; deactivate instead


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "law", "amount", "unit", "legal_source")


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """Log tables: viewable by those allowed, never added, changed or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProcessingLogEntry)
class ProcessingLogEntryAdmin(ReadOnlyLogAdmin):
    list_display = ("timestamp", "username", "action", "operation", "object_type", "object_id", "result")
    list_filter = ("action", "result", "channel")
    date_hierarchy = "timestamp"


@admin.register(SecurityLogEntry)
class SecurityLogEntryAdmin(ReadOnlyLogAdmin):
    list_display = ("timestamp", "event", "username", "result", "origin")
    list_filter = ("event",)
    date_hierarchy = "timestamp"
