"""Admin for functional configuration of the councils (functioneel beheerder): councils, seats, setup."""

from django.contrib import admin

from .models import Council, CouncilMember, Setup


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "gemeente", "regio", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    inlines = [MemberInline]
    filter_horizontal = ["constituent_councils"]


@admin.register(Setup)
class SetupAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "model", "coordination_point", "advice_weeks", "response_weeks"]
