"""Admin of the outcomes app: functional configuration only (instruments, criteria texts, evaluation interval).

Measurements are personal data and are not in the admin; they are entered and read through the screens and
the API, which apply need-to-know and write the processing log.
"""

from django.contrib import admin

from .models import DomainCriterion, Instrument, InstrumentDomain, OutcomeSettings, ScaleLevel


class DomainInline(admin.TabularInline):
    model = InstrumentDomain
    extra = 0
    fields = ["order", "code", "name", "life_domain"]


class LevelInline(admin.TabularInline):
    model = ScaleLevel
    extra = 0
    fields = ["value", "label", "definition"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "kind", "active"]
    list_filter = ["kind", "active"]
    inlines = [DomainInline, LevelInline]


class CriterionInline(admin.TabularInline):
    model = DomainCriterion
    extra = 1
    fields = ["score", "text"]


@admin.register(InstrumentDomain)
class InstrumentDomainAdmin(admin.ModelAdmin):
    """Criteria per cell are the municipality's own texts (the ZRM criteria are © GGD Amsterdam)."""

    list_display = ["name", "instrument", "order", "life_domain"]
    list_filter = ["instrument"]
    inlines = [CriterionInline]


@admin.register(OutcomeSettings)
class OutcomeSettingsAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "evaluation_interval_months"]
