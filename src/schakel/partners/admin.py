"""Admin for the functioneel beheerder: insurers, delivery partners, partnerships, interventions, partner
users and the screening areas. Referrals, consent and the fund ledger are changed through the services only."""

from django.contrib import admin

from .models import (
    CollectivePolicy,
    CostShare,
    DeliveryPartner,
    HealthInsurer,
    Intervention,
    InterventionStep,
    Partnership,
    PartnerUser,
    ScreeningArea,
)


@admin.register(HealthInsurer)
class HealthInsurerAdmin(admin.ModelAdmin):
    list_display = ["name", "uzovi"]
    search_fields = ["name", "uzovi"]


@admin.register(DeliveryPartner)
class DeliveryPartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "gemeente", "provider"]
    list_filter = ["gemeente"]
    list_select_related = ["gemeente", "provider"]
    autocomplete_fields = ["provider"]


class PolicyInline(admin.TabularInline):
    model = CollectivePolicy
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "gemeente", "insurer", "started_on", "ended_on"]
    list_select_related = ["gemeente", "insurer"]
    inlines = [PolicyInline]


class StepInline(admin.TabularInline):
    model = InterventionStep
    extra = 0


class CostShareInline(admin.TabularInline):
    model = CostShare
    extra = 0


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnership", "deliverer", "active"]
    list_select_related = ["partnership", "deliverer"]
    list_filter = ["kind", "active"]
    inlines = [StepInline, CostShareInline]


@admin.register(PartnerUser)
class PartnerUserAdmin(admin.ModelAdmin):
    list_display = ["user", "insurer", "deliverer"]
    list_select_related = ["user", "insurer", "deliverer"]
    raw_id_fields = ["user"]


@admin.register(ScreeningArea)
class ScreeningAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "active"]
    list_editable = ["order", "active"]
