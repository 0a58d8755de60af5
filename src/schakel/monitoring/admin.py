"""Admin: the extract runs (read-only; for the functioneel beheerder)."""

from django.contrib import admin

from .models import ExtractRun


@admin.register(ExtractRun)
class ExtractRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "finished_at", "status", "full")
    list_filter = ("status",)
    readonly_fields = ("started_at", "finished_at", "status", "full", "tables", "error")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
